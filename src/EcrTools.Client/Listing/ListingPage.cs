using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client.Model;

namespace EcrTools.Client.Listing
{
    /// <summary>
    /// What one request of a listing brought: its items, the requested ids it did not find, and the request's
    /// facts (for verbose output and progress).
    /// </summary>
    public sealed class ListingPage<T>
    {
        private static readonly IReadOnlyList<ImageIdentifier> NoIds = Array.Empty<ImageIdentifier>();

        private readonly AmazonResponseFacts _facts;

        public ListingPage(string operation, string repositoryName, int pageNumber, IReadOnlyList<T> items, AmazonResponseFacts facts, string? nextToken, IReadOnlyList<ImageIdentifier>? missingIds = null, bool continuesRequest = false)
        {
            ContinuesRequest = continuesRequest;
            Operation = operation;
            RepositoryName = repositoryName;
            PageNumber = pageNumber;
            Items = items;
            _facts = facts;
            NextToken = nextToken;
            MissingIds = missingIds ?? NoIds;
        }

        public string Operation { get; }

        public string RepositoryName { get; }

        /// <summary>1 for the first request of this listing.</summary>
        public int PageNumber { get; }

        public IReadOnlyList<T> Items { get; }

        /// <summary>Requested image ids that the repository does not hold; they were asked for before <see cref="Items"/>.</summary>
        public IReadOnlyList<ImageIdentifier> MissingIds { get; }

        /// <summary>
        /// The rest of the request of the page before, split where a missing id falls between its images: the request's
        /// facts and page number are that page's.
        /// </summary>
        public bool ContinuesRequest { get; }

        public string? RequestId => _facts.RequestId;

        public int HttpStatusCode => _facts.HttpStatusCode;

        public TimeSpan Duration => _facts.Duration;

        /// <summary>The token of the next page; null on the last page.</summary>
        public string? NextToken { get; }

        /// <summary>The same page with each item converted; items converted to null are left out.</summary>
        public ListingPage<TResult> Select<TResult>(Func<T, TResult?> selector)
            where TResult : class
        {
            var items = new List<TResult>(Items.Count);
            foreach (T item in Items)
            {
                if (selector(item) is TResult result)
                {
                    items.Add(result);
                }
            }

            return new ListingPage<TResult>(Operation, RepositoryName, PageNumber, items, _facts, NextToken, MissingIds, ContinuesRequest);
        }
    }

    public static class ListingPages
    {
        /// <summary>The pages with each item converted as it arrives (see <see cref="ListingPage{T}.Select"/>).</summary>
        public static async IAsyncEnumerable<ListingPage<TResult>> Select<T, TResult>(
            this IAsyncEnumerable<ListingPage<T>> pages, Func<T, TResult?> selector, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            where TResult : class
        {
            await foreach (ListingPage<T> page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return page.Select(selector);
            }
        }
    }

    /// <summary>The request id, HTTP status and duration of one answered request.</summary>
    public readonly struct AmazonResponseFacts
    {
        public AmazonResponseFacts(Amazon.Runtime.AmazonWebServiceResponse response, TimeSpan duration)
        {
            RequestId = response.ResponseMetadata?.RequestId;
            HttpStatusCode = (int)response.HttpStatusCode;
            Duration = duration;
        }

        /// <summary>The facts of a request the service refused, such as a lookup of an image that does not exist.</summary>
        public AmazonResponseFacts(Amazon.Runtime.AmazonServiceException refusal, TimeSpan duration)
        {
            RequestId = refusal.RequestId;
            HttpStatusCode = (int)refusal.StatusCode;
            Duration = duration;
        }

        public string? RequestId { get; }

        public int HttpStatusCode { get; }

        public TimeSpan Duration { get; }
    }
}
