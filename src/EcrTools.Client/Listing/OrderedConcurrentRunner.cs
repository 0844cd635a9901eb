using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace EcrTools.Client.Listing
{
    /// <summary>
    /// Runs up to <c>throttleLimit</c> asynchronous sequences (one per piped repository) at once and hands their
    /// items to one consumer thread in the order the sequences were added, each sequence's items together and in
    /// order. With a limit of 1 the consumer's thread pulls each item itself when it wants it, and a sequence is
    /// fetched ahead of it only as its <see cref="PullAhead"/> allows (an eager one runs on the thread pool from the
    /// start, one item ahead). With a higher limit each running sequence fetches at most <c>prefetch</c> items (by
    /// default one) ahead on the thread pool, which bounds memory however long the listings are.
    /// </summary>
    public sealed class OrderedConcurrentRunner<T> : IDisposable
    {
        private readonly int _throttleLimit;
        private readonly int _prefetch;
        private readonly CancellationTokenSource _cancellation;
        private readonly Queue<Source> _sources = new Queue<Source>();
        private readonly object _gate = new object();
        private int _running;

        public OrderedConcurrentRunner(int throttleLimit, CancellationToken cancellationToken, int prefetch = 1)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), "The throttle limit must be at least 1.");
            }

            _throttleLimit = throttleLimit;
            _prefetch = throttleLimit == 1 ? 0 : Math.Max(1, prefetch);
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        /// <summary>Sequences added and not yet fully handed to the consumer.</summary>
        public int Pending
        {
            get
            {
                lock (_gate)
                {
                    return _sources.Count;
                }
            }
        }

        /// <summary>
        /// Queues a sequence; <paramref name="state"/> comes back with each of its events. With a limit of 1,
        /// <paramref name="ahead"/> says how far it is fetched ahead of the consumer (a higher limit prefetches anyway).
        /// </summary>
        public void Add(Func<CancellationToken, IAsyncEnumerable<T>> sequence, object? state, PullAhead ahead = PullAhead.None)
        {
            var source = new Source(this, sequence, state, _prefetch, ahead);
            lock (_gate)
            {
                _sources.Enqueue(source);
            }

            if (ahead == PullAhead.FromStart && _prefetch == 0)
            {
                // An eager sequence of a limit of 1 runs at once, outside the limit, on the pump the higher limits
                // use: its first item is fetched now and each next one when an item is taken.
                _ = source.RunAsync(_cancellation.Token);
            }

            if (_prefetch > 0)
            {
                StartWaitingSources();
            }
        }

        /// <summary>
        /// Hands over events in order: whatever is ready at once, then, waiting as needed, until no more than
        /// <paramref name="maxPending"/> sequences remain. Drain(0) finishes everything.
        /// </summary>
        public IEnumerable<RunnerEvent<T>> Drain(int maxPending)
        {
            while (true)
            {
                Source? head;
                int pending;
                lock (_gate)
                {
                    pending = _sources.Count;
                    head = pending > 0 ? _sources.Peek() : null;
                }

                if (head is null)
                {
                    yield break;
                }

                // Pulled sequences move only when the consumer pulls: one that was not started ahead is finished now.
                bool wait = pending > maxPending || head.PullOnly;
                if (!head.TryTake(wait, _cancellation.Token, out RunnerEvent<T> next))
                {
                    yield break;
                }

                if (next.IsLast)
                {
                    lock (_gate)
                    {
                        _sources.Dequeue();
                    }
                }

                yield return next;
            }
        }

        /// <summary>Stops every sequence; their pending requests are cancelled.</summary>
        public void Dispose()
        {
            // Cancel only: running sequences may still observe the token while they unwind.
            _cancellation.Cancel();
            lock (_gate)
            {
                foreach (Source source in _sources)
                {
                    source.Abandon();
                }
            }
        }

        private void StartWaitingSources()
        {
            var toStart = new List<Source>();
            lock (_gate)
            {
                foreach (Source source in _sources)
                {
                    if (_running >= _throttleLimit)
                    {
                        break;
                    }

                    if (!source.Started)
                    {
                        source.Started = true;
                        _running++;
                        toStart.Add(source);
                    }
                }
            }

            foreach (Source source in toStart)
            {
                _ = source.RunAsync(_cancellation.Token);
            }
        }

        private void OnSourceFinished()
        {
            lock (_gate)
            {
                _running--;
            }

            StartWaitingSources();
        }

        /// <summary>One sequence: a pump that fetches items as it is given credit, and a queue of its events.</summary>
        private sealed class Source
        {
            private readonly OrderedConcurrentRunner<T> _owner;
            private readonly Func<CancellationToken, IAsyncEnumerable<T>> _sequence;
            private readonly object? _state;
            private readonly bool _pullOnly;
            private readonly PullAhead _ahead;
            private readonly ConcurrentQueue<RunnerEvent<T>> _events = new ConcurrentQueue<RunnerEvent<T>>();
            private readonly SemaphoreSlim _available = new SemaphoreSlim(0);
            private readonly SemaphoreSlim _credit;
            private IAsyncEnumerator<T>? _pulled;
            private Task<bool>? _pendingPull;
            private int _taken;

            public Source(OrderedConcurrentRunner<T> owner, Func<CancellationToken, IAsyncEnumerable<T>> sequence, object? state, int prefetch, PullAhead ahead)
            {
                _owner = owner;
                _sequence = sequence;
                _state = state;
                _pullOnly = prefetch == 0 && ahead != PullAhead.FromStart;
                _ahead = ahead;
                _credit = new SemaphoreSlim(_pullOnly ? 0 : Math.Max(1, prefetch));
            }

            /// <summary>Started by the runner within its limit (a higher limit): its end frees a place.</summary>
            public bool Started { get; set; }

            /// <summary>
            /// Whether the consumer's thread pulls this sequence's items itself (a limit of 1, not eager); every other
            /// sequence is run by a pump and hands over what it has published.
            /// </summary>
            public bool PullOnly => _pullOnly;

            public async Task RunAsync(CancellationToken cancellationToken)
            {
                IAsyncEnumerator<T>? items = null;
                try
                {
                    items = _sequence(cancellationToken).GetAsyncEnumerator(cancellationToken);
                    while (true)
                    {
                        await _credit.WaitAsync(cancellationToken).ConfigureAwait(false);
                        if (!await items.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        Publish(RunnerEvent<T>.ForItem(items.Current, _state));
                    }

                    Publish(RunnerEvent<T>.ForEnd(_state, null));
                }
                catch (Exception exception)
                {
                    Publish(RunnerEvent<T>.ForEnd(_state, exception));
                }
                finally
                {
                    if (items is not null)
                    {
                        try
                        {
                            await items.DisposeAsync().ConfigureAwait(false);
                        }
                        catch (Exception)
                        {
                            // The sequence's error, if any, was already published; disposal adds nothing to it.
                        }
                    }

                    if (Started)
                    {
                        _owner.OnSourceFinished();
                    }
                }
            }

            public bool TryTake(bool wait, CancellationToken cancellationToken, out RunnerEvent<T> next)
            {
                if (_pullOnly)
                {
                    return TryPull(wait, cancellationToken, out next);
                }

                if (!_available.Wait(0))
                {
                    if (!wait)
                    {
                        next = default;
                        return false;
                    }

                    _available.Wait(cancellationToken);
                }

                if (!_events.TryDequeue(out next))
                {
                    throw new InvalidOperationException("An event was signalled but not queued.");
                }

                if (!next.IsLast)
                {
                    _credit.Release();
                }

                return true;
            }

            /// <summary>Disposes a sequence the consumer was pulling from and will not finish.</summary>
            public void Abandon()
            {
                IAsyncEnumerator<T>? items = Interlocked.Exchange(ref _pulled, null);
                if (items is not null)
                {
                    // A sequence is disposed only once its pending request has ended (the cancellation ends it).
                    Task pending = Interlocked.Exchange(ref _pendingPull, null) ?? Task.CompletedTask;
                    _ = pending.ContinueWith(_ => items.DisposeAsync().AsTask(), TaskScheduler.Default).Unwrap()
                        .ContinueWith(task => _ = task.Exception, TaskScheduler.Default);
                }
            }

            /// <summary>
            /// With no prefetch the consumer's own thread takes the next item when it wants one: no request is made
            /// ahead of it and no thread hand-off is paid per item.
            /// </summary>
            private bool TryPull(bool wait, CancellationToken cancellationToken, out RunnerEvent<T> next)
            {
                next = default;
                Task<bool>? pending = _pendingPull;
                if (!wait && (pending is null || !pending.IsCompleted))
                {
                    return false;
                }

                try
                {
                    bool moved;
                    if (pending is not null)
                    {
                        _pendingPull = null;
                        moved = WaitWithoutSpinning(pending);
                    }
                    else
                    {
                        _pulled ??= _sequence(cancellationToken).GetAsyncEnumerator(cancellationToken);
                        ValueTask<bool> move = _pulled.MoveNextAsync();
                        moved = move.IsCompletedSuccessfully ? move.Result : move.AsTask().GetAwaiter().GetResult();
                    }

                    if (moved)
                    {
                        next = RunnerEvent<T>.ForItem(_pulled!.Current, _state);
                        _taken++;
                        if (_ahead == PullAhead.FromSecondItem && _taken >= 2)
                        {
                            _pendingPull = MoveNextOnThreadPool(_pulled);
                        }

                        return true;
                    }

                    next = RunnerEvent<T>.ForEnd(_state, null);
                }
                catch (Exception exception)
                {
                    next = RunnerEvent<T>.ForEnd(_state, exception);
                }

                Abandon();
                return true;
            }

            /// <summary>
            /// Asks for the next item from the thread pool: building, signing and sending a request takes a while
            /// before its first await, and the consumer's thread has its own work to do meanwhile.
            /// </summary>
            private static Task<bool> MoveNextOnThreadPool(IAsyncEnumerator<T> items) =>
                Task.Run(() => items.MoveNextAsync().AsTask());

            /// <summary>
            /// Blocks until the task ends without spinning first (as Task.Wait does): a request's round trip is long
            /// next to a spin, and a spinning consumer takes a core from the threads that parse the responses.
            /// </summary>
            private static bool WaitWithoutSpinning(Task<bool> task)
            {
                if (!task.IsCompleted)
                {
                    var done = new ManualResetEventSlim(false, spinCount: 0);
                    task.ContinueWith((_, state) => ((ManualResetEventSlim)state!).Set(), done, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    done.Wait();
                }

                return task.GetAwaiter().GetResult();
            }

            private void Publish(RunnerEvent<T> item)
            {
                _events.Enqueue(item);
                _available.Release();
            }
        }
    }

    /// <summary>How far a pulled sequence (a runner with a limit of 1) is fetched ahead of its consumer.</summary>
    public enum PullAhead
    {
        /// <summary>Each item is fetched when the consumer asks for it: a consumer that stops causes no further request.</summary>
        None,

        /// <summary>
        /// The first item is fetched when the consumer asks for it; once the consumer has come back for a second one,
        /// each next item is fetched while the consumer handles the current one. A consumer that stops within its
        /// first item causes no further request; one that stops later leaves at most one fetch cancelled.
        /// </summary>
        FromSecondItem,

        /// <summary>The first item is asked for when the sequence is added, and each next one when an item is taken.</summary>
        FromStart,
    }

    /// <summary>An item of a sequence, or its end (with the error that ended it, if any).</summary>
    public readonly struct RunnerEvent<T>
    {
        private RunnerEvent(T item, object? state, bool isLast, Exception? error)
        {
            Item = item;
            State = state;
            IsLast = isLast;
            Error = error;
        }

        public T Item { get; }

        public object? State { get; }

        /// <summary>True for the event that ends a sequence; it carries no item.</summary>
        public bool IsLast { get; }

        public Exception? Error { get; }

        internal static RunnerEvent<T> ForItem(T item, object? state) => new RunnerEvent<T>(item, state, false, null);

        internal static RunnerEvent<T> ForEnd(object? state, Exception? error) => new RunnerEvent<T>(default!, state, true, error);
    }
}
