using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace EcrTools.Client.SdkInternal.Transform
{
    /// <summary>Reads a structure shape, or a list of them, from a member's value.</summary>
    internal abstract class StructureUnmarshaller<T> : IMemberReader<T>
        where T : class, new()
    {
        /// <summary>The structure, or null for a JSON null.</summary>
        [MethodImpl(Jit.FullyOptimized)]
        public T? Unmarshall(ref Utf8JsonReader reader)
        {
            reader.Read();
            return reader.TokenType == JsonTokenType.StartObject ? ReadObject(ref reader) : JsonValues.NotAContainer<T>(ref reader, "a structure");
        }

        /// <summary>The list, or null for a JSON null; null elements are left out.</summary>
        [MethodImpl(Jit.FullyOptimized)]
        public List<T>? UnmarshallList(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return JsonValues.NotAContainer<List<T>>(ref reader, "a list");
            }

            var list = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    list.Add(ReadObject(ref reader));
                }
                else
                {
                    JsonValues.NotAContainer<T>(ref reader, "a structure");
                }
            }

            return list;
        }

        /// <summary>Reads one member of the structure; false for a member this shape does not have.</summary>
        public abstract bool ReadMember(T target, ref Utf8JsonReader reader);

        /// <summary>The structure whose StartObject the reader is on.</summary>
        [MethodImpl(Jit.FullyOptimized)]
        private T ReadObject(ref Utf8JsonReader reader)
        {
            var target = new T();
            JsonObjectReader.ReadMembers(target, this, ref reader);
            return target;
        }
    }
}
