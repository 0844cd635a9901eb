using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Amazon.Runtime;
using EcrTools.Client;
using EcrTools.Client.Model;
using Xunit;

namespace EcrTools.Tests.Client
{
    /// <summary>How responses are read: every member, unknown members, timestamps, nulls and size.</summary>
    public class UnmarshallingTests
    {
        [Theory]
        [MemberData(nameof(ServiceModel.OperationNames), MemberType = typeof(ServiceModel))]
        public async Task UnknownMembersAtAnyDepthAreSkipped(string operationName)
        {
            ModelOperation operation = ServiceModel.Instance.Operations[operationName];
            JsonObject known = ModelSamples.WriteJson(operation.Output, ModelSamples.Create(operation.Output));
            JsonNode withUnknown = known.DeepClone();
            AddUnknownMembers(operation.Output, withUnknown);
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Ok(withUnknown));
            using EcrClient client = server.CreateClient();

            object response = await operation.InvokeAsync(client, ModelSamples.Create(operation.Input));

            ModelSamples.AssertJsonEqual(known, ModelSamples.WriteJson(operation.Output, response));
        }

        [Theory]
        [InlineData("1499287667.123", 123)]
        [InlineData("1499287667", 0)]
        [InlineData("1499287667.1239", 123)]
        public async Task EpochSecondsBecomeUtcTimes(string epochSeconds, int milliseconds)
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Ok($"{{\"imageDetails\":[{{\"imageDigest\":\"sha256:aa\",\"imagePushedAt\":{epochSeconds}}}]}}"));
            using EcrClient client = server.CreateClient();

            DescribeImagesResponse response = await client.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "app" });

            DateTime pushedAt = Assert.Single(response.ImageDetails!).ImagePushedAt!.Value;
            Assert.Equal(new DateTime(2017, 7, 5, 20, 47, 47, milliseconds, DateTimeKind.Utc), pushedAt);
            Assert.Equal(DateTimeKind.Utc, pushedAt.Kind);
        }

        [Fact]
        public async Task NullsAndAbsentMembersStayNull()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Ok("{\"imageDetails\":[{\"imageDigest\":null,\"imageScanStatus\":null,\"imageTags\":null},null],\"nextToken\":null}"));
            using EcrClient client = server.CreateClient();

            DescribeImagesResponse response = await client.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "app" });

            ImageDetail detail = Assert.Single(response.ImageDetails!);
            Assert.Null(detail.ImageDigest);
            Assert.Null(detail.ImageScanStatus);
            Assert.Null(detail.ImageTags);
            Assert.Null(response.NextToken);
        }

        [Fact]
        public async Task AnEmptyObjectIsAnEmptyResponseWithTheRequestId()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            using EcrClient client = server.CreateClient();

            ListImagesResponse response = await client.ListImagesAsync(new ListImagesRequest { RepositoryName = "app" });

            Assert.Null(response.ImageIds);
            Assert.Null(response.NextToken);
            Assert.Equal(StubEcrServer.RequestId, response.ResponseMetadata.RequestId);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1000)]
        public async Task AFullListImagesPageIsRead(int chunkSize)
        {
            var ids = new JsonArray(Enumerable.Range(0, 1000)
                .Select(i => (JsonNode)new JsonObject { ["imageDigest"] = $"sha256:{i:x64}", ["imageTag"] = $"v{i}" })
                .ToArray());
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Ok(new JsonObject { ["imageIds"] = ids, ["nextToken"] = "next" }).InChunksOf(chunkSize));
            using EcrClient client = server.CreateClient();

            ListImagesResponse response = await client.ListImagesAsync(new ListImagesRequest { RepositoryName = "app", MaxResults = 1000 });

            Assert.Equal(1000, response.ImageIds!.Count);
            Assert.Equal($"sha256:{999:x64}", response.ImageIds[999].ImageDigest);
            Assert.Equal("v999", response.ImageIds[999].ImageTag);
            Assert.Equal("next", response.NextToken);
        }

        [Fact]
        public async Task ScalarsAreReadAsCoresUnmarshallersReadThem()
        {
            // A number or boolean where a string belongs keeps its text; numbers and timestamps may come as strings;
            // timestamps are epoch seconds to the millisecond, or dates taken as UTC; member names may be escaped;
            // trailing commas are accepted.
            const string body = "{\"imageDetails\":[{\"image\\u0044igest\":\"sha256:aa\",\"imageTags\":[\"v1\",2.50,true,],"
                + "\"imageSizeInBytes\":\"42\",\"imagePushedAt\":\"1499287667.5\",\"lastRecordedPullTime\":\"2017-07-05T22:47:47+02:00\","
                + "\"imageScanFindingsSummary\":{\"findingSeverityCounts\":{\"HIGH\":\"3\",\"LOW\":1,},\"imageScanCompletedAt\":1.5e9},},],}";
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Ok(body));
            using EcrClient client = server.CreateClient();

            DescribeImagesResponse response = await client.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "app" });

            ImageDetail detail = Assert.Single(response.ImageDetails!);
            Assert.Equal("sha256:aa", detail.ImageDigest);
            Assert.Equal(new[] { "v1", "2.50", "True" }, detail.ImageTags);
            Assert.Equal(42, detail.ImageSizeInBytes);
            Assert.Equal(new DateTime(2017, 7, 5, 20, 47, 47, 500, DateTimeKind.Utc), detail.ImagePushedAt);
            Assert.Equal(new DateTime(2017, 7, 5, 20, 47, 47, DateTimeKind.Utc), detail.LastRecordedPullTime);
            Assert.Equal(DateTimeKind.Utc, detail.LastRecordedPullTime!.Value.Kind);
            Assert.Equal(new Dictionary<string, int> { ["HIGH"] = 3, ["LOW"] = 1 }, detail.ImageScanFindingsSummary!.FindingSeverityCounts);
            Assert.Equal(new DateTime(2017, 7, 14, 2, 40, 0, DateTimeKind.Utc), detail.ImageScanFindingsSummary.ImageScanCompletedAt);
        }

        [Theory]
        [InlineData("5000000000", 5000000000L, 2)]
        [InlineData("123.0", 123L, 2)]
        [InlineData("1.5E9", 1500000000L, 2)]
        [InlineData("\"5e9\"", 5000000000L, 2)]
        public async Task WholeNumbersAreReadHoweverJsonWritesThem(string size, long expected, int count)
        {
            string body = "{\"imageDetails\":[{\"imageSizeInBytes\":" + size + ",\"imageScanFindingsSummary\":{\"findingSeverityCounts\":{\"HIGH\":2.0,\"LOW\":\"2E0\"}}}]}";
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Ok(body));
            using EcrClient client = server.CreateClient();

            DescribeImagesResponse response = await client.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "app" });

            ImageDetail detail = Assert.Single(response.ImageDetails!);
            Assert.Equal(expected, detail.ImageSizeInBytes);
            Assert.Equal(new Dictionary<string, int> { ["HIGH"] = count, ["LOW"] = count }, detail.ImageScanFindingsSummary!.FindingSeverityCounts);
        }

        [Theory]
        [InlineData("1.5")]
        [InlineData("1e40")]
        public async Task ASizeThatIsNoWholeNumberOfTheMembersRangeFailsTheResponse(string size)
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Ok("{\"imageDetails\":[{\"imageSizeInBytes\":" + size + "}]}"));
            using EcrClient client = server.CreateClient();

            var failure = await Assert.ThrowsAsync<AmazonUnmarshallingException>(() => client.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "app" }));
            Assert.True(failure.InnerException is FormatException || failure.InnerException is OverflowException, failure.InnerException?.ToString());
        }

        [Fact]
        public async Task AByteOrderMarkBeforeTheBodyIsSkipped()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Ok("\uFEFF{\"imageIds\":[{\"imageTag\":\"v1\"}],\"nextToken\":\"t\"}"));
            using EcrClient client = server.CreateClient();

            ListImagesResponse response = await client.ListImagesAsync(new ListImagesRequest { RepositoryName = "app" });

            Assert.Equal("v1", Assert.Single(response.ImageIds!).ImageTag);
            Assert.Equal("t", response.NextToken);
        }

        [Fact]
        public async Task AnEmptyBodyIsAnEmptyResponse()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Ok(string.Empty));
            using EcrClient client = server.CreateClient();

            ListImagesResponse response = await client.ListImagesAsync(new ListImagesRequest { RepositoryName = "app" });

            Assert.Null(response.ImageIds);
            Assert.Equal(StubEcrServer.RequestId, response.ResponseMetadata.RequestId);
        }

        [Fact]
        public async Task AResponseThatIsNotTheShapesJsonIsAnError()
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Ok("{\"imageDetails\":{\"imageDigest\":\"sha256:aa\"}}"));
            using EcrClient client = server.CreateClient();

            var error = await Assert.ThrowsAsync<AmazonUnmarshallingException>(() => client.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "app" }));

            Assert.Equal(StubEcrServer.RequestId, error.RequestId);
            Assert.Contains("StartObject where the response has a list", error.InnerException!.Message);
        }

        [Fact]
        public async Task ALargeManifestIsReadExactly()
        {
            string manifest = "{\"layers\": [\"" + new string('x', 300_000) + "\", \"é 🐳\"]}\n";
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Ok(new JsonObject { ["images"] = new JsonArray(new JsonObject { ["imageManifest"] = manifest }) }));
            using EcrClient client = server.CreateClient();

            BatchGetImageResponse response = await client.BatchGetImageAsync(new BatchGetImageRequest { RepositoryName = "app" });

            Assert.Equal(manifest, Assert.Single(response.Images!).ImageManifest);
        }

        /// <summary>Adds members of every JSON kind to every structure in the tree, the root included.</summary>
        private static void AddUnknownMembers(string shapeName, JsonNode? node)
        {
            ModelShape shape = ServiceModel.Instance.Shape(shapeName);
            switch (node)
            {
                case JsonObject json when shape.Type == "structure":
                    foreach ((string member, JsonNode? value) in json.ToArray())
                    {
                        AddUnknownMembers(shape.Members[member], value);
                    }

                    json.Insert(0, "unknownObject", new JsonObject { ["imageIds"] = new JsonArray(1, "x", new JsonObject { ["nextToken"] = "no" }) });
                    json["unknownArray"] = new JsonArray(new JsonObject { ["image"] = null }, new JsonArray());
                    json["unknownNumber"] = 1.5;
                    json["unknownString"] = "imageIds";
                    json["unknownNull"] = null;
                    json["unknownBoolean"] = false;
                    break;
                case JsonArray array:
                    foreach (JsonNode? element in array)
                    {
                        AddUnknownMembers(shape.ElementShape!, element);
                    }

                    break;
            }
        }
    }
}
