using System;
using System.Net;
using Amazon.Runtime;

namespace EcrTools.Client.Model
{
    // One class per error shape of the model. The short constructor sets ErrorCode, so fakes of IEcrClient
    // can throw what the service would.

    /// <summary>The image is already in the repository under this tag; nothing changed.</summary>
    public sealed class ImageAlreadyExistsException : EcrServiceException
    {
        public ImageAlreadyExistsException(string message)
            : base(message)
        {
            ErrorCode = nameof(ImageAlreadyExistsException);
        }

        public ImageAlreadyExistsException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The digest given to PutImage is not the digest of the manifest sent.</summary>
    public sealed class ImageDigestDoesNotMatchException : EcrServiceException
    {
        public ImageDigestDoesNotMatchException(string message)
            : base(message)
        {
            ErrorCode = nameof(ImageDigestDoesNotMatchException);
        }

        public ImageDigestDoesNotMatchException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>An image id given to DescribeImages does not exist; one missing id fails the whole call.</summary>
    public sealed class ImageNotFoundException : EcrServiceException
    {
        public ImageNotFoundException(string message)
            : base(message)
        {
            ErrorCode = nameof(ImageNotFoundException);
        }

        public ImageNotFoundException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The tag is on another image and the repository's tags are immutable.</summary>
    public sealed class ImageTagAlreadyExistsException : EcrServiceException
    {
        public ImageTagAlreadyExistsException(string message)
            : base(message)
        {
            ErrorCode = nameof(ImageTagAlreadyExistsException);
        }

        public ImageTagAlreadyExistsException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>A request parameter is invalid.</summary>
    public sealed class InvalidParameterException : EcrServiceException
    {
        public InvalidParameterException(string message)
            : base(message)
        {
            ErrorCode = nameof(InvalidParameterException);
        }

        public InvalidParameterException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>AWS KMS refused an operation on the repository's key; <see cref="KmsError"/> holds its error code.</summary>
    public sealed class KmsException : EcrServiceException
    {
        public KmsException(string message)
            : base(message)
        {
            ErrorCode = nameof(KmsException);
        }

        public KmsException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }

        public string? KmsError { get; set; }
    }

    /// <summary>The manifest names layers or a config blob the repository does not hold.</summary>
    public sealed class LayersNotFoundException : EcrServiceException
    {
        public LayersNotFoundException(string message)
            : base(message)
        {
            ErrorCode = nameof(LayersNotFoundException);
        }

        public LayersNotFoundException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>A service quota was exceeded; retried as throttling.</summary>
    public sealed class LimitExceededException : EcrServiceException
    {
        public LimitExceededException(string message)
            : base(message)
        {
            ErrorCode = nameof(LimitExceededException);
        }

        public LimitExceededException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>A manifest list or index names images the repository does not hold.</summary>
    public sealed class ReferencedImagesNotFoundException : EcrServiceException
    {
        public ReferencedImagesNotFoundException(string message)
            : base(message)
        {
            ErrorCode = nameof(ReferencedImagesNotFoundException);
        }

        public ReferencedImagesNotFoundException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The repository does not exist in the registry.</summary>
    public sealed class RepositoryNotFoundException : EcrServiceException
    {
        public RepositoryNotFoundException(string message)
            : base(message)
        {
            ErrorCode = nameof(RepositoryNotFoundException);
        }

        public RepositoryNotFoundException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The service failed on its side.</summary>
    public sealed class ServerException : EcrServiceException
    {
        public ServerException(string message)
            : base(message)
        {
            ErrorCode = nameof(ServerException);
        }

        public ServerException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>A pull-through cache could not fetch the image from its upstream registry.</summary>
    public sealed class UnableToGetUpstreamImageException : EcrServiceException
    {
        public UnableToGetUpstreamImageException(string message)
            : base(message)
        {
            ErrorCode = nameof(UnableToGetUpstreamImageException);
        }

        public UnableToGetUpstreamImageException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
