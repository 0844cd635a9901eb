using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client;
using EcrTools.Client.Model;
using EcrTools.Client.Publishing;
using Xunit;

namespace EcrTools.Tests.Publishing
{
    public class ImagePublisherTests
    {
        private const string Oci = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}";

        [Theory]
        [InlineData("prod", false, true)]
        [InlineData("prod", true, true)]
        [InlineData(null, false, true)]
        [InlineData(null, true, false)]
        public async Task AnImageTheRepositoryHoldsPublishedAgainWithoutATagIsNoChange(string? tag, bool imageInRepository, bool changed)
        {
            var manifest = ImageManifest.Parse(Oci, null);
            var client = new ScriptedEcrClient { PutImage = request => new PutImageResponse { Image = new Image { ImageId = new ImageIdentifier { ImageDigest = manifest.Digest, ImageTag = request.ImageTag } } } };

            PublishOutcome outcome = await ImagePublisher.PutAsync(client, "release", null, manifest, tag, null, imageInRepository);

            Assert.Equal(changed, outcome.Changed);
            Assert.Equal(new[] { "PutImage" }, client.Operations);
        }

        [Fact]
        public async Task ATagThatAlreadyNamesTheImageIsNoChange()
        {
            var manifest = ImageManifest.Parse(Oci, null);
            var client = new ScriptedEcrClient { PutImage = _ => throw new ImageAlreadyExistsException("already exists") };

            PublishOutcome outcome = await ImagePublisher.PutAsync(client, "release", null, manifest, "prod", null, imageInRepository: true);

            Assert.False(outcome.Changed);
        }

        /// <summary>An IEcrClient that answers with the functions given and records which operations were called.</summary>
        private sealed class ScriptedEcrClient : IEcrClient
        {
            public List<string> Operations { get; } = new List<string>();

            public Func<PutImageRequest, PutImageResponse>? PutImage { get; set; }

            public Func<DescribeImagesRequest, DescribeImagesResponse>? DescribeImages { get; set; }

            public Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken = default) =>
                Answer<ListImagesRequest, ListImagesResponse>("ListImages", request, null);

            public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
                Answer("DescribeImages", request, DescribeImages);

            public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken = default) =>
                Answer("PutImage", request, PutImage);

            public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken = default) =>
                Answer<BatchGetImageRequest, BatchGetImageResponse>("BatchGetImage", request, null);

            public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken = default) =>
                Answer<DescribeRepositoriesRequest, DescribeRepositoriesResponse>("DescribeRepositories", request, null);

            public void Dispose()
            {
            }

            private Task<TResponse> Answer<TRequest, TResponse>(string operation, TRequest request, Func<TRequest, TResponse>? answer)
            {
                Operations.Add(operation);
                if (answer is null)
                {
                    return Task.FromException<TResponse>(new InvalidOperationException($"The test did not expect {operation}."));
                }

                try
                {
                    return Task.FromResult(answer(request));
                }
                catch (Exception exception)
                {
                    return Task.FromException<TResponse>(exception);
                }
            }
        }
    }
}
