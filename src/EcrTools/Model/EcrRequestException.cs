using System;

namespace EcrTools
{
    /// <summary>
    /// A request to ECR that failed, as the cmdlets report it (the ErrorRecord's exception): the operation and
    /// repository, the service's error code, HTTP status and request id when the service answered, and for a listing
    /// how far it got and where to resume. <c>catch [EcrTools.EcrRequestException]</c> catches every such failure;
    /// the exception the client library raised is the <see cref="Exception.InnerException"/>.
    /// </summary>
    public sealed class EcrRequestException : Exception
    {
        public EcrRequestException(string message, Exception innerException, string operation, string? repositoryName)
            : base(message, innerException)
        {
            Operation = operation;
            RepositoryName = repositoryName;
        }

        /// <summary>The ECR operation that failed, such as ListImages.</summary>
        public string Operation { get; }

        /// <summary>The repository of the request, when it had one.</summary>
        public string? RepositoryName { get; }

        /// <summary>The service's error code, such as RepositoryNotFoundException; null when the service did not answer.</summary>
        public string? ErrorCode { get; internal set; }

        /// <summary>The HTTP status of the service's answer; null when there was none.</summary>
        public int? StatusCode { get; internal set; }

        /// <summary>The request id of the service's answer (x-amzn-RequestId), for AWS support; null when there was none.</summary>
        public string? RequestId { get; internal set; }

        /// <summary>The pages of the listing written before it failed (0 for other requests).</summary>
        public int PagesCompleted { get; internal set; }

        /// <summary>The items (image ids, images) of those pages.</summary>
        public long ItemsCompleted { get; internal set; }

        /// <summary>
        /// The token of the page that failed: pass it to -NextToken, with the same other parameters, to list the rest.
        /// Null when the listing cannot be resumed (its first page failed, or the endpoint repeated a token).
        /// </summary>
        public string? ResumeToken { get; internal set; }
    }
}
