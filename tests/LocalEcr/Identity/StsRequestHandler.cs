using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml;
using LocalEcr.Auth;
using LocalEcr.Protocol;
using LocalEcr.Store;
using Microsoft.AspNetCore.Http;

namespace LocalEcr.Identity;

/// <summary>
/// STS's <c>AssumeRole</c> in the query protocol: <c>POST /</c> with a form body
/// (<c>Action=AssumeRole&amp;Version=2011-06-15&amp;RoleArn=...&amp;RoleSessionName=...[&amp;DurationSeconds=...]</c>),
/// SigV4-signed for the service <c>sts</c> by credentials LocalEcr knows. It answers STS's XML and registers the
/// temporary credentials it issues, so that ECR requests signed with them (and their session token) are accepted.
/// Any well-formed role ARN can be assumed; a malformed one is AccessDenied, as a role that does not exist is.
/// </summary>
internal sealed partial class StsRequestHandler(Func<Registry> currentRegistry, LocalEcrStats stats, Action<KnownCredentials> register)
{
    public const string OperationName = "AssumeRole";
    public const string FormContentType = "application/x-www-form-urlencoded";
    public const string ApiVersion = "2011-06-15";
    private const string XmlNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(1);

    // The role's MaxSessionDuration: AWS's default for a role, so longer requests fail as they would there.
    private const int MaxSessionSeconds = 3600;

    private static readonly XmlWriterSettings XmlSettings = new() { Encoding = new UTF8Encoding(false), Indent = false };

    /// <summary>A request without X-Amz-Target whose body is a form: the query protocol.</summary>
    public static bool Handles(HttpRequest request) =>
        request.ContentType is { } contentType && contentType.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = await RequestBody.ReadAsync(request.BodyReader, context.RequestAborted);
        var started = Stopwatch.GetTimestamp();
        var requestId = (string?)context.Response.Headers[EcrResponse.RequestIdHeader] ?? Guid.NewGuid().ToString();
        var parameters = ParseForm(body.Span);
        var action = parameters.GetValueOrDefault("Action");
        var operationName = action == OperationName ? OperationName : "Unknown";
        stats.CountRequest(operationName);

