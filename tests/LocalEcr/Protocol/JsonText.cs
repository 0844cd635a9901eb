using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LocalEcr.Protocol;

/// <summary>Pre-encoded JSON strings, escaped as little as the responses are ("v2+json" stays readable).</summary>
internal static class JsonText
{
    private const int MaxSharedValues = 1024;
    private static readonly ConcurrentDictionary<string, JsonEncodedText> SharedValues = new();

    /// <summary>Encodes for writing. Keep the original string as well: <see cref="JsonEncodedText.Value"/> is the escaped form.</summary>
    public static JsonEncodedText Encode(string value) => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    /// <summary>Encodes a value that many images repeat, such as a media type, once.</summary>
    public static JsonEncodedText EncodeShared(string value) =>
        SharedValues.TryGetValue(value, out var encoded) ? encoded
        : SharedValues.Count < MaxSharedValues ? SharedValues.GetOrAdd(value, Encode)
        : Encode(value);
}
