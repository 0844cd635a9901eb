using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

public sealed class FaultInjectionTests
{
    private static readonly object ListApp = new { repositoryName = "app" };

    [Fact]
    public async Task Rates_come_out_roughly_right_and_a_seed_reproduces_the_run()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 3));
        var settings = new FaultSettings { Seed = 42, ThrottleRate = 0.2, ServerErrorRate = 0.1 };

        async Task<string> RunAsync()
        {
            ecr.Server.Faults = settings;
            var outcomes = new char[400];
            for (var i = 0; i < outcomes.Length; i++)
            {
                var result = await ecr.Client.CallAsync("ListImages", ListApp);
                outcomes[i] = result.ErrorType switch
                {
                    null => '.',
                    "ThrottlingException" when (int)result.Status == 400 && result.Message == "Rate exceeded" => 'T',
                    "ServerException" when (int)result.Status == 500 => 'E',
                    "ServiceUnavailable" when (int)result.Status == 503 => 'E',
                    _ => throw new Xunit.Sdk.XunitException($"Unexpected answer {result}"),
                };
            }

            return new string(outcomes);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.InRange(first.Count(c => c == 'T'), 50, 110);
        Assert.InRange(first.Count(c => c == 'E'), 20, 60);
        var stats = ecr.Server.Stats.Snapshot();
        Assert.Equal(2 * first.Count(c => c == 'T'), stats.InjectedFaults.Throttle);
        Assert.Equal(2 * first.Count(c => c == 'E'), stats.InjectedFaults.ServerError);
        Assert.Equal(stats.InjectedFaults.Throttle + stats.InjectedFaults.ServerError, stats.FailedRequests);
    }

    [Fact]
    public async Task A_drop_closes_the_connection_without_an_answer()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 3));
        ecr.Server.Faults = new FaultSettings { DropRate = 1 };

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => ecr.Client.CallAsync("ListImages", ListApp));

        Assert.NotNull(error);
        Assert.Equal(1, ecr.Server.Stats.Snapshot().InjectedFaults.Drop);
    }

    [Fact]
    public async Task Latency_and_jitter_delay_the_answer_but_not_the_service_time()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 3));
        ecr.Server.Faults = new FaultSettings { LatencyMs = 150, JitterMs = 50 };

        var watch = Stopwatch.StartNew();
        await ecr.Client.SucceedAsync("ListImages", ListApp);

        Assert.InRange(watch.ElapsedMilliseconds, 140, 5000);
        Assert.InRange(ecr.Server.Stats.Snapshot().ServiceTimeMicroseconds, 0, 100_000);
    }

    [Fact]
    public async Task A_hang_is_cut_short_when_the_client_gives_up()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 3));
        ecr.Server.Faults = new FaultSettings { HangMs = 60_000 };
        ecr.Client.Http.Timeout = TimeSpan.FromMilliseconds(300);

        await Assert.ThrowsAsync<TaskCanceledException>(() => ecr.Client.CallAsync("ListImages", ListApp));

        ecr.Server.Faults = FaultSettings.None;
        using var client = new EcrTestClient(ecr.Server.Endpoint);
        await client.SucceedAsync("ListImages", ListApp);
    }

    [Fact]
    public async Task Faults_spare_unauthenticated_requests_and_the_control_api()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 3));
        ecr.Server.Faults = new FaultSettings { ThrottleRate = 1 };

        var unsigned = await ecr.Client.CallAsync("ListImages", ListApp, new CallOptions { Sign = false });
        var wrongSecret = await ecr.Client.CallAsync("ListImages", ListApp,
            new CallOptions { Credentials = LocalEcrServer.DefaultCredentials with { SecretAccessKey = "x" } });
        await ecr.ControlAsync(HttpMethod.Get, "_localecr/stats");

        Assert.Equal("MissingAuthenticationTokenException", unsigned.ErrorType);
        Assert.Equal("InvalidSignatureException", wrongSecret.ErrorType);
        Assert.Equal(0, ecr.Server.Stats.Snapshot().InjectedFaults.Throttle);
    }

    [Fact]
    public async Task A_faulted_push_changes_nothing()
    {
        var manifest = Seeds.Manifest("pushable");
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Repository(new SeedRepository { Name = "app", Blobs = Seeds.BlobsOf("pushable") }));
        ecr.Server.Faults = new FaultSettings { ServerErrorRate = 1 };

        var faulted = await ecr.Client.CallAsync("PutImage", new { repositoryName = "app", imageManifest = manifest, imageTag = "v1" });
        ecr.Server.Faults = FaultSettings.None;
        var listed = await ecr.Client.SucceedAsync("ListImages", ListApp);

        Assert.True((int)faulted.Status >= 500);
        Assert.Equal(0, listed["imageIds"].GetArrayLength());
    }

    [Fact]
    public void Impossible_settings_are_refused()
    {
        var server = new FaultSettings { ThrottleRate = 0.7, ServerErrorRate = 0.7 };

        Assert.Throws<ArgumentException>(server.Validate);
        Assert.Throws<ArgumentException>(new FaultSettings { DropRate = -0.1 }.Validate);
        Assert.Throws<ArgumentException>(new FaultSettings { LatencyMs = -1 }.Validate);
    }
}
