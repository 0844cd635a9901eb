# Helpers for Invoke-Benchmarks.ps1: timed child processes, long-lived EcrTools sessions, statistics and
# number formatting. Every child process is started here, is bounded by a timeout, and is killed (by its own
# Process object, so by PID) when it overruns.

Set-StrictMode -Version Latest

$Invariant = [System.Globalization.CultureInfo]::InvariantCulture

function Get-Summary {
    # Median, min and max of a set of numbers; $null for an empty set.
    param([AllowEmptyCollection()] [double[]] $Values)
    if ($null -eq $Values -or $Values.Count -eq 0) { return $null }
    $sorted = [double[]]@($Values | Sort-Object)
    $n = $sorted.Count
    $middle = [int][Math]::Floor($n / 2)
    $median = if ($n % 2 -eq 1) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
    [pscustomobject]@{ Median = $median; Min = $sorted[0]; Max = $sorted[$n - 1]; Count = $n }
}

function New-RedirectedStartInfo {
    # How every child of the harness starts: its three standard streams redirected, no shell.
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @(), [string] $WorkingDirectory)
    $info = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($argument in $ArgumentList) { $info.ArgumentList.Add($argument) }
    $info.UseShellExecute = $false
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    if ($WorkingDirectory) { $info.WorkingDirectory = $WorkingDirectory }
    $info
}

function Invoke-TimedProcess {
    # Runs a process to its end and returns its wall time (start to exit), exit code and output. Standard input is
    # closed at once; the process is killed when it runs past the timeout.
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @(),
        [string] $WorkingDirectory,
        [int] $TimeoutSeconds = 120
    )
    $info = New-RedirectedStartInfo -FilePath $FilePath -ArgumentList $ArgumentList -WorkingDirectory $WorkingDirectory
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            $null = $process.WaitForExit(5000)
            throw "$FilePath $($ArgumentList -join ' ') did not finish within $TimeoutSeconds s and was stopped."
        }
        $ms = $clock.Elapsed.TotalMilliseconds
        $process.WaitForExit()
        $null = $stdout.Wait(10000)
        $null = $stderr.Wait(10000)
        [pscustomobject]@{
            Ms       = $ms
            ExitCode = $process.ExitCode
            Stdout   = $stdout.Result
            Stderr   = $stderr.Result
        }
    }
    finally {
        $process.Dispose()
    }
}

function Start-LinePeer {
    # Starts `dotnet <arguments>` with its standard streams redirected: a peer that answers one line per request on
    # standard output. Returns once $ReadAnswer (the peer's reader, called with the peer and the timeout) has read
    # its first answer, kept as .Ready; a peer that fails to give it is stopped.
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string[]] $ArgumentList,
        [Parameter(Mandatory)] [scriptblock] $ReadAnswer,
        [string] $WorkingDirectory,
        [int] $TimeoutSeconds
    )
    $info = New-RedirectedStartInfo -FilePath 'dotnet' -ArgumentList $ArgumentList -WorkingDirectory $WorkingDirectory
    $process = [System.Diagnostics.Process]::Start($info)
    $peer = [pscustomobject]@{
        Name    = $Name
        Process = $process
        Stderr  = $process.StandardError.ReadToEndAsync()
        Ready   = $null
        Other   = [System.Collections.Generic.List[string]]::new()
    }
    try {
        $peer.Ready = & $ReadAnswer $peer $TimeoutSeconds
    }
    catch {
        Stop-BenchSession -Session $peer
        throw
    }
    $peer
}

