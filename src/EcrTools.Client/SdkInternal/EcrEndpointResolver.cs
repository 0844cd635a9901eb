using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace EcrTools.Client.SdkInternal
{
    /// <summary>Resolves each request's endpoint with the client's <see cref="EcrEndpointProvider"/>.</summary>
    internal sealed class EcrEndpointResolver : BaseEndpointResolver
    {
        protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext) =>
            EcrEndpointParameters.FromConfig(requestContext.ClientConfig, requestContext.Request.AlternateEndpoint);

        protected override void ServiceSpecificHandler(IExecutionContext executionContext, EndpointParameters parameters)
        {
            // With an endpoint URL, Core signs for the region it reads from the URL (the fallback region, usually
            // us-east-1, for a loopback address) unless AuthenticationRegion is set. When a RegionEndpoint is
            // configured as well (an endpoint URL from AWS_ENDPOINT_URL_ECR or a profile), sign for that region.
            IRequest request = executionContext.RequestContext.Request;
            IClientConfig config = executionContext.RequestContext.ClientConfig;
            if (!string.IsNullOrEmpty(config.ServiceURL) && string.IsNullOrEmpty(request.AuthenticationRegion) && config.RegionEndpoint != null)
            {
                request.AuthenticationRegion = config.RegionEndpoint.SystemName;
            }
        }
    }
}
