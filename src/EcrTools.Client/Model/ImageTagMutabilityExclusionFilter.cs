namespace EcrTools.Client.Model
{
    /// <summary>Tags exempt from a repository's tag mutability setting.</summary>
    public sealed class ImageTagMutabilityExclusionFilter
    {
        public string? Filter { get; set; }

        public string? FilterType { get; set; }
    }
}
