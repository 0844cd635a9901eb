using System;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using EcrTools.Client;
using EcrTools.Client.Model;
using Xunit;

namespace EcrTools.Tests.Client
{
    public class ClientConfigTests
    {
        [Fact]
        public void TheConfigNamesEcrAsGeneratedConfigsDo()
        {
            var config = new EcrClientConfig();

            Assert.Equal("ECR", config.ServiceId);
            Assert.Equal("ecr", config.AuthenticationServiceName);
            Assert.Equal("api.ecr", config.RegionEndpointServiceName);
            Assert.Equal("2015-09-21", config.ServiceVersion);
            Assert.IsType<EcrEndpointProvider>(config.EndpointProvider);
            Assert.Equal(RequestRetryMode.Standard, config.RetryMode);
            Assert.EndsWith(" lib/EcrTools#" + typeof(EcrClient).Assembly.GetName().Version!.ToString(3), config.UserAgent);
        }

        [Theory]
        [InlineData(false, false, "https://api.ecr.us-west-2.amazonaws.com")]
        [InlineData(true, false, "https://api.ecr-fips.us-west-2.amazonaws.com")]
        [InlineData(false, true, "https://ecr.us-west-2.api.aws")]
        public void ServiceOperationEndpointsComeFromTheRules(bool fips, bool dualStack, string url)
        {
            var config = new EcrClientConfig { RegionEndpoint = RegionEndpoint.USWest2, UseFIPSEndpoint = fips, UseDualstackEndpoint = dualStack };

            Endpoint endpoint = config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new ListImagesRequest()));

            Assert.Equal(url, endpoint.URL);
        }

        [Fact]
        public async Task RequestsNameEcrToolsInTheUserAgent()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            using EcrClient client = server.CreateClient();

            await client.ListImagesAsync(new ListImagesRequest { RepositoryName = "app" });

            string userAgent = server.SingleRequest.Headers["User-Agent"];
            Assert.Contains("lib/EcrTools#", userAgent);
            Assert.Contains("api/ECR", userAgent);
        }
    }

    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection
    {
        public const string Name = "Tests that set process environment variables";
    }

    /// <summary>Settings Core reads from the environment; these tests run alone because they change it.</summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public class EnvironmentSettingsTests
    {
        [Fact]
        public async Task AnEndpointUrlFromTheEnvironmentIsSignedForTheConfiguredRegion()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            using (SetEnvironment("AWS_ENDPOINT_URL_ECR", server.Url))
            {
                using var client = new EcrClient(StubEcrServer.Credentials, new EcrClientConfig { RegionEndpoint = RegionEndpoint.EUCentral1, MaxErrorRetry = 0 });
                await client.ListImagesAsync(new ListImagesRequest { RepositoryName = "app" });
            }

            Assert.Contains($"Credential={StubEcrServer.AccessKeyId}/", server.SingleRequest.Headers["Authorization"]);
            Assert.Contains("/eu-central-1/ecr/aws4_request", server.SingleRequest.Headers["Authorization"]);
        }

        [Fact]
        public async Task WithoutCredentialsTheDefaultChainIsUsed()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            using (SetEnvironment("AWS_ACCESS_KEY_ID", "AKIDFROMENVIRONMENT"))
            using (SetEnvironment("AWS_SECRET_ACCESS_KEY", "secret-from-environment"))
            {
                using var client = new EcrClient(new EcrClientConfig { ServiceURL = server.Url, AuthenticationRegion = "eu-west-1", MaxErrorRetry = 0 });
                await client.ListImagesAsync(new ListImagesRequest { RepositoryName = "app" });
            }

            Assert.Contains("Credential=AKIDFROMENVIRONMENT/", server.SingleRequest.Headers["Authorization"]);
        }

        private static IDisposable SetEnvironment(string name, string value)
        {
            Environment.SetEnvironmentVariable(name, value);
            return new EnvironmentVariableReset(name);
        }

        private sealed class EnvironmentVariableReset : IDisposable
        {
            private readonly string _name;

            public EnvironmentVariableReset(string name)
            {
                _name = name;
            }

            public void Dispose() => Environment.SetEnvironmentVariable(_name, null);
        }
    }
}
