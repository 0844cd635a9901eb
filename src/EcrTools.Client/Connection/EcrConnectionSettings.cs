using System;

namespace EcrTools.Client.Connection
{
    /// <summary>
    /// Where and how to reach ECR: the region, an optional endpoint override and the credentials.
    /// Settings that compare equal share one client (see <see cref="EcrClientPool"/>).
    /// </summary>
    public sealed class EcrConnectionSettings : IEquatable<EcrConnectionSettings>
    {
        public EcrConnectionSettings(string region, string? endpointUrl = null)
        {
            if (string.IsNullOrWhiteSpace(region))
            {
                throw new ArgumentException("A region is required.", nameof(region));
            }

            Region = region;
            EndpointUrl = string.IsNullOrWhiteSpace(endpointUrl) ? null : endpointUrl;
        }

        public string Region { get; }

        public string? EndpointUrl { get; }

        public bool Equals(EcrConnectionSettings? other) =>
            other is not null
            && string.Equals(Region, other.Region, StringComparison.Ordinal)
            && string.Equals(EndpointUrl, other.EndpointUrl, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as EcrConnectionSettings);

        public override int GetHashCode()
        {
            unchecked
            {
                return (StringComparer.Ordinal.GetHashCode(Region) * 397) ^ (EndpointUrl is null ? 0 : StringComparer.Ordinal.GetHashCode(EndpointUrl));
            }
        }

        public override string ToString() => EndpointUrl is null ? Region : $"{Region} via {EndpointUrl}";
    }
}
