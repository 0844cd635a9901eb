using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using LocalEcr.Operations;

namespace LocalEcr;

/// <summary>
/// Counters of the traffic LocalEcr served: ECR, STS AssumeRole and the SSO portal's GetRoleCredentials (control
/// API calls are not counted), updated lock-free from any thread. <see cref="Snapshot"/> reads them all at once.
/// </summary>
public sealed class LocalEcrStats
{
    private readonly ConcurrentDictionary<string, Counter> _requests = new();
    private long _totalRequests;
    private long _failedRequests;
    private long _throttleFaults;
    private long _serverErrorFaults;
    private long _dropFaults;
    private long _connectionsOpened;
    private long _serviceTicks;
    private LastRequestInfo? _lastRequest;
    private IssuedCredentialsInfo? _lastIssuedCredentials;

    internal LocalEcrStats()
    {
        Reset();
    }

    public LocalEcrStatsSnapshot Snapshot()
    {
        var requests = new SortedDictionary<string, long>();
        foreach (var (operation, counter) in _requests)
        {
            requests[operation] = Interlocked.Read(ref counter.Value);
        }

        return new LocalEcrStatsSnapshot(
            requests,
            Interlocked.Read(ref _totalRequests),
            Interlocked.Read(ref _failedRequests),
            new InjectedFaultCounts(
                Interlocked.Read(ref _throttleFaults), Interlocked.Read(ref _serverErrorFaults), Interlocked.Read(ref _dropFaults)),
            Interlocked.Read(ref _connectionsOpened),
            Interlocked.Read(ref _serviceTicks) / 10,
            Volatile.Read(ref _lastRequest),
            Volatile.Read(ref _lastIssuedCredentials));
    }

    internal void Reset()
    {
        // Known operations always appear, with 0 until called; anything else appears once seen.
        _requests.Clear();
        foreach (var operation in EcrOperations.Names)
        {
            _requests[operation] = new Counter();
        }

        _requests[Identity.StsRequestHandler.OperationName] = new Counter();
        _requests[Identity.SsoPortalHandler.OperationName] = new Counter();

        Interlocked.Exchange(ref _totalRequests, 0);
        Interlocked.Exchange(ref _failedRequests, 0);
        Interlocked.Exchange(ref _throttleFaults, 0);
        Interlocked.Exchange(ref _serverErrorFaults, 0);
        Interlocked.Exchange(ref _dropFaults, 0);
        Interlocked.Exchange(ref _connectionsOpened, 0);
        Interlocked.Exchange(ref _serviceTicks, 0);
        Volatile.Write(ref _lastRequest, null);
        Volatile.Write(ref _lastIssuedCredentials, null);
    }

    internal void CountRequest(string operation)
    {
        Interlocked.Increment(ref _requests.GetOrAdd(operation, static _ => new Counter()).Value);
        Interlocked.Increment(ref _totalRequests);
    }

    internal void CountFailure() => Interlocked.Increment(ref _failedRequests);

    internal void CountThrottle() => Interlocked.Increment(ref _throttleFaults);

    internal void CountServerError() => Interlocked.Increment(ref _serverErrorFaults);

    internal void CountDrop() => Interlocked.Increment(ref _dropFaults);

    internal void CountConnection() => Interlocked.Increment(ref _connectionsOpened);

    /// <summary>Adds service time in 100 ns ticks (TimeSpan ticks), reported in microseconds.</summary>
    internal void AddServiceTime(long ticks) => Interlocked.Add(ref _serviceTicks, ticks);

    internal void RecordLastRequest(LastRequestInfo request) => Volatile.Write(ref _lastRequest, request);

    internal void RecordIssuedCredentials(IssuedCredentialsInfo issued) => Volatile.Write(ref _lastIssuedCredentials, issued);

    private sealed class Counter
    {
        public long Value;
    }
}

/// <summary>The counters at one moment. Service time is the time spent producing responses, without injected delays.</summary>
public sealed record LocalEcrStatsSnapshot(
    IReadOnlyDictionary<string, long> Requests,
    long TotalRequests,
    long FailedRequests,
    InjectedFaultCounts InjectedFaults,
    long ConnectionsOpened,
    long ServiceTimeMicroseconds,
    LastRequestInfo? LastRequest,
    IssuedCredentialsInfo? LastIssuedCredentials = null);

public sealed record InjectedFaultCounts(long Throttle, long ServerError, long Drop);

/// <summary>Who sent the last request, as its signature tells (never the secret or the signature); the SSO portal's
/// requests are unsigned, so they have no access key id or region.</summary>
public sealed record LastRequestInfo(string Operation, string? AccessKeyId, string? Region, bool HasSessionToken, string? UserAgent);

/// <summary>
/// The temporary credentials LocalEcr issued last: by <c>AssumeRole</c> (signed by <see cref="CallerAccessKeyId"/>,
/// for <see cref="RoleArn"/> and <see cref="RoleSessionName"/>) or by <c>GetRoleCredentials</c> (for
/// <see cref="AccountId"/> and <see cref="RoleName"/>). Never the secret or the session token.
/// </summary>
public sealed record IssuedCredentialsInfo(
    string Operation,
    string? CallerAccessKeyId,
    string? RoleArn,
    string? RoleSessionName,
    string AccountId,
    string RoleName,
    string IssuedAccessKeyId,
    DateTimeOffset Expiration);
