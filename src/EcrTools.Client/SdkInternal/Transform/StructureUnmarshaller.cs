using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace EcrTools.Client.SdkInternal.Transform
{
    /// <summary>Reads a structure shape, or a list of them, from a member's value.</summary>
    internal abstract class StructureUnmarshaller<T> : IMemberReader<T>
        where T : class, new()
    {
        /// <summary>The structure, or null for a JSON null.</summary>
        [MethodImpl(Jit.FullyOptimized)]
        public T? Unmarshall(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            context.Read(ref reader);
            if (context.CurrentTokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var target = new T();
            JsonObjectReader.ReadMembers(target, this, context, ref reader);
            return target;
        }

        /// <summary>The list, or null for a JSON null; null elements are left out.</summary>
        [MethodImpl(Jit.FullyOptimized)]
        public List<T>? UnmarshallList(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            context.Read(ref reader);
            if (context.CurrentTokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            var list = new List<T>();
            while (!context.Peek(JsonTokenType.EndArray, ref reader))
            {
                if (Unmarshall(context, ref reader) is T element)
                {
                    list.Add(element);
                }
            }

            context.Read(ref reader);
            return list;
        }

        public abstract void ReadMember(T target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader);
    }
}
