using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace LocalEcr.Tests.Infrastructure;

/// <summary>An STS answer: status, the XML, and the error's parts when it is one.</summary>
internal sealed record StsResult(HttpStatusCode Status, XDocument Xml, HttpResponseMessage Response)
{
    public static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public bool IsSuccess => (int)Status == 200;

    public string? ErrorType => Xml.Root?.Element(Ns + "Error")?.Element(Ns + "Type")?.Value;

    public string? ErrorCode => Xml.Root?.Element(Ns + "Error")?.Element(Ns + "Code")?.Value;

    public string? Message => Xml.Root?.Element(Ns + "Error")?.Element(Ns + "Message")?.Value;

    /// <summary>The value at a path below the root, e.g. <c>AssumeRoleResult/Credentials/AccessKeyId</c>.</summary>
    public string? this[string path] =>
        path.Split('/').Aggregate(Xml.Root, (element, name) => element?.Element(Ns + name))?.Value;

    public override string ToString() => $"{(int)Status} {Xml}";
}

/// <summary>An SSO portal answer: status, the parsed body and the error type header.</summary>
internal sealed record SsoResult(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)
{
    public string? ErrorType => Response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single() : null;

    public string? Message => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("message", out var m) ? m.GetString() : null;

    public JsonElement RoleCredentials => Body.GetProperty("roleCredentials");

    public override string ToString() => $"{(int)Status} {ErrorType} {Body}";
}

/// <summary>
/// Raw STS (query protocol, SigV4 for <c>sts</c>) and SSO portal (restJson1, bearer token) requests, built the way
/// AWSSDK.SecurityToken and AWSSDK.SSO build them, with nothing from an AWS SDK.
/// </summary>
internal static class IdentityTestClient
{
    /// <summary>Signing options for STS: the default credentials, scoped to <c>sts</c>.</summary>
    public static CallOptions Sts { get; } = new() { Service = "sts" };

    /// <summary>A form body as the SDK encodes it: RFC 3986 percent-encoding, parameters in the given order.</summary>
    public static string Form(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));

    public static string AssumeRoleForm(string roleArn, string sessionName, int? durationSeconds = null)
    {
        var parameters = new List<(string, string)> { ("Action", "AssumeRole"), ("RoleArn", roleArn), ("RoleSessionName", sessionName) };
        if (durationSeconds is { } seconds)
        {
            parameters.Add(("DurationSeconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        parameters.Add(("Version", "2011-06-15"));
        return Form([.. parameters]);
    }

    public static async Task<StsResult> CallStsAsync(this EcrTestClient client, Uri endpoint, string form, CallOptions? options = null)
    {
        options ??= Sts;
        var body = Encoding.UTF8.GetBytes(form);
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        message.Headers.TryAddWithoutValidation("User-Agent", "LocalEcr.Tests/1.0");
        if (options.Sign)
        {
            var credentials = options.Credentials ?? LocalEcrServer.DefaultCredentials;
            SigV4.Sign(message, body, credentials.AccessKeyId, credentials.SecretAccessKey, options.Region, options.Service,
                options.SignedAt ?? DateTime.UtcNow, options.SessionToken);
        }

        var response = await client.Http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return new StsResult(response.StatusCode, XDocument.Parse(text), response);
    }

    public static Task<StsResult> AssumeRoleAsync(
        this EcrTestClient client, Uri endpoint, string roleArn, string sessionName, int? durationSeconds = null, CallOptions? options = null) =>
        client.CallStsAsync(endpoint, AssumeRoleForm(roleArn, sessionName, durationSeconds), options);

    /// <summary>GET /federation/credentials as AWSSDK.SSO sends it; a null token sends no bearer header.</summary>
    public static async Task<SsoResult> GetRoleCredentialsAsync(
        this EcrTestClient client, Uri endpoint, string? accessToken, string? accountId, string? roleName, string path = "federation/credentials")
    {
        var query = new List<string>();
        if (accountId is not null) query.Add("account_id=" + Uri.EscapeDataString(accountId));
        if (roleName is not null) query.Add("role_name=" + Uri.EscapeDataString(roleName));
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, path + (query.Count > 0 ? "?" + string.Join('&', query) : "")));
        message.Headers.TryAddWithoutValidation("x-amz-api-version", "2019-06-10");
        message.Headers.TryAddWithoutValidation("User-Agent", "LocalEcr.Tests/1.0");
        if (accessToken is not null)
        {
            message.Headers.TryAddWithoutValidation("x-amz-sso_bearer_token", accessToken);
        }

        var response = await client.Http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var parsed = string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new SsoResult(response.StatusCode, parsed, response);
    }
}
