using System.Runtime.CompilerServices;
using System.Text.Json;
using EcrTools.Client.Model;

namespace EcrTools.Client.SdkInternal.Transform
{
    internal sealed class ImageIdentifierUnmarshaller : StructureUnmarshaller<ImageIdentifier>
    {
        public static readonly ImageIdentifierUnmarshaller Instance = new ImageIdentifierUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(ImageIdentifier target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("imageDigest"u8))
            {
                target.ImageDigest = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("imageTag"u8))
            {
                target.ImageTag = JsonValues.String(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class ImageUnmarshaller : StructureUnmarshaller<Image>
    {
        public static readonly ImageUnmarshaller Instance = new ImageUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(Image target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("imageId"u8))
            {
                target.ImageId = ImageIdentifierUnmarshaller.Instance.Unmarshall(ref reader);
            }
            else if (reader.ValueTextEquals("imageManifest"u8))
            {
                target.ImageManifest = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("imageManifestMediaType"u8))
            {
                target.ImageManifestMediaType = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("registryId"u8))
            {
                target.RegistryId = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("repositoryName"u8))
            {
                target.RepositoryName = JsonValues.String(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class ImageFailureUnmarshaller : StructureUnmarshaller<ImageFailure>
    {
        public static readonly ImageFailureUnmarshaller Instance = new ImageFailureUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(ImageFailure target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("failureCode"u8))
            {
                target.FailureCode = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("failureReason"u8))
            {
                target.FailureReason = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("imageId"u8))
            {
                target.ImageId = ImageIdentifierUnmarshaller.Instance.Unmarshall(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class ImageDetailUnmarshaller : StructureUnmarshaller<ImageDetail>
    {
        public static readonly ImageDetailUnmarshaller Instance = new ImageDetailUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(ImageDetail target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("artifactMediaType"u8))
            {
                target.ArtifactMediaType = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("imageDigest"u8))
            {
                target.ImageDigest = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("imageManifestMediaType"u8))
            {
                target.ImageManifestMediaType = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("imagePushedAt"u8))
            {
                target.ImagePushedAt = JsonValues.NullableDateTime(ref reader);
            }
            else if (reader.ValueTextEquals("imageScanFindingsSummary"u8))
            {
                target.ImageScanFindingsSummary = ImageScanFindingsSummaryUnmarshaller.Instance.Unmarshall(ref reader);
            }
            else if (reader.ValueTextEquals("imageScanStatus"u8))
            {
                target.ImageScanStatus = ImageScanStatusUnmarshaller.Instance.Unmarshall(ref reader);
            }
            else if (reader.ValueTextEquals("imageSizeInBytes"u8))
            {
                target.ImageSizeInBytes = JsonValues.NullableLong(ref reader);
            }
            else if (reader.ValueTextEquals("imageStatus"u8))
            {
                target.ImageStatus = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("imageTags"u8))
            {
                target.ImageTags = JsonValues.StringList(ref reader);
            }
            else if (reader.ValueTextEquals("lastActivatedAt"u8))
            {
                target.LastActivatedAt = JsonValues.NullableDateTime(ref reader);
            }
            else if (reader.ValueTextEquals("lastArchivedAt"u8))
            {
                target.LastArchivedAt = JsonValues.NullableDateTime(ref reader);
            }
            else if (reader.ValueTextEquals("lastRecordedPullTime"u8))
            {
                target.LastRecordedPullTime = JsonValues.NullableDateTime(ref reader);
            }
            else if (reader.ValueTextEquals("registryId"u8))
            {
                target.RegistryId = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("repositoryName"u8))
            {
                target.RepositoryName = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("subjectManifestDigest"u8))
            {
                target.SubjectManifestDigest = JsonValues.String(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class ImageScanStatusUnmarshaller : StructureUnmarshaller<ImageScanStatus>
    {
        public static readonly ImageScanStatusUnmarshaller Instance = new ImageScanStatusUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(ImageScanStatus target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("description"u8))
            {
                target.Description = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                target.Status = JsonValues.String(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class ImageScanFindingsSummaryUnmarshaller : StructureUnmarshaller<ImageScanFindingsSummary>
    {
        public static readonly ImageScanFindingsSummaryUnmarshaller Instance = new ImageScanFindingsSummaryUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(ImageScanFindingsSummary target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("findingSeverityCounts"u8))
            {
                target.FindingSeverityCounts = JsonValues.CountsByName(ref reader);
            }
            else if (reader.ValueTextEquals("imageScanCompletedAt"u8))
            {
                target.ImageScanCompletedAt = JsonValues.NullableDateTime(ref reader);
            }
            else if (reader.ValueTextEquals("vulnerabilitySourceUpdatedAt"u8))
            {
                target.VulnerabilitySourceUpdatedAt = JsonValues.NullableDateTime(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class RepositoryUnmarshaller : StructureUnmarshaller<Repository>
    {
        public static readonly RepositoryUnmarshaller Instance = new RepositoryUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(Repository target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("createdAt"u8))
            {
                target.CreatedAt = JsonValues.NullableDateTime(ref reader);
            }
            else if (reader.ValueTextEquals("encryptionConfiguration"u8))
            {
                target.EncryptionConfiguration = EncryptionConfigurationUnmarshaller.Instance.Unmarshall(ref reader);
            }
            else if (reader.ValueTextEquals("imageScanningConfiguration"u8))
            {
                target.ImageScanningConfiguration = ImageScanningConfigurationUnmarshaller.Instance.Unmarshall(ref reader);
            }
            else if (reader.ValueTextEquals("imageTagMutability"u8))
            {
                target.ImageTagMutability = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("imageTagMutabilityExclusionFilters"u8))
            {
                target.ImageTagMutabilityExclusionFilters = ImageTagMutabilityExclusionFilterUnmarshaller.Instance.UnmarshallList(ref reader);
            }
            else if (reader.ValueTextEquals("registryId"u8))
            {
                target.RegistryId = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("repositoryArn"u8))
            {
                target.RepositoryArn = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("repositoryName"u8))
            {
                target.RepositoryName = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("repositoryUri"u8))
            {
                target.RepositoryUri = JsonValues.String(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class EncryptionConfigurationUnmarshaller : StructureUnmarshaller<EncryptionConfiguration>
    {
        public static readonly EncryptionConfigurationUnmarshaller Instance = new EncryptionConfigurationUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(EncryptionConfiguration target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("encryptionType"u8))
            {
                target.EncryptionType = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("kmsKey"u8))
            {
                target.KmsKey = JsonValues.String(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class ImageScanningConfigurationUnmarshaller : StructureUnmarshaller<ImageScanningConfiguration>
    {
        public static readonly ImageScanningConfigurationUnmarshaller Instance = new ImageScanningConfigurationUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(ImageScanningConfiguration target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("scanOnPush"u8))
            {
                target.ScanOnPush = JsonValues.NullableBool(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }

    internal sealed class ImageTagMutabilityExclusionFilterUnmarshaller : StructureUnmarshaller<ImageTagMutabilityExclusionFilter>
    {
        public static readonly ImageTagMutabilityExclusionFilterUnmarshaller Instance = new ImageTagMutabilityExclusionFilterUnmarshaller();

        [MethodImpl(Jit.FullyOptimized)]
        public override bool ReadMember(ImageTagMutabilityExclusionFilter target, ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("filter"u8))
            {
                target.Filter = JsonValues.String(ref reader);
            }
            else if (reader.ValueTextEquals("filterType"u8))
            {
                target.FilterType = JsonValues.String(ref reader);
            }
            else
            {
                return false;
            }

            return true;
        }
    }
}
