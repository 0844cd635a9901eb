using System;
using System.Text.Json;

namespace LocalEcr.Protocol;

/// <summary>Timestamps as AWS's JSON protocols write them: epoch seconds with a millisecond fraction.</summary>
internal static class EpochTime
{
    public static long ToUnixMilliseconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    /// <summary>Writes e.g. <c>1499287667.123</c>: a decimal with scale 3 prints exactly three fraction digits.</summary>
    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, long unixMilliseconds)
    {
        var magnitude = (ulong)Math.Abs(unixMilliseconds);
        var seconds = new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, unixMilliseconds < 0, 3);
        writer.WriteNumber(name, seconds);
    }
}
