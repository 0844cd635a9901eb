using System;
using System.IO;
using System.Threading.Tasks;
using LocalEcr.Hosting;

namespace LocalEcr;

/// <summary>The process mode: <c>LocalEcr --port N --seed file.json [--exit-with-pid PID] ...</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CommandLine options;
        try
        {
            options = CommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + CommandLine.Usage);
            return 2;
        }

        LocalEcrServer server;
        try
        {
            server = await LocalEcrServer.StartAsync(new LocalEcrOptions { Port = options.Port, SeedFile = options.SeedFile });
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"LocalEcr could not start: {e.Message}");
            return 1;
        }

        await using (server)
        {
            // The one line a launcher waits for, once a signal would stop the server; everything else goes to stderr.
            var reason = await ProcessLifetime.WaitForStopAsync(options, whenListening: () =>
            {
                Console.Out.WriteLine($"LocalEcr listening on {server.Endpoint.GetLeftPart(UriPartial.Authority)}");
                Console.Out.Flush();
            });
            await Console.Error.WriteLineAsync($"LocalEcr stopping: {reason}");
        }

        return 0;
    }
}
