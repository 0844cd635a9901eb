<#
.SYNOPSIS
    One EcrTools session for the benchmarks: imports the module once, then runs the measurement scripts that
    Invoke-Benchmarks.ps1 sends, one JSON line each on standard input, and answers one line each on standard output.
.DESCRIPTION
    Protocol (everything else the session prints is ignored by the harness):
      ready:    @@READY {"importMs":..,"pid":..,"psVersion":".."}
      request:  {"script":"param($Repo) ...; @{ ms = ... }","arguments":{"Repo":"bench/x"}}
      answer:   @@RESULT {...the hashtable the script returned...}   or   @@ERROR {"message":..}
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
        $result = & $block @arguments
        Send-Line RESULT $result
    }
    catch {
        Send-Line ERROR @{ message = $_.ToString(); position = $_.InvocationInfo.PositionMessage }
    }
}
