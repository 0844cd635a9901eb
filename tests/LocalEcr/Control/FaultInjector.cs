using System;

namespace LocalEcr.Control;

internal enum FaultKind
{
    None,
    Throttle,
    ServerException,
    ServiceUnavailable,
    Drop,
}

/// <summary>What happens to one request: a fault (or none) and how long to wait before answering.</summary>
internal readonly record struct FaultDecision(FaultKind Kind, int DelayMs);

/// <summary>Draws a <see cref="FaultDecision"/> per request from the seeded sequence of the current settings.</summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private FaultSettings _settings = FaultSettings.None;
    private Random _random = new(0);

    public FaultSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            lock (_gate)
            {
                _settings = value;
                _random = new Random(value.Seed);
            }
        }
    }

    public FaultDecision Decide()
    {
        lock (_gate)
        {
            var settings = _settings;
            if (settings.IsNone)
            {
                return default;
            }

            // Always three draws per request, so one request's outcome never shifts the sequence for the next.
            var draw = _random.NextDouble();
            var serverErrorVariant = _random.NextDouble();
            var jitter = _random.Next(0, settings.JitterMs + 1);

            var kind = FaultKind.None;
            if (draw < settings.DropRate)
            {
                kind = FaultKind.Drop;
            }
            else if (draw < settings.DropRate + settings.ThrottleRate)
            {
                kind = FaultKind.Throttle;
            }
            else if (draw < settings.DropRate + settings.ThrottleRate + settings.ServerErrorRate)
            {
                kind = serverErrorVariant < 0.5 ? FaultKind.ServerException : FaultKind.ServiceUnavailable;
            }

            return new FaultDecision(kind, settings.LatencyMs + jitter + settings.HangMs);
        }
    }
}
