using System;
using Amazon.Runtime;

namespace EcrTools.Client.Connection
{
    /// <summary>
    /// Everything that decides which client serves a request: credentials, region, endpoint, profile and retry
    /// settings. Settings that compare equal share one client (see <see cref="EcrClientPool"/>); the credentials
    /// compare by <see cref="CredentialsKey"/>, which identifies them without holding any secret.
    /// </summary>
    public sealed class EcrConnectionSettings : IEquatable<EcrConnectionSettings>
    {
        public EcrConnectionSettings(string region, string? endpointUrl = null, AWSCredentials? credentials = null, string credentialsKey = "default")
        {
            if (string.IsNullOrWhiteSpace(region))
            {
                throw new ArgumentException("A region is required.", nameof(region));
            }

            Region = region;
            EndpointUrl = string.IsNullOrWhiteSpace(endpointUrl) ? null : endpointUrl;
            Credentials = credentials;
            CredentialsKey = credentialsKey;
        }

        public string Region { get; }

        /// <summary>The endpoint from -EndpointUrl, the environment or the profile; null for the region's ECR endpoint.</summary>
        public string? EndpointUrl { get; }

        /// <summary>Null: the SDK's default chain.</summary>
        public AWSCredentials? Credentials { get; }

        /// <summary>Identifies the credentials (source, key id and a hash of the secret), never the secret itself.</summary>
        public string CredentialsKey { get; }

        /// <summary>The profile the settings came from, if any.</summary>
        public string? ProfileName { get; set; }

        public string? ProfileLocation { get; set; }

        /// <summary>Total attempts per request (1 = no retry); null for the SDK's default.</summary>
        public int? MaxAttempts { get; set; }

        /// <summary>standard or adaptive; null for the SDK's default.</summary>
        public RequestRetryMode? RetryMode { get; set; }

        public bool? UseFips { get; set; }

        public bool? UseDualStack { get; set; }

        /// <summary>How long one request may take; null for the SDK's default (100 seconds).</summary>
        public TimeSpan? Timeout { get; set; }

        public bool Equals(EcrConnectionSettings? other) =>
            other is not null
            && Region == other.Region
            && EndpointUrl == other.EndpointUrl
            && CredentialsKey == other.CredentialsKey
            && ProfileName == other.ProfileName
            && ProfileLocation == other.ProfileLocation
            && MaxAttempts == other.MaxAttempts
            && RetryMode == other.RetryMode
            && UseFips == other.UseFips
            && UseDualStack == other.UseDualStack
            && Timeout == other.Timeout;

        public override bool Equals(object? obj) => Equals(obj as EcrConnectionSettings);

        public override int GetHashCode()
        {
            unchecked
            {
                int hash = StringComparer.Ordinal.GetHashCode(Region);
                hash = (hash * 397) ^ (EndpointUrl?.GetHashCode() ?? 0);
                hash = (hash * 397) ^ CredentialsKey.GetHashCode();
                hash = (hash * 397) ^ (ProfileName?.GetHashCode() ?? 0);
                hash = (hash * 397) ^ (MaxAttempts ?? 0);
                return hash;
            }
        }

        public override string ToString() => EndpointUrl is null ? Region : $"{Region} via {EndpointUrl}";
    }
}
