using System;
using System.Collections.Generic;

namespace EcrTools
{
    /// <summary>An image as DescribeImages reports it: one object per image, with all of its tags.</summary>
    public sealed class EcrImage
    {
        public string? RegistryId { get; set; }

        public string RepositoryName { get; set; } = string.Empty;

        public string ImageDigest { get; set; } = string.Empty;

        public string[] ImageTags { get; set; } = Array.Empty<string>();

        public long? ImageSizeInBytes { get; set; }

        public DateTime? ImagePushedAt { get; set; }

        public EcrImageScanStatus? ImageScanStatus { get; set; }

        public EcrImageScanFindingsSummary? ImageScanFindingsSummary { get; set; }

        public string? ImageManifestMediaType { get; set; }

        public string? ArtifactMediaType { get; set; }

        public DateTime? LastRecordedPullTime { get; set; }

        public string? SubjectManifestDigest { get; set; }

        public string? ImageStatus { get; set; }

        public DateTime? LastArchivedAt { get; set; }

        public DateTime? LastActivatedAt { get; set; }

        public override string ToString() => $"{RepositoryName}@{ImageDigest}";
    }

    /// <summary>The state of an image's vulnerability scan.</summary>
    public sealed class EcrImageScanStatus
    {
        public string? Status { get; set; }

        public string? Description { get; set; }

        public override string ToString() => Status ?? string.Empty;
    }

    /// <summary>Counts of scan findings by severity.</summary>
    public sealed class EcrImageScanFindingsSummary
    {
        public DateTime? ImageScanCompletedAt { get; set; }

        public DateTime? VulnerabilitySourceUpdatedAt { get; set; }

        /// <summary>Findings by severity (CRITICAL, HIGH, ...); the keys match in any case, as a hashtable's do (<c>.High</c>).</summary>
        public IReadOnlyDictionary<string, int> FindingSeverityCounts { get; set; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        public override string ToString() =>
            string.Join(", ", System.Linq.Enumerable.Select(FindingSeverityCounts, pair => $"{pair.Key}={pair.Value}"));
    }
}
