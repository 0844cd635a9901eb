using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using EcrTools.Client.Model;
using EcrTools.Client.SdkInternal;

namespace EcrTools.Client
{
    /// <summary>
    /// Calls Amazon ECR through AWSSDK.Core's pipeline, which signs, resolves credentials, retries and parses errors.
    /// Create one per connection and share it: it is thread-safe and keeps its HTTP connections.
    /// The pipeline wiring is in SdkInternal/EcrClient.Pipeline.cs.
    /// </summary>
    public sealed partial class EcrClient : AmazonServiceClient, IEcrClient
    {
        public EcrClient(AWSCredentials credentials, EcrClientConfig config)
            : base(credentials, config)
        {
        }

        /// <summary>Uses the default credential chain (environment, profile, container and instance roles).</summary>
        public EcrClient(EcrClientConfig config)
            : base(config)
        {
        }

        public Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken = default) =>
            InvokeAsync<ListImagesResponse>(request, EcrOperations.ListImages, cancellationToken);

        public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
            InvokeAsync<DescribeImagesResponse>(request, EcrOperations.DescribeImages, cancellationToken);

        public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken = default) =>
            InvokeAsync<PutImageResponse>(request, EcrOperations.PutImage, cancellationToken);

        public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken = default) =>
            InvokeAsync<BatchGetImageResponse>(request, EcrOperations.BatchGetImage, cancellationToken);

        public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken = default) =>
            InvokeAsync<DescribeRepositoriesResponse>(request, EcrOperations.DescribeRepositories, cancellationToken);
    }
}
