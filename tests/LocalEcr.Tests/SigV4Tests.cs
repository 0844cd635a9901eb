using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using Xunit;

namespace LocalEcr.Tests;

/// <summary>
/// LocalEcr's signer and verifier against AWS's published SigV4 test suite (AKIDEXAMPLE, 20150830T123600Z,
/// us-east-1, service "service"), so they are proven without any SDK.
/// </summary>
public sealed class SigV4Tests
{
    private const string AccessKeyId = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTime SuiteTime = DateTime.ParseExact("20150830T123600Z", SigV4.AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [Theory]
    [InlineData("get-vanilla", "GET", "", null, null, "host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("get-vanilla-query-order-key-case", "GET", "?Param2=value2&Param1=value1", null, null, "host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    [InlineData("post-vanilla", "POST", "", null, null, "host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    [InlineData("post-x-www-form-urlencoded", "POST", "", "application/x-www-form-urlencoded", "Param1=value1", "content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")]
    public void Sign_gives_the_published_signature(
        string vector, string method, string query, string? contentType, string? body, string signedHeaders, string signature)
    {
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://example.amazonaws.com/" + query);
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        SigV4.Sign(request, bytes, AccessKeyId, Secret, "us-east-1", "service", SuiteTime);

        Assert.True(request.Headers.TryGetValues("Authorization", out var values), vector);
        Assert.Equal(
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}",
            string.Join(",", values));
        Assert.Equal("20150830T123600Z", string.Join(",", request.Headers.GetValues("X-Amz-Date")));
    }

    [Fact]
    public void Verify_accepts_the_published_get_vanilla_request_and_nothing_else()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "example.amazonaws.com",
            ["X-Amz-Date"] = "20150830T123600Z",
        };
        const string header = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
                              "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

        Assert.True(SigV4.TryParseAuthorization(header, out var authorization, out _));
        Assert.Equal("AKIDEXAMPLE", authorization!.AccessKeyId);
        Assert.Equal(("20150830", "us-east-1", "service"), (authorization.Date, authorization.Region, authorization.Service));
        Assert.DoesNotContain("5fa00fa3", authorization.ToString());

        string? Lookup(string name) => headers.GetValueOrDefault(name);
        Assert.True(SigV4.Verify(authorization, Secret, "GET", "/", Lookup, []));
        Assert.False(SigV4.Verify(authorization, Secret + "x", "GET", "/", Lookup, []));
        Assert.False(SigV4.Verify(authorization, Secret, "POST", "/", Lookup, []));
        Assert.False(SigV4.Verify(authorization, Secret, "GET", "/", Lookup, "x"u8));
        Assert.False(SigV4.Verify(authorization, Secret, "GET", "/?a=b", Lookup, []));
    }

    [Fact]
    public void Header_values_are_trimmed_and_runs_of_spaces_collapsed()
    {
        using var signed = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        signed.Headers.TryAddWithoutValidation("My-Header1", "value1 value2");
        SigV4.Sign(signed, [], AccessKeyId, Secret, "us-east-1", "service", SuiteTime);
        Assert.True(SigV4.TryParseAuthorization(string.Join(",", signed.Headers.GetValues("Authorization")), out var authorization, out _));

        // The same request as a server might receive it, with extra spaces the canonical form removes.
        var received = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = "example.amazonaws.com",
            ["x-amz-date"] = "20150830T123600Z",
            ["my-header1"] = "  value1    value2 ",
        };
        Assert.True(SigV4.Verify(authorization!, Secret, "GET", "/", name => received.GetValueOrDefault(name), []));
    }

    [Theory]
    [InlineData(null, "Missing Authentication Token")]
    [InlineData("Basic dXNlcjpwYXNz", "Unsupported AWS 'algorithm': 'Basic'")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecr/aws4_request, SignedHeaders=host", "Authorization header requires 'Signature' parameter.")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecr/aws5_request, SignedHeaders=host, Signature=00", "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ")]
    public void Malformed_authorization_headers_are_explained(string? header, string problem)
    {
        Assert.False(SigV4.TryParseAuthorization(header, out _, out var actual));
        Assert.Equal(problem, actual);
    }
}
