namespace EcrTools.Client.Model
{
    /// <summary>Which images ListImages returns; see <see cref="Model.TagStatus"/> and <see cref="ImageStatusFilter"/>.</summary>
    public sealed class ListImagesFilter
    {
        public string? ImageStatus { get; set; }

        public string? TagStatus { get; set; }
    }
}
