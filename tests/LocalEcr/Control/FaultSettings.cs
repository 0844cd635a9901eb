using System;

namespace LocalEcr;

/// <summary>
/// Faults injected into signed ECR operations after authentication, before anything changes. Each request draws
/// from a random sequence seeded with <see cref="Seed"/>, so a run reproduces. Rates are probabilities (0 to 1)
/// and together at most 1.
/// </summary>
public sealed record FaultSettings
{
    public static FaultSettings None { get; } = new();

    public int Seed { get; init; }

    /// <summary>Answer 400 ThrottlingException "Rate exceeded".</summary>
    public double ThrottleRate { get; init; }

    /// <summary>Answer 500 ServerException (the error every ECR operation models) or 503 ServiceUnavailable, half each.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Abort the connection without a response.</summary>
    public double DropRate { get; init; }

    /// <summary>Added before every answer.</summary>
    public int LatencyMs { get; init; }

    /// <summary>A further random 0 to JitterMs added to the latency.</summary>
    public int JitterMs { get; init; }

    /// <summary>Wait this long before answering (cut short when the client goes away): for client timeouts.</summary>
    public int HangMs { get; init; }

    /// <summary>True when nothing would be injected, whatever the seed.</summary>
    public bool IsNone => ThrottleRate == 0 && ServerErrorRate == 0 && DropRate == 0 && LatencyMs == 0 && JitterMs == 0 && HangMs == 0;

    /// <summary>Throws <see cref="ArgumentException"/> for rates outside 0..1 (or adding up past 1) and negative delays.</summary>
    public void Validate()
    {
        foreach (var (name, rate) in new[] { ("throttleRate", ThrottleRate), ("serverErrorRate", ServerErrorRate), ("dropRate", DropRate) })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                throw new ArgumentException($"{name} must be between 0 and 1.");
            }
        }

        if (ThrottleRate + ServerErrorRate + DropRate > 1)
        {
            throw new ArgumentException("throttleRate + serverErrorRate + dropRate must not exceed 1.");
        }

        if (LatencyMs < 0 || JitterMs < 0 || HangMs < 0)
        {
            throw new ArgumentException("latencyMs, jitterMs and hangMs must not be negative.");
        }
    }
}
