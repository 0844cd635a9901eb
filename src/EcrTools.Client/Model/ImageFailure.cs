namespace EcrTools.Client.Model
{
    /// <summary>One image a batch call could not return; <see cref="FailureCode"/> is an <see cref="ImageFailureCode"/> value.</summary>
    public sealed class ImageFailure
    {
        public string? FailureCode { get; set; }

        public string? FailureReason { get; set; }

        public ImageIdentifier? ImageId { get; set; }
    }
}
