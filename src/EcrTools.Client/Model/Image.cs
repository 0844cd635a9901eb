namespace EcrTools.Client.Model
{
    /// <summary>An image with its manifest, exactly as the registry stores it.</summary>
    public sealed class Image
    {
        public ImageIdentifier? ImageId { get; set; }

        public string? ImageManifest { get; set; }

        public string? ImageManifestMediaType { get; set; }

        public string? RegistryId { get; set; }

        public string? RepositoryName { get; set; }
    }
}