        byte[] xml;
        var statusCode = StatusCodes.Status200OK;
        try
        {
            var registry = currentRegistry();
            var (authorization, caller) = RequestAuthenticator.AuthenticateAndRecord(
                request, body.Span, registry.Credentials, stats, operationName, RequestAuthenticator.StsSigningService);
            if (action != OperationName || parameters.GetValueOrDefault("Version") != ApiVersion || !HttpMethods.IsPost(request.Method))
            {
                throw StsErrors.InvalidAction(action);
            }

            xml = AssumeRole(parameters, authorization, caller, registry, requestId);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            var stsError = error switch
            {
                StsException e => e,
                EcrException e => StsErrors.FromAuthentication(e),
                _ => StsErrors.Internal($"LocalEcr failed: {error.GetType().Name}: {error.Message}"),
            };
            stats.CountFailure();
            statusCode = stsError.StatusCode;
            xml = ErrorXml(stsError, requestId);
        }
        finally
        {
            stats.AddServiceTime(Stopwatch.GetElapsedTime(started).Ticks);
        }

        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/xml";
        response.ContentLength = xml.Length;
        await response.Body.WriteAsync(xml, context.RequestAborted);
    }

    private byte[] AssumeRole(
        Dictionary<string, string> parameters, SigV4Authorization authorization, KnownCredentials caller, Registry registry, string requestId)
    {
        var roleArn = parameters.GetValueOrDefault("RoleArn");
        var sessionName = parameters.GetValueOrDefault("RoleSessionName");
        var duration = Validate(roleArn, sessionName, parameters.GetValueOrDefault("DurationSeconds"));

        var match = RoleArnPattern().Match(roleArn!);
        if (!match.Success)
        {
            throw StsErrors.AccessDenied($"arn:aws:iam::{registry.AccountId}:user/localecr", roleArn!);
        }

        var partition = match.Groups["partition"].Value;
        var accountId = match.Groups["account"].Value;
        var roleName = match.Groups["name"].Value;
        var issued = TemporaryCredentials.Issue(DateTimeOffset.UtcNow, duration);
        register(issued);
        stats.RecordIssuedCredentials(new IssuedCredentialsInfo(
            OperationName, caller.AccessKeyId, roleArn, sessionName, accountId, roleName, issued.AccessKeyId, issued.ExpiresAt!.Value));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, XmlSettings))
        {
            writer.WriteStartElement("AssumeRoleResponse", XmlNamespace);
            writer.WriteStartElement("AssumeRoleResult", XmlNamespace);
            writer.WriteStartElement("AssumedRoleUser", XmlNamespace);
            writer.WriteElementString("AssumedRoleId", XmlNamespace, RoleId(roleArn!) + ":" + sessionName);
            writer.WriteElementString("Arn", XmlNamespace, $"arn:{partition}:sts::{accountId}:assumed-role/{roleName}/{sessionName}");
            writer.WriteEndElement();
            writer.WriteStartElement("Credentials", XmlNamespace);
            writer.WriteElementString("AccessKeyId", XmlNamespace, issued.AccessKeyId);
            writer.WriteElementString("SecretAccessKey", XmlNamespace, issued.SecretAccessKey);
            writer.WriteElementString("SessionToken", XmlNamespace, issued.SessionToken);
            writer.WriteElementString("Expiration", XmlNamespace, issued.ExpiresAt.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteEndElement();
            WriteResponseMetadata(writer, requestId);
            writer.WriteEndElement();
        }

        return stream.ToArray();
    }

    /// <summary>The model's constraints, checked in its member order and worded as AWS's validation.</summary>
    private static TimeSpan Validate(string? roleArn, string? sessionName, string? durationText)
    {
        if (roleArn is null)
        {
            throw StsErrors.Validation("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        }

        if (roleArn.Length is < 20 or > 2048)
        {
            var bound = roleArn.Length < 20 ? "greater than or equal to 20" : "less than or equal to 2048";
            throw StsErrors.Validation($"Value '{roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length {bound}");
        }

        if (sessionName is null)
        {
            throw StsErrors.Validation("Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
        }

        if (sessionName.Length is < 2 or > 64)
        {
            var bound = sessionName.Length < 2 ? "greater than or equal to 2" : "less than or equal to 64";
            throw StsErrors.Validation($"Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length {bound}");
        }

        if (!SessionNamePattern().IsMatch(sessionName))
        {
            throw StsErrors.Validation(
                $"Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }

        if (durationText is null)
        {
            return DefaultDuration;
        }

        if (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw StsErrors.ValidationMessage($"Invalid value '{durationText}' for DurationSeconds: it must be a whole number of seconds.");
        }

        if (seconds is < 900 or > 43200)
        {
            var bound = seconds < 900 ? "greater than or equal to 900" : "less than or equal to 43200";
            throw StsErrors.Validation($"Value '{seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value {bound}");
        }

        if (seconds > MaxSessionSeconds)
        {
            throw StsErrors.ValidationMessage("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>A role's unique id as IAM shows it (AROA and 17 characters), stable for the role's ARN.</summary>
    private static string RoleId(string roleArn)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(roleArn));
        var builder = new StringBuilder("AROA", 21);
        for (var i = 0; i < 17; i++)
        {
            builder.Append(alphabet[hash[i] % alphabet.Length]);
        }

        return builder.ToString();
    }

    private static byte[] ErrorXml(StsException error, string requestId)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, XmlSettings))
        {
            writer.WriteStartElement("ErrorResponse", XmlNamespace);
            writer.WriteStartElement("Error", XmlNamespace);
            writer.WriteElementString("Type", XmlNamespace, error.Type);
            writer.WriteElementString("Code", XmlNamespace, error.Code);
            writer.WriteElementString("Message", XmlNamespace, error.Message);
            writer.WriteEndElement();
            writer.WriteElementString("RequestId", XmlNamespace, requestId);
            writer.WriteEndElement();
        }

        return stream.ToArray();
    }

    private static void WriteResponseMetadata(XmlWriter writer, string requestId)
    {
        writer.WriteStartElement("ResponseMetadata", XmlNamespace);
        writer.WriteElementString("RequestId", XmlNamespace, requestId);
        writer.WriteEndElement();
    }

    /// <summary>The form's parameters ('+' is a space, %XX a UTF-8 byte); the first of repeated names wins.</summary>
    internal static Dictionary<string, string> ParseForm(ReadOnlySpan<byte> body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            parameters.TryAdd(name, value);
        }

        return parameters;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):iam::(?<account>[0-9]{12}):role/(?:[A-Za-z0-9_+=,.@-]+/)*(?<name>[A-Za-z0-9_+=,.@-]{1,64})$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SessionNamePattern();
}
