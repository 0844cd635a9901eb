using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using LocalEcr.Control;
using LocalEcr.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LocalEcr.Auth;

/// <summary>
/// Checks a request's SigV4 signature and answers failures the way AWS's front end does, in its order:
/// date header, unknown key, expired or mismatched token, wrong service, unsigned host, scope date, clock skew,
/// and last the signature itself. (A missing or malformed Authorization header is answered before this runs.)
/// Failures are thrown in ECR's awsJson1_1 terms; the STS handler translates them to its query-protocol codes.
/// </summary>
internal static class RequestAuthenticator
{
    public const string SigningService = "ecr";
    public const string StsSigningService = "sts";
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Reads the Authorization header, records the request in the stats whatever it holds (so even a refused request
    /// shows who tried), then checks the signature against the service's credential scope.
    /// </summary>
    public static (SigV4Authorization Authorization, KnownCredentials Caller) AuthenticateAndRecord(
        HttpRequest request,
        ReadOnlySpan<byte> body,
        CredentialStore credentials,
        LocalEcrStats stats,
        string operationName,
        string service = SigningService)
    {
        string? header = request.Headers.Authorization;
        SigV4.TryParseAuthorization(header, out var authorization, out var problem);
        stats.RecordLastRequest(new LastRequestInfo(
            operationName,
            authorization?.AccessKeyId,
            authorization?.Region,
            request.Headers.ContainsKey("X-Amz-Security-Token"),
            request.Headers.UserAgent));

        if (authorization is null)
        {
            throw string.IsNullOrEmpty(header) ? EcrErrors.MissingAuthenticationToken() : EcrErrors.IncompleteSignature(problem!);
        }

        return (authorization, Authenticate(authorization, request, body, credentials, DateTimeOffset.UtcNow, service));
    }

    /// <param name="service">The service the credential scope must name: <see cref="SigningService"/> or <see cref="StsSigningService"/>.</param>
    /// <returns>The credentials that signed the request.</returns>
    public static KnownCredentials Authenticate(
        SigV4Authorization authorization,
        HttpRequest request,
        ReadOnlySpan<byte> body,
        CredentialStore credentials,
        DateTimeOffset now,
        string service = SigningService)
    {
        var amzDateText = (string?)request.Headers["X-Amz-Date"];
        if (string.IsNullOrEmpty(amzDateText))
        {
            throw EcrErrors.IncompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (!DateTimeOffset.TryParseExact(
                amzDateText, SigV4.AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            throw EcrErrors.IncompleteSignature($"Date must be in ISO-8601 'basic format'. Got '{amzDateText}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }

        var known = credentials.Find(authorization.AccessKeyId) ?? throw EcrErrors.UnrecognizedClient();
        if (known.HasExpired(now))
        {
            throw EcrErrors.ExpiredToken();
        }

        var sessionToken = (string?)request.Headers["X-Amz-Security-Token"];
        if (!FixedTimeEquals(known.SessionToken ?? "", sessionToken ?? ""))
        {
            throw EcrErrors.UnrecognizedClient();
        }

        if (authorization.Service != service)
        {
            throw EcrErrors.InvalidSignature($"Credential should be scoped to correct service: '{service}'. ");
        }

        if (!authorization.SignedHeaders.Contains("host"))
        {
            throw EcrErrors.InvalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var httpDate = amzDateText[..8];
        if (authorization.Date != httpDate)
        {
            throw EcrErrors.InvalidSignature(
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
                $"'{authorization.Date}' != '{httpDate}', from '{amzDateText}'.");
        }

        CheckClockSkew(signedAt, now, amzDateText);

        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        if (!SigV4.Verify(authorization, known.SecretAccessKey, request.Method, rawTarget, name => HeaderValue(request, name), body))
        {
            throw EcrErrors.SignatureDoesNotMatch();
        }

        return known;
    }

    private static void CheckClockSkew(DateTimeOffset signedAt, DateTimeOffset now, string amzDateText)
    {
        string Format(DateTimeOffset value) => value.UtcDateTime.ToString(SigV4.AmzDateFormat, CultureInfo.InvariantCulture);

        if (signedAt < now - AllowedSkew)
        {
            throw EcrErrors.InvalidSignature(
                $"Signature expired: {amzDateText} is now earlier than {Format(now - AllowedSkew)} ({Format(now)} - 15 min.)");
        }

        if (signedAt > now + AllowedSkew)
        {
            throw EcrErrors.InvalidSignature(
                $"Signature not yet current: {amzDateText} is still later than {Format(now + AllowedSkew)} ({Format(now)} + 15 min.)");
        }
    }

    /// <summary>All values of a header joined by ',' (several header lines sign as one), or null when absent.</summary>
    private static string? HeaderValue(HttpRequest request, string name)
    {
        var values = request.Headers[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => string.Join(",", values.ToArray()),
        };
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
