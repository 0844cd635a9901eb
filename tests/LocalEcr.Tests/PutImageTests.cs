using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

public sealed class PutImageTests : IAsyncLifetime
{
    private static readonly string Stored = Seeds.Manifest("stored");
    private static readonly string Pushable = Seeds.Manifest("pushable");
    private LocalEcrHarness _ecr = null!;

    public async Task InitializeAsync() => _ecr = await LocalEcrHarness.StartAsync(new SeedDocument
    {
        Repositories =
        [
            new SeedRepository
            {
                Name = "app",
                Blobs = Seeds.BlobsOf("pushable"),
                Images = [new SeedImage { Manifest = Stored, Tags = ["v1", "latest"] }],
            },
            new SeedRepository
            {
                Name = "locked",
                ImageTagMutability = "IMMUTABLE",
                Blobs = Seeds.BlobsOf("pushable"),
                Images = [new SeedImage { Manifest = Stored, Tags = ["v1"] }],
            },
        ],
    });

    public async Task DisposeAsync() => await _ecr.DisposeAsync();

    [Fact]
    public async Task The_digest_is_the_sha256_of_the_exact_bytes_and_a_trailing_newline_is_another_image()
    {
        var plain = await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = Pushable, imageTag = "plain" });
        var newline = await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = Pushable + "\n", imageTag = "newline" });

        var image = plain["image"];
        Assert.Equal(Seeds.Digest(Pushable), image.GetProperty("imageId").GetProperty("imageDigest").GetString());
        Assert.Equal("plain", image.GetProperty("imageId").GetProperty("imageTag").GetString());
        Assert.Equal(Pushable, image.GetProperty("imageManifest").GetString());
        Assert.Equal(Seeds.DockerManifest, image.GetProperty("imageManifestMediaType").GetString());
        Assert.Equal(("123456789012", "app"), (image.GetProperty("registryId").GetString(), image.GetProperty("repositoryName").GetString()));
        Assert.Equal(Seeds.Digest(Pushable + "\n"), newline["image"].GetProperty("imageId").GetProperty("imageDigest").GetString());
        Assert.NotEqual(Seeds.Digest(Pushable), Seeds.Digest(Pushable + "\n"));
    }

    [Fact]
    public async Task Non_ascii_manifests_hash_as_utf8()
    {
        var manifest = Pushable.Replace("\"schemaVersion\":2", "\"annotations\":{\"org.opencontainers.image.title\":\"caf\u00e9 \u2615\"},\"schemaVersion\":2");

        var result = await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = manifest });

        Assert.Equal(Seeds.Digest(manifest), result["image"].GetProperty("imageId").GetProperty("imageDigest").GetString());
    }

    [Fact]
    public async Task The_same_tag_on_the_same_image_already_exists()
    {
        var result = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "app", imageManifest = Stored, imageTag = "v1" });

        Assert.Equal(400, (int)result.Status);
        Assert.Equal("ImageAlreadyExistsException", result.ErrorType);
        Assert.Equal($"Image with digest '{Seeds.Digest(Stored)}' and tag 'v1' already exists in the repository with name 'app' " +
                     "in the registry with id '123456789012'", result.Message);
    }

    [Fact]
    public async Task A_stored_manifest_without_a_tag_is_stored_again_unchanged()
    {
        var result = await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = Stored });

        Assert.False(result["image"].GetProperty("imageId").TryGetProperty("imageTag", out _));
        Assert.Equal(2, (await ListAsync("app")).Count);
    }

    [Fact]
    public async Task A_new_manifest_without_a_tag_is_stored_untagged()
    {
        await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = Pushable });

        var ids = await ListAsync("app");
        Assert.Contains((Seeds.Digest(Pushable), (string?)null), ids);
    }

    [Fact]
    public async Task A_new_tag_on_a_stored_manifest_is_added_to_it()
    {
        await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = Stored, imageTag = "stable" });

        Assert.Equal(["v1", "latest", "stable"], (await ListAsync("app")).Select(id => id.Tag));
    }

    [Fact]
    public async Task In_a_mutable_repository_a_tag_moves_and_the_old_image_keeps_its_other_tags_or_becomes_untagged()
    {
        await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = Pushable, imageTag = "latest" });
        Assert.Equal([(Seeds.Digest(Stored), "v1"), (Seeds.Digest(Pushable), "latest")], await ListAsync("app"));

        await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = Pushable, imageTag = "v1" });
        Assert.Equal([(Seeds.Digest(Stored), null), (Seeds.Digest(Pushable), "latest"), (Seeds.Digest(Pushable), "v1")], await ListAsync("app"));
    }

    [Fact]
    public async Task In_an_immutable_repository_a_taken_tag_cannot_move()
    {
        var result = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "locked", imageManifest = Pushable, imageTag = "v1" });

        Assert.Equal("ImageTagAlreadyExistsException", result.ErrorType);
        Assert.Equal("The image tag 'v1' already exists in the 'locked' repository and cannot be overwritten because the repository is immutable.", result.Message);
        await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "locked", imageManifest = Pushable, imageTag = "v2" });
    }

    [Theory]
    [InlineData("IMMUTABLE_WITH_EXCLUSION", "latest", true)]
    [InlineData("IMMUTABLE_WITH_EXCLUSION", "v1", false)]
    [InlineData("MUTABLE_WITH_EXCLUSION", "latest", false)]
    [InlineData("MUTABLE_WITH_EXCLUSION", "v1", true)]
    public async Task Exclusion_filters_flip_the_mutability_of_matching_tags(string mutability, string tag, bool moves)
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Repository(new SeedRepository
        {
            Name = "mixed",
            ImageTagMutability = mutability,
            ImageTagMutabilityExclusionFilters = [new SeedTagMutabilityExclusionFilter { Filter = "lat*" }],
            Blobs = Seeds.BlobsOf("pushable"),
            Images = [new SeedImage { Manifest = Stored, Tags = ["v1", "latest"] }],
        }));

        var result = await ecr.Client.CallAsync("PutImage", new { repositoryName = "mixed", imageManifest = Pushable, imageTag = tag });
        var repository = (await ecr.Client.SucceedAsync("DescribeRepositories", new { repositoryNames = new[] { "mixed" } }))["repositories"][0];

        Assert.Equal(moves, result.IsSuccess);
        Assert.Equal(moves ? null : "ImageTagAlreadyExistsException", result.ErrorType);
        Assert.Equal(mutability, repository.GetProperty("imageTagMutability").GetString());
        var filter = repository.GetProperty("imageTagMutabilityExclusionFilters")[0];
        Assert.Equal(("WILDCARD", "lat*"), (filter.GetProperty("filterType").GetString(), filter.GetProperty("filter").GetString()));
    }

    [Fact]
    public async Task A_given_digest_must_match_the_manifest()
    {
        var other = Seeds.Digest("something else");

        var mismatch = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "app", imageManifest = Pushable, imageDigest = other });
        await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = Pushable, imageDigest = Seeds.Digest(Pushable) });

        Assert.Equal("ImageDigestDoesNotMatchException", mismatch.ErrorType);
    }

    [Fact]
    public async Task Blobs_the_repository_does_not_hold_are_layers_not_found()
    {
        var result = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "app", imageManifest = Seeds.Manifest("unknown", layers: 1), imageTag = "x" });

        Assert.Equal("LayersNotFoundException", result.ErrorType);
        Assert.Contains(Seeds.Blob("unknown/config"), result.Message);
        Assert.Contains(Seeds.Blob("unknown/layer0"), result.Message);
        Assert.DoesNotContain(("x"), (await ListAsync("app")).Select(id => id.Tag));
    }

    [Fact]
    public async Task Blobs_of_stored_images_are_known()
    {
        // Same config and layers as the stored image, different manifest bytes.
        var sameBlobs = Stored.Replace("\"size\":100", "\"size\":101");

        await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = sameBlobs, imageTag = "rebuilt" });
    }

    [Fact]
    public async Task An_index_must_reference_images_the_repository_holds()
    {
        var missingChild = Seeds.Manifest("missing-child");
        var good = Seeds.Index(Seeds.DockerManifestList, Stored);
        var bad = Seeds.Index(Seeds.DockerManifestList, Stored, missingChild);

        var result = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "app", imageManifest = bad, imageTag = "multi" });
        var ok = await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = good, imageTag = "multi" });

        Assert.Equal("ReferencedImagesNotFoundException", result.ErrorType);
        Assert.Contains(Seeds.Digest(missingChild), result.Message);
        Assert.DoesNotContain(Seeds.Digest(Stored), result.Message);
        Assert.Equal(Seeds.DockerManifestList, ok["image"].GetProperty("imageManifestMediaType").GetString());
    }

    [Fact]
    public async Task A_pushed_index_is_sized_by_the_largest_image_it_names()
    {
        await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = Pushable, imageTag = "pushable" });
        var index = Seeds.Index(Seeds.DockerManifestList, Stored, Pushable);
        await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = index, imageTag = "multi" });

        var sizes = (await _ecr.Client.SucceedAsync("DescribeImages", new { repositoryName = "app", imageIds = new[] { new { imageTag = "v1" }, new { imageTag = "pushable" }, new { imageTag = "multi" } } }))["imageDetails"]
            .EnumerateArray().ToDictionary(image => image.GetProperty("imageTags")[0].GetString()!, image => image.GetProperty("imageSizeInBytes").GetInt64());

        Assert.Equal(System.Math.Max(sizes["v1"], sizes["pushable"]), sizes["multi"]);
        Assert.True(sizes["multi"] > Stored.Length + Pushable.Length);
    }

    [Fact]
    public async Task The_media_type_comes_from_the_request_else_from_the_manifest()
    {
        var withoutMediaType = Seeds.Manifest("pushable", mediaType: null);
        var schema1 = "{\"schemaVersion\":1,\"name\":\"app\",\"tag\":\"old\",\"fsLayers\":[{\"blobSum\":\"" + Seeds.Blob("pushable/layer0") + "\"}]}";

        var neither = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "app", imageManifest = withoutMediaType });
        var given = await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = withoutMediaType, imageManifestMediaType = Seeds.OciManifest });
        // The request's media type wins over the manifest's own mediaType (other bytes than the next push, another image).
        var disagreeing = await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = Pushable + "\n", imageManifestMediaType = Seeds.OciManifest });
        var agreeing = await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = Pushable, imageManifestMediaType = Seeds.DockerManifest });
        var implied = await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = schema1 });
        var unsupported = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "app", imageManifest = withoutMediaType, imageManifestMediaType = "text/plain" });

        // ECR's own answer, the one container tools recognise (a manifest without a media type, none in the request).
        Assert.Equal("InvalidParameterException", neither.ErrorType);
        Assert.Equal("Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'", neither.Message);
        Assert.Equal(Seeds.OciManifest, given["image"].GetProperty("imageManifestMediaType").GetString());
        Assert.Equal(Seeds.OciManifest, disagreeing["image"].GetProperty("imageManifestMediaType").GetString());
        Assert.Equal(Seeds.DockerManifest, agreeing["image"].GetProperty("imageManifestMediaType").GetString());
        Assert.Equal("application/vnd.docker.distribution.manifest.v1+prettyjws", implied["image"].GetProperty("imageManifestMediaType").GetString());
        Assert.Equal("InvalidParameterException", unsupported.ErrorType);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("[\"sha256:abc\"]")]
    public async Task A_layer_that_is_not_a_descriptor_is_an_invalid_parameter_not_a_server_error(string layers)
    {
        var manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + Seeds.DockerManifest + "\",\"layers\":" + layers + "}";

        var result = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "app", imageManifest = manifest, imageTag = "bad-layer" });

        Assert.Equal(400, (int)result.Status);
        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.Contains("layers", result.Message);
    }

    [Fact]
    public async Task A_size_that_is_not_a_number_counts_as_no_size_not_a_server_error()
    {
        var manifest = Pushable.Replace("\"size\":", "\"size\":\"12\",\"was\":");

        await _ecr.Client.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = manifest, imageTag = "string-size" });
    }

    [Theory]
    [InlineData("{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\"}")]
    [InlineData("[1,2]")]
    public async Task A_manifest_must_be_json_with_a_schema_version(string manifest)
    {
        var result = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "app", imageManifest = manifest });

        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.StartsWith("Invalid parameter at 'imageManifest' failed to satisfy constraint:", result.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"schemaVersion\":2,")]
    public async Task A_manifest_that_is_not_json_gets_the_services_own_message(string manifest)
    {
        var result = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "app", imageManifest = manifest, imageTag = "broken" });

        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.Equal("Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'", result.Message);
    }

    [Fact]
    public async Task An_invalid_tag_is_an_invalid_parameter()
    {
        var result = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "app", imageManifest = Pushable, imageTag = "has space" });

        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.Contains("imageTag", result.Message);
    }

    [Fact]
    public async Task A_repository_at_its_image_limit_refuses_new_images()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Repository(new SeedRepository
        {
            Name = "full",
            ImageLimit = 1,
            Blobs = Seeds.BlobsOf("pushable"),
            Images = [new SeedImage { Manifest = Stored, Tags = ["v1"] }],
        }));

        var result = await ecr.Client.CallAsync("PutImage", new { repositoryName = "full", imageManifest = Pushable });
        await ecr.Client.SucceedAsync("PutImage", new { repositoryName = "full", imageManifest = Stored, imageTag = "v2" });

        Assert.Equal("LimitExceededException", result.ErrorType);
    }

    [Fact]
    public async Task A_repository_seeded_with_a_kms_error_answers_kms_exception()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Repository(new SeedRepository
        {
            Name = "kms", KmsError = "KMSDisabledException", Blobs = Seeds.BlobsOf("pushable"),
        }));

        var result = await ecr.Client.CallAsync("PutImage", new { repositoryName = "kms", imageManifest = Pushable, imageTag = "v1" });

        Assert.Equal("KmsException", result.ErrorType);
        Assert.Equal("KMSDisabledException", result["kmsError"].GetString());
    }

    [Fact]
    public async Task A_missing_repository_is_not_found()
    {
        var result = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "missing", imageManifest = Pushable });

        Assert.Equal("RepositoryNotFoundException", result.ErrorType);
        Assert.Equal("The repository with name 'missing' does not exist in the registry with id '123456789012'", result.Message);
    }

    [Fact]
    public async Task Concurrent_pushes_of_one_tag_leave_it_on_exactly_one_image()
    {
        var manifests = Enumerable.Range(0, 20).Select(i => Stored.Replace("\"size\":100", $"\"size\":{200 + i}")).ToList();

        var results = await Task.WhenAll(manifests.Select(m => _ecr.Client.CallAsync("PutImage", new { repositoryName = "app", imageManifest = m, imageTag = "race" })));

        Assert.All(results, result => Assert.True(result.IsSuccess, result.ToString()));
        Assert.Single(await ListAsync("app"), id => id.Tag == "race");
    }

    private async Task<List<(string Digest, string? Tag)>> ListAsync(string repository) =>
        (await ListImagesTests.ListAllAsync(_ecr.Client, new Dictionary<string, object> { ["repositoryName"] = repository })).Ids;
}
