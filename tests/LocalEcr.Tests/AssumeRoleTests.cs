using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

/// <summary>STS AssumeRole in the query protocol: signed for sts, answered in STS's XML, its credentials accepted by ECR.</summary>
public sealed class AssumeRoleTests : IAsyncLifetime
{
    private const string RoleArn = "arn:aws:iam::210987654321:role/team/EcrReader";
    private static readonly object ListApp = new { repositoryName = "app" };
    private static readonly LocalEcrCredentials Source = new("AKIDSOURCE", "source/secret");
    private LocalEcrHarness _ecr = null!;

    private Uri Endpoint => _ecr.Server.Endpoint;

    public async Task InitializeAsync() => _ecr = await LocalEcrHarness.StartAsync(new SeedDocument
    {
        Credentials =
        [
            new SeedCredentials { AccessKeyId = Source.AccessKeyId, SecretAccessKey = Source.SecretAccessKey },
            new SeedCredentials { AccessKeyId = "AKIDEXPIRED", SecretAccessKey = "expired/secret", Expired = true },
        ],
        Repositories = [new SeedRepository { Name = "app" }],
    });

    public async Task DisposeAsync() => await _ecr.DisposeAsync();

    [Fact]
    public async Task AssumeRole_answers_STS_XML_with_temporary_credentials_for_the_role_and_session()
    {
        var before = DateTimeOffset.UtcNow;
        var result = await _ecr.Client.AssumeRoleAsync(Endpoint, RoleArn, "ci@build-42", options: IdentityTestClient.Sts with { Credentials = Source });

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("text/xml", result.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("AssumeRoleResponse", result.Xml.Root!.Name.LocalName);
        Assert.Equal(StsResult.Ns, result.Xml.Root.Name.Namespace);
        Assert.Equal("arn:aws:sts::210987654321:assumed-role/EcrReader/ci@build-42", result["AssumeRoleResult/AssumedRoleUser/Arn"]);
        Assert.Matches("^AROA[A-Z2-7]{17}:ci@build-42$", result["AssumeRoleResult/AssumedRoleUser/AssumedRoleId"]);
        Assert.Matches("^ASIA[A-Z2-7]{16}$", result["AssumeRoleResult/Credentials/AccessKeyId"]);
        Assert.Equal(40, result["AssumeRoleResult/Credentials/SecretAccessKey"]!.Length);
        Assert.True(result["AssumeRoleResult/Credentials/SessionToken"]!.Length > 100);

        var expirationText = result["AssumeRoleResult/Credentials/Expiration"]!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", expirationText);
        var expiration = DateTimeOffset.Parse(expirationText, CultureInfo.InvariantCulture);
        Assert.InRange(expiration, before.AddHours(1).AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(1).AddSeconds(1));

        var requestId = string.Join("", result.Response.Headers.GetValues("x-amzn-RequestId"));
        Assert.Equal(requestId, result["ResponseMetadata/RequestId"]);
    }

    [Fact]
    public async Task ECR_accepts_the_issued_credentials_only_with_their_session_token()
    {
        var issued = await AssumeRoleAsync();

        await _ecr.Client.SucceedAsync("ListImages", ListApp, new CallOptions { Credentials = issued.Credentials, SessionToken = issued.SessionToken });
        var last = _ecr.Server.Stats.Snapshot().LastRequest!;
        Assert.Equal((issued.Credentials.AccessKeyId, true), (last.AccessKeyId, last.HasSessionToken));

        var withoutToken = await _ecr.Client.CallAsync("ListImages", ListApp, new CallOptions { Credentials = issued.Credentials });
        Assert.Equal("UnrecognizedClientException", withoutToken.ErrorType);
        var otherToken = await _ecr.Client.CallAsync("ListImages", ListApp,
            new CallOptions { Credentials = issued.Credentials, SessionToken = issued.SessionToken + "x" });
        Assert.Equal("UnrecognizedClientException", otherToken.ErrorType);
    }

    [Fact]
    public async Task Stats_count_AssumeRole_and_tell_who_assumed_which_role_and_what_was_issued()
    {
        Assert.Equal(0, _ecr.Server.Stats.Snapshot().Requests["AssumeRole"]);
        var issued = await AssumeRoleAsync("stats-session");

        var stats = _ecr.Server.Stats.Snapshot();
        Assert.Equal((1, 1, 0), (stats.Requests["AssumeRole"], stats.TotalRequests, stats.FailedRequests));
        Assert.Equal(0, stats.ConnectionsOpened); // connectionsOpened counts connections carrying ECR requests
        Assert.Equal(("AssumeRole", Source.AccessKeyId, "us-east-1", false), (stats.LastRequest!.Operation, stats.LastRequest.AccessKeyId, stats.LastRequest.Region, stats.LastRequest.HasSessionToken));
        var last = stats.LastIssuedCredentials!;
        Assert.Equal(
            ("AssumeRole", Source.AccessKeyId, RoleArn, "stats-session", "210987654321", "EcrReader", issued.Credentials.AccessKeyId),
            (last.Operation, last.CallerAccessKeyId, last.RoleArn, last.RoleSessionName, last.AccountId, last.RoleName, last.IssuedAccessKeyId));

        var json = (await _ecr.ControlAsync(HttpMethod.Get, "_localecr/stats")).ToString();
        Assert.Contains("\"AssumeRole\":1", json);
        Assert.Contains("\"lastIssuedCredentials\":{\"operation\":\"AssumeRole\"", json);
        Assert.DoesNotContain(issued.Credentials.SecretAccessKey, json);
        Assert.DoesNotContain(issued.SessionToken, json);
    }

    [Fact]
    public async Task Temporary_credentials_can_assume_another_role()
    {
        var first = await AssumeRoleAsync();
        var second = await _ecr.Client.AssumeRoleAsync(Endpoint, "arn:aws:iam::123456789012:role/Chained", "chained",
            options: IdentityTestClient.Sts with { Credentials = first.Credentials, SessionToken = first.SessionToken });

        Assert.True(second.IsSuccess, second.ToString());
        Assert.Equal(first.Credentials.AccessKeyId, _ecr.Server.Stats.Snapshot().LastIssuedCredentials!.CallerAccessKeyId);
    }

    [Fact]
    public async Task DurationSeconds_sets_the_expiration_within_the_role_s_maximum()
    {
        var before = DateTimeOffset.UtcNow;
        var shortLived = await _ecr.Client.AssumeRoleAsync(Endpoint, RoleArn, "short", durationSeconds: 900);
        Assert.True(shortLived.IsSuccess, shortLived.ToString());
        var expiration = DateTimeOffset.Parse(shortLived["AssumeRoleResult/Credentials/Expiration"]!, CultureInfo.InvariantCulture);
        Assert.InRange(expiration, before.AddSeconds(899), DateTimeOffset.UtcNow.AddSeconds(901));

        var tooShort = await _ecr.Client.AssumeRoleAsync(Endpoint, RoleArn, "short", durationSeconds: 899);
        AssertError(tooShort, 400, "ValidationError",
            "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
        var tooLong = await _ecr.Client.AssumeRoleAsync(Endpoint, RoleArn, "long", durationSeconds: 7200);
        AssertError(tooLong, 400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/EcrReader")]
    [InlineData("arn:aws:iam::12345678901:role/EcrReader")]
    [InlineData("arn:aws:s3:::some-bucket/role/x")]
    [InlineData("arn:aws:iam::123456789012:role/")]
    public async Task A_role_ARN_that_names_no_role_is_access_denied(string roleArn)
    {
        var result = await _ecr.Client.AssumeRoleAsync(Endpoint, roleArn, "session");

        AssertError(result, 403, "AccessDenied",
            $"User: arn:aws:iam::123456789012:user/localecr is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
        var stats = _ecr.Server.Stats.Snapshot();
        Assert.Equal((1, 1), (stats.Requests["AssumeRole"], stats.FailedRequests));
        Assert.Null(stats.LastIssuedCredentials);
    }

    [Fact]
    public async Task Errors_are_STS_ErrorResponse_XML_with_the_request_id()
    {
        var result = await _ecr.Client.AssumeRoleAsync(Endpoint, "arn:aws:iam::123456789012:user/nobody", "session");

        Assert.Equal("ErrorResponse", result.Xml.Root!.Name.LocalName);
        Assert.Equal(StsResult.Ns, result.Xml.Root.Name.Namespace);
        Assert.Equal(string.Join("", result.Response.Headers.GetValues("x-amzn-RequestId")), result["RequestId"]);
        Assert.Equal("text/xml", result.Response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData(null, "s", "Value null at 'roleArn' failed to satisfy constraint: Member must not be null")]
    [InlineData("arn:aws:iam::1:role", "s", "Value 'arn:aws:iam::1:role' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20")]
    [InlineData(RoleArn, null, "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null")]
    [InlineData(RoleArn, "s", "Value 's' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2")]
    [InlineData(RoleArn, "has space", "Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*")]
    public async Task Parameters_are_validated_as_STS_words_it(string? roleArn, string? sessionName, string violation)
    {
        var parameters = new[] { ("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", roleArn), ("RoleSessionName", sessionName) }
            .Where(p => p.Item2 is not null).Select(p => (p.Item1, p.Item2!)).ToArray();
        var result = await _ecr.Client.CallStsAsync(Endpoint, IdentityTestClient.Form(parameters));

        AssertError(result, 400, "ValidationError", "1 validation error detected: " + violation);
    }

    [Fact]
    public async Task The_form_is_percent_decoded_and_a_plus_is_a_space()
    {
        var encoded = await _ecr.Client.CallStsAsync(Endpoint,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FEcrReader&RoleSessionName=a%2Bb%3Dc%40d");
        Assert.True(encoded.IsSuccess, encoded.ToString());
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/EcrReader/a+b=c@d", encoded["AssumeRoleResult/AssumedRoleUser/Arn"]);

        var plus = await _ecr.Client.CallStsAsync(Endpoint,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/EcrReader&RoleSessionName=two+words");
        Assert.Equal("ValidationError", plus.ErrorCode);
        Assert.Contains("'two words'", plus.Message);
    }

    [Theory]
    [InlineData("Action=GetCallerIdentity&Version=2011-06-15", "Could not find operation GetCallerIdentity for version 2011-06-15")]
    [InlineData("Action=AssumeRole&Version=2010-01-01&RoleArn=arn:aws:iam::123456789012:role/R&RoleSessionName=s1", "Could not find operation AssumeRole for version 2011-06-15")]
    public async Task Other_actions_and_versions_are_invalid_actions(string form, string message)
    {
        var result = await _ecr.Client.CallStsAsync(Endpoint, form);

        AssertError(result, 400, "InvalidAction", message);
        Assert.Equal(form.StartsWith("Action=AssumeRole", StringComparison.Ordinal) ? 1 : 0, _ecr.Server.Stats.Snapshot().Requests["AssumeRole"]);
    }

    [Fact]
    public async Task A_signature_scoped_to_ECR_is_refused()
    {
        var result = await _ecr.Client.AssumeRoleAsync(Endpoint, RoleArn, "session", options: new CallOptions { Service = "ecr" });
        AssertError(result, 403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'sts'. ");
    }

    [Fact]
    public async Task Authentication_failures_use_STS_codes()
    {
        var unsigned = await _ecr.Client.AssumeRoleAsync(Endpoint, RoleArn, "session", options: IdentityTestClient.Sts with { Sign = false });
        AssertError(unsigned, 403, "MissingAuthenticationToken", "Request is missing Authentication Token");

        var unknown = await _ecr.Client.AssumeRoleAsync(Endpoint, RoleArn, "session",
            options: IdentityTestClient.Sts with { Credentials = new LocalEcrCredentials("AKIDUNKNOWN", "x") });
        AssertError(unknown, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");

        var wrongSecret = await _ecr.Client.AssumeRoleAsync(Endpoint, RoleArn, "session",
            options: IdentityTestClient.Sts with { Credentials = Source with { SecretAccessKey = "wrong" } });
        Assert.Equal(("SignatureDoesNotMatch", 403), (wrongSecret.ErrorCode, (int)wrongSecret.Status));
        Assert.StartsWith("The request signature we calculated does not match", wrongSecret.Message);

        var expired = await _ecr.Client.AssumeRoleAsync(Endpoint, RoleArn, "session",
            options: IdentityTestClient.Sts with { Credentials = new LocalEcrCredentials("AKIDEXPIRED", "expired/secret") });
        AssertError(expired, 403, "ExpiredToken", "The security token included in the request is expired");

        var late = await _ecr.Client.AssumeRoleAsync(Endpoint, RoleArn, "session",
            options: IdentityTestClient.Sts with { SignedAt = DateTime.UtcNow.AddMinutes(-20) });
        Assert.Equal("SignatureDoesNotMatch", late.ErrorCode);
        Assert.StartsWith("Signature expired: ", late.Message);

        var stats = _ecr.Server.Stats.Snapshot();
        Assert.Equal((5, 5), (stats.Requests["AssumeRole"], stats.FailedRequests));
    }

    [Fact]
    public async Task Issued_credentials_stay_valid_across_a_state_reset()
    {
        var issued = await AssumeRoleAsync();

        await _ecr.ControlAsync(HttpMethod.Post, "_localecr/reset?state=true");

        await _ecr.Client.SucceedAsync("ListImages", ListApp, new CallOptions { Credentials = issued.Credentials, SessionToken = issued.SessionToken });
        Assert.Equal(0, _ecr.Server.Stats.Snapshot().Requests["AssumeRole"]);
    }

    [Fact]
    public async Task A_request_with_X_Amz_Target_is_ECR_s_whatever_its_content_type()
    {
        var body = "{\"repositoryName\":\"app\"}"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.ListImages");
        var credentials = LocalEcrServer.DefaultCredentials;
        SigV4.Sign(request, body, credentials.AccessKeyId, credentials.SecretAccessKey, "us-east-1", "ecr", DateTime.UtcNow);

        using var response = await _ecr.Client.Http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal((1, 0), (_ecr.Server.Stats.Snapshot().Requests["ListImages"], _ecr.Server.Stats.Snapshot().Requests["AssumeRole"]));
    }

    [Fact]
    public void Temporary_credentials_expire_at_their_expiration()
    {
        var now = DateTimeOffset.UtcNow;
        var issued = new Auth.KnownCredentials("ASIAEXAMPLE", "secret", "token", Expired: false, ExpiresAt: now.AddMinutes(1));

        Assert.False(issued.HasExpired(now));
        Assert.True(issued.HasExpired(now.AddMinutes(1)));
        Assert.False(new Auth.KnownCredentials("AKIDEXAMPLE", "secret", null, Expired: false).HasExpired(now.AddYears(10)));
    }

    private async Task<(LocalEcrCredentials Credentials, string SessionToken)> AssumeRoleAsync(string sessionName = "session")
    {
        var result = await _ecr.Client.AssumeRoleAsync(Endpoint, RoleArn, sessionName, options: IdentityTestClient.Sts with { Credentials = Source });
        Assert.True(result.IsSuccess, result.ToString());
        return (new LocalEcrCredentials(result["AssumeRoleResult/Credentials/AccessKeyId"]!, result["AssumeRoleResult/Credentials/SecretAccessKey"]!),
            result["AssumeRoleResult/Credentials/SessionToken"]!);
    }

    private static void AssertError(StsResult result, int status, string code, string message)
    {
        Assert.Equal(status, (int)result.Status);
        Assert.Equal("Sender", result.ErrorType);
        Assert.Equal(code, result.ErrorCode);
        Assert.Equal(message, result.Message);
    }
}
