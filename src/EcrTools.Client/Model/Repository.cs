using System;
using System.Collections.Generic;

namespace EcrTools.Client.Model
{
    /// <summary>A repository as DescribeRepositories reports it. <see cref="CreatedAt"/> is UTC.</summary>
    public sealed class Repository
    {
        public DateTime? CreatedAt { get; set; }

        public EncryptionConfiguration? EncryptionConfiguration { get; set; }

        public ImageScanningConfiguration? ImageScanningConfiguration { get; set; }

        public string? ImageTagMutability { get; set; }

        public List<ImageTagMutabilityExclusionFilter>? ImageTagMutabilityExclusionFilters { get; set; }

        public string? RegistryId { get; set; }

        public string? RepositoryArn { get; set; }

        public string? RepositoryName { get; set; }

        public string? RepositoryUri { get; set; }
    }
}
