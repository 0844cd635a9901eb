namespace LocalEcr.Store;

internal enum TagStatusFilter
{
    Tagged,
    Untagged,
    Any,
}

/// <summary>The image statuses a listing shows; the first three mirror <see cref="ImageStatus"/> value for value.</summary>
internal enum ImageStatusFilter
{
    Active,
    Archived,
    Activating,
    Any,
}

/// <summary>The <c>filter</c> member of ListImages and DescribeImages. By default only ACTIVE images.</summary>
internal readonly record struct ImageFilter(TagStatusFilter TagStatus, ImageStatusFilter ImageStatus)
{
    public const int Combinations = 3 * 4;

    public static ImageFilter Default => new(TagStatusFilter.Any, ImageStatusFilter.Active);

    /// <summary>A dense number per combination, for per-filter caches.</summary>
    public int Slot => ((int)TagStatus * 4) + (int)ImageStatus;

    public bool Matches(StoredImage image, int tagCount) =>
        (ImageStatus == ImageStatusFilter.Any || (int)ImageStatus == (int)image.Status) &&
        TagStatus switch
        {
            TagStatusFilter.Tagged => tagCount > 0,
            TagStatusFilter.Untagged => tagCount == 0,
            _ => true,
        };
}
