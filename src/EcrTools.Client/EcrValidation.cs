using System;
using System.Text.RegularExpressions;

namespace EcrTools.Client
{
    /// <summary>
    /// The API's constraints on names and ids, checked before a request is sent. Each check returns null when the
    /// value is valid, else a message that says what is wrong and what is allowed.
    /// </summary>
    public static class EcrValidation
    {
        public const int MaxManifestLength = 4 * 1024 * 1024;

        // The repositoryName pattern of the service model, anchored: it must match the whole name.
        private static readonly Regex RepositoryNamePattern = new Regex(
            @"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*\z", RegexOptions.CultureInvariant);

        private static readonly Regex RegistryIdPattern = new Regex("^[0-9]{12}\\z", RegexOptions.CultureInvariant);

        // The last repository name found valid: a pipeline of image ids names the same repository thousands of times.
        private static string? _lastValidRepositoryName;

        public static string? RepositoryName(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return "A repository name is required.";
            }

            if (value!.Length < 2 || value.Length > 256)
            {
                return $"The repository name '{value}' has {value.Length} characters; it must have 2 to 256.";
            }

            if (value == _lastValidRepositoryName)
            {
                return null;
            }

            if (RepositoryNamePattern.IsMatch(value))
            {
                _lastValidRepositoryName = value;
                return null;
            }

            return $"The repository name '{value}' is not valid. Use lowercase letters, digits and separators (. _ __ -), with / between path components, for example 'team/web-app'.";
        }

        public static string? RegistryId(string? value) =>
            value is not null && RegistryIdPattern.IsMatch(value)
                ? null
                : $"The registry id '{value}' is not valid. A registry id is the 12-digit AWS account id, for example '123456789012'.";

        public static string? ImageTag(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return "An image tag must not be empty.";
            }

            return value!.Length <= 300 ? null : $"The image tag '{value.Substring(0, 20)}…' has {value.Length} characters; a tag has 1 to 300.";
        }

        public static string? ImageDigest(string? value) =>
            IsDigest(value)
                ? null
                : $"The image digest '{value}' is not valid. A digest is 'sha256:' followed by 64 lowercase hexadecimal digits.";

        /// <summary>
        /// The registered OCI digest algorithms: sha256 (64 lowercase hex digits), which ECR uses, and sha512 (128).
        /// Nothing may follow the digits, not even a newline.
        /// </summary>
        private static bool IsDigest(string? value)
        {
            if (value is null)
            {
                return false;
            }

            int digits = value.StartsWith("sha256:", StringComparison.Ordinal) ? 64 : value.StartsWith("sha512:", StringComparison.Ordinal) ? 128 : 0;
            if (digits == 0 || value.Length != 7 + digits)
            {
                return false;
            }

            for (int i = 7; i < value.Length; i++)
            {
                char c = value[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
