using System;
using System.Net.Http;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

/// <summary>The SSO portal's GetRoleCredentials: seeded bearer tokens, restJson1 answers, credentials ECR accepts.</summary>
public sealed class SsoPortalTests : IAsyncLifetime
{
    private const string Token = "aoaAAAAAGRsb2NhbGVjci1zc28tdG9rZW4tZXhhbXBsZQ";
    private const string Account = "210987654321";
    private static readonly object ListApp = new { repositoryName = "app" };
    private LocalEcrHarness _ecr = null!;

    private Uri Endpoint => _ecr.Server.Endpoint;

    public async Task InitializeAsync() => _ecr = await LocalEcrHarness.StartAsync(new SeedDocument
    {
        SsoTokens =
        [
            new SeedSsoToken { AccessToken = Token, AccountId = Account, RoleName = "EcrReader" },
            new SeedSsoToken { AccessToken = Token, AccountId = "123456789012", RoleName = "Admin" },
        ],
        Repositories = [new SeedRepository { Name = "app" }],
    });

    public async Task DisposeAsync() => await _ecr.DisposeAsync();

    [Fact]
    public async Task A_seeded_token_gets_role_credentials_that_expire_in_an_hour()
    {
        var before = DateTimeOffset.UtcNow;
        var result = await _ecr.Client.GetRoleCredentialsAsync(Endpoint, Token, Account, "EcrReader");

        Assert.Equal(200, (int)result.Status);
        Assert.Equal("application/json", result.Response.Content.Headers.ContentType!.MediaType);
        var credentials = result.RoleCredentials;
        Assert.Matches("^ASIA[A-Z2-7]{16}$", credentials.GetProperty("accessKeyId").GetString());
        Assert.Equal(40, credentials.GetProperty("secretAccessKey").GetString()!.Length);
        Assert.True(credentials.GetProperty("sessionToken").GetString()!.Length > 100);
        var expiration = DateTimeOffset.FromUnixTimeMilliseconds(credentials.GetProperty("expiration").GetInt64());
        Assert.InRange(expiration, before.AddHours(1).AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(1).AddSeconds(1));
    }

    [Fact]
    public async Task ECR_accepts_the_credentials_with_their_session_token()
    {
        var credentials = (await _ecr.Client.GetRoleCredentialsAsync(Endpoint, Token, "123456789012", "Admin")).RoleCredentials;
        var keys = new LocalEcrCredentials(credentials.GetProperty("accessKeyId").GetString()!, credentials.GetProperty("secretAccessKey").GetString()!);
        var sessionToken = credentials.GetProperty("sessionToken").GetString()!;

        await _ecr.Client.SucceedAsync("ListImages", ListApp, new CallOptions { Credentials = keys, SessionToken = sessionToken });

        var withoutToken = await _ecr.Client.CallAsync("ListImages", ListApp, new CallOptions { Credentials = keys });
        Assert.Equal("UnrecognizedClientException", withoutToken.ErrorType);
    }

    [Fact]
    public async Task Stats_count_GetRoleCredentials_and_tell_which_role_got_which_key()
    {
        Assert.Equal(0, _ecr.Server.Stats.Snapshot().Requests["GetRoleCredentials"]);
        var result = await _ecr.Client.GetRoleCredentialsAsync(Endpoint, Token, Account, "EcrReader");

        var stats = _ecr.Server.Stats.Snapshot();
        Assert.Equal((1, 1, 0, 0), (stats.Requests["GetRoleCredentials"], stats.TotalRequests, stats.FailedRequests, stats.ConnectionsOpened));
        Assert.Equal(("GetRoleCredentials", null, null, false, "LocalEcr.Tests/1.0"),
            (stats.LastRequest!.Operation, stats.LastRequest.AccessKeyId, stats.LastRequest.Region, stats.LastRequest.HasSessionToken, stats.LastRequest.UserAgent));
        var issued = stats.LastIssuedCredentials!;
        Assert.Equal(("GetRoleCredentials", null, null, Account, "EcrReader", result.RoleCredentials.GetProperty("accessKeyId").GetString()),
            (issued.Operation, issued.CallerAccessKeyId, issued.RoleArn, issued.AccountId, issued.RoleName, issued.IssuedAccessKeyId));
        Assert.DoesNotContain(Token, (await _ecr.ControlAsync(HttpMethod.Get, "_localecr/stats")).ToString());
    }

