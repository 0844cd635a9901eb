using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using EcrTools.Client.SdkInternal;

namespace EcrTools.Client
{
    /// <summary>
    /// Settings for <see cref="EcrClient"/>: region, endpoint, retries, timeouts and the rest of
    /// <see cref="ClientConfig"/>. Endpoints come from <see cref="EcrEndpointProvider"/>; AWS_ENDPOINT_URL_ECR and a
    /// profile's <c>[services]</c> ecr endpoint_url apply because <see cref="ClientConfig.ServiceId"/> is "ECR".
    /// </summary>
    /// <remarks>
    /// ClientConfig makes <see cref="ClientConfig.ServiceURL"/> and <see cref="ClientConfig.RegionEndpoint"/> exclusive:
    /// setting one clears the other. To call a custom endpoint while signing for a region, set ServiceURL and
    /// <see cref="ClientConfig.AuthenticationRegion"/>. When both a RegionEndpoint and an endpoint URL from the
    /// environment or profile apply, requests are signed for the RegionEndpoint.
    /// The number of attempts is <see cref="ClientConfig.MaxErrorRetry"/> + 1 (AWS_MAX_ATTEMPTS or max_attempts
    /// set it too); set it before creating the client.
    /// </remarks>
    public sealed class EcrClientConfig : ClientConfig
    {
        public EcrClientConfig()
            : base(EcrDefaultConfigurations.CreateProvider())
        {
            ServiceId = "ECR";
            AuthenticationServiceName = "ecr";
            EndpointProvider = new EcrEndpointProvider();
        }

        public override string RegionEndpointServiceName => "api.ecr";

        public override string ServiceVersion => "2015-09-21";

        public override string UserAgent => EcrUserAgent.Value;

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
            EndpointProvider.ResolveEndpoint(EcrEndpointParameters.FromConfig(this, parameters.AlternateEndpoint));
    }
}
