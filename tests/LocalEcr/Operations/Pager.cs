using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LocalEcr.Protocol;
using LocalEcr.Store;

namespace LocalEcr.Operations;

/// <summary>A page of a listing: items [Start, Start + Count), and the token for the rest, if any remains.</summary>
internal readonly record struct Page(int Start, int Count, string? NextToken)
{
    /// <summary>All of <paramref name="items"/> as one page without a token (a lookup by names or ids).</summary>
    public static Page Whole<T>(T[] items) => new(0, items.Length, null);

    /// <summary>Writes the response <c>{"listMember": [items of the page], "nextToken": "..."}</c>.</summary>
    public void Write<T>(Utf8JsonWriter writer, JsonEncodedText listMember, T[] items, Action<Utf8JsonWriter, T> writeItem)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(listMember);
        for (var i = Start; i < Start + Count; i++)
        {
            writeItem(writer, items[i]);
        }

        writer.WriteEndArray();
        if (NextToken is not null)
        {
            writer.WriteString(Members.NextToken, NextToken);
        }

        writer.WriteEndObject();
    }
}

/// <summary>
/// The one pager of ListImages, DescribeImages and DescribeRepositories. A token carries the key of the last item
/// returned, so the next page starts after it even if items were added meanwhile, and an HMAC over that key and a
/// fingerprint of the request's other parameters, so a token is refused when replayed with other parameters.
/// maxResults is left out of the fingerprint: a client may change its page size between pages.
/// </summary>
internal sealed class Pager
{
    public const int DefaultPageSize = 100;
    private const int PositionBytes = 16;
    private const int MacBytes = 16;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>What a token is bound to: the operation and every parameter that shapes the listing.</summary>
    public static string Fingerprint(params string[] parameters) => string.Join('\n', parameters);

    public Page Select<T>(ReadOnlySpan<T> items, string? nextToken, int? maxResults, string fingerprint)
        where T : IPageable
    {
        var start = nextToken is null ? 0 : FirstAfter(items, Decode(nextToken, fingerprint));
        var count = Math.Min(maxResults ?? DefaultPageSize, items.Length - start);
        var end = start + count;
        return new Page(start, count, end < items.Length ? Encode(items[end - 1].Key, fingerprint) : null);
    }

    /// <summary>Binary search: the first item whose key is greater than <paramref name="after"/>.</summary>
    private static int FirstAfter<T>(ReadOnlySpan<T> items, PageKey after)
        where T : IPageable
    {
        int low = 0, high = items.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (items[middle].Key.CompareTo(after) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private string Encode(PageKey position, string fingerprint)
    {
        Span<byte> token = stackalloc byte[PositionBytes + MacBytes];
        BinaryPrimitives.WriteInt64LittleEndian(token, position.Primary);
        BinaryPrimitives.WriteInt64LittleEndian(token[8..], position.Secondary);
        Mac(token[..PositionBytes], fingerprint, token[PositionBytes..]);
        return Convert.ToBase64String(token);
    }

    private PageKey Decode(string nextToken, string fingerprint)
    {
        Span<byte> token = stackalloc byte[PositionBytes + MacBytes + 1];
        if (!Convert.TryFromBase64String(nextToken, token, out var length) || length != PositionBytes + MacBytes)
        {
            throw EcrErrors.InvalidNextToken();
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(token[..PositionBytes], fingerprint, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, token.Slice(PositionBytes, MacBytes)))
        {
            throw EcrErrors.InvalidNextToken();
        }

        return new PageKey(BinaryPrimitives.ReadInt64LittleEndian(token), BinaryPrimitives.ReadInt64LittleEndian(token[8..]));
    }

    private void Mac(ReadOnlySpan<byte> position, string fingerprint, Span<byte> destination)
    {
        var input = new byte[position.Length + Encoding.UTF8.GetByteCount(fingerprint)];
        position.CopyTo(input);
        Encoding.UTF8.GetBytes(fingerprint, input.AsSpan(position.Length));
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, input, mac);
        mac[..MacBytes].CopyTo(destination);
    }
}
