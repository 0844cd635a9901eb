using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace LocalEcr.Hosting;

/// <summary>
/// Ends the process mode on its own, so a crashed test run never leaves a server behind: when the watched process
/// dies, after the maximum runtime, on Ctrl+C or SIGTERM, or when standard input closes (if asked).
/// </summary>
internal static class ProcessLifetime
{
    /// <summary>
    /// Completes with the reason for stopping. <paramref name="whenListening"/> runs once every way to stop is in place,
    /// so a launcher that signals the process as soon as it has announced itself is heard.
    /// </summary>
    public static async Task<string> WaitForStopAsync(CommandLine options, Action whenListening)
    {
        var stop = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        using var timeout = new Timer(_ => stop.TrySetResult("maximum runtime reached"), null, TimeSpan.FromSeconds(options.MaxRuntimeSeconds), Timeout.InfiniteTimeSpan);
        using var watch = options.ExitWithPid is { } pid
            ? new Timer(_ => { if (!IsRunning(pid)) stop.TrySetResult($"process {pid} ended"); }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1))
            : null;
        if (options.ExitOnStdinClose)
        {
            var reader = new Thread(() => { WaitForEndOfInput(); stop.TrySetResult("standard input closed"); }) { IsBackground = true, Name = "stdin watcher" };
            reader.Start();
        }

        whenListening();
        return await stop.Task;

        void Handle(PosixSignalContext context)
        {
            context.Cancel = true; // We stop cleanly ourselves instead of the runtime killing the process.
            stop.TrySetResult(context.Signal.ToString());
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void WaitForEndOfInput()
    {
        using var input = Console.OpenStandardInput();
        var buffer = new byte[256];
        try
        {
            while (input.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
    }
}