function Read-PeerLine {
    # The peer's next output line, by the deadline; a peer that does not answer in time is stopped, one that ended is reported.
    param([Parameter(Mandatory)] $Peer, [DateTime] $Deadline, [int] $TimeoutSeconds)
    $remaining = [int][Math]::Max(1, ($Deadline - [DateTime]::UtcNow).TotalMilliseconds)
    $read = $Peer.Process.StandardOutput.ReadLineAsync()
    if (-not $read.Wait($remaining)) {
        Stop-BenchSession -Session $Peer
        throw "$($Peer.Name) did not answer within $TimeoutSeconds s and was stopped."
    }
    if ($null -eq $read.Result) {
        $null = $Peer.Process.WaitForExit(5000)
        $stderr = if ($Peer.Stderr.Wait(2000)) { $Peer.Stderr.Result } else { '' }
        throw "$($Peer.Name) ended unexpectedly. Output: $($Peer.Other -join "`n") Errors: $stderr"
    }
    $read.Result
}

function Start-BenchSession {
    # Starts one `dotnet pwsh` session running EcrToolsSession.ps1 and waits until it has imported the module.
    param(
        [Parameter(Mandatory)] [string] $SessionScript,
        [Parameter(Mandatory)] [string] $ModulePath,
        [Parameter(Mandatory)] [string] $Endpoint,
        [Parameter(Mandatory)] [string] $WorkingDirectory,
        [int] $TimeoutSeconds = 60
    )
    Start-LinePeer -Name 'The EcrTools session' -WorkingDirectory $WorkingDirectory -TimeoutSeconds $TimeoutSeconds `
        -ArgumentList 'pwsh', '-NoProfile', '-NonInteractive', '-File', $SessionScript, '-ModulePath', $ModulePath, '-Endpoint', $Endpoint `
        -ReadAnswer ${function:Read-BenchSessionLine}
}

function Read-BenchSessionLine {
    # The session's next answer (@@READY, @@RESULT or @@ERROR); other lines it prints are kept for error messages.
    param([Parameter(Mandatory)] $Session, [int] $TimeoutSeconds)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        $line = Read-PeerLine -Peer $Session -Deadline $deadline -TimeoutSeconds $TimeoutSeconds
        if ($line -match '^@@(READY|RESULT|ERROR) (.*)$') {
            $value = ConvertFrom-Json -InputObject $Matches[2] -AsHashtable
            if ($Matches[1] -eq 'ERROR') {
                throw "The EcrTools session failed: $($value.message) $($value.position)"
            }
            return $value
        }
        if ($Session.Other.Count -lt 50) { $Session.Other.Add($line) }
    }
}

function Invoke-BenchSession {
    # Sends one measurement script to the session and returns the hashtable it answered. With -Quiet the session
    # first waits until its JIT is quiet (no method compiled for 150 ms).
    param(
        [Parameter(Mandatory)] $Session,
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Arguments = @{},
        [int] $TimeoutSeconds = 120,
        [switch] $Quiet
    )
    $request = @{ script = $Script; arguments = $Arguments; quiet = $Quiet.IsPresent } | ConvertTo-Json -Compress -Depth 6
    $Session.Process.StandardInput.WriteLine($request)
    $Session.Process.StandardInput.Flush()
    Read-BenchSessionLine -Session $Session -TimeoutSeconds $TimeoutSeconds
}

function Stop-BenchSession {
    # Closes a peer's input (it then exits by itself); kills it if it has not exited after 10 s.
    param([Parameter(Mandatory)] $Session)
    $process = $Session.Process
    try {
        if (-not $process.HasExited) {
            try { $process.StandardInput.Close() } catch { Write-Verbose "closing the session's input: $_" }
            if (-not $process.WaitForExit(10000)) {
                $process.Kill($true)
                $null = $process.WaitForExit(5000)
            }
        }
    }
    finally {
        $process.Dispose()
    }
}

function Start-RawBaselineServer {
    # Starts `dotnet RawBaseline.dll ... --stdin` and waits for its {"ready":true} (it has done its warm-up then).
    param(
        [Parameter(Mandatory)] [string] $RawBaseline,
        [Parameter(Mandatory)] [string[]] $ArgumentList,
        [int] $TimeoutSeconds = 60
    )
    Start-LinePeer -Name 'RawBaseline' -TimeoutSeconds $TimeoutSeconds -ArgumentList (@($RawBaseline) + $ArgumentList + @('--stdin')) `
        -ReadAnswer ${function:Read-RawBaselineLine}
}

function Read-RawBaselineLine {
    param([Parameter(Mandatory)] $Server, [int] $TimeoutSeconds)
    ConvertFrom-Json -InputObject (Read-PeerLine -Peer $Server -Deadline ([DateTime]::UtcNow.AddSeconds($TimeoutSeconds)) -TimeoutSeconds $TimeoutSeconds)
}

function Invoke-RawBaselineServer {
    # One timed listing in a running RawBaseline --stdin; returns its JSON (ms, pages, items, firstRequestMs, ...).
    # With BackToBack, that many more listings follow it at once (backToBackFirstRequestMs: the median of their first
    # requests' round trips).
    param([Parameter(Mandatory)] $Server, [int] $TimeoutSeconds = 60, [int] $BackToBack = 0)
    $Server.Process.StandardInput.WriteLine($(if ($BackToBack -gt 0) { "run $BackToBack" } else { 'run' }))
    $Server.Process.StandardInput.Flush()
    Read-RawBaselineLine -Server $Server -TimeoutSeconds $TimeoutSeconds
}

function Format-Ms {
    param([double] $Ms)
    if ([Math]::Abs($Ms) -lt 10) { return $Ms.ToString('0.00', $Invariant) + ' ms' }
    if ([Math]::Abs($Ms) -lt 100) { return $Ms.ToString('0.0', $Invariant) + ' ms' }
    $Ms.ToString('#,0', $Invariant) + ' ms'
}

function Format-Number {
    param([double] $Value, [string] $Format = '0.##')
    $Value.ToString($Format, $Invariant)
}

Export-ModuleMember -Function Get-Summary, Invoke-TimedProcess, Start-BenchSession, Invoke-BenchSession, Stop-BenchSession,
    Start-RawBaselineServer, Invoke-RawBaselineServer, Format-Ms, Format-Number
