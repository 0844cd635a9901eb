using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;

namespace LocalEcr;

/// <summary>
/// AWS Signature Version 4 (header form, <c>AWS4-HMAC-SHA256</c>), written from the public specification so that
/// LocalEcr proves a client's signing independently of any AWS SDK. <see cref="Sign"/> is for tests and raw-HTTP
/// baselines; <see cref="TryParseAuthorization"/> and <see cref="Verify"/> are what the server uses.
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string Terminator = "aws4_request";

    // Hop-by-hop or client-specific headers that a proxy or the HTTP stack may change, so signers leave them out.
    private const int MaxCachedSigningKeys = 256;
    private static readonly ConcurrentDictionary<(string Secret, CredentialScope Scope), byte[]> SigningKeys = new();

    private static readonly HashSet<string> UnsignedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "user-agent", "expect", "connection", "content-length", "transfer-encoding", "x-amzn-trace-id",
    };

    /// <summary>
    /// Signs <paramref name="request"/> in place: sets Host, X-Amz-Date (and X-Amz-Security-Token) and Authorization.
    /// Every other header already on the request or its content is signed, except hop-by-hop ones and User-Agent.
    /// <paramref name="body"/> must be the exact bytes that will be sent.
    /// </summary>
    public static void Sign(
        HttpRequestMessage request,
        byte[] body,
        string accessKeyId,
        string secretAccessKey,
        string region,
        string service,
        DateTime utcNow,
        string? sessionToken = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new ArgumentException("The request needs an absolute RequestUri to be signed.", nameof(request));

        var amzDate = utcNow.ToUniversalTime().ToString(AmzDateFormat, CultureInfo.InvariantCulture);
        request.Headers.Remove("Authorization");
        request.Headers.Remove("X-Amz-Date");
        request.Headers.Remove("X-Amz-Security-Token");
        request.Headers.Host = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (sessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", sessionToken);
        }

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> allHeaders = request.Content is null
            ? request.Headers
            : request.Headers.Concat(request.Content.Headers);
        foreach (var (name, values) in allHeaders)
        {
            if (!UnsignedHeaders.Contains(name))
            {
                headers[name.ToLowerInvariant()] = string.Join(",", values);
            }
        }

        var scope = new CredentialScope(amzDate[..8], region, service);
        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = CanonicalRequest(
            request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), headers, signedHeaders, Sha256Hex(body));
        var signature = Signature(secretAccessKey, scope, amzDate, canonicalRequest);

        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"{Algorithm} Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    /// <summary>
    /// Parses <c>AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecr/aws4_request, SignedHeaders=a;b, Signature=hex</c>.
    /// On failure <paramref name="problem"/> says what is missing, in AWS's words; it never quotes the header.
    /// </summary>
    public static bool TryParseAuthorization(string? header, out SigV4Authorization? authorization, out string? problem)
    {
        authorization = null;
        problem = null;
        if (string.IsNullOrEmpty(header))
        {
            problem = "Missing Authentication Token";
            return false;
        }

        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            var algorithm = header.Split(' ', 2)[0];
            problem = $"Unsupported AWS 'algorithm': '{algorithm}'";
            return false;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in header[Algorithm.Length..].Split(','))
        {
            var pair = part.Trim();
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var value = pair[(equals + 1)..];
            switch (pair[..equals])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }

        var missing = new StringBuilder();
        if (credential is null) missing.Append("Authorization header requires 'Credential' parameter. ");
        if (signature is null) missing.Append("Authorization header requires 'Signature' parameter. ");
        if (signedHeaders is null) missing.Append("Authorization header requires 'SignedHeaders' parameter. ");
        if (missing.Length > 0)
        {
            problem = missing.ToString().TrimEnd();
            return false;
        }

        // The access key id may itself contain '/', so the scope is the last four parts.
        var parts = credential!.Split('/');
        if (parts.Length < 5 || parts[^1] != Terminator)
        {
            problem = $"Credential should be scoped with a valid terminator: '{Terminator}', not '{parts[^1]}'. ";
            return false;
        }

        authorization = new SigV4Authorization(
            string.Join('/', parts[..^4]), parts[^4], parts[^3], parts[^2], signedHeaders!.Split(';'), signature!);
        return true;
    }

    /// <summary>
    /// Recomputes the signature of a received request and compares it in constant time.
    /// <paramref name="rawTarget"/> is the request target as received (path and query, still percent-encoded);
    /// <paramref name="getHeader"/> returns a header's values joined by ',' or null when absent. The payload hash is
    /// <c>x-amz-content-sha256</c> when the client sent one, else the SHA-256 of <paramref name="body"/>.
    /// </summary>
    public static bool Verify(
        SigV4Authorization authorization,
        string secretAccessKey,
        string method,
        string rawTarget,
        Func<string, string?> getHeader,
        ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(getHeader);
        var amzDate = getHeader("x-amz-date");
        if (amzDate is null)
        {
            return false;
        }

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in authorization.SignedHeaders)
        {
            headers[name.ToLowerInvariant()] = getHeader(name) ?? "";
        }

        var questionMark = rawTarget.IndexOf('?');
        var path = questionMark < 0 ? rawTarget : rawTarget[..questionMark];
        var query = questionMark < 0 ? "" : rawTarget[(questionMark + 1)..];
        // The payload hash is always the hash of the body received, never the client's x-amz-content-sha256 header
        // (Core sends one with every request): a body changed after signing, or an UNSIGNED-PAYLOAD claim, fails.
        var payloadHash = Sha256Hex(body);
        var canonicalRequest = CanonicalRequest(method, path, query, headers, string.Join(';', headers.Keys), payloadHash);
        var expected = Signature(
            secretAccessKey,
            new CredentialScope(authorization.Date, authorization.Region, authorization.Service),
            amzDate,
            canonicalRequest);

        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization.Signature));
    }

    private static string CanonicalRequest(
        string method,
        string encodedPath,
        string encodedQuery,
        SortedDictionary<string, string> headers,
        string signedHeaders,
        string payloadHash)
    {
        var builder = new StringBuilder(256)
            .Append(method).Append('\n')
            .Append(CanonicalPath(encodedPath)).Append('\n')
            .Append(CanonicalQuery(encodedQuery)).Append('\n');
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(':').Append(CanonicalHeaderValue(value)).Append('\n');
        }

        return builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash).ToString();
    }

    private static string Signature(string secretAccessKey, CredentialScope scope, string amzDate, string canonicalRequest)
    {
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest))}";
        return Convert.ToHexStringLower(Hmac(SigningKey(secretAccessKey, scope), stringToSign));
    }

    /// <summary>The derived key changes once a day per scope, so it is computed once and kept.</summary>
    private static byte[] SigningKey(string secretAccessKey, CredentialScope scope)
    {
        var cacheKey = (secretAccessKey, scope);
        if (SigningKeys.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), scope.Date);
        key = Hmac(key, scope.Region);
        key = Hmac(key, scope.Service);
        key = Hmac(key, Terminator);
        if (SigningKeys.Count >= MaxCachedSigningKeys)
        {
            SigningKeys.Clear();
        }

        SigningKeys[cacheKey] = key;
        return key;
    }

    // Services other than S3 encode the already-encoded path once more, segment by segment.
    private static string CanonicalPath(string encodedPath) =>
        encodedPath.Length == 0 ? "/" : string.Join('/', encodedPath.Split('/').Select(UriEncode));

    private static string CanonicalQuery(string encodedQuery)
    {
        if (encodedQuery.Length == 0)
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var parameter in encodedQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? parameter : parameter[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(parameter[(equals + 1)..]);
            pairs.Add((UriEncode(name), UriEncode(value)));
        }

        pairs.Sort((a, b) => a.Name == b.Name ? string.CompareOrdinal(a.Value, b.Value) : string.CompareOrdinal(a.Name, b.Name));
        return string.Join('&', pairs.Select(pair => $"{pair.Name}={pair.Value}"));
    }

    /// <summary>Trims the value and collapses runs of spaces, as the specification requires.</summary>
    private static string CanonicalHeaderValue(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>RFC 3986 encoding: everything but unreserved characters as upper-case %XX of the UTF-8 bytes.</summary>
    private static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private readonly record struct CredentialScope(string Date, string Region, string Service)
    {
        public override string ToString() => $"{Date}/{Region}/{Service}/{Terminator}";
    }
}

/// <summary>The parts of a SigV4 Authorization header. <see cref="ToString"/> leaves the signature out.</summary>
public sealed class SigV4Authorization
{
    public SigV4Authorization(
        string accessKeyId, string date, string region, string service, IReadOnlyList<string> signedHeaders, string signature)
    {
        AccessKeyId = accessKeyId;
        Date = date;
        Region = region;
        Service = service;
        SignedHeaders = signedHeaders;
        Signature = signature;
    }

    public string AccessKeyId { get; }

    /// <summary>The credential scope's date, <c>yyyyMMdd</c>.</summary>
    public string Date { get; }

    public string Region { get; }

    public string Service { get; }

    /// <summary>Lower-case header names, in the order the client listed them.</summary>
    public IReadOnlyList<string> SignedHeaders { get; }

    public string Signature { get; }

    public override string ToString() =>
        $"{SigV4.Algorithm} Credential={AccessKeyId}/{Date}/{Region}/{Service}/aws4_request, SignedHeaders={string.Join(';', SignedHeaders)}";
}
