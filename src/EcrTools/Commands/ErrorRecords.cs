using System;
using System.Management.Automation;
using EcrTools.Client;

namespace EcrTools.Commands
{
    /// <summary>Turns client exceptions into ErrorRecords with a stable id, a category and the target object.</summary>
    internal static class ErrorRecords
    {
        /// <summary>
        /// An error record for a failed request: the id is the service's error code without "Exception" (or
        /// RequestTimeout), the category fits the code, and the message names the operation and its target: the
        /// repository, when the request was for one. Its exception is an <see cref="EcrRequestException"/>, a type a
        /// script can name, around the client library's.
        /// </summary>
        public static ErrorRecord FromException(Exception exception, object? target, string operation, string? repositoryName = null)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1)
            {
                exception = aggregate.InnerExceptions[0];
            }

            var paging = exception as EcrPagingException;
            Exception cause = paging?.InnerException ?? exception;

            // Before the first page nothing can be resumed, unless the listing was itself resumed from a token: the
            // message is the request's own.
            bool resumable = paging?.ResumeToken is not null;
            Exception reported = paging is { PagesCompleted: 0 } && !resumable ? cause : exception;

            // A client-side failure that wraps a service's answer (such as AssumeRole refused while resolving a
            // profile's credentials) is reported by that answer's code, with both messages.
            string? wrapped = null;
            if (RequestFailures.WrappedServiceAnswer(cause) is Exception inner)
            {
                wrapped = $"{cause.Message.TrimEnd('.')}: {inner.Message}";
                cause = inner;
            }

            bool timedOut = IsTimeout(cause);
            string code = RequestFailures.ErrorCode(cause) ?? (timedOut ? "RequestTimeoutException" : cause.GetType().Name);
            string id = code.EndsWith("Exception", StringComparison.Ordinal) ? code.Substring(0, code.Length - "Exception".Length) : code;
            var failure = new EcrRequestException(reported.Message, exception, paging?.Operation ?? operation, paging?.RepositoryName ?? repositoryName)
            {
                ErrorCode = RequestFailures.ErrorCode(cause),
                StatusCode = RequestFailures.StatusCode(cause),
                RequestId = RequestFailures.RequestId(cause),
                PagesCompleted = paging?.PagesCompleted ?? 0,
                ItemsCompleted = paging?.ItemsCompleted ?? 0,
                ResumeToken = paging?.ResumeToken,
            };
            var record = new ErrorRecord(failure, id, timedOut ? ErrorCategory.OperationTimeout : CategoryFor(code, cause), target);

            string what = (paging?.RepositoryName ?? repositoryName) is string repository
                ? $"{paging?.Operation ?? operation} of repository '{repository}'"
                : $"{operation} of '{target}'";
            string problem = timedOut ? $"timed out: the endpoint did not answer in time ({cause.Message.TrimEnd('.')})." : $"failed: {Sentence(wrapped ?? cause.Message)}";
            if (paging is { PagesCompleted: > 0 } || resumable)
            {
                string stopped = paging!.PagesCompleted > 0
                    ? $"It stopped after {paging.PagesCompleted} page(s) with {paging.ItemsCompleted} item(s)."
                    : "It stopped at the page it resumed from, before any item.";
                record.ErrorDetails = new ErrorDetails($"{what} {problem} {stopped}")
                {
                    RecommendedAction = paging.ResumeToken is null
                        ? "The listing cannot be resumed where it stopped; run the command again, or check the endpoint."
                        : $"Run the command again with -NextToken '{paging.ResumeToken}' to resume the listing.",
                };
            }
            else
            {
                record.ErrorDetails = new ErrorDetails($"{what} {problem}");
            }

