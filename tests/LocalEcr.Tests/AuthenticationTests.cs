using System;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

/// <summary>Every request's signature is verified, and rejections read the way AWS words them.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private static readonly object ListEmpty = new { repositoryName = "app" };
    private LocalEcrHarness _ecr = null!;

    public async Task InitializeAsync() => _ecr = await LocalEcrHarness.StartAsync(new SeedDocument
    {
        Credentials =
        [
            new SeedCredentials { AccessKeyId = "AKIDSESSION", SecretAccessKey = "session/secret", SessionToken = "token-123" },
            new SeedCredentials { AccessKeyId = "AKIDEXPIRED", SecretAccessKey = "expired/secret", Expired = true },
        ],
        Repositories = [new SeedRepository { Name = "app" }],
    });

    public async Task DisposeAsync() => await _ecr.DisposeAsync();

    [Fact]
    public async Task The_default_credentials_are_accepted_with_any_region_and_the_region_is_recorded()
    {
        await _ecr.Client.SucceedAsync("ListImages", ListEmpty, new CallOptions { Region = "eu-west-1" });

        var last = _ecr.Server.Stats.Snapshot().LastRequest!;
        Assert.Equal(("ListImages", "AKIDLOCALECREXAMPLE", "eu-west-1", false, "LocalEcr.Tests/1.0"),
            (last.Operation, last.AccessKeyId, last.Region, last.HasSessionToken, last.UserAgent));
    }

    [Fact]
    public async Task A_request_without_authorization_is_missing_its_token()
    {
        var result = await _ecr.Client.CallAsync("ListImages", ListEmpty, new CallOptions { Sign = false });
        AssertRejected(result, 400, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    [Fact]
    public async Task An_unknown_access_key_is_an_unrecognized_client()
    {
        var result = await _ecr.Client.CallAsync("ListImages", ListEmpty,
            new CallOptions { Credentials = new LocalEcrCredentials("AKIDUNKNOWN", "whatever") });
        AssertRejected(result, 400, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    [Fact]
    public async Task A_wrong_secret_gives_a_signature_mismatch()
    {
        var result = await _ecr.Client.CallAsync("ListImages", ListEmpty,
            new CallOptions { Credentials = LocalEcrServer.DefaultCredentials with { SecretAccessKey = "not-the-secret" } });
        AssertRejected(result, 400, "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key " +
            "and signing method. Consult the service documentation for details.");
        Assert.DoesNotContain("not-the-secret", result.Body.ToString());
    }

    [Fact]
    public async Task A_signature_for_another_service_is_refused()
    {
        var result = await _ecr.Client.CallAsync("ListImages", ListEmpty, new CallOptions { Service = "s3" });
        AssertRejected(result, 400, "InvalidSignatureException", "Credential should be scoped to correct service: 'ecr'. ");
    }

    [Fact]
    public async Task A_request_signed_more_than_15_minutes_ago_has_expired()
    {
        var result = await _ecr.Client.CallAsync("ListImages", ListEmpty, new CallOptions { SignedAt = DateTime.UtcNow.AddMinutes(-20) });
        Assert.Equal(400, (int)result.Status);
        Assert.Equal("InvalidSignatureException", result.ErrorType);
        Assert.StartsWith("Signature expired: ", result.Message);
        Assert.EndsWith(" - 15 min.)", result.Message);
    }

    [Fact]
    public async Task A_request_signed_more_than_15_minutes_ahead_is_not_yet_current()
    {
        var result = await _ecr.Client.CallAsync("ListImages", ListEmpty, new CallOptions { SignedAt = DateTime.UtcNow.AddMinutes(20) });
        Assert.Equal("InvalidSignatureException", result.ErrorType);
        Assert.StartsWith("Signature not yet current: ", result.Message);
    }

    [Fact]
    public async Task A_small_clock_skew_is_tolerated()
    {
        await _ecr.Client.SucceedAsync("ListImages", ListEmpty, new CallOptions { SignedAt = DateTime.UtcNow.AddMinutes(-10) });
    }

    [Fact]
    public async Task Credentials_with_a_session_token_need_the_same_token()
    {
        var credentials = new LocalEcrCredentials("AKIDSESSION", "session/secret");
        await _ecr.Client.SucceedAsync("ListImages", ListEmpty, new CallOptions { Credentials = credentials, SessionToken = "token-123" });
        Assert.True(_ecr.Server.Stats.Snapshot().LastRequest!.HasSessionToken);

        var missing = await _ecr.Client.CallAsync("ListImages", ListEmpty, new CallOptions { Credentials = credentials });
        AssertRejected(missing, 400, "UnrecognizedClientException", "The security token included in the request is invalid.");
        var wrong = await _ecr.Client.CallAsync("ListImages", ListEmpty, new CallOptions { Credentials = credentials, SessionToken = "token-999" });
        AssertRejected(wrong, 400, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    [Fact]
    public async Task Expired_credentials_answer_expired_token()
    {
        var result = await _ecr.Client.CallAsync("ListImages", ListEmpty,
            new CallOptions { Credentials = new LocalEcrCredentials("AKIDEXPIRED", "expired/secret") });
        AssertRejected(result, 400, "ExpiredTokenException", "The security token included in the request is expired");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_changed_after_signing_fails_verification(bool withContentHashHeader)
    {
        // Signed for one body, sent with another: the payload hash no longer matches. AWSSDK.Core also sends an
        // x-amz-content-sha256 header naming the body signed; the hash that counts is the one of the body received.
        var signedBody = "{\"repositoryName\":\"app\"}"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, _ecr.Server.Endpoint)
        {
            Content = new ByteArrayContent("{\"repositoryName\":\"other\"}"u8.ToArray()),
        };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.ListImages");
        if (withContentHashHeader)
        {
            request.Headers.TryAddWithoutValidation("x-amz-content-sha256", Convert.ToHexString(SHA256.HashData(signedBody)).ToLowerInvariant());
        }

        var credentials = LocalEcrServer.DefaultCredentials;
        SigV4.Sign(request, signedBody, credentials.AccessKeyId, credentials.SecretAccessKey, "us-east-1", "ecr", DateTime.UtcNow);

        using var response = await _ecr.Client.Http.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("InvalidSignatureException", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rejections_are_counted_as_failures_with_a_request_id()
    {
        var result = await _ecr.Client.CallAsync("ListImages", ListEmpty, new CallOptions { Sign = false });

        Assert.True(Guid.TryParse(string.Join("", result.Response.Headers.GetValues("x-amzn-RequestId")), out _));
        Assert.Equal("application/x-amz-json-1.1", result.Response.Content.Headers.ContentType!.MediaType);
        var stats = _ecr.Server.Stats.Snapshot();
        Assert.Equal((1, 1, 1), (stats.TotalRequests, stats.FailedRequests, stats.Requests["ListImages"]));
    }

    private static void AssertRejected(EcrResult result, int status, string errorType, string message)
    {
        Assert.Equal(status, (int)result.Status);
        Assert.Equal(errorType, result.ErrorType);
        Assert.Equal(message, result.Message);
    }
}
