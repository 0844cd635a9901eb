using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace EcrTools.Client.SdkInternal.Transform
{
    /// <summary>Reads the value of one member, found by its wire name, into the object being built.</summary>
    internal interface IMemberReader<in T>
    {
        /// <summary>
        /// Called with the reader on a member name. Reads the member's value and returns true if the name is known;
        /// returns false for an unknown member, whose value <see cref="JsonObjectReader.ReadMembers"/> skips.
        /// </summary>
        bool ReadMember(T target, ref Utf8JsonReader reader);
    }

    internal static class JsonObjectReader
    {
        /// <summary>What Core's StreamingUtf8JsonReader accepts too: trailing commas.</summary>
        private static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions { AllowTrailingCommas = true };

        /// <summary>
        /// Reads a whole JSON document's root object into <paramref name="target"/>. An empty document, or one whose
        /// root is not an object, leaves the target as it is.
        /// </summary>
        internal static void ReadDocument<T>(T target, IMemberReader<T> memberReader, ReadOnlySpan<byte> json)
        {
            if (json.IsEmpty)
            {
                return;
            }

            // A UTF-8 byte order mark before the document, which Core's reader skips too.
            if (Utf8ByteOrderMark.Begins(json))
            {
                json = json.Slice(Utf8ByteOrderMark.Length);
            }

            var reader = new Utf8JsonReader(json, ReaderOptions);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                ReadMembers(target, memberReader, ref reader);
            }
        }

        /// <summary>
        /// Reads an object's members, from its StartObject to its EndObject; the value of an unknown member is skipped
        /// whole, however deep.
        /// </summary>
        [MethodImpl(Jit.FullyOptimized)]
        internal static void ReadMembers<T>(T target, IMemberReader<T> memberReader, ref Utf8JsonReader reader)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!memberReader.ReadMember(target, ref reader))
                {
                    reader.Skip();
                }
            }
        }
    }
}
