using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace LocalEcr.Tests;

/// <summary>Timing tests run alone, after the parallel ones, so other tests' work and garbage do not land in them.</summary>
[CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
public sealed class TimingCollection;

/// <summary>LocalEcr must never be what a benchmark measures, nor slow to set one up.</summary>
[Collection(nameof(TimingCollection))]
public sealed class TimingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_page_of_1000_ids_or_of_details_costs_well_under_a_millisecond_of_service_time()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("big", 20_000));

        var list = await MedianServiceTimeAsync(ecr, "ListImages", new { repositoryName = "big", maxResults = 1000 });
        var describe = await MedianServiceTimeAsync(ecr, "DescribeImages", new { repositoryName = "big" });

        output.WriteLine($"median service time: ListImages, 1,000 ids: {list} us; DescribeImages, 100 details: {describe} us");
        // The bound leaves room for a loaded CI machine; a quiet one measures a fraction of it.
        Assert.InRange(list, 0, 1000);
        Assert.InRange(describe, 0, 1000);
    }

    [Fact]
    public async Task Generating_100000_images_takes_a_second_or_two()
    {
        var watch = Stopwatch.StartNew();
        await using var server = await LocalEcrServer.StartAsync(new LocalEcrOptions { Seed = Seeds.Generated("huge", 100_000) });
        var elapsed = watch.Elapsed;
        using var client = new EcrTestClient(server.Endpoint);

        var last = await client.SucceedAsync("DescribeImages",
            new { repositoryName = "huge", imageIds = new[] { new { imageTag = "build-100000" } } });

        output.WriteLine($"starting with 100,000 generated images took {elapsed.TotalMilliseconds:F0} ms");
        Assert.Single(last["imageDetails"].EnumerateArray());
        Assert.True(elapsed < TimeSpan.FromSeconds(4), $"generating took {elapsed}");
    }

    /// <summary>Calls one at a time, so each call's share of the service time counter is its own.</summary>
    private static async Task<long> MedianServiceTimeAsync(LocalEcrHarness ecr, string operation, object request)
    {
        for (var i = 0; i < 20; i++)
        {
            await ecr.Client.SucceedAsync(operation, request);
        }

        var times = new List<long>();
        for (var i = 0; i < 31; i++)
        {
            var before = ecr.Server.Stats.Snapshot().ServiceTimeMicroseconds;
            await ecr.Client.SucceedAsync(operation, request);
            times.Add(ecr.Server.Stats.Snapshot().ServiceTimeMicroseconds - before);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
