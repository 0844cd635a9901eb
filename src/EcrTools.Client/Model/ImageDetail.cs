using System;
using System.Collections.Generic;

namespace EcrTools.Client.Model
{
    /// <summary>One image as DescribeImages reports it, with all of its tags. Timestamps are UTC.</summary>
    public sealed class ImageDetail
    {
        public string? ArtifactMediaType { get; set; }

        public string? ImageDigest { get; set; }

        public string? ImageManifestMediaType { get; set; }

        public DateTime? ImagePushedAt { get; set; }

        public ImageScanFindingsSummary? ImageScanFindingsSummary { get; set; }

        public ImageScanStatus? ImageScanStatus { get; set; }

        public long? ImageSizeInBytes { get; set; }

        public string? ImageStatus { get; set; }

        public List<string>? ImageTags { get; set; }

        public DateTime? LastActivatedAt { get; set; }

        public DateTime? LastArchivedAt { get; set; }

        public DateTime? LastRecordedPullTime { get; set; }

        public string? RegistryId { get; set; }

        public string? RepositoryName { get; set; }

        public string? SubjectManifestDigest { get; set; }
    }
}
