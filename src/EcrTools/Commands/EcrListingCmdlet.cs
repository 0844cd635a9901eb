using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using EcrTools.Binding;
using EcrTools.Client.Listing;

namespace EcrTools.Commands
{
    /// <summary>
    /// What Get-EcrImage and Get-EcrImageId share: the repository from the pipeline, the filter and its shortcuts,
    /// paging (-PageSize, -NextToken, -First, -Skip), -ThrottleLimit, streaming output, progress, one verbose
    /// line per request, and errors that name the repository and leave the pipeline running (refused credentials
    /// and an unreachable endpoint end it: they would fail every repository).
    /// </summary>
    public abstract class EcrListingCmdlet<TOutput> : EcrCmdlet, IDisposable
        where TOutput : class
    {
        /// <summary>The parameter set that names the repository (-RepositoryName, by value or property name).</summary>
        protected const string RepositorySet = "Repository";

        /// <summary>The most results ListImages and DescribeImages return in one page.</summary>
        private const int MaxPageSize = 1000;

        private const int ProgressActivityId = 0x0ECE;
        private static readonly TimeSpan ProgressDelay = TimeSpan.FromSeconds(1);

        private readonly Stopwatch _clock = new Stopwatch();

        // Repositories whose every image is already being listed by this command, by registry and name.
        private readonly HashSet<string> _listedWhole = new HashSet<string>(StringComparer.Ordinal);
        private OrderedConcurrentRunner<ListingPage<TOutput>>? _runner;
        private ulong _skip;
        private ulong _remaining = ulong.MaxValue;
        private ulong _written;
        private ulong _skipped;
        private long _pages;
        private bool _stopped;
        private bool _progressShown;

        /// <summary>The repositories to list, in order, from the pipeline by value or by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = RepositorySet)]
        [ValidateRepositoryName]
        [ArgumentCompleter(typeof(RepositoryNameCompleter))]
        public string[] RepositoryName { get; set; } = Array.Empty<string>();

        /// <summary>The registry (AWS account id); the caller's own registry when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = RepositorySet)]
        [ValidateRegistryId(EmptyFromPipeline = true)]
        public string? RegistryId { get; set; }

        /// <summary>The API's filter: a hashtable, the AWS CLI shorthand or an EcrImageFilter.</summary>
        [Parameter]
        [ImageFilterTransformation]
        public EcrImageFilter? Filter { get; set; }

        /// <summary>Shortcut for the filter's tagStatus.</summary>
        [Parameter]
        [SingleEnumValue]
        public EcrTagStatus? TagStatus { get; set; }

        /// <summary>Shortcut for the filter's imageStatus; without it only ACTIVE images are listed.</summary>
        [Parameter]
        [SingleEnumValue]
        public EcrImageStatus? ImageStatus { get; set; }

        /// <summary>
        /// Results per request (maxResults), 1 to 1000. By default the API's largest page, 1000 (a tenth of the
        /// requests the service's default of 100 needs), or fewer when -First and -Skip need fewer.
        /// </summary>
        [Parameter]
        [ValidateRange(1, MaxPageSize)]
        public int? PageSize { get; set; }

        /// <summary>Resumes a listing from the token an earlier error reported.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NextToken { get; set; }

        /// <summary>How many piped repositories are fetched at once (default 1).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 1;

        /// <summary>The filter with the shortcuts applied, checked in BeginProcessing.</summary>
        protected EcrImageFilter EffectiveFilter { get; private set; } = new EcrImageFilter();

        /// <summary>
        /// How many queued pieces of work may still be running when an input has been handled: each piped repository
        /// beyond -ThrottleLimit waits for the oldest to finish.
        /// </summary>
        protected virtual int PendingAfterInput => ThrottleLimit - 1;

        /// <summary>The API operation the listing uses, for messages: ListImages, DescribeImages.</summary>
        protected abstract string Operation { get; }

        /// <summary>The noun for progress messages: "image ids", "images".</summary>
        protected abstract string ItemNoun { get; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                EffectiveFilter = (Filter ?? new EcrImageFilter()).With(
                    TagStatus?.ToString().ToUpperInvariant(), ImageStatus?.ToString().ToUpperInvariant());
            }
            catch (ArgumentException conflict)
            {
                ThrowTerminatingError(new ErrorRecord(conflict, "FilterConflict", ErrorCategory.InvalidArgument, Filter));
            }

            if (NextToken is not null && RepositoryName.Length > 1)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("-NextToken resumes the listing of one repository: give one -RepositoryName with it."),
                    "NextTokenWithSeveralRepositories",
                    ErrorCategory.InvalidArgument,
                    RepositoryName));
            }

            if (PagingParameters is not null)
            {
                _skip = PagingParameters.Skip;
                _remaining = PagingParameters.First;
                _stopped = _remaining == 0;
            }

            _runner = new OrderedConcurrentRunner<ListingPage<TOutput>>(ThrottleLimit, CancellationToken);
            _clock.Start();
        }

        protected override void ProcessRecord()
        {
            if (_stopped)
            {
                return;
            }

            QueueInput();
            Emit(_runner!.Drain(PendingAfterInput));
        }

        protected override void EndProcessing()
        {
            if (!_stopped)
            {
                FlushWork();
                Emit(_runner!.Drain(0));
            }

            if (_progressShown)
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
            }

            if (PagingParameters?.IncludeTotalCount == true)
            {
                double accuracy = _stopped ? 0.0 : 1.0;
                WriteObject(PagingParameters.NewTotalCount(_written + _skipped, accuracy));
            }

            base.EndProcessing();
        }

        public void Dispose()
        {
            // Also reached when a downstream Select-Object -First stops the pipeline: cancel what still runs.
            _runner?.Dispose();
        }

        /// <summary>
        /// The maxResults of a listing's requests: -PageSize when given, else the API's largest page, or just the
        /// -First and -Skip items when those are fewer and every listed item is written (no filtering on this side).
        /// </summary>
        protected int RequestPageSize(bool filteredHere)
        {
            if (PageSize is int pageSize)
            {
                return pageSize;
            }

            if (!filteredHere && PagingParameters is { } paging && paging.First < MaxPageSize && paging.Skip < MaxPageSize)
            {
                return (int)Math.Max(1, Math.Min(paging.First + paging.Skip, MaxPageSize));
            }

            return MaxPageSize;
        }

        /// <summary>
        /// Queues the work for the current pipeline input: by default each repository it names, in order, each one
        /// after the output of those before it has been drained to -ThrottleLimit, as if the names had been piped.
        /// </summary>
        protected virtual void QueueInput()
        {
            for (int i = 0; i < RepositoryName.Length && !_stopped; i++)
            {
                if (i > 0)
                {
                    Emit(_runner!.Drain(PendingAfterInput));
                }

                QueueWork(new ListingTarget(RepositoryName[i], BoundValues.NullIfEmpty(RegistryId)));
            }
        }

        /// <summary>Queues the listing or lookups for one pipeline input.</summary>
        protected abstract void QueueWork(ListingTarget target);

        /// <summary>
        /// Whether a listing of the whole repository is still to be queued: a repository piped again (such as the
        /// output of Get-EcrImageId, one object per id) is listed once per command, as its first listing has every
        /// image the next one would have.
        /// </summary>
        protected bool FirstWholeListing(ListingTarget target)
        {
            if (_listedWhole.Add($"{target.RegistryId}/{target.RepositoryName}"))
            {
                return true;
            }

            WriteVerbose(string.Format(CultureInfo.InvariantCulture, "{0} {1}: already listed by this command, not listed again", Operation, target.RepositoryName));
            return false;
        }

        /// <summary>Queues work held back for batching; called before the end of input is drained.</summary>
        protected virtual void FlushWork()
        {
        }

        /// <summary>Called when a listing or lookup ends without error.</summary>
        protected virtual void OnCompleted(ListingTarget target)
        {
        }

        /// <summary>
        /// Queues one listing or lookup. Its items become output objects as each page arrives, on the thread that
        /// fetched it; <paramref name="toOutput"/> returns null to leave an item out.
        /// </summary>
        /// <param name="eager">
        /// Start it at once even with -ThrottleLimit 1 (lookups whose every result is wanted). Otherwise, with
        /// -ThrottleLimit 1, a listing's first page is requested when the pipeline gets to it, and once the pipeline
        /// has taken that page whole, each next page is requested while the current one is written; with -First the
        /// listing asks for no page it does not need.
        /// </param>
        protected void Enqueue<TDetail>(Func<CancellationToken, IAsyncEnumerable<ListingPage<TDetail>>> pages, Func<TDetail, TOutput?> toOutput, ListingTarget target, bool eager = false)
        {
            PullAhead ahead = eager ? PullAhead.FromStart : _remaining == ulong.MaxValue ? PullAhead.FromSecondItem : PullAhead.None;
            _runner!.Add(cancellationToken => pages(cancellationToken).Select(toOutput, cancellationToken), target, ahead);
        }

        private void Emit(IEnumerable<RunnerEvent<ListingPage<TOutput>>> events)
        {
            foreach (RunnerEvent<ListingPage<TOutput>> next in events)
            {
                var target = (ListingTarget)next.State!;
                if (next.IsLast)
                {
                    if (next.Error is null)
                    {
                        OnCompleted(target);
                    }
                    else if (!(next.Error is OperationCanceledException && CancellationToken.IsCancellationRequested))
                    {
                        WriteRequestError(ErrorRecords.FromException(next.Error, target.RepositoryName, Operation, target.RepositoryName));
                    }

                    continue;
                }

                ListingPage<TOutput> page = next.Item;
                if (!page.ContinuesRequest)
                {
                    _pages++;
                    WriteVerbose(string.Format(
                        CultureInfo.InvariantCulture,
                        "{0} {1} page {2}: HTTP {3}, {4} item(s), {5:0} ms, request id {6}",
                        page.Operation, page.RepositoryName, page.PageNumber, page.HttpStatusCode, page.Items.Count, page.Duration.TotalMilliseconds, page.RequestId));
                }

                // Ids asked for before the page's items: an error for each, then the items, so output keeps input order.
                foreach (var missing in page.MissingIds)
                {
                    WriteError(ErrorRecords.ImageNotFound(target.RepositoryName, missing.ImageDigest, missing.ImageTag));
                }

                if (WriteItems(page))
                {
                    return;
                }

                ShowProgress(page.RepositoryName);
            }
        }

        /// <summary>Writes a page's items, honouring -Skip and -First; true when -First is satisfied.</summary>
        private bool WriteItems(ListingPage<TOutput> page)
        {
            ulong count = (ulong)page.Items.Count;
            if (_skipped == _skip && count < _remaining)
            {
                // The whole page goes: one call hands it to the pipeline, which enumerates it.
                WriteObject(page.Items, enumerateCollection: true);
                _written += count;
                _remaining -= count;
                return false;
            }

            foreach (TOutput output in page.Items)
            {
                if (_skipped < _skip)
                {
                    _skipped++;
                    continue;
                }

                WriteObject(output);
                _written++;
                if (--_remaining == 0)
                {
                    _stopped = true;
                    _runner!.Dispose();
                    return true;
                }
            }

            return false;
        }

        private void ShowProgress(string repositoryName)
        {
            if (_clock.Elapsed < ProgressDelay)
            {
                return;
            }

            _progressShown = true;
            WriteProgress(new ProgressRecord(
                ProgressActivityId,
                MyInvocation.MyCommand.Name,
                string.Format(CultureInfo.CurrentCulture, "{0} {1} in {2} page(s); listing {3}", _written, ItemNoun, _pages, repositoryName)));
        }
    }

    /// <summary>The repository a piece of work lists, and what the derived cmdlet needs to remember about it.</summary>
    public sealed class ListingTarget
    {
        public ListingTarget(string repositoryName, string? registryId)
        {
            RepositoryName = repositoryName;
            RegistryId = registryId;
        }

        public string RepositoryName { get; }

        public string? RegistryId { get; }

        /// <summary>Ids asked for by tag or digest that the listing must find, else each is reported missing.</summary>
        public List<Client.Model.ImageIdentifier> ExpectedIds { get; } = new List<Client.Model.ImageIdentifier>();
    }
}
