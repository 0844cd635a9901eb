namespace EcrTools
{
    /// <summary>Which images by tags: the -TagStatus shortcut of the filter.</summary>
    public enum EcrTagStatus
    {
        Tagged,
        Untagged,
        Any,
    }

    /// <summary>Which images by lifecycle state: the -ImageStatus shortcut of the filter.</summary>
    public enum EcrImageStatus
    {
        Active,
        Archived,
        Activating,
        Any,
    }
}
