using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

/// <summary>LocalEcr counts accepted connections, so a client's connection reuse can be proven.</summary>
public sealed class ConnectionTests
{
    private static readonly object ListApp = new { repositoryName = "app" };

    [Fact]
    public async Task One_client_reuses_one_connection_for_sequential_calls()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 3));

        for (var i = 0; i < 20; i++)
        {
            await ecr.Client.SucceedAsync("ListImages", ListApp);
        }

        Assert.Equal(1, ecr.Server.Stats.Snapshot().ConnectionsOpened);
    }

    [Fact]
    public async Task Clients_without_pooling_open_a_connection_per_call()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 3));

        for (var i = 0; i < 5; i++)
        {
            using var client = new EcrTestClient(ecr.Server.Endpoint, new SocketsHttpHandler());
            await client.SucceedAsync("ListImages", ListApp);
        }

        Assert.Equal(5, ecr.Server.Stats.Snapshot().ConnectionsOpened);
    }

    [Fact]
    public async Task Concurrent_calls_open_at_most_one_connection_each()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 3));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ecr.Client.SucceedAsync("ListImages", ListApp)));
        for (var i = 0; i < 5; i++)
        {
            await ecr.Client.SucceedAsync("ListImages", ListApp);
        }

        // The client may still be completing a connection it started for a queued call that another connection then
        // served, so the count can grow after the burst; it never passes one per concurrent call, and the calls after
        // the burst reuse pooled connections.
        Assert.InRange(ecr.Server.Stats.Snapshot().ConnectionsOpened, 1, 8);
    }
}
