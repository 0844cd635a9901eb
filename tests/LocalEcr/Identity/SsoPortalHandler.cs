using System;
using System.Buffers;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEcr.Auth;
using LocalEcr.Protocol;
using LocalEcr.Store;
using Microsoft.AspNetCore.Http;

namespace LocalEcr.Identity;

/// <summary>
/// The IAM Identity Center (SSO) portal's <c>GetRoleCredentials</c> (restJson1, unsigned):
/// <c>GET /federation/credentials?account_id=...&amp;role_name=...</c> with the cached SSO access token in
/// <c>x-amz-sso_bearer_token</c>. Tokens are seeded (<c>ssoTokens</c>), each for an account and a role; the
/// credentials it issues are registered so that ECR requests signed with them are accepted.
/// </summary>
internal sealed class SsoPortalHandler(Func<Registry> currentRegistry, LocalEcrStats stats, Action<KnownCredentials> register)
{
    public const string OperationName = "GetRoleCredentials";
    public const string PathPrefix = "/federation";
    public const string CredentialsPath = "/federation/credentials";
    public const string BearerTokenHeader = "x-amz-sso_bearer_token";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool Handles(HttpRequest request) => request.Path.StartsWithSegments(PathPrefix, StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var isGetRoleCredentials = HttpMethods.IsGet(request.Method) && request.Path.Equals(CredentialsPath, StringComparison.Ordinal);
        var operationName = isGetRoleCredentials ? OperationName : "Unknown";
        stats.CountRequest(operationName);
        stats.RecordLastRequest(new LastRequestInfo(operationName, null, null, false, request.Headers.UserAgent));

        // GET carries no body; read whatever came so the connection stays usable.
        using (await RequestBody.ReadAsync(request.BodyReader, context.RequestAborted))
        {
        }

        var started = Stopwatch.GetTimestamp();
        var body = new ArrayBufferWriter<byte>(512);
        int statusCode;
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            statusCode = isGetRoleCredentials ? GetRoleCredentials(request, writer, context.Response) : Error(writer, context.Response, 404,
                "UnknownOperationException", "The requested operation is not recognized by the service.");
        }

        if (statusCode != StatusCodes.Status200OK)
        {
            stats.CountFailure();
        }

        stats.AddServiceTime(Stopwatch.GetElapsedTime(started).Ticks);
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        response.ContentLength = body.WrittenCount;
        await response.BodyWriter.WriteAsync(body.WrittenMemory, context.RequestAborted);
    }

    private int GetRoleCredentials(HttpRequest request, Utf8JsonWriter writer, HttpResponse response)
    {
        string? accountId = request.Query["account_id"];
        string? roleName = request.Query["role_name"];
        string? token = request.Headers[BearerTokenHeader];
        if (string.IsNullOrEmpty(accountId) || string.IsNullOrEmpty(roleName))
        {
            var member = string.IsNullOrEmpty(accountId) ? "accountId" : "roleName";
            return Error(writer, response, 400, "InvalidRequestException",
                $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");
        }

        var tokens = currentRegistry().SsoTokens;
        if (string.IsNullOrEmpty(token) || !tokens.IsKnown(token))
        {
            return Error(writer, response, 401, "UnauthorizedException", "Session token not found or invalid");
        }

        if (!tokens.MayUse(token, accountId, roleName))
        {
            return Error(writer, response, 403, "ForbiddenException", "No access");
        }

        var issued = TemporaryCredentials.Issue(DateTimeOffset.UtcNow, Lifetime);
        register(issued);
        stats.RecordIssuedCredentials(new IssuedCredentialsInfo(
            OperationName, null, null, null, accountId, roleName, issued.AccessKeyId, issued.ExpiresAt!.Value));

        writer.WriteStartObject();
        writer.WriteStartObject("roleCredentials");
        writer.WriteString("accessKeyId", issued.AccessKeyId);
        writer.WriteString("secretAccessKey", issued.SecretAccessKey);
        writer.WriteString("sessionToken", issued.SessionToken);
        writer.WriteNumber("expiration", issued.ExpiresAt.Value.ToUnixTimeMilliseconds());
        writer.WriteEndObject();
        writer.WriteEndObject();
        return StatusCodes.Status200OK;
    }

    /// <summary>restJson1's error: the code in <c>x-amzn-ErrorType</c>, the message in the body.</summary>
    private static int Error(Utf8JsonWriter writer, HttpResponse response, int statusCode, string code, string message)
    {
        response.Headers["x-amzn-ErrorType"] = code;
        writer.WriteStartObject();
        writer.WriteString("message", message);
        writer.WriteEndObject();
        return statusCode;
    }
}
