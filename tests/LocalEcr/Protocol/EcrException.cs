using System;

namespace LocalEcr.Protocol;

/// <summary>
/// An error answered to the client as <c>{"__type": Code, "message": Message}</c>. Operations throw it before they
/// start writing a response; the request handler turns it into the wire error.
/// </summary>
internal sealed class EcrException : Exception
{
    public EcrException(string code, string message, int statusCode = 400, string? kmsError = null)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
        KmsError = kmsError;
    }

    /// <summary>The error code written as <c>__type</c>, e.g. <c>RepositoryNotFoundException</c>.</summary>
    public string Code { get; }

    public int StatusCode { get; }

    /// <summary>The extra <c>kmsError</c> member of <c>KmsException</c>; null for every other error.</summary>
    public string? KmsError { get; }
}
