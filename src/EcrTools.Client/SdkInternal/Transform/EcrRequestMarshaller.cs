using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using ThirdParty.RuntimeBackports;

namespace EcrTools.Client.SdkInternal.Transform
{
    /// <summary>
    /// awsJson1_1: <c>POST /</c> with the operation in X-Amz-Target and the request's set members as a JSON object,
    /// asking for the response body without a content coding.
    /// </summary>
    internal abstract class EcrRequestMarshaller<TRequest> : IMarshaller<IRequest, AmazonWebServiceRequest>
        where TRequest : AmazonWebServiceRequest
    {
        private const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921.";

        private readonly string _target;

        protected EcrRequestMarshaller(string operationName)
        {
            _target = TargetPrefix + operationName;
        }

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            IRequest request = new DefaultRequest(input, "ECR");
            request.HttpMethod = "POST";
            request.ResourcePath = "/";
            request.Headers["X-Amz-Target"] = _target;
            request.Headers["Content-Type"] = "application/x-amz-json-1.1";

            // Without Accept-Encoding any coding is acceptable (RFC 9110); the response reader takes the body as sent.
            request.Headers["Accept-Encoding"] = "identity";
            request.Content = WriteBody((TRequest)input);
            return request;
        }

        /// <summary>Writes the members that are set (not null), by their wire names.</summary>
        protected abstract void WriteMembers(Utf8JsonWriter writer, TRequest request);

        private byte[] WriteBody(TRequest input)
        {
            using var body = new ArrayPoolBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(body))
            {
                writer.WriteStartObject();
                WriteMembers(writer, input);
                writer.WriteEndObject();
            }

            // The signer needs the body as an array.
            return body.WrittenSpan.ToArray();
        }
    }
}
