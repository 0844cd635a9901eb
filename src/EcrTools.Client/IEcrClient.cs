using System;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client.Model;

namespace EcrTools.Client
{
    /// <summary>The ECR operations EcrTools uses. <see cref="EcrClient"/> calls the service; tests can fake it.</summary>
    public interface IEcrClient : IDisposable
    {
        Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken = default);

        Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default);

        Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken = default);

        Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken = default);

        Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken = default);
    }
}
