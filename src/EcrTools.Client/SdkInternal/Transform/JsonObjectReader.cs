using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace EcrTools.Client.SdkInternal.Transform
{
    /// <summary>Reads the value of one member, found by its wire name, into the object being built.</summary>
    internal interface IMemberReader<in T>
    {
        /// <summary>
        /// Called with the reader on a member name. Reads the member's value if the name is known; leaves an unknown
        /// member unread, and <see cref="JsonObjectReader.ReadMembers"/> skips it.
        /// </summary>
        void ReadMember(T target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader);
    }

    internal static class JsonObjectReader
    {
        /// <summary>
        /// Reads an object's members, from the token after its StartObject to its EndObject. Tokens deeper than the
        /// object's own member names (values of unknown members) pass by unread.
        /// </summary>
        [MethodImpl(Jit.FullyOptimized)]
        internal static void ReadMembers<T>(T target, IMemberReader<T> memberReader, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            int depth = context.CurrentDepth;
            while (context.ReadAtDepth(depth, ref reader))
            {
                if (context.CurrentDepth == depth && context.CurrentTokenType == JsonTokenType.PropertyName)
                {
                    memberReader.ReadMember(target, context, ref reader);
                }
            }
        }
    }
}
