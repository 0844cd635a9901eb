using System;
using System.Collections.Generic;

namespace EcrTools.Client.Model
{
    /// <summary>Scan findings counted by <see cref="FindingSeverity"/>. Timestamps are UTC.</summary>
    public sealed class ImageScanFindingsSummary
    {
        public Dictionary<string, int>? FindingSeverityCounts { get; set; }

        public DateTime? ImageScanCompletedAt { get; set; }

        public DateTime? VulnerabilitySourceUpdatedAt { get; set; }
    }
}
