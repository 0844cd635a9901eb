using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

public sealed class DescribeRepositoriesTests : IAsyncLifetime
{
    private LocalEcrHarness _ecr = null!;

    public async Task InitializeAsync() => _ecr = await LocalEcrHarness.StartAsync(new SeedDocument
    {
        Repositories =
        [
            new SeedRepository
            {
                Name = "team/web", ImageTagMutability = "IMMUTABLE", CreatedAt = DateTimeOffset.Parse("2024-01-15T09:00:00Z"), ScanOnPush = true,
            },
            .. Enumerable.Range(1, 149).Select(i => new SeedRepository { Name = $"repo-{i:000}" }),
        ],
    });

    public async Task DisposeAsync() => await _ecr.DisposeAsync();

    [Fact]
    public async Task A_repository_is_described_with_arn_and_uri_in_the_signing_region()
    {
        var result = await _ecr.Client.SucceedAsync("DescribeRepositories",
            new { repositoryNames = new[] { "team/web" } }, new CallOptions { Region = "eu-central-1" });

        var repository = Assert.Single(result["repositories"].EnumerateArray());
        Assert.Equal("arn:aws:ecr:eu-central-1:123456789012:repository/team/web", repository.GetProperty("repositoryArn").GetString());
        Assert.Equal("123456789012.dkr.ecr.eu-central-1.amazonaws.com/team/web", repository.GetProperty("repositoryUri").GetString());
        Assert.Equal("123456789012", repository.GetProperty("registryId").GetString());
        Assert.Equal("team/web", repository.GetProperty("repositoryName").GetString());
        Assert.Equal(1705309200m, repository.GetProperty("createdAt").GetDecimal());
        Assert.Equal("IMMUTABLE", repository.GetProperty("imageTagMutability").GetString());
        Assert.True(repository.GetProperty("imageScanningConfiguration").GetProperty("scanOnPush").GetBoolean());
        Assert.Equal("AES256", repository.GetProperty("encryptionConfiguration").GetProperty("encryptionType").GetString());
        Assert.False(result.Body.TryGetProperty("nextToken", out _));
    }

    [Fact]
    public async Task All_repositories_page_in_creation_order()
    {
        var first = await _ecr.Client.SucceedAsync("DescribeRepositories", new { });
        var second = await _ecr.Client.SucceedAsync("DescribeRepositories", new { nextToken = first["nextToken"].GetString() });

        Assert.Equal(100, first["repositories"].GetArrayLength());
        Assert.Equal("team/web", first["repositories"][0].GetProperty("repositoryName").GetString());
        Assert.Equal(50, second["repositories"].GetArrayLength());
        Assert.Equal("repo-149", second["repositories"][49].GetProperty("repositoryName").GetString());
        Assert.False(second.Body.TryGetProperty("nextToken", out _));

        var small = await _ecr.Client.SucceedAsync("DescribeRepositories", new { maxResults = 7 });
        Assert.Equal(7, small["repositories"].GetArrayLength());
    }

    [Fact]
    public async Task One_missing_name_fails_the_call()
    {
        var result = await _ecr.Client.CallAsync("DescribeRepositories", new { repositoryNames = new[] { "team/web", "missing" } });

        Assert.Equal("RepositoryNotFoundException", result.ErrorType);
        Assert.Equal("The repository with name 'missing' does not exist in the registry with id '123456789012'", result.Message);
    }

    [Fact]
    public async Task Names_cannot_page()
    {
        var result = await _ecr.Client.CallAsync("DescribeRepositories", new { repositoryNames = new[] { "team/web" }, maxResults = 5 });

        Assert.Equal("InvalidParameterException", result.ErrorType);
    }

    [Fact]
    public async Task A_token_from_another_registry_listing_is_refused()
    {
        var first = await _ecr.Client.SucceedAsync("DescribeRepositories", new { });

        var result = await _ecr.Client.CallAsync("DescribeRepositories",
            new { registryId = "210987654321", nextToken = first["nextToken"].GetString() });

        Assert.Equal("InvalidParameterException", result.ErrorType);
    }

    [Fact]
    public async Task Another_registry_has_none_of_these_repositories()
    {
        var named = await _ecr.Client.CallAsync("DescribeRepositories", new { registryId = "210987654321", repositoryNames = new[] { "team/web" } });
        var all = await _ecr.Client.SucceedAsync("DescribeRepositories", new { registryId = "210987654321" });

        Assert.Equal("The repository with name 'team/web' does not exist in the registry with id '210987654321'", named.Message);
        Assert.Empty(all["repositories"].EnumerateArray());
    }
}
