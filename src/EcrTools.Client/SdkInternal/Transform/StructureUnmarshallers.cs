using System.Runtime.CompilerServices;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;
using EcrTools.Client.Model;

namespace EcrTools.Client.SdkInternal.Transform
{
    /// <summary>Core's readers for the list and map shapes made of scalars.</summary>
    internal static class ScalarCollections
    {
        internal static readonly JsonListUnmarshaller<string, StringUnmarshaller> Strings =
            new JsonListUnmarshaller<string, StringUnmarshaller>(StringUnmarshaller.Instance);

        internal static readonly JsonDictionaryUnmarshaller<string, int, StringUnmarshaller, IntUnmarshaller> CountsByName =
            new JsonDictionaryUnmarshaller<string, int, StringUnmarshaller, IntUnmarshaller>(StringUnmarshaller.Instance, IntUnmarshaller.Instance);
    }

    internal sealed class ImageIdentifierUnmarshaller : StructureUnmarshaller<ImageIdentifier>
    {
        public static readonly ImageIdentifierUnmarshaller Instance = new ImageIdentifierUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(ImageIdentifier target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("imageDigest"))
            {
                target.ImageDigest = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageTag"))
            {
                target.ImageTag = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }

    internal sealed class ImageUnmarshaller : StructureUnmarshaller<Image>
    {
        public static readonly ImageUnmarshaller Instance = new ImageUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(Image target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("imageId"))
            {
                target.ImageId = ImageIdentifierUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageManifest"))
            {
                target.ImageManifest = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageManifestMediaType"))
            {
                target.ImageManifestMediaType = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("registryId"))
            {
                target.RegistryId = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("repositoryName"))
            {
                target.RepositoryName = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }

    internal sealed class ImageFailureUnmarshaller : StructureUnmarshaller<ImageFailure>
    {
        public static readonly ImageFailureUnmarshaller Instance = new ImageFailureUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(ImageFailure target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("failureCode"))
            {
                target.FailureCode = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("failureReason"))
            {
                target.FailureReason = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageId"))
            {
                target.ImageId = ImageIdentifierUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }

    internal sealed class ImageDetailUnmarshaller : StructureUnmarshaller<ImageDetail>
    {
        public static readonly ImageDetailUnmarshaller Instance = new ImageDetailUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(ImageDetail target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("artifactMediaType"))
            {
                target.ArtifactMediaType = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageDigest"))
            {
                target.ImageDigest = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageManifestMediaType"))
            {
                target.ImageManifestMediaType = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imagePushedAt"))
            {
                target.ImagePushedAt = NullableDateTimeUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageScanFindingsSummary"))
            {
                target.ImageScanFindingsSummary = ImageScanFindingsSummaryUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageScanStatus"))
            {
                target.ImageScanStatus = ImageScanStatusUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageSizeInBytes"))
            {
                target.ImageSizeInBytes = NullableLongUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageStatus"))
            {
                target.ImageStatus = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageTags"))
            {
                target.ImageTags = ScalarCollections.Strings.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("lastActivatedAt"))
            {
                target.LastActivatedAt = NullableDateTimeUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("lastArchivedAt"))
            {
                target.LastArchivedAt = NullableDateTimeUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("lastRecordedPullTime"))
            {
                target.LastRecordedPullTime = NullableDateTimeUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("registryId"))
            {
                target.RegistryId = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("repositoryName"))
            {
                target.RepositoryName = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("subjectManifestDigest"))
            {
                target.SubjectManifestDigest = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }

    internal sealed class ImageScanStatusUnmarshaller : StructureUnmarshaller<ImageScanStatus>
    {
        public static readonly ImageScanStatusUnmarshaller Instance = new ImageScanStatusUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(ImageScanStatus target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("description"))
            {
                target.Description = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("status"))
            {
                target.Status = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }

    internal sealed class ImageScanFindingsSummaryUnmarshaller : StructureUnmarshaller<ImageScanFindingsSummary>
    {
        public static readonly ImageScanFindingsSummaryUnmarshaller Instance = new ImageScanFindingsSummaryUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(ImageScanFindingsSummary target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("findingSeverityCounts"))
            {
                target.FindingSeverityCounts = ScalarCollections.CountsByName.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageScanCompletedAt"))
            {
                target.ImageScanCompletedAt = NullableDateTimeUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("vulnerabilitySourceUpdatedAt"))
            {
                target.VulnerabilitySourceUpdatedAt = NullableDateTimeUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }

    internal sealed class RepositoryUnmarshaller : StructureUnmarshaller<Repository>
    {
        public static readonly RepositoryUnmarshaller Instance = new RepositoryUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(Repository target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("createdAt"))
            {
                target.CreatedAt = NullableDateTimeUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("encryptionConfiguration"))
            {
                target.EncryptionConfiguration = EncryptionConfigurationUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageScanningConfiguration"))
            {
                target.ImageScanningConfiguration = ImageScanningConfigurationUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageTagMutability"))
            {
                target.ImageTagMutability = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("imageTagMutabilityExclusionFilters"))
            {
                target.ImageTagMutabilityExclusionFilters = ImageTagMutabilityExclusionFilterUnmarshaller.Instance.UnmarshallList(context, ref reader);
            }
            else if (reader.ValueTextEquals("registryId"))
            {
                target.RegistryId = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("repositoryArn"))
            {
                target.RepositoryArn = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("repositoryName"))
            {
                target.RepositoryName = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("repositoryUri"))
            {
                target.RepositoryUri = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }

    internal sealed class EncryptionConfigurationUnmarshaller : StructureUnmarshaller<EncryptionConfiguration>
    {
        public static readonly EncryptionConfigurationUnmarshaller Instance = new EncryptionConfigurationUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(EncryptionConfiguration target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("encryptionType"))
            {
                target.EncryptionType = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("kmsKey"))
            {
                target.KmsKey = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }

    internal sealed class ImageScanningConfigurationUnmarshaller : StructureUnmarshaller<ImageScanningConfiguration>
    {
        public static readonly ImageScanningConfigurationUnmarshaller Instance = new ImageScanningConfigurationUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(ImageScanningConfiguration target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("scanOnPush"))
            {
                target.ScanOnPush = NullableBoolUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }

    internal sealed class ImageTagMutabilityExclusionFilterUnmarshaller : StructureUnmarshaller<ImageTagMutabilityExclusionFilter>
    {
        public static readonly ImageTagMutabilityExclusionFilterUnmarshaller Instance = new ImageTagMutabilityExclusionFilterUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override void ReadMember(ImageTagMutabilityExclusionFilter target, JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            if (reader.ValueTextEquals("filter"))
            {
                target.Filter = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (reader.ValueTextEquals("filterType"))
            {
                target.FilterType = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }
    }
}
