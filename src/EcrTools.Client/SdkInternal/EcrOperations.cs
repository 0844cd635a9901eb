using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using EcrTools.Client.SdkInternal.Transform;

namespace EcrTools.Client.SdkInternal
{
    /// <summary>The marshaller and unmarshaller of each operation, built once and shared by every call.</summary>
    internal static class EcrOperations
    {
        internal static readonly InvokeOptions ListImages = Create(new ListImagesRequestMarshaller(), new ListImagesResponseUnmarshaller());

        internal static readonly InvokeOptions DescribeImages = Create(new DescribeImagesRequestMarshaller(), new DescribeImagesResponseUnmarshaller());

        internal static readonly InvokeOptions PutImage = Create(new PutImageRequestMarshaller(), new PutImageResponseUnmarshaller());

        internal static readonly InvokeOptions BatchGetImage = Create(new BatchGetImageRequestMarshaller(), new BatchGetImageResponseUnmarshaller());

        internal static readonly InvokeOptions DescribeRepositories = Create(new DescribeRepositoriesRequestMarshaller(), new DescribeRepositoriesResponseUnmarshaller());

        private static InvokeOptions Create(IMarshaller<IRequest, AmazonWebServiceRequest> marshaller, ResponseUnmarshaller unmarshaller) =>
            new InvokeOptions { RequestMarshaller = marshaller, ResponseUnmarshaller = unmarshaller };
    }
}
