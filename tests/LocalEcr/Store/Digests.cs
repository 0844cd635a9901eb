using System;
using System.Security.Cryptography;

namespace LocalEcr.Store;

/// <summary>Content digests as ECR writes them: <c>sha256:</c> and 64 lower-case hex digits.</summary>
internal static class Digests
{
    public const string Prefix = "sha256:";

    public static string Sha256Of(ReadOnlySpan<byte> content) => Prefix + Convert.ToHexStringLower(SHA256.HashData(content));

    public static bool IsValid(string? digest)
    {
        if (digest is null || digest.Length != Prefix.Length + 64 || !digest.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in digest.AsSpan(Prefix.Length))
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
