namespace EcrTools.Client.Model
{
    /// <summary>Which images DescribeImages returns; see <see cref="Model.TagStatus"/> and <see cref="ImageStatusFilter"/>.</summary>
    public sealed class DescribeImagesFilter
    {
        public string? ImageStatus { get; set; }

        public string? TagStatus { get; set; }
    }
}
