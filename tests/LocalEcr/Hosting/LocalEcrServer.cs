using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LocalEcr.Auth;
using LocalEcr.Control;
using LocalEcr.Hosting;
using LocalEcr.Identity;
using LocalEcr.Operations;
using LocalEcr.Protocol;
using LocalEcr.Store;
using LocalEcr.Store.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace LocalEcr;

/// <summary>
/// An Amazon ECR-compatible endpoint on 127.0.0.1 (awsJson1_1, SigV4-verified) for tests, demos and benchmarks,
/// with STS's AssumeRole and the SSO portal's GetRoleCredentials so that role and SSO profiles can be proven too.
/// Start it in-process with <see cref="StartAsync"/>, or run the LocalEcr executable. Dispose it to stop it.
/// </summary>
public sealed class LocalEcrServer : IAsyncDisposable
{
    /// <summary>Keys LocalEcr always accepts, unless a seed sets <c>includeDefaultCredentials</c> to false.</summary>
    public static LocalEcrCredentials DefaultCredentials { get; } = new("AKIDLOCALECREXAMPLE", "localecr/secret/EXAMPLEKEY");

    /// <summary>The account id of the registry unless a seed names another.</summary>
    public const string DefaultAccountId = Registry.DefaultAccountId;

    private const long MaxRequestBodyBytes = 64L * 1024 * 1024;

    private readonly object _stateGate = new();
    private readonly List<SeedDocument> _appliedSeeds = [];
    private readonly List<KnownCredentials> _issuedCredentials = [];
    private readonly FaultInjector _faults = new();
    private readonly Pager _pager = new();
    private WebApplication? _app;
    private Registry _registry;

    private LocalEcrServer(IEnumerable<SeedDocument> seeds)
    {
        _appliedSeeds.AddRange(seeds);
        _registry = Seeder.CreateRegistry(_appliedSeeds);
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public LocalEcrStats Stats { get; } = new();

    /// <summary>The faults injected from now on; setting it restarts the seeded random sequence.</summary>
    public FaultSettings Faults
    {
        get => _faults.Settings;
        set => _faults.Settings = value;
    }

    /// <summary>The registry's account id.</summary>
    public string AccountId => Volatile.Read(ref _registry).AccountId;

    public static async Task<LocalEcrServer> StartAsync(LocalEcrOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seeds = new List<SeedDocument>();
        if (options.SeedFile is not null)
        {
            seeds.Add(SeedDocument.Load(options.SeedFile));
        }

        if (options.Seed is not null)
        {
            seeds.Add(options.Seed);
        }

        var server = new LocalEcrServer(seeds);
        await server.ListenAsync(options.Port, ct);
        return server;
    }

    /// <summary>Zeroes the counters and clears faults; with <paramref name="restoreSeededState"/> also puts back
    /// the state that the seeds made (discarding pushes, tag moves and pull times). Temporary credentials issued by
    /// AssumeRole or GetRoleCredentials stay valid until they expire, as the clients holding them cache them.</summary>
    public void Reset(bool restoreSeededState = false)
    {
        Stats.Reset();
        _faults.Settings = FaultSettings.None;
        if (restoreSeededState)
        {
            lock (_stateGate)
            {
                var registry = Seeder.CreateRegistry(_appliedSeeds);
                foreach (var issued in _issuedCredentials)
                {
                    registry.Credentials.Add(issued);
                }

                Volatile.Write(ref _registry, registry);
            }
        }
    }

    /// <summary>Merges a seed into the current state; <see cref="Reset"/> with state replays it too.</summary>
    public void Seed(SeedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        lock (_stateGate)
        {
            Seeder.Apply(Volatile.Read(ref _registry), document);
            _appliedSeeds.Add(document);
        }
    }

    /// <summary>Accepts temporary credentials from now until they expire, across resets.</summary>
    private void RegisterIssuedCredentials(KnownCredentials credentials)
    {
        lock (_stateGate)
        {
            var registry = Volatile.Read(ref _registry);
            var now = DateTimeOffset.UtcNow;
            foreach (var expired in _issuedCredentials.FindAll(issued => issued.HasExpired(now)))
            {
                registry.Credentials.Remove(expired.AccessKeyId);
            }

            _issuedCredentials.RemoveAll(issued => issued.HasExpired(now));
            _issuedCredentials.Add(credentials);
            registry.Credentials.Add(credentials);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task ListenAsync(int port, CancellationToken ct)
    {
        // The empty builder brings no logging providers and no middleware: quiet, and nothing between Kestrel and us.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "LocalEcr" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                // Runs once per accepted connection. The connection is counted by its first ECR request, so that
                // connections carrying only control calls do not disturb tests proving a client's connection reuse.
                listen.Use(next => connection =>
                {
                    connection.Features.Set(new ConnectionUsage());
                    return next(connection);
                });
            });
        });

        var app = builder.Build();
        var ecr = new EcrRequestHandler(() => Volatile.Read(ref _registry), Stats, _faults, _pager);
        var sts = new StsRequestHandler(() => Volatile.Read(ref _registry), Stats, RegisterIssuedCredentials);
        var sso = new SsoPortalHandler(() => Volatile.Read(ref _registry), Stats, RegisterIssuedCredentials);
        var control = new ControlApi(this);
        app.Run(context =>
        {
            context.Response.Headers[EcrResponse.RequestIdHeader] = Guid.NewGuid().ToString();
            var request = context.Request;
            if (ControlApi.Handles(request))
            {
                return control.HandleAsync(context);
            }

            // ECR requests name their operation in X-Amz-Target: one header look sends them on their way. Without it,
            // the SSO portal is known by its path and STS's query protocol by its form body; anything else is
            // answered by the ECR handler as before (an unknown operation, or a missing signature).
            if (request.Headers.ContainsKey("X-Amz-Target"))
            {
                return ecr.HandleAsync(context);
            }

            if (SsoPortalHandler.Handles(request))
            {
                return sso.HandleAsync(context);
            }

            return StsRequestHandler.Handles(request) ? sts.HandleAsync(context) : ecr.HandleAsync(context);
        });
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _app = app;

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
