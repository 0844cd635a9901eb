using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using LocalEcr.Tests.Infrastructure;
using Xunit;

namespace LocalEcr.Tests;

/// <summary>The LocalEcr executable as launchers use it: start, read the ready line, call, stop.</summary>
public sealed class ProcessModeTests
{
    [Fact]
    public async Task It_prints_one_ready_line_serves_the_seed_and_exits_when_stdin_closes()
    {
        using var process = Start("--port", "0", "--seed", SampleSeed, "--exit-on-stdin-close", "--exit-with-pid", Environment.ProcessId.ToString());

        var line = await ReadLineAsync(process);
        var match = Regex.Match(line, @"^LocalEcr listening on (http://127\.0\.0\.1:\d+)$");
        Assert.True(match.Success, line);
        using var client = new EcrTestClient(new Uri(match.Groups[1].Value + "/"));
        var repositories = await client.SucceedAsync("DescribeRepositories", new { });
        Assert.True(repositories["repositories"].GetArrayLength() >= 4);

        process.StandardInput.Close();
        Assert.True(await WaitForExitAsync(process), "LocalEcr did not exit after stdin closed");
        Assert.Equal(0, process.ExitCode);
        Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
    }

    [Fact]
    public async Task It_exits_after_its_maximum_runtime()
    {
        using var process = Start("--max-runtime-seconds", "1");

        Assert.StartsWith("LocalEcr listening on http://127.0.0.1:", await ReadLineAsync(process));
        Assert.True(await WaitForExitAsync(process));
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task It_exits_when_the_watched_process_ends()
    {
        using var watched = Process.Start(new ProcessStartInfo("sleep", "1") { UseShellExecute = false })!;
        using var process = Start("--exit-with-pid", watched.Id.ToString());

        Assert.StartsWith("LocalEcr listening on ", await ReadLineAsync(process));
        Assert.True(await WaitForExitAsync(process), "LocalEcr outlived the process it watched");
        Assert.Contains($"process {watched.Id} ended", await process.StandardError.ReadToEndAsync());
    }

    [Fact]
    public async Task It_stops_cleanly_on_sigterm()
    {
        using var process = Start();
        Assert.StartsWith("LocalEcr listening on ", await ReadLineAsync(process));

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(await WaitForExitAsync(process));
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("SIGTERM", await process.StandardError.ReadToEndAsync());
    }

    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--bogus")]
    [InlineData("--seed", "/nonexistent/seed.json")]
    public async Task Bad_arguments_fail_with_a_message(params string[] args)
    {
        using var process = Start(args);

        Assert.True(await WaitForExitAsync(process));
        Assert.NotEqual(0, process.ExitCode);
        Assert.NotEmpty(await process.StandardError.ReadToEndAsync());
    }

    private static string SampleSeed => Path.Combine(AppContext.BaseDirectory, "seed", "sample.json");

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LocalEcr.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static async Task<string> ReadLineAsync(Process process)
    {
        var line = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(line, Task.Delay(TimeSpan.FromSeconds(20))) != line)
        {
            process.Kill();
            throw new TimeoutException("LocalEcr printed no ready line.");
        }

        return await line ?? throw new InvalidOperationException("LocalEcr exited: " + await process.StandardError.ReadToEndAsync());
    }

    private static async Task<bool> WaitForExitAsync(Process process)
    {
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(10))) == exited)
        {
            return true;
        }

        process.Kill();
        return false;
    }
}
