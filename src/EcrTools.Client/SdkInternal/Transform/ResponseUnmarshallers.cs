using System.Runtime.CompilerServices;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;
using EcrTools.Client.Model;

namespace EcrTools.Client.SdkInternal.Transform
{
    internal sealed class ListImagesResponseUnmarshaller : EcrResponseUnmarshaller<ListImagesResponse>
    {
        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(ListImagesResponse target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("imageIds"))
            {
                target.ImageIds = ImageIdentifierUnmarshaller.Instance.UnmarshallList(context, ref reader);
            }
            else if (reader.ValueTextEquals("nextToken"))
            {
                target.NextToken = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }

    internal sealed class DescribeImagesResponseUnmarshaller : EcrResponseUnmarshaller<DescribeImagesResponse>
    {
        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(DescribeImagesResponse target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("imageDetails"))
            {
                target.ImageDetails = ImageDetailUnmarshaller.Instance.UnmarshallList(context, ref reader);
            }
            else if (reader.ValueTextEquals("nextToken"))
            {
                target.NextToken = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }

    internal sealed class PutImageResponseUnmarshaller : EcrResponseUnmarshaller<PutImageResponse>
    {
        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(PutImageResponse target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("image"))
            {
                target.Image = ImageUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }

    internal sealed class BatchGetImageResponseUnmarshaller : EcrResponseUnmarshaller<BatchGetImageResponse>
    {
        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(BatchGetImageResponse target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("failures"))
            {
                target.Failures = ImageFailureUnmarshaller.Instance.UnmarshallList(context, ref reader);
            }
            else if (reader.ValueTextEquals("images"))
            {
                target.Images = ImageUnmarshaller.Instance.UnmarshallList(context, ref reader);
            }
        }
    }

    internal sealed class DescribeRepositoriesResponseUnmarshaller : EcrResponseUnmarshaller<DescribeRepositoriesResponse>
    {
        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(DescribeRepositoriesResponse target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("nextToken"))
            {
                target.NextToken = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("repositories"))
            {
                target.Repositories = RepositoryUnmarshaller.Instance.UnmarshallList(context, ref reader);
            }
        }
    }
}
