using System;
using System.Collections.Generic;
using System.Globalization;

namespace LocalEcr.Hosting;

/// <summary>The process mode's arguments.</summary>
internal sealed record CommandLine(
    int Port, string? SeedFile, int? ExitWithPid, int MaxRuntimeSeconds, bool ExitOnStdinClose)
{
    public const string Usage =
        "Usage: LocalEcr [--port N] [--seed file.json] [--exit-with-pid PID] [--max-runtime-seconds S] [--exit-on-stdin-close]\n" +
        "  --port N                 loopback port, 0 (default) for any free port\n" +
        "  --seed file.json         seed document to start from\n" +
        "  --exit-with-pid PID      exit when that process ends (checked every second)\n" +
        "  --max-runtime-seconds S  exit after S seconds (default 3600)\n" +
        "  --exit-on-stdin-close    exit when standard input is closed\n" +
        "Prints 'LocalEcr listening on http://127.0.0.1:PORT' when ready; Ctrl+C or SIGTERM stops it.";

    public const int DefaultMaxRuntimeSeconds = 3600;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message fit for the user.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine(0, null, null, DefaultMaxRuntimeSeconds, false);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a whole number of at least {min}.");

            result = args[i] switch
            {
                "--port" => result with { Port = Number(0) },
                "--seed" => result with { SeedFile = Value() },
                "--exit-with-pid" => result with { ExitWithPid = Number(1) },
                "--max-runtime-seconds" => result with { MaxRuntimeSeconds = Number(1) },
                "--exit-on-stdin-close" => result with { ExitOnStdinClose = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        return result.Port <= 65535 ? result : throw new ArgumentException("--port must be at most 65535.");
    }
}
