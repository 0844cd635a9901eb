using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Amazon.Runtime;
using EcrTools.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EcrTools.Tests.Client
{
    /// <summary>One request as the stub received it, body bytes untouched.</summary>
    internal sealed class RecordedRequest
    {
        public RecordedRequest(string method, string path, IReadOnlyDictionary<string, string> headers, byte[] body)
        {
            Method = method;
            Path = path;
            Headers = headers;
            Body = body;
        }

        public string Method { get; }

        public string Path { get; }

        /// <summary>Header values by case-insensitive name.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        public byte[] Body { get; }

        public string BodyText => Encoding.UTF8.GetString(Body);

        public JsonNode BodyJson => JsonNode.Parse(Body) ?? throw new InvalidDataException("The request body is JSON null.");
    }

    /// <summary>A canned answer; the request id header is always added.</summary>
    internal sealed class StubResponse
    {
        public StubResponse(HttpStatusCode status, string body, IReadOnlyDictionary<string, string>? headers = null)
        {
            Status = status;
            Body = body;
            Headers = headers ?? new Dictionary<string, string>();
        }

        public HttpStatusCode Status { get; }

        public string Body { get; }

        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>Sent without a Content-Length, in pieces of this many bytes, each flushed (0: whole, with its length).</summary>
        public int ChunkSize { get; private set; }

        public static StubResponse Ok(string body) => new StubResponse(HttpStatusCode.OK, body);

        public static StubResponse Ok(JsonNode body) => Ok(body.ToJsonString());

        public static StubResponse Error(string errorType, string message = "stub error", HttpStatusCode status = HttpStatusCode.BadRequest) =>
            new StubResponse(status, new JsonObject { ["__type"] = errorType, ["message"] = message }.ToJsonString());

        public StubResponse InChunksOf(int chunkSize)
        {
            ChunkSize = chunkSize;
            return this;
        }
    }

    /// <summary>
    /// An ECR-shaped endpoint on 127.0.0.1 (a free port) that records each request and answers with the queued
    /// responses in order, then with <c>{}</c>.
    /// </summary>
    internal sealed class StubEcrServer : IAsyncDisposable
    {
        public const string RequestId = "stub-request-id";
        public const string AccessKeyId = "AKIDEXAMPLE";

        private readonly WebApplication _app;
        private readonly ConcurrentQueue<StubResponse> _responses = new ConcurrentQueue<StubResponse>();
        private readonly ConcurrentQueue<RecordedRequest> _requests = new ConcurrentQueue<RecordedRequest>();

        private StubEcrServer(WebApplication app)
        {
            _app = app;
            app.Run(HandleAsync);
        }

        public string Url { get; private set; } = string.Empty;

        public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

        public RecordedRequest SingleRequest => Assert.Single(_requests);

        public static async Task<StubEcrServer> StartAsync()
        {
            WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
            var server = new StubEcrServer(builder.Build());
            await server._app.StartAsync();
            server.Url = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return server;
        }

        public StubEcrServer Respond(params StubResponse[] responses)
        {
            foreach (StubResponse response in responses)
            {
                _responses.Enqueue(response);
            }

            return this;
        }

        /// <summary>A client for this stub, signing for <paramref name="region"/>, making at most <paramref name="maxAttempts"/> attempts.</summary>
        public EcrClient CreateClient(int maxAttempts = 1, string region = "eu-west-1") =>
            new EcrClient(Credentials, new EcrClientConfig
            {
                ServiceURL = Url,
                AuthenticationRegion = region,
                MaxErrorRetry = maxAttempts - 1,
                Timeout = TimeSpan.FromSeconds(10),
            });

        public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(AccessKeyId, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

        public ValueTask DisposeAsync() => _app.DisposeAsync();

        private async Task HandleAsync(HttpContext context)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, headers, body.ToArray()));

            StubResponse response = _responses.TryDequeue(out StubResponse? queued) ? queued : StubResponse.Ok("{}");
            context.Response.StatusCode = (int)response.Status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            context.Response.Headers["x-amzn-RequestId"] = RequestId;
            foreach (KeyValuePair<string, string> header in response.Headers)
            {
                context.Response.Headers[header.Key] = header.Value;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(response.Body);
            if (response.ChunkSize == 0)
            {
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes);
                return;
            }

            for (int offset = 0; offset < bytes.Length; offset += response.ChunkSize)
            {
                await context.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(response.ChunkSize, bytes.Length - offset)));
                await context.Response.Body.FlushAsync();
            }
        }
    }
}
