using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client;
using EcrTools.Client.Model;

namespace EcrTools.Tests.Listing
{
    /// <summary>
    /// A repository of images held in memory, answering DescribeImages by ids as the service does: one missing id
    /// fails the whole call. It counts the calls and can delay each one.
    /// </summary>
    internal sealed class InMemoryEcrClient : IEcrClient
    {
        private readonly List<ImageDetail> _images;
        private int _calls;

        public InMemoryEcrClient(int count)
        {
            _images = Enumerable.Range(1, count)
                .Select(i => new ImageDetail { ImageDigest = $"sha256:{i:x64}", ImageTags = new List<string> { $"v{i}", $"alias{i}" }, RepositoryName = "app" })
                .ToList();
        }

        public int Calls => _calls;

        public TimeSpan Delay { get; set; }

        /// <summary>Answer ImageNotFoundException without naming the id, as another implementation might.</summary>
        public bool AnonymousNotFound { get; set; }

        /// <summary>Answer with the images found and no error for the missing ids, as a lenient endpoint might.</summary>
        public bool OmitsMissing { get; set; }

        public ImageIdentifier Tag(int i) => new ImageIdentifier { ImageTag = $"v{i}" };

        public ImageIdentifier Digest(int i) => new ImageIdentifier { ImageDigest = $"sha256:{i:x64}" };

        public async Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken).ConfigureAwait(false);
            }

            var found = new List<ImageDetail>();
            foreach (ImageIdentifier id in request.ImageIds!)
            {
                ImageDetail? image = _images.FirstOrDefault(candidate => candidate.ImageDigest == id.ImageDigest || (id.ImageTag is not null && candidate.ImageTags!.Contains(id.ImageTag)));
                if (image is null && OmitsMissing)
                {
                    continue;
                }

                if (image is null)
                {
                    throw new ImageNotFoundException(AnonymousNotFound
                        ? "An image does not exist."
                        : $"The image with imageId {{imageDigest:'{id.ImageDigest}', imageTag:'{id.ImageTag}'}} does not exist");
                }

                if (!found.Contains(image))
                {
                    found.Add(image);
                }
            }

            // The service does not promise the request's order.
            found.Reverse();
            return new DescribeImagesResponse { ImageDetails = found };
        }

        public Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
