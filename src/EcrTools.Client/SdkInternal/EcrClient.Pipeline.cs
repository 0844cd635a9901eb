using Amazon.Runtime.Internal;
using EcrTools.Client.SdkInternal;

namespace EcrTools.Client
{
    // The half of EcrClient that plugs into AWSSDK.Core's pipeline the way generated clients do.
    public sealed partial class EcrClient
    {
        private static readonly IServiceMetadata Metadata = new EcrServiceMetadata();

        protected override IServiceMetadata ServiceMetadata => Metadata;

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            // Core's own EndpointResolver knows no ECR rules, and without an auth-scheme handler the signer has no
            // identity to sign with; both run between marshalling and signing.
            pipeline.RemoveHandler<EndpointResolver>();
            pipeline.AddHandlerAfter<Marshaller>(new EcrEndpointResolver());
            pipeline.AddHandlerAfter<Marshaller>(new EcrAuthSchemeHandler());
        }
    }
}
