using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace LocalEcr.Tests;

/// <summary>LocalEcr must never be what a benchmark measures: its share of a big page stays far below a millisecond.</summary>
public sealed class ServiceTimeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_page_of_1000_ids_or_of_details_costs_well_under_a_millisecond_of_service_time()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("big", 20_000));
        var list = new { repositoryName = "big", maxResults = 1000 };
        var describe = new { repositoryName = "big" };

        var listMicroseconds = await AverageServiceTimeAsync(ecr, "ListImages", list);
        var describeMicroseconds = await AverageServiceTimeAsync(ecr, "DescribeImages", describe);

        output.WriteLine($"ListImages, 1,000 ids: {listMicroseconds} us; DescribeImages, 100 details: {describeMicroseconds} us");
        // The bound leaves room for a loaded CI machine; a quiet one measures a fraction of it.
        Assert.InRange(listMicroseconds, 0, 1000);
        Assert.InRange(describeMicroseconds, 0, 1000);
    }

    private static async Task<long> AverageServiceTimeAsync(LocalEcrHarness ecr, string operation, object request)
    {
        const int Measured = 30;
        for (var i = 0; i < 20; i++)
        {
            await ecr.Client.SucceedAsync(operation, request);
        }

        ecr.Server.Reset();
        for (var i = 0; i < Measured; i++)
        {
            await ecr.Client.SucceedAsync(operation, request);
        }

        return ecr.Server.Stats.Snapshot().ServiceTimeMicroseconds / Measured;
    }
}
