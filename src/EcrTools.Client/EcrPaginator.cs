using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client.Model;

namespace EcrTools.Client
{
    /// <summary>
    /// Every page of a listing, one request per page as the consumer asks for it. Each request carries the
    /// previous page's nextToken and the caller's other parameters unchanged; the request object is lent for the
    /// enumeration and its NextToken restored afterwards. A page that fails after the SDK's retries ends the
    /// enumeration with an <see cref="EcrPagingException"/>, as does a page whose nextToken is the one it was asked with.
    /// </summary>
    public static class EcrPaginator
    {
        private static readonly PagedOperation<ListImagesRequest, ListImagesResponse> ListImages = new PagedOperation<ListImagesRequest, ListImagesResponse>(
            name: "ListImages",
            send: (client, request, cancellationToken) => client.ListImagesAsync(request, cancellationToken),
            repositoryName: request => request.RepositoryName,
            requestToken: request => request.NextToken,
            setRequestToken: (request, token) => request.NextToken = token,
            nextToken: page => page.NextToken,
            itemCount: page => page.ImageIds?.Count ?? 0);

        private static readonly PagedOperation<DescribeImagesRequest, DescribeImagesResponse> DescribeImages = new PagedOperation<DescribeImagesRequest, DescribeImagesResponse>(
            name: "DescribeImages",
            send: (client, request, cancellationToken) => client.DescribeImagesAsync(request, cancellationToken),
            repositoryName: request => request.RepositoryName,
            requestToken: request => request.NextToken,
            setRequestToken: (request, token) => request.NextToken = token,
            nextToken: page => page.NextToken,
            itemCount: page => page.ImageDetails?.Count ?? 0);

        private static readonly PagedOperation<DescribeRepositoriesRequest, DescribeRepositoriesResponse> DescribeRepositories = new PagedOperation<DescribeRepositoriesRequest, DescribeRepositoriesResponse>(
            name: "DescribeRepositories",
            send: (client, request, cancellationToken) => client.DescribeRepositoriesAsync(request, cancellationToken),
            repositoryName: request => null,
            requestToken: request => request.NextToken,
            setRequestToken: (request, token) => request.NextToken = token,
            nextToken: page => page.NextToken,
            itemCount: page => page.Repositories?.Count ?? 0);

        public static IAsyncEnumerable<ListImagesResponse> ListImagesPagesAsync(IEcrClient client, ListImagesRequest request, CancellationToken cancellationToken = default) =>
            ListImages.Pages(client, request, cancellationToken);

        public static IAsyncEnumerable<DescribeImagesResponse> DescribeImagesPagesAsync(IEcrClient client, DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
            DescribeImages.Pages(client, request, cancellationToken);

        public static IAsyncEnumerable<DescribeRepositoriesResponse> DescribeRepositoriesPagesAsync(IEcrClient client, DescribeRepositoriesRequest request, CancellationToken cancellationToken = default) =>
            DescribeRepositories.Pages(client, request, cancellationToken);

        /// <summary>How to request, and read the paging members of, one paginated operation.</summary>
        private sealed class PagedOperation<TRequest, TResponse>
            where TRequest : class
        {
            private readonly string _name;
            private readonly Func<IEcrClient, TRequest, CancellationToken, Task<TResponse>> _send;
            private readonly Func<TRequest, string?> _repositoryName;
            private readonly Func<TRequest, string?> _requestToken;
            private readonly Action<TRequest, string?> _setRequestToken;
            private readonly Func<TResponse, string?> _nextToken;
            private readonly Func<TResponse, int> _itemCount;

            public PagedOperation(
                string name,
                Func<IEcrClient, TRequest, CancellationToken, Task<TResponse>> send,
                Func<TRequest, string?> repositoryName,
                Func<TRequest, string?> requestToken,
                Action<TRequest, string?> setRequestToken,
                Func<TResponse, string?> nextToken,
                Func<TResponse, int> itemCount)
            {
                _name = name;
                _send = send;
                _repositoryName = repositoryName;
                _requestToken = requestToken;
                _setRequestToken = setRequestToken;
                _nextToken = nextToken;
                _itemCount = itemCount;
            }

            /// <summary>Checks the arguments now, not when enumeration starts.</summary>
            public IAsyncEnumerable<TResponse> Pages(IEcrClient client, TRequest request, CancellationToken cancellationToken)
            {
                if (client is null)
                {
                    throw new ArgumentNullException(nameof(client));
                }

                if (request is null)
                {
                    throw new ArgumentNullException(nameof(request));
                }

                return PagesIterator(client, request, cancellationToken);
            }

            private async IAsyncEnumerable<TResponse> PagesIterator(IEcrClient client, TRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                string? callerToken = _requestToken(request);
                string? token = callerToken;
                int pages = 0;
                long items = 0;
                try
                {
                    do
                    {
                        _setRequestToken(request, token);
                        TResponse page;
                        try
                        {
                            page = await _send(client, request, cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
                        {
                            // A request the service refused as invalid, such as a nextToken it does not accept, would be
                            // refused again: there is nothing to resume from.
                            string? resumeToken = RequestFailures.ErrorCode(exception) == "InvalidParameterException" ? null : token;
                            throw new EcrPagingException(_name, _repositoryName(request), pages, items, resumeToken, exception);
                        }

                        pages++;
                        items += _itemCount(page);
                        string? sent = token;
                        token = _nextToken(page);
                        yield return page;

                        // As botocore's paginators do: an endpoint that answers with the token it was sent would be
                        // asked for the same page forever.
                        if (!string.IsNullOrEmpty(token) && token == sent)
                        {
                            throw new EcrPagingException(_name, _repositoryName(request), pages, items, resumeToken: null, new InvalidDataException(
                                $"The endpoint answered page {pages} with the nextToken it was sent, so the next page would be the same one; the listing stopped there."));
                        }
                    }
                    while (!string.IsNullOrEmpty(token));
                }
                finally
                {
                    _setRequestToken(request, callerToken);
                }
            }
        }
    }
}
