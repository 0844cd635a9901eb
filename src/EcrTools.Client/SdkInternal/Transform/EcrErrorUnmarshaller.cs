using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;
using EcrTools.Client.Model;

namespace EcrTools.Client.SdkInternal.Transform
{
    /// <summary>
    /// Turns an error response into the exception for its code. Core's JSON error unmarshaller finds the code
    /// (<c>__type</c> with any namespace before '#' and suffix after ':' removed, else the x-amzn-ErrorType header),
    /// the message and the request id. Every operation maps every modelled error: the types are service-wide.
    /// A body that is not JSON (a proxy's HTML page, or nothing) still gets the header's code, and a message that
    /// says what came back instead of Core's "see inner exception".
    /// </summary>
    internal static class EcrErrorUnmarshaller
    {
        private delegate EcrServiceException ExceptionFactory(ErrorResponse error);

        private static readonly Dictionary<string, ExceptionFactory> ModelledErrors = new Dictionary<string, ExceptionFactory>(StringComparer.Ordinal)
        {
            [nameof(ImageAlreadyExistsException)] = e => new ImageAlreadyExistsException(e.Message, e.InnerException, e.Type, e.Code, e.RequestId, e.StatusCode),
            [nameof(ImageDigestDoesNotMatchException)] = e => new ImageDigestDoesNotMatchException(e.Message, e.InnerException, e.Type, e.Code, e.RequestId, e.StatusCode),
            [nameof(ImageNotFoundException)] = e => new ImageNotFoundException(e.Message, e.InnerException, e.Type, e.Code, e.RequestId, e.StatusCode),
            [nameof(ImageTagAlreadyExistsException)] = e => new ImageTagAlreadyExistsException(e.Message, e.InnerException, e.Type, e.Code, e.RequestId, e.StatusCode),
            [nameof(InvalidParameterException)] = e => new InvalidParameterException(e.Message, e.InnerException, e.Type, e.Code, e.RequestId, e.StatusCode),
            [nameof(KmsException)] = e => new KmsException(e.Message, e.InnerException, e.Type, e.Code, e.RequestId, e.StatusCode),
            [nameof(LayersNotFoundException)] = e => new LayersNotFoundException(e.Message, e.InnerException, e.Type, e.Code, e.RequestId, e.StatusCode),
            [nameof(LimitExceededException)] = e => new LimitExceededException(e.Message, e.InnerException, e.Type, e.Code, e.RequestId, e.StatusCode),
            [nameof(ReferencedImagesNotFoundException)] = e => new ReferencedImagesNotFoundException(e.Message, e.InnerException, e.Type, e.Code, e.RequestId, e.StatusCode),
            [nameof(RepositoryNotFoundException)] = e => new RepositoryNotFoundException(e.Message, e.InnerException, e.Type, e.Code, e.RequestId, e.StatusCode),
            [nameof(ServerException)] = e => new ServerException(e.Message, e.InnerException, e.Type, e.Code, e.RequestId, e.StatusCode),
            [nameof(UnableToGetUpstreamImageException)] = e => new UnableToGetUpstreamImageException(e.Message, e.InnerException, e.Type, e.Code, e.RequestId, e.StatusCode),
        };

        internal static AmazonServiceException Unmarshall(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            var reader = new StreamingUtf8JsonReader(context.Stream);
            ErrorResponse error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
            error.InnerException = innerException;
            error.StatusCode = statusCode;
            if (string.IsNullOrEmpty(error.Code))
            {
                // Core reads the header only for a JSON body; a body starting with '<' goes to its XML reader.
                error.Code = ErrorCode(context.ResponseData?.GetHeaderValue(ErrorTypeHeader));
            }

            string body = context.ResponseBody ?? string.Empty;
            if (string.IsNullOrEmpty(error.Message) || !body.TrimStart().StartsWith("{", StringComparison.Ordinal))
            {
                // Not the service's message: Core's placeholder for a body that is not a JSON object.
                error.Message = Describe(body, context.ResponseData?.GetHeaderValue("Content-Type"), statusCode);
            }

            if (error.Code == null || !ModelledErrors.TryGetValue(error.Code, out ExceptionFactory create))
            {
                return new EcrServiceException(error.Message, error.InnerException, error.Type, error.Code, error.RequestId, error.StatusCode);
            }

            EcrServiceException exception = create(error);
            if (exception is KmsException kmsException)
            {
                try
                {
                    // The error shape's own members, from the response body, which Core kept for errors.
                    JsonObjectReader.ReadDocument(kmsException, KmsExceptionMembers.Instance, context.GetResponseBodyBytes());
                }
                catch (JsonException)
                {
                    // A body that is not a JSON object (the code came from the header) has no kmsError to read.
                }
            }

            return exception;
        }

        private const string ErrorTypeHeader = "x-amzn-ErrorType";

        /// <summary>The code in an error type: without a namespace before '#' or anything after ':'.</summary>
        private static string? ErrorCode(string? errorType)
        {
            if (string.IsNullOrWhiteSpace(errorType))
            {
                return null;
            }

            string code = errorType!.Substring(errorType.IndexOf('#') + 1);
            int suffix = code.IndexOf(':');
            code = (suffix >= 0 ? code.Substring(0, suffix) : code).Trim();
            return code.Length == 0 ? null : code;
        }

        /// <summary>"HTTP 502 (BadGateway), text/html: &lt;html&gt;...": the start of a body that carried no message.</summary>
        private static string Describe(string body, string? contentType, HttpStatusCode statusCode)
        {
            const int Shown = 200;
            string text = string.Join(" ", body.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries));
            string start = text.Length > Shown ? text.Substring(0, Shown) + "..." : text;
            return $"HTTP {(int)statusCode} ({statusCode})"
                + (string.IsNullOrEmpty(contentType) ? string.Empty : ", " + contentType)
                + (start.Length == 0 ? ", with an empty body." : ": " + start);
        }

        private sealed class KmsExceptionMembers : IMemberReader<KmsException>
        {
            public static readonly KmsExceptionMembers Instance = new KmsExceptionMembers();

            public bool ReadMember(KmsException target, ref Utf8JsonReader reader)
            {
                if (!reader.ValueTextEquals("kmsError"u8))
                {
                    return false;
                }

                target.KmsError = JsonValues.String(ref reader);
                return true;
            }
        }
    }
}
