using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client.Listing;
using Xunit;

namespace EcrTools.Tests.Listing
{
    public class OrderedConcurrentRunnerTests
    {
        [Fact]
        public void HandsOverEachSequenceTogetherAndInTheOrderAdded()
        {
            using var runner = new OrderedConcurrentRunner<string>(4, CancellationToken.None);
            var random = new Random(7);
            for (int source = 0; source < 10; source++)
            {
                int delay = random.Next(0, 20);
                string name = "s" + source;
                runner.Add(token => Items(name, 5, TimeSpan.FromMilliseconds(delay), token), name);
            }

            List<string> items = runner.Drain(0).Where(next => !next.IsLast).Select(next => next.Item).ToList();

            Assert.Equal(Enumerable.Range(0, 10).SelectMany(source => Enumerable.Range(0, 5).Select(i => $"s{source}-{i}")), items);
        }

        [Fact]
        public void RunsUpToTheLimitAtOnce()
        {
            int running = 0;
            int peak = 0;
            async IAsyncEnumerable<string> Tracked([EnumeratorCancellation] CancellationToken token)
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                await Task.Delay(50, token);
                Interlocked.Decrement(ref running);
                yield return "done";
            }

            using var runner = new OrderedConcurrentRunner<string>(3, CancellationToken.None);
            for (int i = 0; i < 9; i++)
            {
                runner.Add(Tracked, i);
            }

            Assert.Equal(9, runner.Drain(0).Count(next => !next.IsLast));
            Assert.Equal(3, peak);
        }

        [Fact]
        public void WithALimitOfOneRequestsNothingAheadOfTheConsumer()
        {
            var produced = new ProducedCount();

            using var runner = new OrderedConcurrentRunner<int>(1, CancellationToken.None);
            runner.Add(token => Counted(produced, token), null);
            List<int> firstThree = runner.Drain(0).Take(3).Select(next => next.Item).ToList();
            Thread.Sleep(50);

            Assert.Equal(new[] { 0, 1, 2 }, firstThree);
            Assert.Equal(3, produced.Value);
        }

        [Fact]
        public void WithALimitOfOneASequencePulledFromItsSecondItemFetchesOneAheadOnlyAfterThat()
        {
            var produced = new ProducedCount();

            // The fetch ahead runs on the thread pool, which a loaded machine may start late: wait for the expected
            // count (up to 10 s), then a little longer, so that a fetch beyond it would be counted too.
            int ProducedOnceSettled(int expected)
            {
                SpinWait.SpinUntil(() => produced.Value >= expected, TimeSpan.FromSeconds(10));
                Thread.Sleep(50);
                return produced.Value;
            }

            using var runner = new OrderedConcurrentRunner<int>(1, CancellationToken.None);
            runner.Add(token => Counted(produced, token), null, PullAhead.FromSecondItem);
            using IEnumerator<RunnerEvent<int>> events = runner.Drain(0).GetEnumerator();

            // A consumer that stops within the first item has caused exactly one fetch.
            Assert.True(events.MoveNext());
            Assert.Equal(0, events.Current.Item);
            Assert.Equal(1, ProducedOnceSettled(1));

            // Once it comes back for the second, the third is fetched while it handles the second, and so on.
            Assert.True(events.MoveNext());
            Assert.Equal(1, events.Current.Item);
            Assert.Equal(3, ProducedOnceSettled(3));
            Assert.True(events.MoveNext());
            Assert.Equal(2, events.Current.Item);
            Assert.Equal(4, ProducedOnceSettled(4));

            List<int> rest = new List<int>();
            while (events.MoveNext() && !events.Current.IsLast)
            {
                rest.Add(events.Current.Item);
            }

            Assert.Equal(Enumerable.Range(3, 97), rest);
            Assert.Equal(100, produced.Value);
        }

        [Fact]
        public void WithAHigherLimitEachRunningSequenceFetchesOneItemAheadOfTheConsumer()
        {
            var first = new ProducedCount();
            var second = new ProducedCount();

            using var runner = new OrderedConcurrentRunner<int>(2, CancellationToken.None);
            runner.Add(token => Counted(first, token), "first");
            runner.Add(token => Counted(second, token), "second");
            using IEnumerator<RunnerEvent<int>> events = runner.Drain(0).GetEnumerator();
            Assert.True(events.MoveNext());
            Assert.Equal(0, events.Current.Item);

            // The consumer holds its first item: the first sequence fetches the next one, the second its first one.
            SpinWait.SpinUntil(() => first.Value >= 2 && second.Value >= 1, TimeSpan.FromSeconds(10));
            Thread.Sleep(100);
            Assert.Equal(2, first.Value);
            Assert.Equal(1, second.Value);
        }

