using System.Text.RegularExpressions;
using System.Threading.Tasks;
using EcrTools.Client;
using EcrTools.Client.Model;
using Xunit;

namespace EcrTools.Tests.Client
{
    /// <summary>What each operation puts on the wire, as the stub endpoint received it.</summary>
    public class MarshallingTests
    {
        [Theory]
        [MemberData(nameof(ServiceModel.OperationNames), MemberType = typeof(ServiceModel))]
        public async Task EveryOperationIsASignedJsonPostToTheRoot(string operationName)
        {
            ModelOperation operation = ServiceModel.Instance.Operations[operationName];
            object request = ModelSamples.Create(operation.Input);
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            using EcrClient client = server.CreateClient(region: "ap-southeast-2");

            await operation.InvokeAsync(client, request);

            RecordedRequest sent = server.SingleRequest;
            Assert.Equal("POST", sent.Method);
            Assert.Equal("/", sent.Path);
            Assert.Equal("AmazonEC2ContainerRegistry_V20150921." + operationName, sent.Headers["X-Amz-Target"]);
            Assert.Equal("application/x-amz-json-1.1", sent.Headers["Content-Type"]);
            Assert.Equal("identity", sent.Headers["Accept-Encoding"]);
            Assert.Matches(
                new Regex($@"^AWS4-HMAC-SHA256 Credential={StubEcrServer.AccessKeyId}/\d{{8}}/ap-southeast-2/ecr/aws4_request, SignedHeaders=[^ ]*x-amz-target[^ ]*, Signature=[0-9a-f]{{64}}$"),
                sent.Headers["Authorization"]);
            ModelSamples.AssertJsonEqual(ModelSamples.WriteJson(operation.Input, request), sent.BodyJson);
        }

        [Fact]
        public async Task OnlyMembersThatAreSetAreSent()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            using EcrClient client = server.CreateClient();

            await client.ListImagesAsync(new ListImagesRequest { RepositoryName = "team/app" });

            Assert.Equal("{\"repositoryName\":\"team/app\"}", server.SingleRequest.BodyText);
        }

        [Fact]
        public async Task TheManifestGoesOutByteForByte()
        {
            const string Manifest = "{\n  \"schemaVersion\": 2,\n  \"annotations\": {\"note\": \"<>&'+ \\\\ tab\there café 日本 🐳\"}\n}\n";
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            using EcrClient client = server.CreateClient();

            await client.PutImageAsync(new PutImageRequest { RepositoryName = "app", ImageManifest = Manifest, ImageTag = "v1+build" });

            RecordedRequest sent = server.SingleRequest;
            Assert.Equal(Manifest, (string?)sent.BodyJson["imageManifest"]);
            // Only what JSON must escape is escaped: quotes, backslashes and control characters, each the short way.
            string escaped = Manifest.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\t", "\\t");
            Assert.Contains("\"imageManifest\":\"" + escaped + "\"", sent.BodyText);
            Assert.DoesNotContain("\\u", sent.BodyText);
            Assert.Contains("\"imageTag\":\"v1+build\"", sent.BodyText);
        }

        [Fact]
        public async Task ControlCharactersAreEscapedAsJsonRequires()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            using EcrClient client = server.CreateClient();
            const string Manifest = "a\u0001b\u001fc\r\b\f";

            await client.PutImageAsync(new PutImageRequest { RepositoryName = "app", ImageManifest = Manifest });

            Assert.Contains("\"a\\u0001b\\u001fc\\r\\b\\f\"", server.SingleRequest.BodyText);
            Assert.Equal(Manifest, (string?)server.SingleRequest.BodyJson["imageManifest"]);
        }

        [Fact]
        public async Task ALargeManifestIsSentWhole()
        {
            string manifest = "{\"layers\": [\"" + new string('x', 1 << 20) + "\", \"é\"]}\n";
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            using EcrClient client = server.CreateClient();

            await client.PutImageAsync(new PutImageRequest { RepositoryName = "app", ImageManifest = manifest });

            Assert.Equal(manifest, (string?)server.SingleRequest.BodyJson["imageManifest"]);
        }
    }
}
