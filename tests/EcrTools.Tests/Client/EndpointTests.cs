using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using EcrTools.Client;
using Xunit;

namespace EcrTools.Tests.Client
{
    /// <summary>The 26 official endpoint-resolution cases (endpoint-tests.json), one theory case each.</summary>
    public class EndpointTests
    {
        private static readonly JsonElement[] Cases = LoadCases();

        public static IEnumerable<object[]> CaseDescriptions() =>
            Cases.Select((testCase, index) => new object[] { index, testCase.TryGetProperty("params", out JsonElement parameters) ? parameters.GetRawText() : "{}" });

        [Theory]
        [MemberData(nameof(CaseDescriptions))]
        public void ResolvesAsTheRuleSetTestsExpect(int index, string parameters)
        {
            JsonElement testCase = Cases[index];
            var endpointParameters = new EcrEndpointParameters();
            foreach (JsonProperty parameter in JsonDocument.Parse(parameters).RootElement.EnumerateObject())
            {
                endpointParameters[parameter.Name] = parameter.Value.ValueKind == JsonValueKind.String ? parameter.Value.GetString() : parameter.Value.GetBoolean();
            }

            JsonElement expect = testCase.GetProperty("expect");
            var provider = new EcrEndpointProvider();
            if (expect.TryGetProperty("error", out JsonElement error))
            {
                var exception = Assert.Throws<AmazonClientException>(() => provider.ResolveEndpoint(endpointParameters));
                Assert.Equal(error.GetString(), exception.Message);
            }
            else
            {
                Endpoint endpoint = provider.ResolveEndpoint(endpointParameters);
                Assert.Equal(expect.GetProperty("endpoint").GetProperty("url").GetString(), endpoint.URL);
            }
        }

        [Fact]
        public void TheFileHoldsTwentySixCases() => Assert.Equal(26, Cases.Length);

        private static JsonElement[] LoadCases()
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(TestData.PathOf("endpoint-tests.json")));
            return document.RootElement.GetProperty("testCases").EnumerateArray().Select(testCase => testCase.Clone()).ToArray();
        }
    }
}
