using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

public sealed class SeedTests
{
    private static string SampleSeed => Path.Combine(AppContext.BaseDirectory, "seed", "sample.json");

    [Fact]
    public async Task The_sample_seed_holds_realistic_repositories()
    {
        await using var server = await LocalEcrServer.StartAsync(new LocalEcrOptions { SeedFile = SampleSeed });
        using var client = new EcrTestClient(server.Endpoint);

        var repositories = (await client.SucceedAsync("DescribeRepositories", new { }))["repositories"].EnumerateArray()
            .ToDictionary(r => r.GetProperty("repositoryName").GetString()!);
        Assert.Equal("IMMUTABLE", repositories["platform/base"].GetProperty("imageTagMutability").GetString());

        var frontend = (await client.SucceedAsync("DescribeImages", new { repositoryName = "web/frontend", filter = new { imageStatus = "ANY" } }))["imageDetails"];
        Assert.Contains(frontend.EnumerateArray(), d => !d.TryGetProperty("imageTags", out _));
        Assert.Contains(frontend.EnumerateArray(), d => d.GetProperty("imageStatus").GetString() == "ARCHIVED");
        Assert.Contains(frontend.EnumerateArray(), d => d.TryGetProperty("imageScanFindingsSummary", out _));

        var cli = (await client.SucceedAsync("DescribeImages", new { repositoryName = "tools/cli" }))["imageDetails"];
        var index = cli.EnumerateArray().Single(d => d.GetProperty("imageManifestMediaType").GetString() == Seeds.OciIndex);
        Assert.Contains(cli.EnumerateArray(), d => d.TryGetProperty("subjectManifestDigest", out var subject) &&
                                                   subject.GetString() == index.GetProperty("imageDigest").GetString());

        // Its blobs make a push possible, and its extra credentials work.
        var session = await client.CallAsync("ListImages", new { repositoryName = "ci/builds" },
            new CallOptions { Credentials = new LocalEcrCredentials("AKIDSAMPLESESSION", "sample/session/secret"), SessionToken = "sample-session-token" });
        Assert.True(session.IsSuccess, session.ToString());
    }

    [Fact]
    public void A_manifest_given_as_json_is_stored_compactly()
    {
        var seed = SeedDocument.Parse("""
            { "repositories": [ { "name": "app", "images": [
                { "manifest": { "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "layers": [] }, "tags": ["v1"] } ] } ] }
            """);

        Assert.Equal("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}", seed.Repositories[0].Images[0].Manifest);
    }

    [Theory]
    [InlineData("{ \"accountId\": \"12\" }", "accountId")]
    [InlineData("{ \"repositories\": [ { \"name\": \"UPPER\" } ] }", "UPPER")]
    [InlineData("{ \"repositories\": [ { \"name\": \"app\", \"imageTagMutability\": \"SOMETIMES\" } ] }", "SOMETIMES")]
    [InlineData("{ \"repositories\": [ { \"name\": \"app\", \"images\": [ { \"manifest\": \"not json\" } ] } ] }", "image 1")]
    [InlineData("{ \"repositories\": [ { \"name\": \"app\", \"images\": [ { \"manifest\": \"{\\\"schemaVersion\\\":2}\" } ] } ] }", "mediaType")]
    public async Task An_invalid_seed_is_refused_with_a_reason(string json, string mentioned)
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            LocalEcrServer.StartAsync(new LocalEcrOptions { Seed = SeedDocument.Parse(json) }));

        Assert.Contains(mentioned, error.Message);
    }

    [Fact]
    public void Unknown_seed_members_are_refused()
    {
        Assert.Throws<JsonException>(() => SeedDocument.Parse("{ \"repostories\": [] }"));
    }

    [Fact]
    public async Task A_seed_can_replace_the_default_credentials_and_the_account()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(new SeedDocument
        {
            AccountId = "210987654321",
            IncludeDefaultCredentials = false,
            Credentials = [new SeedCredentials { AccessKeyId = "AKIDMINE", SecretAccessKey = "mine" }],
            Repositories = [new SeedRepository { Name = "app" }],
        });

        var rejected = await ecr.Client.CallAsync("ListImages", new { repositoryName = "app" });
        var accepted = await ecr.Client.SucceedAsync("DescribeRepositories", new { },
            new CallOptions { Credentials = new LocalEcrCredentials("AKIDMINE", "mine") });

        Assert.Equal("UnrecognizedClientException", rejected.ErrorType);
        Assert.Equal("210987654321", accepted["repositories"][0].GetProperty("registryId").GetString());
        Assert.Equal("210987654321", ecr.Server.AccountId);
    }

    [Fact]
    public async Task Generated_images_are_deterministic_and_honour_untagged_and_alias_settings()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("gen", 10, untaggedEvery: 5, tagsPerImage: 3));
        await using var again = await LocalEcrHarness.StartAsync(Seeds.Generated("gen", 10, untaggedEvery: 5, tagsPerImage: 3));

        var ids = (await ecr.Client.SucceedAsync("ListImages", new { repositoryName = "gen" }))["imageIds"].EnumerateArray().ToList();
        var idsAgain = (await again.Client.SucceedAsync("ListImages", new { repositoryName = "gen" }))["imageIds"].EnumerateArray().ToList();

        Assert.Equal(8 * 3 + 2, ids.Count);
        Assert.Equal(["build-1", "build-1-alias1", "build-1-alias2"], ids.Take(3).Select(id => id.GetProperty("imageTag").GetString()));
        Assert.Equal(ids.Select(id => id.ToString()), idsAgain.Select(id => id.ToString()));
        var details = (await ecr.Client.SucceedAsync("DescribeImages", new { repositoryName = "gen" }))["imageDetails"];
        Assert.Equal(10, details.EnumerateArray().Select(d => d.GetProperty("imageDigest").GetString()).Distinct().Count());
        Assert.Equal(60m, details[1].GetProperty("imagePushedAt").GetDecimal() - details[0].GetProperty("imagePushedAt").GetDecimal());

        // A generated manifest hashes to its digest and its blobs are known, so it can be pushed again elsewhere.
        var image = (await ecr.Client.SucceedAsync("BatchGetImage", new { repositoryName = "gen", imageIds = new[] { new { imageTag = "build-2" } } }))["images"][0];
        Assert.Equal(Seeds.Digest(image.GetProperty("imageManifest").GetString()!), image.GetProperty("imageId").GetProperty("imageDigest").GetString());
    }
}
