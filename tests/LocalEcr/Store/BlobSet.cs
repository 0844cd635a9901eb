using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace LocalEcr.Store;

/// <summary>
/// The blob digests a repository holds. sha256 digests are kept as 32-byte values rather than strings: a repository
/// of 100,000 generated images holds 300,000 of them, and values cost the garbage collector nothing to trace.
/// </summary>
internal sealed class BlobSet
{
    private readonly HashSet<Sha256Value> _sha256 = [];
    private readonly HashSet<string> _others = new(StringComparer.Ordinal);

    public void Add(string digest)
    {
        if (Sha256Value.TryParse(digest, out var value))
        {
            _sha256.Add(value);
        }
        else
        {
            _others.Add(digest);
        }
    }

    public void Add(Sha256Value digest) => _sha256.Add(digest);

    public bool Contains(string digest) =>
        Sha256Value.TryParse(digest, out var value) ? _sha256.Contains(value) : _others.Contains(digest);
}

/// <summary>The 32 bytes of a <c>sha256:</c> digest.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct Sha256Value(ulong A, ulong B, ulong C, ulong D)
{
    public static bool TryParse(string digest, out Sha256Value value)
    {
        value = default;
        if (!Digests.IsValid(digest))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[32];
        Convert.FromHexString(digest.AsSpan(Digests.Prefix.Length), bytes, out _, out _);
        value = FromBytes(bytes);
        return true;
    }

    public static Sha256Value FromBytes(ReadOnlySpan<byte> bytes) => MemoryMarshal.Read<Sha256Value>(bytes);
}
