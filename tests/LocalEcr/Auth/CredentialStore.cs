using System;
using System.Collections.Generic;

namespace LocalEcr.Auth;

/// <summary>
/// A key pair LocalEcr accepts, with the session token it requires and whether it has expired: seeded as expired, or
/// temporary (issued by AssumeRole or GetRoleCredentials) and past <paramref name="ExpiresAt"/>.
/// </summary>
internal sealed record KnownCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken, bool Expired, DateTimeOffset? ExpiresAt = null)
{
    public bool HasExpired(DateTimeOffset now) => Expired || (ExpiresAt is { } expiresAt && expiresAt <= now);
}

/// <summary>The access keys LocalEcr knows. Replaced whole on reset; read concurrently, written only while seeding.</summary>
internal sealed class CredentialStore
{
    private readonly Dictionary<string, KnownCredentials> _byAccessKeyId = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public void Add(KnownCredentials credentials)
    {
        lock (_gate)
        {
            _byAccessKeyId[credentials.AccessKeyId] = credentials;
        }
    }

    public void Remove(string accessKeyId)
    {
        lock (_gate)
        {
            _byAccessKeyId.Remove(accessKeyId);
        }
    }

    public KnownCredentials? Find(string accessKeyId)
    {
        lock (_gate)
        {
            return _byAccessKeyId.GetValueOrDefault(accessKeyId);
        }
    }
}
