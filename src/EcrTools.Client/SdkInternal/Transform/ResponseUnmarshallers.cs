using System.Runtime.CompilerServices;
using System.Text.Json;
using EcrTools.Client.Model;

namespace EcrTools.Client.SdkInternal.Transform
{
    internal sealed class ListImagesResponseUnmarshaller : EcrResponseUnmarshaller<ListImagesResponse>
    {
        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(ListImagesResponse target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("imageIds"u8))
            {
                target.ImageIds = ImageIdentifierUnmarshaller.Instance.UnmarshallList(ref reader);
            }
            else if (reader.ValueTextEquals("nextToken"u8))
            {
                target.NextToken = JsonValues.String(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class DescribeImagesResponseUnmarshaller : EcrResponseUnmarshaller<DescribeImagesResponse>
    {
        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(DescribeImagesResponse target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("imageDetails"u8))
            {
                target.ImageDetails = ImageDetailUnmarshaller.Instance.UnmarshallList(ref reader);
            }
            else if (reader.ValueTextEquals("nextToken"u8))
            {
                target.NextToken = JsonValues.String(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class PutImageResponseUnmarshaller : EcrResponseUnmarshaller<PutImageResponse>
    {
        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(PutImageResponse target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("image"u8))
            {
                target.Image = ImageUnmarshaller.Instance.Unmarshall(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class BatchGetImageResponseUnmarshaller : EcrResponseUnmarshaller<BatchGetImageResponse>
    {
        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(BatchGetImageResponse target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("failures"u8))
            {
                target.Failures = ImageFailureUnmarshaller.Instance.UnmarshallList(ref reader);
            }
            else if (reader.ValueTextEquals("images"u8))
            {
                target.Images = ImageUnmarshaller.Instance.UnmarshallList(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class DescribeRepositoriesResponseUnmarshaller : EcrResponseUnmarshaller<DescribeRepositoriesResponse>
    {
        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(DescribeRepositoriesResponse target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("nextToken"u8))
            {
                target.NextToken = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("repositories"u8))
            {
                target.Repositories = RepositoryUnmarshaller.Instance.UnmarshallList(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }
}
