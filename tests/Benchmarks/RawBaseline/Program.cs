using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.Runtime;
using EcrTools.Client;
using EcrTools.Client.Connection;
using EcrTools.Client.Listing;
using EcrTools.Client.Model;
using LocalEcr;

namespace RawBaseline;

/// <summary>
/// The physical limit of an ECR listing against an endpoint: one HttpClient, SigV4-signed awsJson1_1 requests,
/// and a response parser that reads only <c>nextToken</c> and counts the listed items with Utf8JsonReader.
/// With <c>--via-client</c> the same listing goes through EcrTools.Client instead (EcrClient, configured as the
/// module's client pool configures it, and EcrPaginator), in C# without PowerShell: what the client library adds to
/// the raw loop, apart from what the cmdlets and PowerShell add. <c>DescribeImagesById</c> is the raw form of
/// <c>Get-EcrImageId | Get-EcrImage</c>: it lists the repository's ids (ListImages, PAGE_SIZE per page), then
/// describes them by id, 100 per DescribeImages request, sending each id as ListImages returned it; its items are the
/// images described.
/// <code>RawBaseline ListImages|DescribeImages|DescribeImagesById REPOSITORY PAGE_SIZE ENDPOINT REPETITIONS [--warmup N] [--settle-ms N] [--max-pages N] [--region R] [--via-client] [--stdin]</code>
/// Prints one JSON document: per timed repetition the wall time of the whole listing, the processor time the process
/// used meanwhile, its pages, its items, the round trip of each request (send to last byte parsed) and the methods
/// the runtime compiled meanwhile; each starts once the JIT is quiet, after a warm-up that lasts until it is steady. With
/// <c>--stdin</c> it stays up after the warm-up, prints <c>{"ready":true}</c>, and runs one timed listing per line of
/// standard input, printing each as one JSON line, so a harness can interleave single measurements with another
/// peer's; it ends at the end of input or after REPETITIONS listings. A line <c>run N</c> also times N listings run
/// straight after that one (see <see cref="ServeAsync"/>).
/// </summary>
internal static class Program
{
    private const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921.";

    // Steady state, as the harness defines it for the EcrTools session (Invoke-Benchmarks.ps1: $SteadyJitMethods, $MaxWarmupRuns).
    private const int SteadyJitMethods = 5;
    private const int MaxSteadyRuns = 60;
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");

