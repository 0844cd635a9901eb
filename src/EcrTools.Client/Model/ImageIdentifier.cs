namespace EcrTools.Client.Model
{
    /// <summary>An image by digest, by tag, or both.</summary>
    public sealed class ImageIdentifier
    {
        public string? ImageDigest { get; set; }

        public string? ImageTag { get; set; }
    }
}