            return record;
        }

        private static string Sentence(string message)
        {
            string trimmed = message.Trim();
            return trimmed.EndsWith(".", StringComparison.Ordinal) ? trimmed : trimmed + ".";
        }

        private static bool IsTimeout(Exception exception)
        {
            for (Exception? current = exception; current is not null; current = current.InnerException)
            {
                if (current is TimeoutException || current is OperationCanceledException)
                {
                    // A cancellation that reaches here was not the user's (those stop the command): it is a timeout.
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether an exception is a failed request (service error, transport failure, timeout, failed paging) that
        /// becomes an error record for one item, rather than a bug or a stop that should end the command.
        /// </summary>
        public static bool IsRequestFailure(Exception exception) =>
            RequestFailures.IsSdkException(exception) || exception is EcrPagingException
            || exception is System.Net.Http.HttpRequestException || exception is TimeoutException
            || exception is System.IO.IOException || (exception is OperationCanceledException && IsTimeout(exception));

        /// <summary>
        /// Whether a failed request means that every other request of the command would fail the same way: the
        /// credentials were refused, or the endpoint cannot be reached at all. Such an error ends the command instead
        /// of being repeated for each piped item.
        /// </summary>
        public static bool FailsEveryRequest(ErrorRecord record)
        {
            if (record.CategoryInfo.Category == ErrorCategory.AuthenticationError)
            {
                return true;
            }

            for (Exception? current = record.Exception; current is not null; current = current.InnerException)
            {
                if (current is System.Net.Sockets.SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case System.Net.Sockets.SocketError.ConnectionRefused:
                        case System.Net.Sockets.SocketError.HostNotFound:
                        case System.Net.Sockets.SocketError.HostUnreachable:
                        case System.Net.Sockets.SocketError.NetworkUnreachable:
                        case System.Net.Sockets.SocketError.NoData:
                            return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A retag source that BatchGetImage could not return, with the service's failure code.</summary>
        public static ErrorRecord SourceImageUnavailable(string repositoryName, string? digest, string? failureCode, string? failureReason)
        {
            var exception = new ItemNotFoundException(
                $"The image {digest} in repository '{repositoryName}' could not be fetched to publish again: {failureCode ?? "no image was returned"}{(failureReason is null ? string.Empty : " (" + failureReason + ")")}.");
            ErrorCategory category = failureCode is null || failureCode == "ImageNotFound" ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidResult;
            return new ErrorRecord(exception, failureCode ?? "ImageNotFound", category, digest);
        }

        /// <summary>A parameter value refused by the cmdlet itself, identified and worded as the binder's validation errors are.</summary>
        public static ErrorRecord InvalidArgument(string parameter, string problem, object? target) => new ErrorRecord(
            new ValidationMetadataException($"Cannot validate argument on parameter '{parameter}'. {problem}"), "ParameterArgumentValidationError", ErrorCategory.InvalidData, target);

        /// <summary>A requested image that the repository does not hold; the target is the tag or digest asked for.</summary>
        public static ErrorRecord ImageNotFound(string repositoryName, string? digest, string? tag)
        {
            string what = tag is null ? $"digest '{digest}'" : digest is null ? $"tag '{tag}'" : $"tag '{tag}' and digest '{digest}'";
            var exception = new ItemNotFoundException($"The repository '{repositoryName}' has no image with {what}.");
            return new ErrorRecord(exception, "ImageNotFound", ErrorCategory.ObjectNotFound, tag ?? digest);
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
                case "ExpiredToken":
                case "InvalidClientTokenId":
                case "SignatureDoesNotMatch":
                case "UnauthorizedException":
                    return ErrorCategory.AuthenticationError;
                case "AccessDenied":
                case "AccessDeniedException":
                    return ErrorCategory.PermissionDenied;
                case "KmsException":
                    return ErrorCategory.SecurityError;
                case "ServerException":
                case "ServiceUnavailable":
                case "ServiceUnavailableException":
                case "InternalFailure":
                case "InternalServerError":
                    return ErrorCategory.ResourceUnavailable;
            }

            return exception switch
            {
                OperationCanceledException => ErrorCategory.OperationStopped,
                System.IO.InvalidDataException => ErrorCategory.InvalidResult,
                TimeoutException => ErrorCategory.OperationTimeout,
                _ when RequestFailures.IsServiceAnswer(exception) => ErrorCategory.InvalidResult,
                _ => ErrorCategory.ConnectionError,
            };
        }
    }
}
