namespace EcrTools.Client.Model
{
    /// <summary>Whether a repository scans images when they are pushed.</summary>
    public sealed class ImageScanningConfiguration
    {
        public bool? ScanOnPush { get; set; }
    }
}
