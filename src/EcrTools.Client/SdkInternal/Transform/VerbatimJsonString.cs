using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace EcrTools.Client.SdkInternal.Transform
{
    /// <summary>
    /// Writes strings escaping only what JSON requires (<c>"</c>, <c>\</c> and control characters), so every other
    /// character goes out as its own UTF-8 bytes. Utf8JsonWriter's default encoder also escapes quotes as \u0022,
    /// <c>+ &lt; &gt; &amp; '</c> and all non-ASCII text: still the same string once decoded, but a manifest should
    /// reach the registry as written.
    /// </summary>
    internal static class VerbatimJsonString
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        internal static void WriteVerbatimStringValue(this Utf8JsonWriter writer, string value)
        {
            int length = EncodedLength(value);
            byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                Encode(value, buffer);
                writer.WriteRawValue(buffer.AsSpan(0, length), skipInputValidation: true);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private static int EncodedLength(string value)
        {
            int length = Utf8.GetByteCount(value) + 2;
            foreach (char c in value)
            {
                if (NeedsEscape(c))
                {
                    length += ShortEscape(c) != 0 ? 1 : 5;
                }
            }

            return length;
        }

        private static void Encode(string value, byte[] buffer)
        {
            int position = 0;
            buffer[position++] = (byte)'"';
            int runStart = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (!NeedsEscape(c))
                {
                    continue;
                }

                // Runs end only at ASCII characters, so a surrogate pair is never split.
                position += Utf8.GetBytes(value, runStart, i - runStart, buffer, position);
                buffer[position++] = (byte)'\\';
                char shortEscape = ShortEscape(c);
                if (shortEscape != 0)
                {
                    buffer[position++] = (byte)shortEscape;
                }
                else
                {
                    position += WriteUnicodeEscape(c, buffer, position);
                }

                runStart = i + 1;
            }

            position += Utf8.GetBytes(value, runStart, value.Length - runStart, buffer, position);
            buffer[position] = (byte)'"';
        }

        private static bool NeedsEscape(char c) => c < ' ' || c == '"' || c == '\\';

        private static char ShortEscape(char c) => c switch
        {
            '"' => '"',
            '\\' => '\\',
            '\b' => 'b',
            '\f' => 'f',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            _ => '\0',
        };

        /// <summary>Writes <c>u00XX</c> for a control character (the backslash is already written).</summary>
        private static int WriteUnicodeEscape(char c, byte[] buffer, int position)
        {
            const string HexDigits = "0123456789abcdef";
            buffer[position] = (byte)'u';
            buffer[position + 1] = (byte)'0';
            buffer[position + 2] = (byte)'0';
            buffer[position + 3] = (byte)HexDigits[c >> 4];
            buffer[position + 4] = (byte)HexDigits[c & 0xF];
            return 5;
        }
    }
}