    public static async Task<int> Main(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + Options.Usage);
            return 2;
        }

        string accessKeyId = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is { Length: > 0 } akid ? akid : "AKIDLOCALECREXAMPLE";
        string secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") is { Length: > 0 } s ? s : "localecr/secret/EXAMPLEKEY";
        string? sessionToken = Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN") is { Length: > 0 } t ? t : null;

        using var handler = new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        IListing lister = options.ViaClient
            ? new ClientLister(options, accessKeyId, secret, sessionToken)
            : new Lister(client, options, accessKeyId, secret, sessionToken);

        var runs = new List<Listing>();
        try
        {
            for (var i = 0; i < options.Warmup; i++)
            {
                await lister.ListAsync();
            }

            // Idle, as the harness lets the EcrTools session idle after its warm-up: tiered compilation
            // recompiles the warmed-up methods once no new method has been compiled for a while.
            await Task.Delay(options.SettleMs);

            // Then warm up until steady, as the harness does the EcrTools session: until a listing, started with the
            // JIT quiet, during which the runtime compiled at most a few methods.
            for (var i = 0; i < MaxSteadyRuns && (await TimedAsync(lister)).JitMethods > SteadyJitMethods; i++)
            {
            }

            if (options.Stdin)
            {
                await ServeAsync(lister, options);
                return 0;
            }

            for (var i = 0; i < options.Repetitions; i++)
            {
                runs.Add(await TimedAsync(lister));
            }
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or TaskCanceledException or EcrPagingException)
        {
            await Console.Error.WriteLineAsync($"RawBaseline: {e.Message}");
            return 1;
        }

        Write(options, runs);
        return 0;
    }

    /// <summary>
    /// One timed listing per line of standard input, each answered with one JSON line. A line <c>run N</c> (N ≥ 1) also
    /// runs N more listings straight after the timed one, with no wait: their first requests' round trips are
    /// reported apart, as <c>backToBackFirstRequestMs</c> (their median), a measure of the process kept busy.
    /// </summary>
    private static async Task ServeAsync(IListing lister, Options options)
    {
        using var stdout = Console.OpenStandardOutput();
        stdout.Write("{\"ready\":true}\n"u8);
        stdout.Flush();
        for (var i = 0; i < options.Repetitions && await Console.In.ReadLineAsync() is { } line; i++)
        {
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int more = words.Length == 2 && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0;
            var run = await TimedAsync(lister);
            var backToBack = new List<double>(more);
            for (var k = 0; k < more; k++)
            {
                backToBack.Add((await lister.ListAsync()).RequestMs[0]);
            }

            using (var json = new Utf8JsonWriter(stdout))
            {
                WriteRun(json, run, backToBack);
            }

            stdout.WriteByte((byte)'\n');
            stdout.Flush();
        }
    }

    /// <summary>
    /// One timed listing, started once the JIT is quiet (no method compiled for 150 ms, at most 15 s of waiting): a
    /// listing timed while tiered compilation recompiles hot methods in the background measures the compiler too.
    /// </summary>
    private static async Task<Listing> TimedAsync(IListing lister)
    {
        var waited = Stopwatch.StartNew();
        long before;
        do
        {
            before = JitInfo.GetCompiledMethodCount();
            await Task.Delay(150);
        }
        while (JitInfo.GetCompiledMethodCount() != before && waited.Elapsed < TimeSpan.FromSeconds(15));

        long compiled = JitInfo.GetCompiledMethodCount();
        Listing run = await lister.ListAsync();
        return run with { JitMethods = JitInfo.GetCompiledMethodCount() - compiled };
    }

    private static void WriteRun(Utf8JsonWriter json, Listing run, List<double>? backToBack = null)
    {
        var sorted = run.RequestMs.OrderBy(ms => ms).ToArray();
        json.WriteStartObject();
        json.WriteNumber("ms", Math.Round(run.TotalMs, 3));
        json.WriteNumber("cpuMs", Math.Round(run.CpuMs, 3));
        json.WriteNumber("pages", run.RequestMs.Count);
        json.WriteNumber("items", run.Items);
        json.WriteNumber("firstRequestMs", Math.Round(run.RequestMs[0], 3));
        json.WriteNumber("requestMsMin", Math.Round(sorted[0], 3));
        json.WriteNumber("requestMsMedian", Math.Round(sorted[sorted.Length / 2], 3));
        json.WriteNumber("requestMsMax", Math.Round(sorted[^1], 3));
        json.WriteNumber("jitMethods", run.JitMethods);
        if (backToBack is { Count: > 0 })
        {
            json.WriteNumber("backToBackFirstRequestMs", Math.Round(backToBack.OrderBy(ms => ms).ElementAt(backToBack.Count / 2), 3));
        }

        json.WriteEndObject();
    }

    private static void Write(Options options, List<Listing> runs)
    {
        using var stdout = Console.OpenStandardOutput();
        using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("operation", options.Operation);
        json.WriteString("repository", options.Repository);
        json.WriteNumber("pageSize", options.PageSize);
        json.WriteNumber("warmup", options.Warmup);
        json.WriteNumber("maxPages", options.MaxPages);
        json.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
        json.WriteStartArray("runs");
        foreach (var run in runs)
        {
            WriteRun(json, run);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stdout.WriteByte((byte)'\n');
    }

    /// <param name="JitMethods">Methods the runtime compiled during the listing (set by <see cref="TimedAsync"/>).</param>
    private sealed record Listing(double TotalMs, double CpuMs, long Items, List<double> RequestMs, long JitMethods = 0);

    private interface IListing
    {
        /// <summary>One timed listing: every page, or --max-pages of them.</summary>
        Task<Listing> ListAsync();
    }

    // The whole process's processor time (all threads, user and kernel), read outside the timed part.
    private static TimeSpan ProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>
    /// The listing through EcrTools.Client: the module's client configuration for an endpoint URL and keys, and
    /// EcrPaginator's pages; each request is timed from asking for the page to having it parsed into the model.
    /// </summary>
    private sealed class ClientLister : IListing
    {
        private readonly IEcrClient _client;
        private readonly Options _options;

        public ClientLister(Options options, string accessKeyId, string secret, string? sessionToken)
        {
            _options = options;
            AWSCredentials credentials = sessionToken is null
                ? new BasicAWSCredentials(accessKeyId, secret)
                : new SessionAWSCredentials(accessKeyId, secret, sessionToken);
            var settings = new EcrConnectionSettings(options.Region, options.Endpoint.ToString(), credentials);
            _client = new EcrClient(credentials, EcrClientPool.CreateConfig(settings));
        }

        public async Task<Listing> ListAsync()
        {
            var requestMs = new List<double>();
            long items = 0;
            TimeSpan cpuBefore = ProcessorTime();
            var total = Stopwatch.StartNew();
            IAsyncEnumerable<int> pages = _options.Operation switch
            {
                "ListImages" => Counts(EcrPaginator.ListImagesPagesAsync(_client, ListRequest()), page => page.ImageIds?.Count ?? 0),
                "DescribeImages" => Counts(EcrPaginator.DescribeImagesPagesAsync(_client, new DescribeImagesRequest { RepositoryName = _options.Repository, MaxResults = _options.PageSize }), page => page.ImageDetails?.Count ?? 0),
                _ => ListThenDescribe(),
            };
            await using (var pageCounts = pages.GetAsyncEnumerator())
            {
                var request = Stopwatch.StartNew();
                while (await pageCounts.MoveNextAsync().ConfigureAwait(false))
                {
                    items += pageCounts.Current;
                    requestMs.Add(request.Elapsed.TotalMilliseconds);
                    if (_options.MaxPages != 0 && requestMs.Count >= _options.MaxPages)
                    {
                        break;
                    }

                    request.Restart();
                }
            }

            double totalMs = total.Elapsed.TotalMilliseconds;
            return new Listing(totalMs, (ProcessorTime() - cpuBefore).TotalMilliseconds, items, requestMs);
        }

        private ListImagesRequest ListRequest() => new() { RepositoryName = _options.Repository, MaxResults = _options.PageSize };

        /// <summary>
        /// What Get-EcrImageId | Get-EcrImage asks of the client library: the ids page by page, then the images by id
        /// (ImageListings.DescribeImagesByIdAsync, called for each 100 ids as the cmdlet calls it). One count per
        /// request; the listing's pages count 0.
        /// </summary>
        private async IAsyncEnumerable<int> ListThenDescribe()
        {
            var ids = new List<ImageIdentifier>();
            await foreach (var page in ImageListings.ListImageIdsAsync(_client, ListRequest()).ConfigureAwait(false))
            {
                ids.AddRange(page.Items);
                yield return 0;
            }

            // As Get-EcrImage does with piped ids: one lookup of each 100.
            for (var start = 0; start < ids.Count; start += ImageListings.MaxIdsPerRequest)
            {
                var batch = ids.GetRange(start, Math.Min(ImageListings.MaxIdsPerRequest, ids.Count - start));
                await foreach (var page in ImageListings.DescribeImagesByIdAsync(_client, _options.Repository, null, batch).ConfigureAwait(false))
                {
                    yield return page.Items.Count;
                }
            }
        }

        private static async IAsyncEnumerable<int> Counts<TPage>(IAsyncEnumerable<TPage> pages, Func<TPage, int> count)
        {
            await foreach (TPage page in pages.ConfigureAwait(false))
            {
                yield return count(page);
            }
        }
    }

    private sealed class Lister : IListing
    {
        private readonly HttpClient _client;
        private readonly Options _options;
        private readonly string _accessKeyId;
        private readonly string _secret;
        private readonly string? _sessionToken;

        public Lister(HttpClient client, Options options, string accessKeyId, string secret, string? sessionToken)
        {
            _client = client;
            _options = options;
            _accessKeyId = accessKeyId;
            _secret = secret;
            _sessionToken = sessionToken;
        }

        public async Task<Listing> ListAsync()
        {
            var requestMs = new List<double>();
            TimeSpan cpuBefore = ProcessorTime();
            var total = Stopwatch.StartNew();
            long items;
            if (_options.Operation == "DescribeImagesById")
            {
                // Each id's JSON as ListImages returned it, sent back as is.
                var ids = new List<ReadOnlyMemory<byte>>();
                await PagesAsync("ListImages", "imageIds"u8.ToArray(), requestMs, ids).ConfigureAwait(false);
                items = 0;
                for (var start = 0; start < ids.Count; start += ImageListings.MaxIdsPerRequest)
                {
                    byte[] payload = await SendAsync("DescribeImages", LookupBody(ids, start, Math.Min(ImageListings.MaxIdsPerRequest, ids.Count - start)), requestMs).ConfigureAwait(false);
                    items += Parse(payload, "imageDetails"u8, null).Count;
                }
            }
            else
            {
                items = await PagesAsync(_options.Operation, _options.Operation == "ListImages" ? "imageIds"u8.ToArray() : "imageDetails"u8.ToArray(), requestMs, null).ConfigureAwait(false);
            }

            double totalMs = total.Elapsed.TotalMilliseconds;
            return new Listing(totalMs, (ProcessorTime() - cpuBefore).TotalMilliseconds, items, requestMs);
        }

        /// <summary>Every page of a listing (or --max-pages of them); returns the items counted, keeping each one's JSON in <paramref name="keep"/>.</summary>
        private async Task<long> PagesAsync(string operation, byte[] itemsProperty, List<double> requestMs, List<ReadOnlyMemory<byte>>? keep)
        {
            long items = 0;
            string? nextToken = null;
            do
            {
                byte[] payload = await SendAsync(operation, PageBody(nextToken), requestMs).ConfigureAwait(false);
                (long count, nextToken) = Parse(payload, itemsProperty, keep);
                items += count;
            }
            while (nextToken is not null && (_options.MaxPages == 0 || requestMs.Count < _options.MaxPages));
            return items;
        }

        /// <summary>One signed request; its round trip (body signed to response read) is added to <paramref name="requestMs"/>.</summary>
        private async Task<byte[]> SendAsync(string operation, byte[] body, List<double> requestMs)
        {
            var request = Stopwatch.StartNew();
            using var message = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint) { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = JsonContentType;
            message.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + operation);
            SigV4.Sign(message, body, _accessKeyId, _secret, _options.Region, "ecr", DateTime.UtcNow, _sessionToken);
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            byte[] payload = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidDataException($"{operation} answered HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(payload)}");
            }

            requestMs.Add(request.Elapsed.TotalMilliseconds);
            return payload;
        }

        private byte[] PageBody(string? nextToken) => Body(json =>
        {
            json.WriteNumber("maxResults", _options.PageSize);
            if (nextToken is not null)
            {
                json.WriteString("nextToken", nextToken);
            }
        });

        private byte[] LookupBody(List<ReadOnlyMemory<byte>> ids, int start, int count) => Body(json =>
        {
            json.WriteStartArray("imageIds");
            for (var i = start; i < start + count; i++)
            {
                json.WriteRawValue(ids[i].Span, skipInputValidation: true);
            }

            json.WriteEndArray();
        });

        private byte[] Body(Action<Utf8JsonWriter> members)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("repositoryName", _options.Repository);
                members(json);
                json.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }

        /// <summary>
        /// Counts the elements of the top-level item array and reads nextToken; nothing else is decoded. Each element's
        /// JSON is added to <paramref name="keep"/> when given.
        /// </summary>
        private static (long Count, string? NextToken) Parse(byte[] payload, ReadOnlySpan<byte> itemsProperty, List<ReadOnlyMemory<byte>>? keep)
        {
            var reader = new Utf8JsonReader(payload);
            long count = 0;
            string? nextToken = null;
            bool inItems = false;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                        if (reader.ValueTextEquals("nextToken"u8))
                        {
                            reader.Read();
                            nextToken = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        }
                        else
                        {
                            inItems = reader.ValueTextEquals(itemsProperty);
                        }

                        break;
                    case JsonTokenType.StartObject when inItems && reader.CurrentDepth == 2:
                        count++;
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        keep?.Add(payload.AsMemory(start, (int)reader.BytesConsumed - start));
                        break;
                    case JsonTokenType.EndArray when reader.CurrentDepth == 1:
                        inItems = false;
                        break;
                }
            }

            return (count, nextToken);
        }
    }

    private sealed record Options(string Operation, string Repository, int PageSize, Uri Endpoint, int Repetitions, int Warmup, int SettleMs, int MaxPages, string Region, bool ViaClient, bool Stdin)
    {
        public const string Usage =
            "Usage: RawBaseline ListImages|DescribeImages|DescribeImagesById REPOSITORY PAGE_SIZE ENDPOINT REPETITIONS [--warmup N] [--settle-ms N] [--max-pages N] [--region R] [--via-client] [--stdin]\n" +
            "  PAGE_SIZE      maxResults, 1 to 1000 (DescribeImagesById: of its ListImages requests)\n" +
            "  REPETITIONS    timed listings (each follows nextToken to the end, or to --max-pages)\n" +
            "  --warmup N     untimed listings first (default 1)\n" +
            "  --settle-ms N  idle this long after the warm-up (default 0)\n" +
            "  --max-pages N  stop each listing after N requests (default 0: all pages)\n" +
            "  --region R     signing region (default us-east-1)\n" +
            "  --via-client   list through EcrTools.Client (EcrClient and EcrPaginator) instead of the raw HttpClient loop\n" +
            "  --stdin        after the warm-up print {\"ready\":true}, then one timed listing per input line, one JSON line each;\n" +
            "                a line 'run N' also times N listings straight after it (backToBackFirstRequestMs: their median)\n" +
            "Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN), else LocalEcr's default key pair.";

        public static Options Parse(string[] args)
        {
            var positional = new List<string>();
            int warmup = 1, settleMs = 0, maxPages = 0;
            string region = "us-east-1";
            bool stdin = false, viaClient = false;
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--warmup": warmup = Number(Value(), "--warmup", 0, 1000); break;
                    case "--settle-ms": settleMs = Number(Value(), "--settle-ms", 0, 60000); break;
                    case "--max-pages": maxPages = Number(Value(), "--max-pages", 0, int.MaxValue); break;
                    case "--region": region = Value(); break;
                    case "--via-client": viaClient = true; break;
                    case "--stdin": stdin = true; break;
                    default:
                        if (args[i].StartsWith("--", StringComparison.Ordinal))
                        {
                            throw new ArgumentException($"Unknown option '{args[i]}'.");
                        }

                        positional.Add(args[i]);
                        break;
                }
            }

            if (positional.Count != 5)
            {
                throw new ArgumentException("Expected 5 arguments: operation, repository, page size, endpoint, repetitions.");
            }

            string operation = positional[0] is "ListImages" or "DescribeImages" or "DescribeImagesById"
                ? positional[0]
                : throw new ArgumentException($"Unknown operation '{positional[0]}': ListImages, DescribeImages or DescribeImagesById.");
            if (!Uri.TryCreate(positional[3], UriKind.Absolute, out var endpoint) || !endpoint.IsLoopback)
            {
                throw new ArgumentException($"The endpoint '{positional[3]}' must be an absolute loopback URL.");
            }

            return new Options(
                operation,
                positional[1],
                Number(positional[2], "PAGE_SIZE", 1, 1000),
                endpoint,
                Number(positional[4], "REPETITIONS", 1, 100000),
                warmup,
                settleMs,
                maxPages,
                region,
                viaClient,
                stdin);
        }

        private static int Number(string text, string name, int min, int max) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n
                : throw new ArgumentException($"{name} must be a whole number from {min} to {max}.");
    }
}
