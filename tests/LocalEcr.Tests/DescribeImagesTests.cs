using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

public sealed class DescribeImagesTests : IAsyncLifetime
{
    private static readonly string Child1 = Seeds.Manifest("child1", layers: 1, mediaType: Seeds.OciManifest, layerSize: 300);
    private static readonly string Child2 = Seeds.Manifest("child2", layers: 1, mediaType: Seeds.OciManifest, layerSize: 400);
    private static readonly string IndexManifest = Seeds.Index(Seeds.OciIndex, Child1, Child2);
    private static readonly string Signature = new JsonObject
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = Seeds.OciManifest,
        ["config"] = new JsonObject { ["mediaType"] = "application/vnd.cncf.notary.signature", ["size"] = 2, ["digest"] = Seeds.Blob("empty") },
        ["layers"] = new JsonArray(),
        ["subject"] = new JsonObject { ["mediaType"] = Seeds.OciIndex, ["size"] = 10, ["digest"] = Seeds.Digest(IndexManifest) },
    }.ToJsonString();

    private LocalEcrHarness _ecr = null!;

    public async Task InitializeAsync() => _ecr = await LocalEcrHarness.StartAsync(new SeedDocument
    {
        Repositories =
        [
            new SeedRepository
            {
                Name = "app",
                Images =
                [
                    new SeedImage
                    {
                        Manifest = Seeds.Manifest("web", layers: 2, layerSize: 1500),
                        Tags = ["v1", "latest"],
                        PushedAt = DateTimeOffset.Parse("2024-05-20T11:20:00.123Z"),
                        ScanStatus = new SeedScanStatus { Status = "COMPLETE", Description = "The scan was completed successfully." },
                        FindingSeverityCounts = new Dictionary<string, int> { ["HIGH"] = 1, ["LOW"] = 3 },
                        ImageScanCompletedAt = DateTimeOffset.Parse("2024-05-20T11:21:00Z"),
                        VulnerabilitySourceUpdatedAt = DateTimeOffset.Parse("2024-05-20T02:00:00Z"),
                    },
                    new SeedImage { Manifest = Seeds.Manifest("untagged") },
                    new SeedImage { Manifest = Child1 },
                    new SeedImage { Manifest = Child2 },
                    new SeedImage { Manifest = IndexManifest, Tags = ["multi"] },
                    new SeedImage { Manifest = Signature },
                    new SeedImage
                    {
                        Manifest = Seeds.Manifest("old"), Tags = ["v0"], ImageStatus = "ARCHIVED",
                        LastArchivedAt = DateTimeOffset.Parse("2024-09-01T00:00:00Z"),
                    },
                ],
            },
        ],
    });

    public async Task DisposeAsync() => await _ecr.DisposeAsync();

    [Fact]
    public async Task Each_image_appears_once_with_all_its_tags_and_every_member()
    {
        var details = (await _ecr.Client.SucceedAsync("DescribeImages", new { repositoryName = "app" }))["imageDetails"];

        Assert.Equal(6, details.GetArrayLength()); // the ARCHIVED image is left out by default
        var web = details[0];
        Assert.Equal("123456789012", web.GetProperty("registryId").GetString());
        Assert.Equal("app", web.GetProperty("repositoryName").GetString());
        Assert.Equal(Seeds.Digest(Seeds.Manifest("web", layers: 2, layerSize: 1500)), web.GetProperty("imageDigest").GetString());
        Assert.Equal(["v1", "latest"], web.GetProperty("imageTags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(3000, web.GetProperty("imageSizeInBytes").GetInt64());
        Assert.Equal("1716204000.123", web.GetProperty("imagePushedAt").GetRawText());
        Assert.Equal("COMPLETE", web.GetProperty("imageScanStatus").GetProperty("status").GetString());
        var summary = web.GetProperty("imageScanFindingsSummary");
        Assert.Equal(1716204060m, summary.GetProperty("imageScanCompletedAt").GetDecimal());
        Assert.Equal(1716170400m, summary.GetProperty("vulnerabilitySourceUpdatedAt").GetDecimal());
        Assert.Equal(1, summary.GetProperty("findingSeverityCounts").GetProperty("HIGH").GetInt32());
        Assert.Equal(Seeds.DockerManifest, web.GetProperty("imageManifestMediaType").GetString());
        Assert.Equal("application/vnd.docker.container.image.v1+json", web.GetProperty("artifactMediaType").GetString());
        Assert.Equal("ACTIVE", web.GetProperty("imageStatus").GetString());
        Assert.False(web.TryGetProperty("lastRecordedPullTime", out _));
        Assert.False(web.TryGetProperty("subjectManifestDigest", out _));

        var untagged = details[1];
        Assert.False(untagged.TryGetProperty("imageTags", out _));
        Assert.False(untagged.TryGetProperty("imageScanStatus", out _));
    }

    [Fact]
    public async Task An_index_is_sized_by_its_largest_image_and_an_artifact_names_its_subject()
    {
        var details = (await _ecr.Client.SucceedAsync("DescribeImages", new { repositoryName = "app" }))["imageDetails"];

        var index = details[4];
        Assert.Equal(Seeds.OciIndex, index.GetProperty("imageManifestMediaType").GetString());
        // "If the image is a manifest list, this will be the max size of all manifests in the list": child2's 400 bytes.
        Assert.Equal(400, index.GetProperty("imageSizeInBytes").GetInt64());
        var signature = details[5];
        Assert.Equal(Seeds.Digest(IndexManifest), signature.GetProperty("subjectManifestDigest").GetString());
        Assert.Equal("application/vnd.cncf.notary.signature", signature.GetProperty("artifactMediaType").GetString());
    }

    [Fact]
    public async Task Archived_images_are_described_on_request()
    {
        var details = (await _ecr.Client.SucceedAsync("DescribeImages",
            new { repositoryName = "app", filter = new { imageStatus = "ARCHIVED" } }))["imageDetails"];

        var archived = Assert.Single(details.EnumerateArray());
        Assert.Equal("ARCHIVED", archived.GetProperty("imageStatus").GetString());
        Assert.Equal(1725148800m, archived.GetProperty("lastArchivedAt").GetDecimal());
    }

    [Fact]
    public async Task Image_ids_return_each_matching_image_once_and_the_filter_applies_as_to_a_listing()
    {
        var ids = new object[]
        {
            new { imageTag = "latest" },
            new { imageTag = "v1" },
            new { imageDigest = Seeds.Digest(Child1) },
            new { imageTag = "v0" },
        };

        var every = await _ecr.Client.SucceedAsync("DescribeImages", new { repositoryName = "app", imageIds = ids, filter = new { imageStatus = "ANY" } });
        var active = await _ecr.Client.SucceedAsync("DescribeImages", new { repositoryName = "app", imageIds = ids });
        var untagged = await _ecr.Client.SucceedAsync("DescribeImages", new { repositoryName = "app", imageIds = ids, filter = new { tagStatus = "UNTAGGED", imageStatus = "ANY" } });

        var details = every["imageDetails"].EnumerateArray().ToList();
        Assert.Equal(3, details.Count);
        Assert.Equal(["v1", "latest"], details[0].GetProperty("imageTags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("ARCHIVED", details[2].GetProperty("imageStatus").GetString());

        // Without imageStatus only ACTIVE images: the archived v0 is left out, and that is not an error.
        Assert.Equal(details.Take(2).Select(d => d.GetProperty("imageDigest").GetString()), active["imageDetails"].EnumerateArray().Select(d => d.GetProperty("imageDigest").GetString()));
        Assert.Equal(Seeds.Digest(Child1), Assert.Single(untagged["imageDetails"].EnumerateArray()).GetProperty("imageDigest").GetString());
    }

    [Fact]
    public async Task One_missing_image_id_fails_the_whole_call()
    {
        var result = await _ecr.Client.CallAsync("DescribeImages", new
        {
            repositoryName = "app",
            imageIds = new object[] { new { imageTag = "v1" }, new { imageTag = "nope" } },
        });

        Assert.Equal(400, (int)result.Status);
        Assert.Equal("ImageNotFoundException", result.ErrorType);
        Assert.Equal("The image with imageId {imageDigest:'null', imageTag:'nope'} does not exist within the repository " +
                     "with name 'app' in the registry with id '123456789012'", result.Message);
    }

    [Fact]
    public async Task A_digest_and_tag_of_different_images_are_not_found()
    {
        var result = await _ecr.Client.CallAsync("DescribeImages", new
        {
            repositoryName = "app",
            imageIds = new object[] { new { imageTag = "v1", imageDigest = Seeds.Digest(Child1) } },
        });

        Assert.Equal("ImageNotFoundException", result.ErrorType);
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("md5:0123456789abcdef0123456789abcdef")]
    public async Task A_malformed_digest_is_an_invalid_parameter(string digest)
    {
        var result = await _ecr.Client.CallAsync("DescribeImages", new { repositoryName = "app", imageIds = new[] { new { imageDigest = digest } } });

        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.Contains("imageDigest", result.Message);
    }

    [Fact]
    public async Task Image_ids_cannot_page()
    {
        var withMaxResults = await _ecr.Client.CallAsync("DescribeImages",
            new { repositoryName = "app", maxResults = 10, imageIds = new[] { new { imageTag = "v1" } } });
        var withToken = await _ecr.Client.CallAsync("DescribeImages",
            new { repositoryName = "app", nextToken = "x", imageIds = new[] { new { imageTag = "v1" } } });

        Assert.Equal("InvalidParameterException", withMaxResults.ErrorType);
        Assert.Equal("InvalidParameterException", withToken.ErrorType);
        Assert.Contains("imageIds", withMaxResults.Message);
    }

    [Fact]
    public async Task Image_ids_are_limited_to_100()
    {
        var ids = Enumerable.Range(0, 101).Select(i => new { imageTag = $"t{i}" }).ToArray();

        var result = await _ecr.Client.CallAsync("DescribeImages", new { repositoryName = "app", imageIds = ids });

        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.Equal("Invalid parameter at 'imageIds' failed to satisfy constraint: 'must have length less than or equal to 100'", result.Message);
    }

    [Fact]
    public async Task Pages_follow_push_order()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("big", 250, untaggedEvery: 10));

        var first = await ecr.Client.SucceedAsync("DescribeImages", new { repositoryName = "big" });
        var second = await ecr.Client.SucceedAsync("DescribeImages", new { repositoryName = "big", nextToken = first["nextToken"].GetString(), maxResults = 1000 });
        var untagged = await ecr.Client.SucceedAsync("DescribeImages", new { repositoryName = "big", filter = new { tagStatus = "UNTAGGED" } });

        Assert.Equal(100, first["imageDetails"].GetArrayLength());
        Assert.Equal(150, second["imageDetails"].GetArrayLength());
        Assert.Equal("build-101", second["imageDetails"][0].GetProperty("imageTags")[0].GetString());
        Assert.Equal(25, untagged["imageDetails"].GetArrayLength());
    }

    [Fact]
    public async Task A_pulled_image_records_its_pull_time()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
        await _ecr.Client.SucceedAsync("BatchGetImage", new { repositoryName = "app", imageIds = new[] { new { imageTag = "multi" } } });

        var detail = (await _ecr.Client.SucceedAsync("DescribeImages",
            new { repositoryName = "app", imageIds = new[] { new { imageTag = "multi" } } }))["imageDetails"][0];

        Assert.InRange(detail.GetProperty("lastRecordedPullTime").GetDecimal(), before, before + 60);
    }

    [Fact]
    public async Task Another_registry_has_no_such_repository()
    {
        var result = await _ecr.Client.CallAsync("DescribeImages", new { registryId = "210987654321", repositoryName = "app" });

        Assert.Equal("RepositoryNotFoundException", result.ErrorType);
        Assert.Equal("The repository with name 'app' does not exist in the registry with id '210987654321'", result.Message);
    }
}
