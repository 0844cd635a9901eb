namespace EcrTools
{
    /// <summary>What Publish-EcrImage did for one tag (or for an untagged publish).</summary>
    public sealed class EcrPublishedImage
    {
        public string? RegistryId { get; set; }

        public string RepositoryName { get; set; } = string.Empty;

        /// <summary><c>sha256:</c> and the SHA-256 of the manifest bytes.</summary>
        public string ImageDigest { get; set; } = string.Empty;

        /// <summary>The tag published; null for an untagged publish.</summary>
        public string? ImageTag { get; set; }

        public string? ImageManifestMediaType { get; set; }

        /// <summary>
        /// False when nothing changed: the tag already named this image, or an image the repository holds was
        /// published again without a tag.
        /// </summary>
        public bool Changed { get; set; }

        /// <summary>The image the tag named before, when it named another one (the tag moved).</summary>
        public string? PreviousImageDigest { get; set; }

        public override string ToString() => ImageTag is null ? $"{RepositoryName}@{ImageDigest}" : $"{RepositoryName}:{ImageTag}";
    }
}
