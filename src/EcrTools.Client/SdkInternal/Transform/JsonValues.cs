using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Util;

namespace EcrTools.Client.SdkInternal.Transform
{
    /// <summary>
    /// Reads one member's value of a scalar shape, or a list or map of them, with the reader on the member's name.
    /// The results are those of Core's unmarshallers (StringUnmarshaller, NullableLongUnmarshaller,
    /// NullableDateTimeUnmarshaller, ...), which turn the token into text and parse that: a number where a string is
    /// expected is kept as its text, a JSON null is null, timestamps are epoch seconds or date strings.
    /// </summary>
    internal static class JsonValues
    {
        [MethodImpl(Jit.FullyOptimized)]
        internal static string? String(ref Utf8JsonReader reader)
        {
            reader.Read();
            return Text(ref reader);
        }

        internal static long? NullableLong(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value))
            {
                return value;
            }

            return Text(ref reader) is string text ? (long)WholeNumber(text) : (long?)null;
        }

        internal static bool? NullableBool(ref Utf8JsonReader reader)
        {
            reader.Read();
            string? text = Text(ref reader);
            return string.IsNullOrEmpty(text) ? (bool?)null : bool.Parse(text);
        }

        /// <summary>Epoch seconds, to the millisecond, as a number or a string; else a date string, taken as UTC.</summary>
        internal static DateTime? NullableDateTime(ref Utf8JsonReader reader)
        {
            reader.Read();
            string? text = Text(ref reader);
            if (decimal.TryParse(text, NumberStyles.Any, CultureInfo.InvariantCulture, out decimal epochSeconds))
            {
                return AWSSDKUtils.ConvertFromUnixDecimalEpochSeconds(epochSeconds);
            }

            return text is null ? (DateTime?)null : DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }

        /// <summary>A list of strings; null for a JSON null. A null element stays in the list, as Core keeps it.</summary>
        internal static List<string>? StringList(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return NotAContainer<List<string>>(ref reader, "a list");
            }

            var list = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                list.Add(Text(ref reader)!);
            }

            return list;
        }

        /// <summary>A map of strings to integers; null for a JSON null. A null count reads as 0, as Core reads it.</summary>
        internal static Dictionary<string, int>? CountsByName(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return NotAContainer<Dictionary<string, int>>(ref reader, "a map");
            }

            var map = new Dictionary<string, int>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string key = reader.GetString()!;
                reader.Read();
                map.Add(key, Text(ref reader) is string count ? (int)WholeNumber(count) : 0);
            }

            return map;
        }

        /// <summary>
        /// A whole number however JSON writes it: 5, 5.0, 5e9, "1.5E9" (a server that keeps numbers as floating point
        /// writes them so). A fraction is a FormatException, a value out of the member's range an OverflowException.
        /// </summary>
        private static decimal WholeNumber(string text)
        {
            decimal value = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (value != decimal.Truncate(value))
            {
                throw new FormatException($"'{text}' is not a whole number.");
            }

            return value;
        }

        /// <summary>
        /// For a collection or structure member whose value is not one: null for a JSON null; any other token is a
        /// response Core could not read either.
        /// </summary>
        internal static T? NotAContainer<T>(ref Utf8JsonReader reader, string expected)
            where T : class
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            throw new AmazonClientException($"Unexpected token {reader.TokenType} where the response has {expected}.");
        }

        /// <summary>The current scalar token as Core's JsonUnmarshallerContext.ReadText gives it.</summary>
        [MethodImpl(Jit.FullyOptimized)]
        private static string? Text(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.True:
                    return bool.TrueString;
                case JsonTokenType.False:
                    return bool.FalseString;
                case JsonTokenType.Number:
                    return Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                default:
                    throw new AmazonClientException($"Unexpected token: {reader.TokenType}");
            }
        }
    }
}
