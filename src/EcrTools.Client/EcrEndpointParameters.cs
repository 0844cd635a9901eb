using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace EcrTools.Client
{
    /// <summary>The inputs of ECR's endpoint rule set, by the names the rule set gives them.</summary>
    public sealed class EcrEndpointParameters : EndpointParameters
    {
        public EcrEndpointParameters()
        {
            UseFIPS = false;
            UseDualStack = false;
        }

        public string? Region
        {
            get => (string?)this["Region"];
            set => this["Region"] = value;
        }

        public bool UseFIPS
        {
            get => (bool)this["UseFIPS"];
            set => this["UseFIPS"] = value;
        }

        public bool UseDualStack
        {
            get => (bool)this["UseDualStack"];
            set => this["UseDualStack"] = value;
        }

        /// <summary>A custom endpoint URL; it is used as given.</summary>
        public string? Endpoint
        {
            get => (string?)this["Endpoint"];
            set => this["Endpoint"] = value;
        }

        internal static EcrEndpointParameters FromConfig(IClientConfig config, RegionEndpoint? alternateRegion) => new EcrEndpointParameters
        {
            // Setting ServiceURL clears RegionEndpoint, so with a custom endpoint the region may be in AuthenticationRegion.
            Region = alternateRegion?.SystemName ?? config.RegionEndpoint?.SystemName ?? NullIfEmpty(config.AuthenticationRegion),
            UseFIPS = config.UseFIPSEndpoint,
            UseDualStack = config.UseDualstackEndpoint,
            Endpoint = NullIfEmpty(config.ServiceURL),
        };

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
