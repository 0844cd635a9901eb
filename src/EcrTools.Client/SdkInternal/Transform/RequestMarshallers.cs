using System.Text.Json;
using EcrTools.Client.Model;

namespace EcrTools.Client.SdkInternal.Transform
{
    internal sealed class ListImagesRequestMarshaller : EcrRequestMarshaller<ListImagesRequest>
    {
        public ListImagesRequestMarshaller()
            : base("ListImages")
        {
        }

        protected override void WriteMembers(Utf8JsonWriter writer, ListImagesRequest request)
        {
            if (request.Filter != null)
            {
                writer.WriteImageFilter(request.Filter.ImageStatus, request.Filter.TagStatus);
            }

            writer.WriteOptionalNumber("maxResults", request.MaxResults);
            writer.WriteOptionalString("nextToken", request.NextToken);
            writer.WriteOptionalString("registryId", request.RegistryId);
            writer.WriteOptionalString("repositoryName", request.RepositoryName);
        }
    }

    internal sealed class DescribeImagesRequestMarshaller : EcrRequestMarshaller<DescribeImagesRequest>
    {
        public DescribeImagesRequestMarshaller()
            : base("DescribeImages")
        {
        }

        protected override void WriteMembers(Utf8JsonWriter writer, DescribeImagesRequest request)
        {
            if (request.Filter != null)
            {
                writer.WriteImageFilter(request.Filter.ImageStatus, request.Filter.TagStatus);
            }

            writer.WriteOptionalImageIds("imageIds", request.ImageIds);
            writer.WriteOptionalNumber("maxResults", request.MaxResults);
            writer.WriteOptionalString("nextToken", request.NextToken);
            writer.WriteOptionalString("registryId", request.RegistryId);
            writer.WriteOptionalString("repositoryName", request.RepositoryName);
        }
    }

    internal sealed class PutImageRequestMarshaller : EcrRequestMarshaller<PutImageRequest>
    {
        public PutImageRequestMarshaller()
            : base("PutImage")
        {
        }

        protected override void WriteMembers(Utf8JsonWriter writer, PutImageRequest request)
        {
            writer.WriteOptionalString("imageDigest", request.ImageDigest);
            writer.WriteOptionalString("imageManifest", request.ImageManifest);
            writer.WriteOptionalString("imageManifestMediaType", request.ImageManifestMediaType);
            writer.WriteOptionalString("imageTag", request.ImageTag);
            writer.WriteOptionalString("registryId", request.RegistryId);
            writer.WriteOptionalString("repositoryName", request.RepositoryName);
        }
    }

    internal sealed class BatchGetImageRequestMarshaller : EcrRequestMarshaller<BatchGetImageRequest>
    {
        public BatchGetImageRequestMarshaller()
            : base("BatchGetImage")
        {
        }

        protected override void WriteMembers(Utf8JsonWriter writer, BatchGetImageRequest request)
        {
            writer.WriteOptionalStringList("acceptedMediaTypes", request.AcceptedMediaTypes);
            writer.WriteOptionalImageIds("imageIds", request.ImageIds);
            writer.WriteOptionalString("registryId", request.RegistryId);
            writer.WriteOptionalString("repositoryName", request.RepositoryName);
        }
    }

    internal sealed class DescribeRepositoriesRequestMarshaller : EcrRequestMarshaller<DescribeRepositoriesRequest>
    {
        public DescribeRepositoriesRequestMarshaller()
            : base("DescribeRepositories")
        {
        }

        protected override void WriteMembers(Utf8JsonWriter writer, DescribeRepositoriesRequest request)
        {
            writer.WriteOptionalNumber("maxResults", request.MaxResults);
            writer.WriteOptionalString("nextToken", request.NextToken);
            writer.WriteOptionalString("registryId", request.RegistryId);
            writer.WriteOptionalStringList("repositoryNames", request.RepositoryNames);
        }
    }
}