    [Theory]
    [InlineData("not-a-seeded-token")]
    [InlineData(null)]
    public async Task An_unknown_or_missing_token_is_unauthorized(string? token)
    {
        var result = await _ecr.Client.GetRoleCredentialsAsync(Endpoint, token, Account, "EcrReader");

        AssertError(result, 401, "UnauthorizedException", "Session token not found or invalid");
        Assert.Equal((1, 1), (_ecr.Server.Stats.Snapshot().Requests["GetRoleCredentials"], _ecr.Server.Stats.Snapshot().FailedRequests));
        Assert.Null(_ecr.Server.Stats.Snapshot().LastIssuedCredentials);
    }

    [Theory]
    [InlineData(Account, "Admin")]
    [InlineData("123456789012", "EcrReader")]
    public async Task A_token_gets_only_the_roles_it_was_seeded_for(string accountId, string roleName)
    {
        var result = await _ecr.Client.GetRoleCredentialsAsync(Endpoint, Token, accountId, roleName);
        AssertError(result, 403, "ForbiddenException", "No access");
    }

    [Fact]
    public async Task Account_and_role_are_required()
    {
        var noRole = await _ecr.Client.GetRoleCredentialsAsync(Endpoint, Token, Account, null);
        AssertError(noRole, 400, "InvalidRequestException",
            "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null");
        var noAccount = await _ecr.Client.GetRoleCredentialsAsync(Endpoint, Token, null, "EcrReader");
        AssertError(noAccount, 400, "InvalidRequestException",
            "1 validation error detected: Value null at 'accountId' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task Other_portal_paths_are_unknown_operations()
    {
        var portal = await _ecr.Client.GetRoleCredentialsAsync(Endpoint, Token, Account, "EcrReader", path: "federation/accounts");
        AssertError(portal, 404, "UnknownOperationException", "The requested operation is not recognized by the service.");
        Assert.Equal(1, _ecr.Server.Stats.Snapshot().Requests["Unknown"]);
    }

    [Fact]
    public async Task Tokens_can_be_seeded_through_the_control_API()
    {
        await _ecr.ControlAsync(HttpMethod.Post, "_localecr/seed",
            new { ssoTokens = new[] { new { accessToken = "posted-token", accountId = Account, roleName = "Posted" } } });

        var result = await _ecr.Client.GetRoleCredentialsAsync(Endpoint, "posted-token", Account, "Posted");
        Assert.Equal(200, (int)result.Status);

        // Seeded tokens are state: a state reset keeps them, as it replays the seeds.
        await _ecr.ControlAsync(HttpMethod.Post, "_localecr/reset?state=true");
        Assert.Equal(200, (int)(await _ecr.Client.GetRoleCredentialsAsync(Endpoint, "posted-token", Account, "Posted")).Status);
    }

    [Theory]
    [InlineData("""{ "ssoTokens": [ { "accessToken": "t", "accountId": "12", "roleName": "R" } ] }""", "is not 12 digits")]
    [InlineData("""{ "ssoTokens": [ { "accessToken": "", "accountId": "123456789012", "roleName": "R" } ] }""", "need an accessToken")]
    [InlineData("""{ "ssoTokens": [ { "accessToken": "t", "accountId": "123456789012" } ] }""", "roleName")]
    [InlineData("""{ "ssoTokens": [ { "accessToken": "t", "accountId": "123456789012", "roleName": "R", "expires": 1 } ] }""", "expires")]
    public async Task Invalid_token_seeds_are_refused(string json, string problem)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await _ecr.Client.Http.PostAsync(new Uri(Endpoint, "_localecr/seed"), content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync());
    }

    private static void AssertError(SsoResult result, int status, string errorType, string message)
    {
        Assert.Equal(status, (int)result.Status);
        Assert.Equal(errorType, result.ErrorType);
        Assert.Equal(message, result.Message);
    }
}
