using System;
using System.Security.Cryptography;
using LocalEcr.Auth;

namespace LocalEcr.Identity;

/// <summary>
/// Makes temporary credentials shaped like AWS's: an <c>ASIA</c> access key id, a 40-character secret and a long
/// session token (base64, so it holds '+', '/' and '='), expiring on a whole second.
/// </summary>
internal static class TemporaryCredentials
{
    private const string KeyIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static KnownCredentials Issue(DateTimeOffset now, TimeSpan lifetime)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds());
        return new KnownCredentials(
            "ASIA" + RandomNumberGenerator.GetString(KeyIdAlphabet, 16),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)),
            "LocalEcr/" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)),
            Expired: false,
            expiresAt);
    }
}