        [Fact]
        public void WithALimitOfOneAnEagerSequenceIsInFlightWhileTheConsumerGoesOn()
        {
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            int started = 0;
            async IAsyncEnumerable<string> Lookup([EnumeratorCancellation] CancellationToken token)
            {
                Interlocked.Increment(ref started);
                await release.Task.WaitAsync(token);
                yield return "found";
            }

            using var runner = new OrderedConcurrentRunner<string>(1, CancellationToken.None);
            runner.Add(Lookup, "batch", PullAhead.FromStart);

            // Started when added (from the thread pool); with one pending sequence allowed, Drain does not wait for it.
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref started) == 1, TimeSpan.FromSeconds(5)));
            Assert.Empty(runner.Drain(1));

            release.SetResult(true);
            List<RunnerEvent<string>> events = runner.Drain(0).ToList();
            Assert.Equal(new[] { "found" }, events.Where(next => !next.IsLast).Select(next => next.Item));
            Assert.True(events.Last().IsLast);
            Assert.Null(events.Last().Error);
            Assert.Equal(0, runner.Pending);
        }

        [Fact]
        public void WithALimitOfOneASequenceThatIsNotEagerIsFinishedByDrain()
        {
            using var runner = new OrderedConcurrentRunner<string>(1, CancellationToken.None);
            runner.Add(token => Items("list", 3, TimeSpan.FromMilliseconds(5), token), "listing");

            // Nothing else moves a pulled sequence: even with one pending allowed, Drain finishes it.
            Assert.Equal(new[] { "list-0", "list-1", "list-2" }, runner.Drain(1).Where(next => !next.IsLast).Select(next => next.Item));
            Assert.Equal(0, runner.Pending);
        }

        [Fact]
        public async Task DisposingWhileAnEagerRequestIsInFlightCancelsIt()
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            async IAsyncEnumerable<string> Hanging([EnumeratorCancellation] CancellationToken token)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                finally
                {
                    cancelled.TrySetResult(token.IsCancellationRequested);
                }

                yield return "never";
            }

            var runner = new OrderedConcurrentRunner<string>(1, CancellationToken.None);
            runner.Add(Hanging, "batch", PullAhead.FromStart);
            Assert.False(cancelled.Task.IsCompleted);
            runner.Dispose();

            Assert.True(await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        }

        [Fact]
        public void ReportsASequencesErrorAsItsLastEventAndGoesOn()
        {
            using var runner = new OrderedConcurrentRunner<string>(2, CancellationToken.None);
            runner.Add(token => Failing(token), "bad");
            runner.Add(token => Items("good", 2, TimeSpan.Zero, token), "good");

            List<RunnerEvent<string>> events = runner.Drain(0).ToList();

            RunnerEvent<string> failure = events.Single(next => next.Error is not null);
            Assert.Equal("bad", failure.State);
            Assert.IsType<InvalidOperationException>(failure.Error);
            Assert.Equal(new[] { "partial", "good-0", "good-1" }, events.Where(next => !next.IsLast).Select(next => next.Item));
        }

        /// <summary>0 to 99, each produced asynchronously and counted when produced.</summary>
        private static async IAsyncEnumerable<int> Counted(ProducedCount produced, [EnumeratorCancellation] CancellationToken token)
        {
            for (int i = 0; i < 100; i++)
            {
                await Task.Yield();
                produced.Increment();
                yield return i;
            }
        }

        private static async IAsyncEnumerable<string> Items(string name, int count, TimeSpan delay, [EnumeratorCancellation] CancellationToken token)
        {
            for (int i = 0; i < count; i++)
            {
                await Task.Delay(delay, token);
                yield return $"{name}-{i}";
            }
        }

        private static async IAsyncEnumerable<string> Failing([EnumeratorCancellation] CancellationToken token)
        {
            await Task.Yield();
            yield return "partial";
            throw new InvalidOperationException("boom");
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }

        private sealed class ProducedCount
        {
            private int _value;

            public int Value => Volatile.Read(ref _value);

            public void Increment() => Interlocked.Increment(ref _value);
        }
    }
}
