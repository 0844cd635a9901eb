using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

public sealed class ControlApiTests
{
    private static readonly object ListApp = new { repositoryName = "app" };

    [Fact]
    public async Task Stats_report_requests_failures_time_connections_and_the_last_caller()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 3));
        await ecr.Client.SucceedAsync("ListImages", ListApp, new CallOptions { Region = "eu-west-1" });
        await ecr.Client.CallAsync("ListImages", new { repositoryName = "missing" }, new CallOptions { Region = "eu-west-1" });
        await ecr.Client.SucceedAsync("DescribeImages", ListApp, new CallOptions { Region = "eu-west-1" });

        var stats = await ecr.ControlAsync(HttpMethod.Get, "_localecr/stats");

        Assert.Equal(2, stats.GetProperty("requests").GetProperty("ListImages").GetInt32());
        Assert.Equal(1, stats.GetProperty("requests").GetProperty("DescribeImages").GetInt32());
        Assert.Equal(0, stats.GetProperty("requests").GetProperty("PutImage").GetInt32());
        Assert.Equal(3, stats.GetProperty("totalRequests").GetInt32());
        Assert.Equal(1, stats.GetProperty("failedRequests").GetInt32());
        Assert.Equal(0, stats.GetProperty("injectedFaults").GetProperty("throttle").GetInt32());
        Assert.Equal(0, stats.GetProperty("injectedFaults").GetProperty("serverError").GetInt32());
        Assert.Equal(0, stats.GetProperty("injectedFaults").GetProperty("drop").GetInt32());
        Assert.Equal(1, stats.GetProperty("connectionsOpened").GetInt32());
        Assert.True(stats.GetProperty("serviceTimeMicroseconds").GetInt64() > 0);
        var last = stats.GetProperty("lastRequest");
        Assert.Equal("DescribeImages", last.GetProperty("operation").GetString());
        Assert.Equal("AKIDLOCALECREXAMPLE", last.GetProperty("accessKeyId").GetString());
        Assert.Equal("eu-west-1", last.GetProperty("region").GetString());
        Assert.False(last.GetProperty("hasSessionToken").GetBoolean());
        Assert.Equal("LocalEcr.Tests/1.0", last.GetProperty("userAgent").GetString());
        Assert.DoesNotContain(LocalEcrServer.DefaultCredentials.SecretAccessKey, stats.ToString());
    }

    [Fact]
    public async Task Reset_zeroes_counters_and_clears_faults_and_with_state_restores_the_seed()
    {
        var manifest = Seeds.Manifest("pushable");
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Repository(new SeedRepository
        {
            Name = "app", Blobs = Seeds.BlobsOf("pushable"), Images = [new SeedImage { Manifest = Seeds.Manifest("seeded"), Tags = ["v1"] }],
        }));
        await ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = manifest, imageTag = "v1" });
        await ecr.ControlAsync(HttpMethod.Post, "_localecr/faults", new { seed = 1, throttleRate = 0.5 });

        await ecr.ControlAsync(HttpMethod.Post, "_localecr/reset");
        Assert.Equal(0, ecr.Server.Stats.Snapshot().TotalRequests);
        Assert.Equal(FaultSettings.None, ecr.Server.Faults);
        var moved = await ecr.Client.SucceedAsync("ListImages", ListApp);
        Assert.Equal(2, moved["imageIds"].GetArrayLength()); // the push survived a plain reset

        await ecr.ControlAsync(HttpMethod.Post, "_localecr/reset?state=true");
        var restored = await ecr.Client.SucceedAsync("ListImages", ListApp);
        var id = Assert.Single(restored["imageIds"].EnumerateArray());
        Assert.Equal(Seeds.Digest(Seeds.Manifest("seeded")), id.GetProperty("imageDigest").GetString());
        Assert.Equal("v1", id.GetProperty("imageTag").GetString());
    }

    [Fact]
    public async Task Faults_are_set_and_read_back_over_http()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 3));

        await ecr.ControlAsync(HttpMethod.Post, "_localecr/faults",
            new { seed = 42, throttleRate = 0.2, serverErrorRate = 0.05, dropRate = 0.02, latencyMs = 50, jitterMs = 50, hangMs = 0 });
        var current = await ecr.ControlAsync(HttpMethod.Get, "_localecr/faults");

        Assert.Equal(new FaultSettings { Seed = 42, ThrottleRate = 0.2, ServerErrorRate = 0.05, DropRate = 0.02, LatencyMs = 50, JitterMs = 50 }, ecr.Server.Faults);
        Assert.Equal(0.2, current.GetProperty("throttleRate").GetDouble());
    }

    [Fact]
    public async Task A_seed_posted_over_http_is_merged()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 3));

        await ecr.ControlAsync(HttpMethod.Post, "_localecr/seed", new
        {
            repositories = new object[]
            {
                new { name = "app", images = new[] { new { manifest = Seeds.Manifest("extra"), tags = new[] { "extra" } } } },
                new { name = "new-repo", generate = new { count = 5 } },
            },
        });

        Assert.Equal(4, (await ecr.Client.SucceedAsync("ListImages", ListApp))["imageIds"].GetArrayLength());
        Assert.Equal(5, (await ecr.Client.SucceedAsync("ListImages", new { repositoryName = "new-repo" }))["imageIds"].GetArrayLength());
    }

    [Theory]
    [InlineData("_localecr/faults", "{\"throttleRate\": 2}")]
    [InlineData("_localecr/seed", "{\"repositories\": [{\"name\": \"Bad Name\"}]}")]
    [InlineData("_localecr/seed", "{\"repostories\": []}")]
    [InlineData("_localecr/seed", "{not json")]
    public async Task Bad_control_requests_are_400_with_a_reason(string path, string body)
    {
        await using var ecr = await LocalEcrHarness.StartAsync();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await ecr.Client.Http.PostAsync(new System.Uri(ecr.Server.Endpoint, path), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("message", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Control_calls_are_not_counted()
    {
        await using var ecr = await LocalEcrHarness.StartAsync();

        await ecr.ControlAsync(HttpMethod.Get, "_localecr/stats");
        await ecr.ControlAsync(HttpMethod.Get, "_localecr/faults");

        var stats = ecr.Server.Stats.Snapshot();
        Assert.Equal(0, stats.TotalRequests);
        Assert.Equal(0, stats.ConnectionsOpened); // a connection counts once it carries an ECR request
    }
}
