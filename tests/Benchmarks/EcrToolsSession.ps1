<#
.SYNOPSIS
    One EcrTools session for the benchmarks: imports the module once, then runs the measurement scripts that
    Invoke-Benchmarks.ps1 sends, one JSON line each on standard input, and answers one line each on standard output.
.DESCRIPTION
    Protocol (everything else the session prints is ignored by the harness):
      ready:    @@READY {"importMs":..,"pid":..,"psVersion":".."}
      request:  {"script":"param($Repo) ...; @{ ms = ... }","arguments":{"Repo":"bench/x"},"quiet":true}
      answer:   @@RESULT {...the hashtable the script returned, and jitMethods...}   or   @@ERROR {"message":..}
    With "quiet", the session first waits until the JIT is quiet: .NET tiered compilation recompiles hot methods on a
    background thread, in bursts, for dozens of commands after a start; a command timed during such a burst measures
    the compiler. jitMethods is how many methods the runtime compiled while the script ran.
    The session ends when standard input closes. Each script times itself with a Stopwatch, so only the command is
    timed: not the import, not this loop, not the JSON.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint
)

$ErrorActionPreference = 'Stop'
# Progress records would be rendered into the redirected output; the harness reads results only.
$ProgressPreference = 'SilentlyContinue'

$importClock = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module (Join-Path $ModulePath 'EcrTools.psd1')
$importMs = $importClock.Elapsed.TotalMilliseconds

$PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = $Endpoint
$PSDefaultParameterValues['*-Ecr*:Region'] = 'us-east-1'

# The processor time this session's process has used so far (all threads, user and kernel), in milliseconds: the
# measurement scripts read it before and after their command.
function Get-ProcessorMs {
    [System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds
}

# Methods the runtime has compiled so far (all threads: tier 0, tier 1, dynamic methods).
function Get-CompiledMethodCount {
    [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
}

# Waits until no method has been compiled for 150 ms (at most 15 s): background recompilation has caught up.
function Wait-JitQuiet {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    do {
        $before = Get-CompiledMethodCount
        Start-Sleep -Milliseconds 150
    } while ((Get-CompiledMethodCount) -ne $before -and $clock.Elapsed.TotalSeconds -lt 15)
}

function Send-Line([string] $Kind, $Value) {
    [Console]::Out.WriteLine("@@$Kind " + (ConvertTo-Json -InputObject $Value -Compress -Depth 6))
    [Console]::Out.Flush()
}

Send-Line READY @{ importMs = $importMs; pid = $PID; psVersion = $PSVersionTable.PSVersion.ToString() }

while ($null -ne ($line = [Console]::In.ReadLine())) {
    if ($line.Trim().Length -eq 0) { continue }
    try {
        $request = ConvertFrom-Json -InputObject $line -AsHashtable
        $block = [scriptblock]::Create($request.script)
        $arguments = if ($request.arguments) { $request.arguments } else { @{} }
        if ($request.quiet) { Wait-JitQuiet }
        $compiled = Get-CompiledMethodCount
        $result = & $block @arguments
        if ($result -is [hashtable]) { $result.jitMethods = (Get-CompiledMethodCount) - $compiled }
        Send-Line RESULT $result
    }
    catch {
        Send-Line ERROR @{ message = $_.ToString(); position = $_.InvocationInfo.PositionMessage }
    }
}
