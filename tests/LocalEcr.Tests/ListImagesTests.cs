using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

public sealed class ListImagesTests
{
    [Fact]
    public async Task Paging_2345_images_takes_24_requests_at_the_default_page_size()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("big", 2345));

        var (ids, pages) = await ListAllAsync(ecr.Client, new Dictionary<string, object> { ["repositoryName"] = "big" });

        Assert.Equal(24, pages.Count);
        Assert.All(pages.Take(23), page => Assert.Equal(100, page));
        Assert.Equal(45, pages[^1]);
        Assert.Equal(2345, ids.Select(id => id.Digest).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 2345).Select(i => $"build-{i}"), ids.Select(id => id.Tag));
        Assert.Equal(24, ecr.Server.Stats.Snapshot().Requests["ListImages"]);
    }

    [Theory]
    [InlineData(1000, 3)]
    [InlineData(1, 2345)]
    public async Task MaxResults_sets_the_page_size(int maxResults, int expectedPages)
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("big", 2345));

        var (ids, pages) = await ListAllAsync(ecr.Client, new Dictionary<string, object> { ["repositoryName"] = "big", ["maxResults"] = maxResults });

        Assert.Equal(expectedPages, pages.Count);
        Assert.Equal(2345, ids.Count);
    }

    [Theory]
    [InlineData(0, "'must have value greater than or equal to 1'")]
    [InlineData(1001, "'must have value less than or equal to 1000'")]
    public async Task MaxResults_outside_1_to_1000_is_an_invalid_parameter(int maxResults, string constraint)
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("big", 3));

        var result = await ecr.Client.CallAsync("ListImages", new { repositoryName = "big", maxResults });

        Assert.Equal(400, (int)result.Status);
        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.Equal("Invalid parameter at 'maxResults' failed to satisfy constraint: " + constraint, result.Message);
    }

    [Fact]
    public async Task NextToken_appears_only_while_results_remain()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 100));

        var exact = await ecr.Client.SucceedAsync("ListImages", new { repositoryName = "app" });
        Assert.Equal(100, exact["imageIds"].GetArrayLength());
        Assert.False(exact.Body.TryGetProperty("nextToken", out _));

        var first = await ecr.Client.SucceedAsync("ListImages", new { repositoryName = "app", maxResults = 99 });
        var last = await ecr.Client.SucceedAsync("ListImages", new { repositoryName = "app", nextToken = first["nextToken"].GetString() });
        Assert.Equal(1, last["imageIds"].GetArrayLength());
        Assert.False(last.Body.TryGetProperty("nextToken", out _));
    }

    [Fact]
    public async Task A_token_is_tied_to_the_parameters_that_made_it()
    {
        var seed = Seeds.Generated("app", 250);
        await using var ecr = await LocalEcrHarness.StartAsync(new SeedDocument
        {
            Repositories = [seed.Repositories[0], new SeedRepository { Name = "other", Generate = new SeedGenerate { Count = 250 } }],
        });
        var first = await ecr.Client.SucceedAsync("ListImages", new { repositoryName = "app" });
        var token = first["nextToken"].GetString();

        var otherRepository = await ecr.Client.CallAsync("ListImages", new { repositoryName = "other", nextToken = token });
        var otherFilter = await ecr.Client.CallAsync("ListImages", new { repositoryName = "app", nextToken = token, filter = new { tagStatus = "TAGGED" } });
        var otherOperation = await ecr.Client.CallAsync("DescribeImages", new { repositoryName = "app", nextToken = token });
        var garbage = await ecr.Client.CallAsync("ListImages", new { repositoryName = "app", nextToken = "not-a-token" });
        var tampered = await ecr.Client.CallAsync("ListImages", new { repositoryName = "app", nextToken = "A" + token![1..] });

        foreach (var result in new[] { otherRepository, otherFilter, otherOperation, garbage, tampered })
        {
            Assert.Equal(400, (int)result.Status);
            Assert.Equal("InvalidParameterException", result.ErrorType);
            Assert.StartsWith("Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken", result.Message);
        }

        // A smaller page size on the next page is allowed, as with AWS.
        var smaller = await ecr.Client.SucceedAsync("ListImages", new { repositoryName = "app", nextToken = token, maxResults = 5 });
        Assert.Equal("build-101", smaller["imageIds"][0].GetProperty("imageTag").GetString());
    }

    [Fact]
    public async Task Paging_is_stable_while_images_are_pushed()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 300));
        var seen = new List<string>();
        var request = new Dictionary<string, object> { ["repositoryName"] = "app" };
        var pushes = 0;
        while (true)
        {
            var page = await ecr.Client.SucceedAsync("ListImages", request);
            seen.AddRange(page["imageIds"].EnumerateArray().Select(id => id.GetProperty("imageTag").GetString()!));

            // Between pages, push new images and move an already-listed tag onto one of them.
            var name = $"pushed-{pushes++}";
            ecr.Server.Seed(Seeds.Repository(new SeedRepository
            {
                Name = "app",
                Images = [new SeedImage { Manifest = Seeds.Manifest(name), Tags = [name] }],
            }));

            if (!page.Body.TryGetProperty("nextToken", out var token))
            {
                break;
            }

            request["nextToken"] = token.GetString()!;
        }

        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"build-{i}"), seen.Take(300));
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Contains("pushed-0", seen);
    }

    [Fact]
    public async Task Paging_is_stable_while_another_client_pushes_concurrently()
    {
        var manifests = Enumerable.Range(0, 200).Select(i => Seeds.Manifest($"concurrent-{i}")).ToList();
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Repository(new SeedRepository
        {
            Name = "app",
            Blobs = [.. Enumerable.Range(0, 200).SelectMany(i => Seeds.BlobsOf($"concurrent-{i}"))],
            Generate = new SeedGenerate { Count = 500 },
        }));
        using var pusher = new EcrTestClient(ecr.Server.Endpoint);

        var pushing = Task.Run(async () =>
        {
            foreach (var manifest in manifests)
            {
                await pusher.SucceedAsync("PutImage", new { repositoryName = "app", imageManifest = manifest, imageTag = "c" + Seeds.Digest(manifest)[7..15] });
            }
        });
        var (ids, _) = await ListAllAsync(ecr.Client, new Dictionary<string, object> { ["repositoryName"] = "app", ["maxResults"] = 7 });
        await pushing;

        Assert.Equal(Enumerable.Range(1, 500).Select(i => $"build-{i}"), ids.Take(500).Select(id => id.Tag));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task An_image_appears_once_per_tag_and_an_untagged_image_once_with_its_digest_only()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(new SeedDocument
        {
            Repositories =
            [
                new SeedRepository
                {
                    Name = "app",
                    Images =
                    [
                        new SeedImage { Manifest = Seeds.Manifest("a"), Tags = ["v1", "v1.0", "latest"] },
                        new SeedImage { Manifest = Seeds.Manifest("b") },
                        new SeedImage { Manifest = Seeds.Manifest("c"), Tags = ["v2"] },
                    ],
                },
            ],
        });

        var ids = (await ecr.Client.SucceedAsync("ListImages", new { repositoryName = "app" }))["imageIds"].EnumerateArray().ToList();

        Assert.Equal(5, ids.Count);
        Assert.Equal(["v1", "v1.0", "latest"], ids.Take(3).Select(id => id.GetProperty("imageTag").GetString()));
        Assert.Single(ids.Take(3).Select(id => id.GetProperty("imageDigest").GetString()).Distinct());
        Assert.Equal(Seeds.Digest(Seeds.Manifest("b")), ids[3].GetProperty("imageDigest").GetString());
        Assert.False(ids[3].TryGetProperty("imageTag", out _));
        Assert.Equal("v2", ids[4].GetProperty("imageTag").GetString());
    }

    [Theory]
    [InlineData(null, null, 6)]          // default: ACTIVE only, tagged and untagged
    [InlineData("TAGGED", null, 4)]
    [InlineData("UNTAGGED", null, 2)]
    [InlineData("ANY", "ANY", 8)]
    [InlineData("ANY", "ARCHIVED", 1)]
    [InlineData("TAGGED", "ACTIVATING", 1)]
    public async Task Filters_select_by_tag_status_and_image_status(string? tagStatus, string? imageStatus, int expected)
    {
        await using var ecr = await LocalEcrHarness.StartAsync(new SeedDocument
        {
            Repositories =
            [
                new SeedRepository
                {
                    Name = "app",
                    Images =
                    [
                        new SeedImage { Manifest = Seeds.Manifest("a"), Tags = ["a1", "a2"] },
                        new SeedImage { Manifest = Seeds.Manifest("b") },
                        new SeedImage { Manifest = Seeds.Manifest("c"), Tags = ["c1", "c2"] },
                        new SeedImage { Manifest = Seeds.Manifest("d") },
                        new SeedImage { Manifest = Seeds.Manifest("old"), Tags = ["old"], ImageStatus = "ARCHIVED" },
                        new SeedImage { Manifest = Seeds.Manifest("restoring"), Tags = ["restoring"], ImageStatus = "ACTIVATING" },
                    ],
                },
            ],
        });
        var filter = new Dictionary<string, string>();
        if (tagStatus is not null) filter["tagStatus"] = tagStatus;
        if (imageStatus is not null) filter["imageStatus"] = imageStatus;

        var result = await ecr.Client.SucceedAsync("ListImages", new { repositoryName = "app", filter });

        Assert.Equal(expected, result["imageIds"].GetArrayLength());
    }

    [Fact]
    public async Task An_invalid_filter_value_names_the_enum()
    {
        await using var ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 1));

        var result = await ecr.Client.CallAsync("ListImages", new { repositoryName = "app", filter = new { tagStatus = "SOME" } });

        Assert.Equal("Invalid parameter at 'filter.tagStatus' failed to satisfy constraint: " +
                     "'must satisfy enum value set: [TAGGED, UNTAGGED, ANY]'", result.Message);
    }

    /// <summary>Pages through ListImages like a client would, returning the ids and the size of each page.</summary>
    internal static async Task<(List<(string Digest, string? Tag)> Ids, List<int> Pages)> ListAllAsync(
        EcrTestClient client, Dictionary<string, object> request)
    {
        var ids = new List<(string, string?)>();
        var pages = new List<int>();
        while (true)
        {
            var page = await client.SucceedAsync("ListImages", request);
            var pageIds = page["imageIds"];
            pages.Add(pageIds.GetArrayLength());
            foreach (var id in pageIds.EnumerateArray())
            {
                ids.Add((id.GetProperty("imageDigest").GetString()!, id.TryGetProperty("imageTag", out var tag) ? tag.GetString() : null));
            }

            if (!page.Body.TryGetProperty("nextToken", out var token))
            {
                return (ids, pages);
            }

            request["nextToken"] = token.GetString()!;
        }
    }
}
