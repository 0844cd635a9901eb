using System;
using System.Text.Json;

namespace LocalEcr.Store;

/// <summary>Writes one ListImages entry (an <c>ImageIdentifier</c>) to bytes, for images to keep ready.</summary>
internal static class ListEntryJsonWriter
{
    public static byte[] Write(JsonEncodedText digest, JsonEncodedText? tag)
    {
        ReadOnlySpan<byte> start = "{\"imageDigest\":\""u8;
        ReadOnlySpan<byte> tagMember = "\",\"imageTag\":\""u8;
        ReadOnlySpan<byte> end = "\"}"u8;
        var digestBytes = digest.EncodedUtf8Bytes;
        var tagBytes = tag is { } t ? t.EncodedUtf8Bytes : default;
        var json = new byte[start.Length + digestBytes.Length + (tag is null ? 0 : tagMember.Length + tagBytes.Length) + end.Length];

        var rest = json.AsSpan();
        Append(ref rest, start);
        Append(ref rest, digestBytes);
        if (tag is not null)
        {
            Append(ref rest, tagMember);
            Append(ref rest, tagBytes);
        }

        Append(ref rest, end);
        return json;
    }

    private static void Append(ref Span<byte> destination, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination);
        destination = destination[bytes.Length..];
    }
}
