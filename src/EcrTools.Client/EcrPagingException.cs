using System;

namespace EcrTools.Client
{
    /// <summary>
    /// A page of a listing failed after the SDK's retries. It says how far the listing got and where to resume:
    /// pass <see cref="ResumeToken"/> as nextToken, with the same other parameters, to request the failed page again.
    /// The error itself is the <see cref="Exception.InnerException"/>.
    /// </summary>
    public sealed class EcrPagingException : Exception
    {
        public EcrPagingException(string operation, string? repositoryName, int pagesCompleted, long itemsCompleted, string? resumeToken, Exception innerException)
            : base(Describe(operation, repositoryName, pagesCompleted, itemsCompleted, resumeToken, innerException), innerException)
        {
            Operation = operation;
            RepositoryName = repositoryName;
            PagesCompleted = pagesCompleted;
            ItemsCompleted = itemsCompleted;
            ResumeToken = resumeToken;
        }

        /// <summary>The operation being paged, such as ListImages.</summary>
        public string Operation { get; }

        /// <summary>The repository being listed; null for DescribeRepositories.</summary>
        public string? RepositoryName { get; }

        /// <summary>Pages received before the failure.</summary>
        public int PagesCompleted { get; }

        /// <summary>Items (image ids, images, repositories) in the pages received.</summary>
        public long ItemsCompleted { get; }

        /// <summary>
        /// The nextToken of the page that failed; null when the first page failed, when the service refused the request
        /// as invalid (InvalidParameterException, such as a nextToken it does not accept: the same request would be
        /// refused again), or when the endpoint answered a page with the token it was sent (resuming would repeat that
        /// page).
        /// </summary>
        public string? ResumeToken { get; }

        private static string Describe(string operation, string? repositoryName, int pagesCompleted, long itemsCompleted, string? resumeToken, Exception innerException)
        {
            string listing = repositoryName is null ? operation : $"{operation} of repository '{repositoryName}'";
            string resume = resumeToken is null
                ? "Run the listing again from the start."
                : "It can be resumed from the failed page by passing ResumeToken as nextToken.";
            return $"{listing} failed after {pagesCompleted} page(s) with {itemsCompleted} item(s): {innerException.Message} {resume}";
        }
    }
}
