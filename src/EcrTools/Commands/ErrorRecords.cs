using System;
using System.Management.Automation;
using Amazon.Runtime;
using EcrTools.Client;

namespace EcrTools.Commands
{
    /// <summary>Turns client exceptions into ErrorRecords with a stable id, a category and the target object.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord FromException(Exception exception, object? target)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1)
            {
                exception = aggregate.InnerExceptions[0];
            }

            var paging = exception as EcrPagingException;
            if (paging is { PagesCompleted: 0, InnerException: not null })
            {
                // Nothing was listed yet: the service's own error says it best, and there is nothing to resume.
                exception = paging.InnerException;
                paging = null;
            }

            var service = (paging?.InnerException ?? exception) as AmazonServiceException;
            string code = service?.ErrorCode ?? exception.GetType().Name;
            string id = code.EndsWith("Exception", StringComparison.Ordinal) ? code.Substring(0, code.Length - "Exception".Length) : code;
            var record = new ErrorRecord(exception, id, CategoryFor(code, exception), target);
            if (paging?.ResumeToken is not null)
            {
                record.ErrorDetails = new ErrorDetails(paging.Message)
                {
                    RecommendedAction = $"Run the command again with -NextToken '{paging.ResumeToken}' to resume the listing.",
                };
            }

            return record;
        }

        private static ErrorCategory CategoryFor(string code, Exception exception)
        {
            switch (code)
            {
                case "RepositoryNotFoundException":
                case "ImageNotFoundException":
                case "LayersNotFoundException":
                case "ReferencedImagesNotFoundException":
                    return ErrorCategory.ObjectNotFound;
                case "InvalidParameterException":
                case "ValidationException":
                case "ImageDigestDoesNotMatchException":
                    return ErrorCategory.InvalidArgument;
                case "ImageAlreadyExistsException":
                case "ImageTagAlreadyExistsException":
                    return ErrorCategory.ResourceExists;
                case "LimitExceededException":
                case "ThrottlingException":
                    return ErrorCategory.LimitsExceeded;
                case "UnrecognizedClientException":
                case "InvalidSignatureException":
                case "MissingAuthenticationTokenException":
                case "ExpiredTokenException":
                    return ErrorCategory.AuthenticationError;
                case "AccessDeniedException":
                    return ErrorCategory.PermissionDenied;
                case "KmsException":
                    return ErrorCategory.SecurityError;
            }

            return exception switch
            {
                OperationCanceledException => ErrorCategory.OperationStopped,
                TimeoutException => ErrorCategory.OperationTimeout,
                AmazonServiceException => ErrorCategory.InvalidResult,
                _ => ErrorCategory.ConnectionError,
            };
        }
    }
}
