using System.Net;
using System.Threading.Tasks;
using Amazon.Runtime.Internal;
using EcrTools.Client;
using EcrTools.Client.Model;
using Xunit;

namespace EcrTools.Tests.Client
{
    /// <summary>Core's standard retry mode with ECR's errors. Throttling retries back off about a second each.</summary>
    public class RetryTests
    {
        [Fact]
        public async Task ThrottlingIsRetriedUntilItSucceeds()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Error("ThrottlingException", "Rate exceeded"), StubResponse.Error("ThrottlingException", "Rate exceeded"), StubResponse.Ok("{\"nextToken\":\"done\"}"));
            using EcrClient client = server.CreateClient(maxAttempts: 3);

            ListImagesResponse response = await client.ListImagesAsync(new ListImagesRequest { RepositoryName = "app" });

            Assert.Equal("done", response.NextToken);
            Assert.Equal(3, server.Requests.Count);
        }

        [Fact]
        public async Task WithOneAttemptThrottlingFailsAtOnce()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Error("ThrottlingException", "Rate exceeded"), StubResponse.Ok("{}"));
            using EcrClient client = server.CreateClient(maxAttempts: 1);

            var exception = await Assert.ThrowsAsync<EcrServiceException>(() => client.ListImagesAsync(new ListImagesRequest { RepositoryName = "app" }));

            Assert.Equal("ThrottlingException", exception.ErrorCode);
            Assert.Single(server.Requests);
        }

        [Theory]
        [InlineData("LimitExceededException", HttpStatusCode.BadRequest)]
        [InlineData("ServerException", HttpStatusCode.InternalServerError)]
        [InlineData("ServiceUnavailable", HttpStatusCode.ServiceUnavailable)]
        public async Task ThrottlingAndServerErrorsAreRetried(string errorCode, HttpStatusCode status)
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Error(errorCode, status: status), StubResponse.Ok("{}"));
            using EcrClient client = server.CreateClient(maxAttempts: 2);

            await client.ListImagesAsync(new ListImagesRequest { RepositoryName = "app" });

            Assert.Equal(2, server.Requests.Count);
        }

        [Fact]
        public async Task ClientErrorsAreNotRetried()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Error("RepositoryNotFoundException"));
            using EcrClient client = server.CreateClient(maxAttempts: 3);

            await Assert.ThrowsAsync<RepositoryNotFoundException>(() => client.ListImagesAsync(new ListImagesRequest { RepositoryName = "app" }));

            Assert.Single(server.Requests);
        }

        [Fact]
        public void StandardModeCountsLimitExceededAndThrottlingAsThrottling()
        {
            var policy = new StandardRetryPolicy(new EcrClientConfig { ServiceURL = "http://127.0.0.1:1" });

            Assert.True(policy.IsThrottlingError(new LimitExceededException("quota")));
            Assert.True(policy.IsThrottlingError(new EcrServiceException("Rate exceeded") { ErrorCode = "ThrottlingException" }));
            Assert.False(policy.IsThrottlingError(new InvalidParameterException("bad")));
        }
    }
}
