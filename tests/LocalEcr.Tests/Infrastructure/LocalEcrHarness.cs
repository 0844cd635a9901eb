using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;

namespace LocalEcr.Tests.Infrastructure;

/// <summary>A LocalEcr server of a test's own, with a client for it; disposing stops both.</summary>
internal sealed class LocalEcrHarness : IAsyncDisposable
{
    private LocalEcrHarness(LocalEcrServer server)
    {
        Server = server;
        Client = new EcrTestClient(server.Endpoint);
    }

    public LocalEcrServer Server { get; }

    public EcrTestClient Client { get; }

    public static async Task<LocalEcrHarness> StartAsync(SeedDocument? seed = null) =>
        new(await LocalEcrServer.StartAsync(new LocalEcrOptions { Seed = seed }));

    /// <summary>Calls the control API and returns its JSON answer.</summary>
    public async Task<JsonElement> ControlAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Server.Endpoint, path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Client.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
