using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace EcrTools.Client.SdkInternal.Transform
{
    /// <summary>
    /// Reads an operation's response object, or turns its error response into an exception. The body is read whole
    /// from Core's response stream (through any checksum or logging wrapper Core put on it) into a pooled buffer and
    /// parsed there with one Utf8JsonReader: no token is copied out of a streaming wrapper, no member name becomes a
    /// string, and no JSON path is kept, which is most of what reading a page of 1,000 ids through Core's
    /// JsonUnmarshallerContext costs.
    /// </summary>
    internal abstract class EcrResponseUnmarshaller<TResponse> : JsonResponseUnmarshaller, IMemberReader<TResponse>
        where TResponse : AmazonWebServiceResponse, new()
    {
        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            var response = new TResponse();
            byte[] body = ReadBody(context.Stream, context.ResponseData?.ContentLength ?? 0, out int length);
            try
            {
                JsonObjectReader.ReadDocument(response, this, new ReadOnlySpan<byte>(body, 0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(body);
            }

            return response;
        }

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode) =>
            EcrErrorUnmarshaller.Unmarshall(context, innerException, statusCode);

        public abstract bool ReadMember(TResponse target, ref Utf8JsonReader reader);

        /// <summary>
        /// The whole stream in a buffer rented from the shared pool. The Content-Length, when given, sizes the first
        /// buffer (up to 1 MiB: a header is not trusted with more memory than that); the buffer grows as data comes.
        /// </summary>
        private static byte[] ReadBody(Stream stream, long contentLength, out int length)
        {
            const int DefaultSize = 16 * 1024;
            const int LargestFirstSize = 1024 * 1024;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(contentLength > 0 ? (int)Math.Min(contentLength + 1, LargestFirstSize) : DefaultSize);
            length = 0;
            try
            {
                int read;
                while ((read = stream.Read(buffer, length, buffer.Length - length)) > 0)
                {
                    length += read;
                    if (length == buffer.Length)
                    {
                        byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, larger, 0, length);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }

                return buffer;
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }
    }
}
