using Amazon.Runtime;

namespace EcrTools.Client.Model
{
    /// <summary>
    /// PutImage: stores a manifest, optionally under a tag. The manifest is sent exactly as given: its digest is
    /// the SHA-256 of those UTF-8 bytes, so pass a manifest from the registry through unchanged.
    /// </summary>
    public sealed class PutImageRequest : AmazonWebServiceRequest
    {
        public string? ImageDigest { get; set; }

        public string? ImageManifest { get; set; }

        public string? ImageManifestMediaType { get; set; }

        public string? ImageTag { get; set; }

        public string? RegistryId { get; set; }

        public string? RepositoryName { get; set; }
    }

    public sealed class PutImageResponse : AmazonWebServiceResponse
    {
        public Image? Image { get; set; }
    }
}
