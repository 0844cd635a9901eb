using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client;
using EcrTools.Client.Connection;

namespace EcrTools.Commands
{
    /// <summary>
    /// The parameters and plumbing every EcrTools cmdlet shares: where to connect, cancellation on Ctrl+C,
    /// and turning service errors into ErrorRecords.
    /// </summary>
    public abstract class EcrCmdlet : PSCmdlet
    {
        private CancellationTokenSource? _cancellation;
        private IEcrClient? _client;

        /// <summary>The AWS region, such as us-east-1. Defaults to AWS_REGION, then AWS_DEFAULT_REGION.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        /// <summary>An endpoint to send requests to instead of the region's ECR endpoint.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Uri? EndpointUrl { get; set; }

        protected CancellationToken CancellationToken => _cancellation?.Token ?? CancellationToken.None;

        protected override void BeginProcessing()
        {
            _cancellation = new CancellationTokenSource();
        }

        protected override void StopProcessing()
        {
            _cancellation?.Cancel();
        }

        protected override void EndProcessing()
        {
            _cancellation?.Dispose();
            _cancellation = null;
        }

        /// <summary>The shared client for this command line's connection settings, resolved on first use.</summary>
        protected IEcrClient Client => _client ??= EcrClientPool.Get(ResolveConnection());

        /// <summary>Waits for a task on the pipeline thread, so output and errors are written from it.</summary>
        protected static T Await<T>(Task<T> task) => task.GetAwaiter().GetResult();

        /// <summary>
        /// Enumerates an asynchronous sequence on the pipeline thread, one item at a time, so a consumer that
        /// stops early (Select-Object -First) stops the requests too.
        /// </summary>
        protected IEnumerable<T> Synchronously<T>(IAsyncEnumerable<T> source)
        {
            IAsyncEnumerator<T> items = source.GetAsyncEnumerator(CancellationToken);
            try
            {
                while (items.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    yield return items.Current;
                }
            }
            finally
            {
                items.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        private EcrConnectionSettings ResolveConnection()
        {
            string? region = Region
                ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_REGION"))
                ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"));
            if (region is null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSInvalidOperationException("No AWS region was found. Pass -Region, or set the AWS_REGION environment variable, for example: $env:AWS_REGION = 'us-east-1'."),
                    "RegionNotFound",
                    ErrorCategory.InvalidArgument,
                    null));
            }

            return new EcrConnectionSettings(region!, EndpointUrl?.AbsoluteUri);
        }

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
