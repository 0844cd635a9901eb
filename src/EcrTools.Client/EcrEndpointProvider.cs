using System;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using EcrTools.Client.SdkInternal;

namespace EcrTools.Client
{
    /// <summary>
    /// ECR's endpoint rule set: a custom endpoint as given (never with FIPS or dual-stack), otherwise
    /// <c>api.ecr[-fips].{region}.{dnsSuffix}</c>, or <c>ecr[-fips].{region}.{dualStackDnsSuffix}</c> for dual-stack,
    /// with the suffixes of the region's partition.
    /// </summary>
    public sealed class EcrEndpointProvider : IEndpointProvider
    {
        /// <exception cref="AmazonClientException">The parameters name no endpoint (for example, no region).</exception>
        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            if (parameters is null)
            {
                throw new ArgumentNullException(nameof(parameters));
            }

            bool useFips = parameters["UseFIPS"] is true;
            bool useDualStack = parameters["UseDualStack"] is true;
            if (parameters["Endpoint"] is string endpoint)
            {
                if (useFips)
                {
                    throw new AmazonClientException("Invalid Configuration: FIPS and custom endpoint are not supported");
                }

                if (useDualStack)
                {
                    throw new AmazonClientException("Invalid Configuration: Dualstack and custom endpoint are not supported");
                }

                return new Endpoint(endpoint);
            }

            if (!(parameters["Region"] is string region))
            {
                throw new AmazonClientException("Invalid Configuration: Missing Region");
            }

            AwsPartition partition = AwsPartition.ForRegion(region);
            if (useFips && useDualStack)
            {
                if (!partition.SupportsFips || !partition.SupportsDualStack)
                {
                    throw new AmazonClientException("FIPS and DualStack are enabled, but this partition does not support one or both");
                }

                return new Endpoint($"https://ecr-fips.{region}.{partition.DualStackDnsSuffix}");
            }

            if (useFips)
            {
                if (!partition.SupportsFips)
                {
                    throw new AmazonClientException("FIPS is enabled but this partition does not support FIPS");
                }

                return new Endpoint($"https://api.ecr-fips.{region}.{partition.DnsSuffix}");
            }

            if (useDualStack)
            {
                if (!partition.SupportsDualStack)
                {
                    throw new AmazonClientException("DualStack is enabled but this partition does not support DualStack");
                }

                return new Endpoint($"https://ecr.{region}.{partition.DualStackDnsSuffix}");
            }

            return new Endpoint($"https://api.ecr.{region}.{partition.DnsSuffix}");
        }
    }
}
