using System;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace EcrTools.Client.SdkInternal.Transform
{
    /// <summary>Reads an operation's response object, or turns its error response into an exception.</summary>
    internal abstract class EcrResponseUnmarshaller<TResponse> : JsonResponseUnmarshaller, IMemberReader<TResponse>
        where TResponse : AmazonWebServiceResponse, new()
    {
        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            var response = new TResponse();
            var reader = new StreamingUtf8JsonReader(context.Stream);
            if (context.Read(ref reader) && context.CurrentTokenType == JsonTokenType.StartObject)
            {
                JsonObjectReader.ReadMembers(response, this, context, ref reader);
            }

            return response;
        }

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode) =>
            EcrErrorUnmarshaller.Unmarshall(context, innerException, statusCode);

        public abstract void ReadMember(TResponse target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader);
    }
}
