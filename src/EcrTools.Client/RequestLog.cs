using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using EcrTools.Client.Listing;
using EcrTools.Client.Model;

namespace EcrTools.Client
{
    /// <summary>
    /// An <see cref="IEcrClient"/> that notes one line per request (operation, repository, HTTP status or error code,
    /// time, request id), for a cmdlet's -Verbose. Requests finish on other threads; the cmdlet writes the lines on
    /// its pipeline thread with <see cref="TakeLines"/>. The client it wraps is shared and stays open. It lives here,
    /// not in the cmdlets' assembly, because it reads AWSSDK.Core's response and exception types.
    /// </summary>
    public sealed class RequestLog : IEcrClient
    {
        private readonly IEcrClient _client;
        private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();

        public RequestLog(IEcrClient client)
        {
            _client = client;
        }

        /// <summary>The lines noted since the last call, oldest first.</summary>
        public IEnumerable<string> TakeLines()
        {
            while (_lines.TryDequeue(out string? line))
            {
                yield return line;
            }
        }

        public Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken = default) =>
            Note("ListImages", request.RepositoryName, () => _client.ListImagesAsync(request, cancellationToken));

        public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
            Note("DescribeImages", request.RepositoryName, () => _client.DescribeImagesAsync(request, cancellationToken));

        public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken = default) =>
            Note("PutImage", request.RepositoryName, () => _client.PutImageAsync(request, cancellationToken));

        public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken = default) =>
            Note("BatchGetImage", request.RepositoryName, () => _client.BatchGetImageAsync(request, cancellationToken));

        public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken = default) =>
            Note("DescribeRepositories", null, () => _client.DescribeRepositoriesAsync(request, cancellationToken));

        /// <summary>The shared client is not this wrapper's to close.</summary>
        public void Dispose()
        {
        }

        private async Task<T> Note<T>(string operation, string? repositoryName, Func<Task<T>> send)
            where T : AmazonWebServiceResponse
        {
            string request = repositoryName is null ? operation : operation + " " + repositoryName;
            var clock = Stopwatch.StartNew();
            try
            {
                T response = await send().ConfigureAwait(false);
                Add(request, null, new AmazonResponseFacts(response, clock.Elapsed));
                return response;
            }
            catch (AmazonServiceException refusal)
            {
                Add(request, refusal.ErrorCode, new AmazonResponseFacts(refusal, clock.Elapsed));
                throw;
            }
            catch (Exception failure)
            {
                // No answer (connection refused, timed out, cancelled): what failed, and after how long.
                _lines.Enqueue(string.Format(CultureInfo.InvariantCulture, "{0}: {1}, no answer, {2:0} ms", request, failure.GetType().Name, clock.Elapsed.TotalMilliseconds));
                throw;
            }
        }

        private void Add(string request, string? errorCode, AmazonResponseFacts facts) =>
            _lines.Enqueue(string.Format(
                CultureInfo.InvariantCulture,
                "{0}: {1}HTTP {2}, {3:0} ms, request id {4}",
                request,
                errorCode is null ? string.Empty : errorCode + ", ",
                facts.HttpStatusCode,
                facts.Duration.TotalMilliseconds,
                facts.RequestId));
    }
}
