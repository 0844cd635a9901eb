using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace LocalEcr.Tests.Infrastructure;

/// <summary>How to sign and send one request; every member defaults to a correct request.</summary>
internal sealed record CallOptions
{
    public LocalEcrCredentials? Credentials { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string Service { get; init; } = "ecr";

    /// <summary>The signing time; null signs with now.</summary>
    public DateTime? SignedAt { get; init; }

    public string? SessionToken { get; init; }

    /// <summary>False sends no Authorization header at all.</summary>
    public bool Sign { get; init; } = true;

    /// <summary>Replaces the X-Amz-Target header (null keeps the operation's).</summary>
    public string? Target { get; init; }

    /// <summary>Sends these bytes as the body instead of the JSON request.</summary>
    public string? RawBody { get; init; }
}

/// <summary>An answer: status, the parsed body, and the error code and message of an error.</summary>
internal sealed record EcrResult(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)
{
    public string? ErrorType => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("__type", out var t) ? t.GetString() : null;

    public string? Message => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("message", out var m) ? m.GetString() : null;

    public bool IsSuccess => (int)Status == 200;

    public JsonElement this[string member] => Body.GetProperty(member);

    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>
/// A raw awsJson1_1 client: HttpClient plus <see cref="SigV4.Sign"/>, nothing from an AWS SDK, so the tests
/// see exactly what LocalEcr answers on the wire.
/// </summary>
internal sealed class EcrTestClient : IDisposable
{
    private readonly Uri _endpoint;

    public EcrTestClient(Uri endpoint, HttpMessageHandler? handler = null)
    {
        _endpoint = endpoint;
        Http = handler is null ? new HttpClient() : new HttpClient(handler);
        Http.Timeout = TimeSpan.FromSeconds(30);
    }

    public HttpClient Http { get; }

    public async Task<EcrResult> CallAsync(string operation, object? request = null, CallOptions? options = null)
    {
        options ??= new CallOptions();
        var json = options.RawBody ?? (request as JsonNode)?.ToJsonString() ?? JsonSerializer.Serialize(request ?? new { });
        var body = Encoding.UTF8.GetBytes(json);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", options.Target ?? "AmazonEC2ContainerRegistry_V20150921." + operation);
        message.Headers.TryAddWithoutValidation("User-Agent", "LocalEcr.Tests/1.0");
        if (options.Sign)
        {
            var credentials = options.Credentials ?? LocalEcrServer.DefaultCredentials;
            SigV4.Sign(message, body, credentials.AccessKeyId, credentials.SecretAccessKey, options.Region, options.Service,
                options.SignedAt ?? DateTime.UtcNow, options.SessionToken);
        }

        var response = await Http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var parsed = string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new EcrResult(response.StatusCode, parsed, response);
    }

    /// <summary>Calls and requires success, failing the test with LocalEcr's answer otherwise.</summary>
    public async Task<EcrResult> SucceedAsync(string operation, object? request = null, CallOptions? options = null)
    {
        var result = await CallAsync(operation, request, options);
        return result.IsSuccess ? result : throw new Xunit.Sdk.XunitException($"{operation} failed: {result}");
    }

    public void Dispose() => Http.Dispose();
}
