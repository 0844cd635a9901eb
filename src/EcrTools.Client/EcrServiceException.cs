using System;
using System.Net;
using Amazon.Runtime;

namespace EcrTools.Client
{
    /// <summary>
    /// An error ECR returned. <see cref="AmazonServiceException.ErrorCode"/> holds the service's error code (for codes
    /// the model does not name, such as ThrottlingException or UnrecognizedClientException, this class itself is
    /// thrown); <see cref="AmazonServiceException.RequestId"/> and <see cref="AmazonServiceException.StatusCode"/>
    /// identify the response. The modelled errors are subclasses in <see cref="Model"/>.
    /// </summary>
    public class EcrServiceException : AmazonServiceException
    {
        public EcrServiceException(string message)
            : base(message)
        {
        }

        public EcrServiceException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
