using System.Threading;

namespace LocalEcr.Hosting;

/// <summary>A connection feature set when Kestrel accepts a connection; remembers whether it has carried ECR traffic.</summary>
internal sealed class ConnectionUsage
{
    private int _usedForEcr;

    /// <summary>True the first time only, so each connection is counted once.</summary>
    public bool MarkUsedForEcr() => Interlocked.Exchange(ref _usedForEcr, 1) == 0;
}
