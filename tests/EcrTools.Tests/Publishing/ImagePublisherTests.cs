using System;
using System.Collections.Generic;
using System.Linq;
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
            Assert.Equal(manifest.Digest, outcome.ImageDigest);
        }

        [Fact]
        public async Task ATagThatAlreadyNamesTheImageReportsTheDigestTheCallerNamed()
        {
            // A registry that re-serialises manifests returns bytes whose SHA-256 is not the image's digest.
            var manifest = ImageManifest.Parse(Oci, null);
            string registryDigest = "sha256:" + new string('c', 64);
            var client = new ScriptedEcrClient { PutImage = _ => throw new ImageAlreadyExistsException("already exists") };

            PublishOutcome outcome = await ImagePublisher.PutAsync(client, "release", null, manifest, "prod", registryDigest, imageInRepository: true);

            Assert.False(outcome.Changed);
            Assert.Equal(registryDigest, outcome.ImageDigest);
        }

        [Fact]
        public async Task DescribesSourcesWithoutPullingThem()
        {
            string Digest(char c) => "sha256:" + new string(c, 64);
            var details = new Dictionary<string, ImageDetail>
            {
                [Digest('a')] = new ImageDetail { ImageDigest = Digest('a'), ImageManifestMediaType = ImageManifest.OciManifest, ImageStatus = ImageStatus.Active },
                [Digest('b')] = new ImageDetail { ImageDigest = Digest('b'), ImageManifestMediaType = ImageManifest.DockerManifestV2 },
                [Digest('c')] = new ImageDetail { ImageDigest = Digest('c'), ImageStatus = ImageStatus.Archived },
            };
            var client = new ScriptedEcrClient
            {
                DescribeImages = request =>
                {
                    foreach (ImageIdentifier id in request.ImageIds!)
                    {
                        if (!details.ContainsKey(id.ImageDigest!))
                        {
                            throw new ImageNotFoundException($"The image with imageId {{imageDigest:'{id.ImageDigest}', imageTag:'null'}} does not exist within the repository with name 'release'");
                        }
                    }

                    return new DescribeImagesResponse { ImageDetails = request.ImageIds!.Select(id => details[id.ImageDigest!]).ToList() };
                },
            };
            var ids = new[] { 'a', 'd', 'b', 'c' }.Select(c => new ImageIdentifier { ImageDigest = Digest(c) }).ToList();

            IReadOnlyList<SourceImage> sources = await ImagePublisher.DescribeAsync(client, "release", null, ids);

            Assert.DoesNotContain("BatchGetImage", client.Operations);
            Assert.Equal(ids, sources.Select(source => source.Requested));
            Assert.Equal(Digest('a'), sources[0].Image!.ImageId!.ImageDigest);
            Assert.Equal(ImageManifest.OciManifest, sources[0].Image!.ImageManifestMediaType);
            Assert.Null(sources[0].Image!.ImageManifest);
            Assert.Equal(ImageFailureCode.ImageNotFound, sources[1].Failure!.FailureCode);
            Assert.Null(sources[1].Image);
            Assert.Equal(ImageManifest.DockerManifestV2, sources[2].Image!.ImageManifestMediaType);
            Assert.Equal(ImageFailureCode.ImageInaccessible, sources[3].Failure!.FailureCode);
            Assert.Contains("archived", sources[3].Failure!.FailureReason);
        }

        [Theory]
        [InlineData("ACTIVE", true)]
        [InlineData(null, true)]          // an endpoint that does not report a status
        [InlineData("ARCHIVED", false)]   // PutImage of its manifest is not "nothing changes"
        [InlineData("missing", false)]
        public async Task HoldsAnActiveImageByDigest(string? status, bool holds)
        {
            string digest = "sha256:" + new string('e', 64);
            var client = new ScriptedEcrClient
            {
                DescribeImages = request => status == "missing"
                    ? throw new ImageNotFoundException($"The image with imageId {{imageDigest:'{digest}', imageTag:'null'}} does not exist within the repository with name 'release'")
                    : new DescribeImagesResponse { ImageDetails = new List<ImageDetail> { new ImageDetail { ImageDigest = request.ImageIds![0].ImageDigest, ImageStatus = status } } },
            };

            Assert.Equal(holds, await ImagePublisher.HoldsAsync(client, "release", null, digest));
            Assert.Equal(new[] { "DescribeImages" }, client.Operations);
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
