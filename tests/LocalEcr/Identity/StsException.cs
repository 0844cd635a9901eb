using System;
using LocalEcr.Protocol;

namespace LocalEcr.Identity;

/// <summary>An STS error, answered in the query protocol's <c>ErrorResponse</c> XML.</summary>
internal sealed class StsException(string code, string message, int statusCode = 400, string type = "Sender") : Exception(message)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = statusCode;

    /// <summary><c>Sender</c> for the caller's mistakes, <c>Receiver</c> for the service's.</summary>
    public string Type { get; } = type;
}

/// <summary>STS's errors, with its codes and wording.</summary>
internal static class StsErrors
{
    public static StsException InvalidAction(string? action) =>
        new("InvalidAction", $"Could not find operation {action} for version 2011-06-15");

    public static StsException Validation(string violation) => new("ValidationError", "1 validation error detected: " + violation);

    public static StsException ValidationMessage(string message) => new("ValidationError", message);

    public static StsException AccessDenied(string callerArn, string roleArn) =>
        new("AccessDenied", $"User: {callerArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", 403);

    public static StsException Internal(string message) => new("InternalFailure", message, 500, "Receiver");

    /// <summary>
    /// Authentication failures come from the same checks as ECR's; the query protocol names them differently:
    /// every signature problem is SignatureDoesNotMatch, an unknown key InvalidClientTokenId.
    /// </summary>
    public static StsException FromAuthentication(EcrException error) => error.Code switch
    {
        "MissingAuthenticationTokenException" => new("MissingAuthenticationToken", "Request is missing Authentication Token", 403),
        "IncompleteSignatureException" => new("IncompleteSignature", error.Message, 403),
        "UnrecognizedClientException" => new("InvalidClientTokenId", "The security token included in the request is invalid.", 403),
        "ExpiredTokenException" => new("ExpiredToken", "The security token included in the request is expired", 403),
        "InvalidSignatureException" => new("SignatureDoesNotMatch", error.Message, 403),
        _ => Internal($"LocalEcr failed: {error.Code}: {error.Message}"),
    };
}
