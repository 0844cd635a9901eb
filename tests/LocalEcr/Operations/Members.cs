using System.Text.Json;

namespace LocalEcr.Operations;

/// <summary>Member names and fixed values of ECR's responses, encoded once.</summary>
internal static class Members
{
    public static readonly JsonEncodedText RegistryId = JsonEncodedText.Encode("registryId");
    public static readonly JsonEncodedText RepositoryName = JsonEncodedText.Encode("repositoryName");
    public static readonly JsonEncodedText ImageIds = JsonEncodedText.Encode("imageIds");
    public static readonly JsonEncodedText ImageId = JsonEncodedText.Encode("imageId");
    public static readonly JsonEncodedText ImageDigest = JsonEncodedText.Encode("imageDigest");
    public static readonly JsonEncodedText ImageTag = JsonEncodedText.Encode("imageTag");
    public static readonly JsonEncodedText ImageTags = JsonEncodedText.Encode("imageTags");
    public static readonly JsonEncodedText NextToken = JsonEncodedText.Encode("nextToken");
    public static readonly JsonEncodedText ImageDetails = JsonEncodedText.Encode("imageDetails");
    public static readonly JsonEncodedText ImageSizeInBytes = JsonEncodedText.Encode("imageSizeInBytes");
    public static readonly JsonEncodedText ImagePushedAt = JsonEncodedText.Encode("imagePushedAt");
    public static readonly JsonEncodedText ImageScanStatus = JsonEncodedText.Encode("imageScanStatus");
    public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    public static readonly JsonEncodedText ImageScanFindingsSummary = JsonEncodedText.Encode("imageScanFindingsSummary");
    public static readonly JsonEncodedText ImageScanCompletedAt = JsonEncodedText.Encode("imageScanCompletedAt");
    public static readonly JsonEncodedText VulnerabilitySourceUpdatedAt = JsonEncodedText.Encode("vulnerabilitySourceUpdatedAt");
    public static readonly JsonEncodedText FindingSeverityCounts = JsonEncodedText.Encode("findingSeverityCounts");
    public static readonly JsonEncodedText ImageManifestMediaType = JsonEncodedText.Encode("imageManifestMediaType");
    public static readonly JsonEncodedText ArtifactMediaType = JsonEncodedText.Encode("artifactMediaType");
    public static readonly JsonEncodedText LastRecordedPullTime = JsonEncodedText.Encode("lastRecordedPullTime");
    public static readonly JsonEncodedText SubjectManifestDigest = JsonEncodedText.Encode("subjectManifestDigest");
    public static readonly JsonEncodedText ImageStatus = JsonEncodedText.Encode("imageStatus");
    public static readonly JsonEncodedText LastArchivedAt = JsonEncodedText.Encode("lastArchivedAt");
    public static readonly JsonEncodedText LastActivatedAt = JsonEncodedText.Encode("lastActivatedAt");
    public static readonly JsonEncodedText Image = JsonEncodedText.Encode("image");
    public static readonly JsonEncodedText Images = JsonEncodedText.Encode("images");
    public static readonly JsonEncodedText ImageManifest = JsonEncodedText.Encode("imageManifest");
    public static readonly JsonEncodedText Failures = JsonEncodedText.Encode("failures");
    public static readonly JsonEncodedText FailureCode = JsonEncodedText.Encode("failureCode");
    public static readonly JsonEncodedText FailureReason = JsonEncodedText.Encode("failureReason");
    public static readonly JsonEncodedText Repositories = JsonEncodedText.Encode("repositories");
    public static readonly JsonEncodedText RepositoryArn = JsonEncodedText.Encode("repositoryArn");
    public static readonly JsonEncodedText RepositoryUri = JsonEncodedText.Encode("repositoryUri");
    public static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    public static readonly JsonEncodedText ImageTagMutability = JsonEncodedText.Encode("imageTagMutability");
    public static readonly JsonEncodedText ImageTagMutabilityExclusionFilters = JsonEncodedText.Encode("imageTagMutabilityExclusionFilters");
    public static readonly JsonEncodedText FilterType = JsonEncodedText.Encode("filterType");
    public static readonly JsonEncodedText Filter = JsonEncodedText.Encode("filter");
    public static readonly JsonEncodedText ImageScanningConfiguration = JsonEncodedText.Encode("imageScanningConfiguration");
    public static readonly JsonEncodedText ScanOnPush = JsonEncodedText.Encode("scanOnPush");
    public static readonly JsonEncodedText EncryptionConfiguration = JsonEncodedText.Encode("encryptionConfiguration");
    public static readonly JsonEncodedText EncryptionType = JsonEncodedText.Encode("encryptionType");
    public static readonly JsonEncodedText KmsKey = JsonEncodedText.Encode("kmsKey");

    public static readonly JsonEncodedText Active = JsonEncodedText.Encode("ACTIVE");
    public static readonly JsonEncodedText Archived = JsonEncodedText.Encode("ARCHIVED");
    public static readonly JsonEncodedText Activating = JsonEncodedText.Encode("ACTIVATING");
}
