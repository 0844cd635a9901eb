namespace EcrTools.Client.Model
{
    /// <summary>How a repository encrypts its images; <see cref="EncryptionType"/> is a <see cref="Model.EncryptionType"/> value.</summary>
    public sealed class EncryptionConfiguration
    {
        public string? EncryptionType { get; set; }

        public string? KmsKey { get; set; }
    }
}
