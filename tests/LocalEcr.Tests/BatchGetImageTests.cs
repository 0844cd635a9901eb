using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

public sealed class BatchGetImageTests : IAsyncLifetime
{
    // Pretty-printed on purpose: the stored bytes, whitespace and all, must come back unchanged.
    private static readonly string Pretty = "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\",\n" +
                                            "   \"config\": {\"mediaType\": \"application/vnd.docker.container.image.v1+json\", \"size\": 7, \"digest\": \"" +
                                            Seeds.Blob("pretty") + "\"},\n   \"layers\": []\n}\n";
    private static readonly string Other = Seeds.Manifest("other");
    private LocalEcrHarness _ecr = null!;

    public async Task InitializeAsync() => _ecr = await LocalEcrHarness.StartAsync(Seeds.Repository(new SeedRepository
    {
        Name = "app",
        Images =
        [
            new SeedImage { Manifest = Pretty, Tags = ["v1", "latest"] },
            new SeedImage { Manifest = Other, Tags = ["v2"] },
            new SeedImage { Manifest = Seeds.Manifest("archived"), Tags = ["old"], ImageStatus = "ARCHIVED" },
        ],
    }));

    public async Task DisposeAsync() => await _ecr.DisposeAsync();

    [Fact]
    public async Task Found_images_come_back_with_the_exact_manifest_and_its_media_type()
    {
        var result = await _ecr.Client.SucceedAsync("BatchGetImage", new
        {
            repositoryName = "app",
            imageIds = new[] { new { imageTag = "v1" } },
            acceptedMediaTypes = new[] { Seeds.DockerManifest, Seeds.OciManifest },
        });

        Assert.Empty(result["failures"].EnumerateArray());
        var image = Assert.Single(result["images"].EnumerateArray());
        Assert.Equal(Pretty, image.GetProperty("imageManifest").GetString());
        Assert.Equal(Seeds.DockerManifest, image.GetProperty("imageManifestMediaType").GetString());
        Assert.Equal(Seeds.Digest(Pretty), image.GetProperty("imageId").GetProperty("imageDigest").GetString());
        Assert.Equal("v1", image.GetProperty("imageId").GetProperty("imageTag").GetString());
        Assert.Empty(result["failures"].EnumerateArray());
    }

    [Fact]
    public async Task An_archived_image_cannot_be_pulled()
    {
        var result = await _ecr.Client.SucceedAsync("BatchGetImage", new { repositoryName = "app", imageIds = new[] { new { imageTag = "old" }, new { imageTag = "v2" } } });

        Assert.Equal("v2", Assert.Single(result["images"].EnumerateArray()).GetProperty("imageId").GetProperty("imageTag").GetString());
        var failure = Assert.Single(result["failures"].EnumerateArray());
        Assert.Equal("ImageInaccessible", failure.GetProperty("failureCode").GetString());
        Assert.Equal("old", failure.GetProperty("imageId").GetProperty("imageTag").GetString());
        Assert.Contains("archived", failure.GetProperty("failureReason").GetString());
    }

    [Fact]
    public async Task Each_id_that_cannot_be_served_gets_a_failure()
    {
        var result = await _ecr.Client.SucceedAsync("BatchGetImage", new
        {
            repositoryName = "app",
            imageIds = new object[]
            {
                new { imageTag = "v2" },
                new { imageTag = "nope" },
                new { },
                new { imageDigest = "sha256:123" },
                new { imageTag = "bad tag!" },
                new { imageTag = "v1", imageDigest = Seeds.Digest(Other) },
            },
        });

        Assert.Single(result["images"].EnumerateArray());
        var failures = result["failures"].EnumerateArray()
            .Select(f => (f.GetProperty("failureCode").GetString(), f.GetProperty("failureReason").GetString()))
            .ToList();
        Assert.Equal(["ImageNotFound", "MissingDigestAndTag", "InvalidImageDigest", "InvalidImageTag", "ImageTagDoesNotMatchDigest"],
            failures.Select(f => f.Item1));
        Assert.Equal("Requested image not found", failures[0].Item2);
        Assert.Equal("nope", result["failures"][0].GetProperty("imageId").GetProperty("imageTag").GetString());
    }

    [Fact]
    public async Task A_manifest_of_a_type_not_accepted_is_not_converted_but_not_found()
    {
        var result = await _ecr.Client.SucceedAsync("BatchGetImage", new
        {
            repositoryName = "app",
            imageIds = new[] { new { imageTag = "v1" } },
            acceptedMediaTypes = new[] { Seeds.OciManifest },
        });

        Assert.Empty(result["images"].EnumerateArray());
        var failure = Assert.Single(result["failures"].EnumerateArray());
        Assert.Equal("ImageNotFound", failure.GetProperty("failureCode").GetString());
        Assert.Contains("accepted media type", failure.GetProperty("failureReason").GetString());
    }

    [Fact]
    public async Task An_image_is_returned_once_per_distinct_reference_with_the_id_it_was_asked_by()
    {
        var result = await _ecr.Client.SucceedAsync("BatchGetImage", new
        {
            repositoryName = "app",
            imageIds = new object[] { new { imageTag = "v1" }, new { imageTag = "v1" }, new { imageTag = "latest" }, new { imageDigest = Seeds.Digest(Pretty) } },
        });

        var images = result["images"].EnumerateArray().ToList();
        Assert.Equal(new string?[] { "v1", "latest", null }, images.Select(image => image.GetProperty("imageId").TryGetProperty("imageTag", out var tag) ? tag.GetString() : null));
        Assert.All(images, image => Assert.Equal(Seeds.Digest(Pretty), image.GetProperty("imageId").GetProperty("imageDigest").GetString()));
        Assert.Empty(result["failures"].EnumerateArray());
    }

    [Theory]
    [InlineData(0, "imageIds", "greater than or equal to 1")]
    [InlineData(101, "imageIds", "less than or equal to 100")]
    public async Task Image_ids_must_number_1_to_100(int count, string member, string constraint)
    {
        var ids = Enumerable.Range(0, count).Select(i => new { imageTag = $"t{i}" }).ToArray();

        var result = await _ecr.Client.CallAsync("BatchGetImage", new { repositoryName = "app", imageIds = ids });

        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.Equal($"Invalid parameter at '{member}' failed to satisfy constraint: 'must have length {constraint}'", result.Message);
    }

    [Fact]
    public async Task Accepted_media_types_must_number_1_to_100()
    {
        var result = await _ecr.Client.CallAsync("BatchGetImage",
            new { repositoryName = "app", imageIds = new[] { new { imageTag = "v1" } }, acceptedMediaTypes = new string[0] });

        Assert.Equal("Invalid parameter at 'acceptedMediaTypes' failed to satisfy constraint: " +
                     "'must have length greater than or equal to 1'", result.Message);
    }
}
