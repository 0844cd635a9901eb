using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client;
using EcrTools.Client.Model;

namespace EcrTools.Tests.Client
{
    /// <summary>
    /// An IEcrClient that answers paged operations from a list of pages and records the nextToken of each call
    /// as it was when the call was made.
    /// </summary>
    internal sealed class FakeEcrClient : IEcrClient
    {
        private readonly Func<string?, int, object> _page;

        /// <param name="page">The response (or exception) for a call, given its nextToken and its index.</param>
        public FakeEcrClient(Func<string?, int, object> page)
        {
            _page = page;
        }

        public List<string?> RequestedTokens { get; } = new List<string?>();

        public List<object> Requests { get; } = new List<object>();

        public Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken = default) =>
            Answer<ListImagesResponse>(request, request.NextToken);

        public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
            Answer<DescribeImagesResponse>(request, request.NextToken);

        public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken = default) =>
            Answer<DescribeRepositoriesResponse>(request, request.NextToken);

        public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public void Dispose()
        {
        }

        private Task<T> Answer<T>(object request, string? nextToken)
        {
            Requests.Add(request);
            RequestedTokens.Add(nextToken);
            object answer = _page(nextToken, RequestedTokens.Count - 1);
            return answer is Exception exception ? Task.FromException<T>(exception) : Task.FromResult((T)answer);
        }
    }
}
