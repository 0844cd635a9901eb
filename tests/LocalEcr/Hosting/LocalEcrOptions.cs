namespace LocalEcr;

/// <summary>How to start a <see cref="LocalEcrServer"/>.</summary>
public sealed class LocalEcrOptions
{
    /// <summary>The loopback port to listen on; 0 picks a free one (read it from <see cref="LocalEcrServer.Endpoint"/>).</summary>
    public int Port { get; init; }

    /// <summary>A seed file, applied first.</summary>
    public string? SeedFile { get; init; }

    /// <summary>A seed document, applied after <see cref="SeedFile"/>.</summary>
    public SeedDocument? Seed { get; init; }
}

/// <summary>An access key pair.</summary>
public sealed record LocalEcrCredentials(string AccessKeyId, string SecretAccessKey)
{
    // Keep the secret out of logs and test output.
    public override string ToString() => $"LocalEcrCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
