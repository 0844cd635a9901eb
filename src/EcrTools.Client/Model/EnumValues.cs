namespace EcrTools.Client.Model
{
    // The model's enum shapes. Members stay strings so a value the service adds later still reads;
    // these constants name the values known today.

    public static class EncryptionType
    {
        public const string Aes256 = "AES256";
        public const string Kms = "KMS";
        public const string KmsDsse = "KMS_DSSE";
    }

    public static class FindingSeverity
    {
        public const string Informational = "INFORMATIONAL";
        public const string Low = "LOW";
        public const string Medium = "MEDIUM";
        public const string High = "HIGH";
        public const string Critical = "CRITICAL";
        public const string Undefined = "UNDEFINED";
    }

    public static class ImageFailureCode
    {
        public const string InvalidImageDigest = "InvalidImageDigest";
        public const string InvalidImageTag = "InvalidImageTag";
        public const string ImageTagDoesNotMatchDigest = "ImageTagDoesNotMatchDigest";
        public const string ImageNotFound = "ImageNotFound";
        public const string MissingDigestAndTag = "MissingDigestAndTag";
        public const string ImageReferencedByManifestList = "ImageReferencedByManifestList";
        public const string KmsError = "KmsError";
        public const string UpstreamAccessDenied = "UpstreamAccessDenied";
        public const string UpstreamTooManyRequests = "UpstreamTooManyRequests";
        public const string UpstreamUnavailable = "UpstreamUnavailable";
        public const string ImageInaccessible = "ImageInaccessible";
    }

    public static class ImageStatus
    {
        public const string Active = "ACTIVE";
        public const string Archived = "ARCHIVED";
        public const string Activating = "ACTIVATING";
    }

    /// <summary>Filter values for image status; without a filter only <see cref="Active"/> images are returned.</summary>
    public static class ImageStatusFilter
    {
        public const string Active = "ACTIVE";
        public const string Archived = "ARCHIVED";
        public const string Activating = "ACTIVATING";
        public const string Any = "ANY";
    }

    public static class ImageTagMutability
    {
        public const string Mutable = "MUTABLE";
        public const string Immutable = "IMMUTABLE";
        public const string ImmutableWithExclusion = "IMMUTABLE_WITH_EXCLUSION";
        public const string MutableWithExclusion = "MUTABLE_WITH_EXCLUSION";
    }

    public static class ImageTagMutabilityExclusionFilterType
    {
        public const string Wildcard = "WILDCARD";
    }

    public static class ScanStatus
    {
        public const string InProgress = "IN_PROGRESS";
        public const string Complete = "COMPLETE";
        public const string Failed = "FAILED";
        public const string UnsupportedImage = "UNSUPPORTED_IMAGE";
        public const string Active = "ACTIVE";
        public const string Pending = "PENDING";
        public const string ScanEligibilityExpired = "SCAN_ELIGIBILITY_EXPIRED";
        public const string FindingsUnavailable = "FINDINGS_UNAVAILABLE";
        public const string LimitExceeded = "LIMIT_EXCEEDED";
        public const string ImageArchived = "IMAGE_ARCHIVED";
    }

    public static class TagStatus
    {
        public const string Tagged = "TAGGED";
        public const string Untagged = "UNTAGGED";
        public const string Any = "ANY";
    }
}
