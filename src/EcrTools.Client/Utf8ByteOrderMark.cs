using System;

namespace EcrTools.Client
{
    /// <summary>The UTF-8 byte order mark (EF BB BF), which a few writers put before JSON.</summary>
    internal static class Utf8ByteOrderMark
    {
        public const int Length = 3;

        public static bool Begins(ReadOnlySpan<byte> bytes) =>
            bytes.Length >= Length && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
    }
}
