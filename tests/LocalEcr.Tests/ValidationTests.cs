using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

/// <summary>Constraints come from the service model and are checked before anything is looked up.</summary>
public sealed class ValidationTests : IAsyncLifetime
{
    private const string NamePattern = @"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*";
    private LocalEcrHarness _ecr = null!;

    public async Task InitializeAsync() => _ecr = await LocalEcrHarness.StartAsync(Seeds.Generated("app", 3));

    public async Task DisposeAsync() => await _ecr.DisposeAsync();

    [Fact]
    public async Task A_name_that_breaks_the_pattern_is_an_invalid_parameter_quoting_the_model_pattern()
    {
        var result = await _ecr.Client.CallAsync("ListImages", new { repositoryName = "Bad_Name" });

        Assert.Equal(400, (int)result.Status);
        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.Equal($"Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '{NamePattern}''", result.Message);
    }

    [Fact]
    public async Task Of_several_violations_the_first_in_the_model_order_is_named()
    {
        var result = await _ecr.Client.CallAsync("DescribeImages",
            new { registryId = "123", repositoryName = "a", maxResults = 5000, filter = new { imageStatus = "GONE" } });

        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.Equal("Invalid parameter at 'filter.imageStatus' failed to satisfy constraint: " +
                     "'must satisfy enum value set: [ACTIVE, ARCHIVED, ACTIVATING, ANY]'", result.Message);
    }

    [Theory]
    [InlineData("{\"registryId\":\"123\",\"repositoryName\":\"app\"}", "registryId", "must satisfy regular expression '[0-9]{12}'")]
    [InlineData("{\"repositoryName\":\"a\"}", "repositoryName", "must have length greater than or equal to 2")]
    [InlineData("{\"repositoryName\":\"app\",\"maxResults\":5000}", "maxResults", "must have value less than or equal to 1000")]
    public async Task Each_kind_of_constraint_is_worded_as_ECR_words_it(string body, string member, string constraint)
    {
        var result = await _ecr.Client.CallAsync("DescribeImages", options: new CallOptions { RawBody = body });

        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.Equal($"Invalid parameter at '{member}' failed to satisfy constraint: '{constraint}'", result.Message);
    }

    [Fact]
    public async Task A_missing_required_member_must_not_be_null()
    {
        var result = await _ecr.Client.CallAsync("PutImage", new { repositoryName = "app" });

        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.Equal("Invalid parameter at 'imageManifest' failed to satisfy constraint: 'must not be null'", result.Message);
    }

    [Fact]
    public async Task Nested_members_are_named_by_position()
    {
        var result = await _ecr.Client.CallAsync("BatchGetImage", new { repositoryName = "app", imageIds = new[] { new { imageTag = "" } } });

        Assert.Equal("Invalid parameter at 'imageIds.1.member.imageTag' failed to satisfy constraint: " +
                     "'must have length greater than or equal to 1'", result.Message);
    }

    [Fact]
    public async Task Validation_comes_before_lookups()
    {
        var result = await _ecr.Client.CallAsync("ListImages", new { repositoryName = "does-not-exist", maxResults = 0 });

        Assert.Equal("InvalidParameterException", result.ErrorType);
        Assert.Contains("'maxResults'", result.Message);
    }

    [Fact]
    public async Task Unknown_members_are_ignored_and_null_means_absent()
    {
        await _ecr.Client.SucceedAsync("ListImages", new { repositoryName = "app", somethingNew = 1, nextToken = (string?)null });
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"repositoryName\": 5}")]
    [InlineData("[]")]
    public async Task Unreadable_bodies_are_serialization_errors(string body)
    {
        var result = await _ecr.Client.CallAsync("ListImages", options: new CallOptions { RawBody = body });

        Assert.Equal(400, (int)result.Status);
        Assert.Equal("SerializationException", result.ErrorType);
    }

    [Theory]
    [InlineData("{\"repositoryName\": \"app\\ud800\"}")]         // half of a surrogate pair
    [InlineData("{\"repositoryName\": \"app\\udc00x\"}")]
    public async Task Strings_that_are_not_unicode_are_serialization_errors(string body)
    {
        var result = await _ecr.Client.CallAsync("ListImages", options: new CallOptions { RawBody = body });

        Assert.Equal(400, (int)result.Status);
        Assert.Equal("SerializationException", result.ErrorType);
        Assert.Contains("repositoryName", result.Message);
    }

    [Fact]
    public async Task An_unknown_target_is_an_unknown_operation()
    {
        var result = await _ecr.Client.CallAsync("DeleteRepository", new { repositoryName = "app" });
        var noPrefix = await _ecr.Client.CallAsync("ListImages", new { repositoryName = "app" }, new CallOptions { Target = "ListImages" });

        Assert.Equal(400, (int)result.Status);
        Assert.Equal("UnknownOperationException", result.ErrorType);
        Assert.Equal("UnknownOperationException", noPrefix.ErrorType);
    }
}
