namespace EcrTools.Client.Model
{
    /// <summary>The state of an image's scan; <see cref="Status"/> is a <see cref="ScanStatus"/> value.</summary>
    public sealed class ImageScanStatus
    {
        public string? Description { get; set; }

        public string? Status { get; set; }
    }
}
