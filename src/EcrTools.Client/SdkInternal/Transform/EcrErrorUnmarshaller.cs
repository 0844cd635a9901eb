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

            if (error.Code == null || !ModelledErrors.TryGetValue(error.Code, out ExceptionFactory create))
            {
                return new EcrServiceException(error.Message, error.InnerException, error.Type, error.Code, error.RequestId, error.StatusCode);
            }

            EcrServiceException exception = create(error);
            if (exception is KmsException kmsException)
            {
                // The error shape's own members, from the response body, which Core kept for errors.
                JsonObjectReader.ReadDocument(kmsException, KmsExceptionMembers.Instance, context.GetResponseBodyBytes());
            }

            return exception;
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
