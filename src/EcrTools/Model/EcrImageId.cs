namespace EcrTools
{
    /// <summary>One image id as ListImages reports it: an image with three tags is three ids with one digest.</summary>
    public sealed class EcrImageId
    {
        public string? RegistryId { get; set; }

        public string RepositoryName { get; set; } = string.Empty;

        public string? ImageDigest { get; set; }

        public string? ImageTag { get; set; }

        public override string ToString() =>
            ImageTag is null ? $"{RepositoryName}@{ImageDigest}" : $"{RepositoryName}:{ImageTag}";
    }
}
