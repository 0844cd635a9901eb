#Requires -Version 7.2
<#
.SYNOPSIS
    Benchmarks EcrTools against a raw HTTP baseline and the AWS CLI v2, all talking to LocalEcr on 127.0.0.1, and
    writes tests/Benchmarks/RESULTS.md.
.DESCRIPTION
    Each scenario starts its own LocalEcr (Start-LocalEcr, so it exits with this process), seeds it, and measures
    its peers interleaved in one session (A B A B ...), so that noise from other work on the machine falls on both
    sides of every ratio. Ratios are computed run by run from those interleaved pairs; RESULTS.md gives their
    median and spread (min-max) and whether each target is met. See README.md beside this script.
.PARAMETER ModulePath
    The built module folder, output/EcrTools/<version>.
.PARAMETER LocalEcr
    LocalEcr.dll as built by build.ps1 (output/LocalEcr/LocalEcr.dll).
.PARAMETER Runs
    Interleaved runs per scenario (default 5, or 3 with -Quick).
.PARAMETER Quick
    Scaled-down counts for a run of a few minutes; RESULTS.md says which mode made it.
.PARAMETER Scenario
    A subset of scenarios (for development); RESULTS.md lists the ones not run.
.PARAMETER InstallAwsCli
    When /usr/bin/aws is missing, install Debian's awscli package with apt-get (needs root).
.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Benchmarks/Invoke-Benchmarks.ps1 -ModulePath output/EcrTools/0.1.0 -LocalEcr output/LocalEcr/LocalEcr.dll -Quick
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $LocalEcr,
    [ValidateRange(1, 50)] [int] $Runs,
    [switch] $Quick,
    [string] $ResultPath = (Join-Path $PSScriptRoot 'RESULTS.md'),
    # List, Describe, Throttle, ReadSide, FirstObject, Memory, Pipeline, Import (comma-separated works with -File).
    [string[]] $Scenario = @('List', 'Describe', 'Throttle', 'ReadSide', 'FirstObject', 'Memory', 'Pipeline', 'Import'),
    [switch] $InstallAwsCli
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ProgressPreference = 'SilentlyContinue'

$AllScenarios = 'List', 'Describe', 'Throttle', 'ReadSide', 'FirstObject', 'Memory', 'Pipeline', 'Import'
$Scenario = @($Scenario | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
foreach ($name in $Scenario) {
    if ($name -notin $AllScenarios) { throw "Unknown scenario '$name': use $($AllScenarios -join ', ')." }
}
$Root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
$SourceModulePath = (Resolve-Path $ModulePath).Path
$SourceLocalEcr = (Resolve-Path $LocalEcr).Path
$SessionScript = Join-Path $PSScriptRoot 'EcrToolsSession.ps1'
Import-Module (Join-Path $PSScriptRoot 'BenchmarkSupport.psm1') -Force
Import-Module (Join-Path $Root 'tests/LocalEcr/LocalEcr.psm1') -Force
$Invariant = [System.Globalization.CultureInfo]::InvariantCulture

# ---------------------------------------------------------------------------------------------------------------
# Mode: counts, runs and the time budget. Every loop below is bounded by these.
# ---------------------------------------------------------------------------------------------------------------
$Config = if ($Quick) {
    @{ Mode = 'quick'; Runs = 3; ListIds = 100000; DescribeRepos = 20; ImagesPerDescribeRepo = 50; ThrottleRepos = 100
        ReadSideRepos = 50; MemoryIds = 200000; PipelineImages = 10000; ImportPairs = 10; FirstCallSessions = 3; BudgetMinutes = 10 }
}
else {
    @{ Mode = 'full'; Runs = 5; ListIds = 100000; DescribeRepos = 100; ImagesPerDescribeRepo = 50; ThrottleRepos = 200
        ReadSideRepos = 50; MemoryIds = 1000000; PipelineImages = 10000; ImportPairs = 30; FirstCallSessions = 5; BudgetMinutes = 25 }
}
if ($PSBoundParameters.ContainsKey('Runs')) { $Config.Runs = $Runs }
$Warmup = 3              # untimed executions of each in-session command (and RawBaseline --warmup) before timing
# CPU-bound scenarios warm up until the JIT has optimised the hot paths (.NET tiered compilation recompiles a method
# after 30 calls and a short delay): EcrTools and RawBaseline alike, so that steady state is compared with steady state.
$CpuWarmup = 8           # untimed listings (List, Pipeline), at least
# Then each warm-up continues until the runtime is steady: a run, started with the JIT quiet, in which it compiled at
# most $SteadyJitMethods methods (PowerShell compiles a few dynamic methods now and then for good), at most
# $MaxWarmupRuns runs. Every timed command also starts with the JIT quiet and reports what was compiled while it ran.
$SteadyJitMethods = 5
$MaxWarmupRuns = 60
$SingleRequestWarmup = 60  # untimed single requests (time to first object), in each of $SingleRequestWarmupRounds rounds
# A session sent one short command after another kept getting faster over a run's first 150 commands even after 120
# warm-up requests: the rounds, each followed by a pause, let tiered compilation catch up first.
$SingleRequestWarmupRounds = 4
# After its warm-up each side idles this long before it is timed: tiered compilation recompiles warmed-up methods only
# once no new method has been compiled for 100 ms, which a session sent one command after another may never see.
$SettleMs = 1000
$InnerRepetitions = 10   # single-request measurements per run in the time-to-first-object scenario
# Each of them is followed, with no wait, by this many more of the same command: the process kept busy, not woken from
# the idle wait before a timed command (recorded apart, "back to back").
$BackToBack = 10
$PageSize = 1000
$LatencyMs = 50
$ImagesPerLatencyRepo = 10
$Started = [DateTime]::UtcNow
$Deadline = $Started.AddMinutes($Config.BudgetMinutes)

function Test-OverBudget { [DateTime]::UtcNow -gt $Deadline }

# ---------------------------------------------------------------------------------------------------------------
# A sandbox: loopback only, credentials LocalEcr knows, nothing from this machine's AWS settings. Every child
# process (LocalEcr, RawBaseline, the AWS CLI, pwsh sessions) inherits this environment.
# ---------------------------------------------------------------------------------------------------------------
$Sandbox = Join-Path ([IO.Path]::GetTempPath()) "ecrtools-bench-$([guid]::NewGuid().ToString('n'))"
$null = New-Item -ItemType Directory -Path $Sandbox
$env:AWS_CONFIG_FILE = Join-Path $Sandbox 'config'
$env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $Sandbox 'credentials'
$null = New-Item -ItemType File -Path $env:AWS_CONFIG_FILE, $env:AWS_SHARED_CREDENTIALS_FILE

# What is measured is a snapshot: other builds on this machine may replace output/ while the benchmarks run.
$ModulePath = Join-Path $Sandbox "modules/EcrTools/$(Split-Path $SourceModulePath -Leaf)"
$null = New-Item -ItemType Directory -Path $ModulePath
Copy-Item -Path (Join-Path $SourceModulePath '*') -Destination $ModulePath -Recurse
$Manifest = Join-Path $ModulePath 'EcrTools.psd1'
$LocalEcrCopy = Join-Path $Sandbox 'LocalEcr'
$null = New-Item -ItemType Directory -Path $LocalEcrCopy
Copy-Item -Path (Join-Path (Split-Path $SourceLocalEcr -Parent) '*') -Destination $LocalEcrCopy -Recurse
$LocalEcr = Join-Path $LocalEcrCopy (Split-Path $SourceLocalEcr -Leaf)
$env:AWS_EC2_METADATA_DISABLED = 'true'
$env:AWS_ACCESS_KEY_ID = 'AKIDLOCALECREXAMPLE'
$env:AWS_SECRET_ACCESS_KEY = 'localecr/secret/EXAMPLEKEY'
$env:AWS_REGION = 'us-east-1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
foreach ($name in 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_DEFAULT_REGION', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL',
    'AWS_ENDPOINT_URL_ECR', 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE', 'AWS_CA_BUNDLE', 'AWS_PAGER', 'AWS_CLI_AUTO_PROMPT',
    'AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT', 'AWS_DEFAULT_OUTPUT') {
    Remove-Item "env:$name" -ErrorAction SilentlyContinue
}

# ---------------------------------------------------------------------------------------------------------------
# The peers' tools: RawBaseline (built here) and Debian's AWS CLI v2.
# ---------------------------------------------------------------------------------------------------------------
function Build-RawBaseline {
    $project = Join-Path $PSScriptRoot 'RawBaseline/RawBaseline.csproj'
    foreach ($attempt in 1, 2) {
        $output = & dotnet build $project -c Release --nologo --verbosity quiet '-clp:NoSummary' 2>&1
        if ($LASTEXITCODE -eq 0) { break }
        if ($attempt -eq 2) { $output | Out-Host; throw 'RawBaseline did not build.' }
        Start-Sleep -Seconds 5   # another build of LocalEcr may have held its obj folder
    }
    $dll = Join-Path $PSScriptRoot 'RawBaseline/bin/Release/net10.0/RawBaseline.dll'
    if (-not (Test-Path $dll)) { throw "RawBaseline built, but $dll is missing." }
    $dll
}

function Find-AwsCli {
    # Debian's own binary, never whatever `aws` comes first on PATH (pyenv shims, pip installs, AWS CLI v1).
    $path = '/usr/bin/aws'
    $installNote = $null
    if (-not (Test-Path $path) -and $InstallAwsCli -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Write-Host 'Installing Debian''s awscli package (apt-get) ...'
        $log = & bash -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq awscli' 2>&1
        if ($LASTEXITCODE -ne 0) { $installNote = "apt-get install awscli failed: $(($log | Select-Object -Last 3) -join ' ')" }
    }
    if (-not (Test-Path $path)) {
        $reason = if ($installNote) { $installNote } else { '/usr/bin/aws is not installed (Debian package awscli; run with -InstallAwsCli or apt-get install -y awscli).' }
        return [pscustomobject]@{ Path = $null; Version = $null; Reason = $reason }
    }
    $owned = $false
    if (Get-Command dpkg -ErrorAction SilentlyContinue) {
        $owned = @(& dpkg -L awscli 2>$null) -contains $path
    }
    $version = ((& $path --version 2>&1) | Out-String).Trim()
    if (-not $owned) {
        return [pscustomobject]@{ Path = $null; Version = $version; Reason = "$path does not belong to Debian's awscli package." }
    }
    if ($version -notmatch '^aws-cli/2\.') {
        return [pscustomobject]@{ Path = $null; Version = $version; Reason = "$path is not the AWS CLI v2 ('$version')." }
    }
    [pscustomobject]@{ Path = $path; Version = $version; Reason = $null }
}

function Invoke-RawBaseline([string[]] $Arguments) {
    $run = Invoke-TimedProcess -FilePath 'dotnet' -ArgumentList (@($RawBaseline) + $Arguments) -TimeoutSeconds 180
    if ($run.ExitCode -ne 0) { throw "RawBaseline $($Arguments -join ' ') failed ($($run.ExitCode)): $($run.Stderr)" }
    $run.Stdout | ConvertFrom-Json
}

function Invoke-Aws([string[]] $Arguments, [string] $Endpoint) {
    $all = @($Arguments) + @('--endpoint-url', $Endpoint, '--region', 'us-east-1', '--no-cli-pager', '--output', 'json')
    $run = Invoke-TimedProcess -FilePath $Aws.Path -ArgumentList $all -TimeoutSeconds 300
    if ($run.ExitCode -ne 0) { throw "aws $($Arguments -join ' ') failed ($($run.ExitCode)): $($run.Stderr)" }
    $run | Add-Member -NotePropertyName Images -NotePropertyValue ([regex]::Matches($run.Stdout, '"imageDigest"')).Count -PassThru
}

# ---------------------------------------------------------------------------------------------------------------
# Results: scenarios hold peers (one value per interleaved run) and targets (values computed run by run).
# ---------------------------------------------------------------------------------------------------------------
$Report = [System.Collections.Generic.List[object]]::new()

function New-Scenario([string] $Id, [string] $Title, [string] $Setup) {
    [pscustomobject]@{
        Id = $Id; Title = $Title; Setup = $Setup; Runs = 0; Error = $null; Load = $null; Seconds = 0
        Peers = [ordered]@{}; Targets = [System.Collections.Generic.List[object]]::new(); Notes = [System.Collections.Generic.List[string]]::new()
    }
}

function Add-Peer($Scenario, [string] $Key, [string] $Name, [string] $Unit = 'ms') {
    $peer = [pscustomobject]@{
        Name = $Name; Unit = $Unit; Cold = $null
        Values = [System.Collections.Generic.List[double]]::new()
        Requests = [System.Collections.Generic.List[double]]::new()
        ServiceUs = [System.Collections.Generic.List[double]]::new()
        ServiceShare = [System.Collections.Generic.List[double]]::new()
        Extra = [System.Collections.Generic.List[object]]::new()
        Jit = [System.Collections.Generic.List[double]]::new()
    }
    $Scenario.Peers[$Key] = $peer
    $peer
}

function Add-Sample($Peer, [double] $Value, $Stats, [double] $TimedRequests = -1, $Extra = $null, $Jit = $null) {
    # Value is the timed wall time (ms). Stats are LocalEcr's counters since the reset before this measurement;
    # TimedRequests, when given, is how many of those requests fell inside the timed part. Jit is how many methods the
    # peer's runtime compiled while it was timed (EcrTools sessions and RawBaseline report it).
    $Peer.Values.Add($Value)
    if ($null -ne $Stats) {
        $total = [double]$Stats.totalRequests
        $timed = if ($TimedRequests -ge 0) { $TimedRequests } else { $total }
        $Peer.Requests.Add($timed)
        if ($total -gt 0) {
            $perRequest = [double]$Stats.serviceTimeMicroseconds / $total
            $Peer.ServiceUs.Add($perRequest)
            if ($Value -gt 0) { $Peer.ServiceShare.Add($perRequest * $timed / ($Value * 1000)) }
        }
        if ($Stats.failedRequests -gt 0) { throw "$($Peer.Name): LocalEcr counted $($Stats.failedRequests) failed request(s)." }
    }
    if ($null -ne $Extra) { $Peer.Extra.Add($Extra) }
    if ($null -ne $Jit) { $Peer.Jit.Add([double]$Jit) }
}

function Add-JitCounts($Scenario) {
    # One recorded row per peer that reported them: the methods compiled while it was timed, which shows whether the
    # measurement was of a steady runtime (a few) or of the JIT at work (hundreds).
    foreach ($peer in $Scenario.Peers.Values) {
        if ($peer.Jit.Count -gt 0) {
            Add-Target $Scenario "methods the JIT compiled during the timed command, $($peer.Name)" ([double[]]$peer.Jit) 'methods' $null 0 -Note 'diagnostic: each timed command starts once no method has been compiled for 150 ms'
        }
    }
}

function Add-ProcessorTimes($Scenario, [string] $Whose, [object[]] $Peers) {
    # One recorded row per peer: the processor time its process used in each timed command (the samples' cpuMs).
    foreach ($peer in $Peers) {
        Add-Target $Scenario "processor time of $Whose, $($peer.Name)" ([double[]]@($peer.Extra | ForEach-Object { $_.cpuMs })) 'ms' $null 0 -Note 'diagnostic: all threads, user and kernel; LocalEcr runs in its own process on the same 2 cores'
    }
}

function Get-Pairwise($A, $B, [scriptblock] $Combine) {
    # One value per interleaved run: Combine(A's value of run i, B's value of run i).
    $n = [Math]::Min($A.Values.Count, $B.Values.Count)
    [double[]]@(for ($i = 0; $i -lt $n; $i++) { & $Combine $A.Values[$i] $B.Values[$i] })
}

function Add-Target {
    # Op is 'le' or 'ge' (or $null for a recorded value without a target). Basis 'median' judges the median of
    # the per-run values; 'worst' judges every run (max for le, min for ge).
    param($Scenario, [string] $Name, [double[]] $Values, [string] $Unit, [string] $Op, [double] $Threshold,
        [string] $Basis = 'median', [string] $Note)
    $summary = Get-Summary $Values
    $met = $null
    if ($Op -and $summary) {
        $judged = switch ($Basis) {
            'median' { $summary.Median }
            'worst' { if ($Op -eq 'le') { $summary.Max } else { $summary.Min } }
        }
        $met = if ($Op -eq 'le') { $judged -le $Threshold } else { $judged -ge $Threshold }
    }
    $Scenario.Targets.Add([pscustomobject]@{
            Name = $Name; Values = $Values; Unit = $Unit; Op = $Op; Threshold = $Threshold; Basis = $Basis
            Summary = $summary; Met = $met; Note = $Note
        })
}

# ---------------------------------------------------------------------------------------------------------------
# LocalEcr and the EcrTools sessions.
# ---------------------------------------------------------------------------------------------------------------
function New-GeneratedRepository([string] $Name, [int] $Count, [string] $TagPrefix) {
    @{ name = $Name; generate = @{ count = $Count; tagPrefix = $TagPrefix } }
}

function Reset-Counters([string] $Endpoint, [hashtable] $Fault) {
    # Zeroes the counters; the reset also clears faults, so the scenario's fault is set again.
    Reset-LocalEcr -Endpoint $Endpoint
    if ($Fault) { Set-LocalEcrFault -Endpoint $Endpoint -Fault $Fault }
}

function Measure-InSession($Session, [string] $Endpoint, [hashtable] $Fault, [string] $Script, [hashtable] $Arguments, [int] $TimeoutSeconds = 180) {
    Reset-Counters $Endpoint $Fault
    $result = Invoke-BenchSession -Session $Session -Script $Script -Arguments $Arguments -TimeoutSeconds $TimeoutSeconds -Quiet
    [pscustomobject]@{ Result = $result; Stats = (Get-LocalEcrStats -Endpoint $Endpoint) }
}

function New-Session([string] $Endpoint) {
    Start-BenchSession -SessionScript $SessionScript -ModulePath $ModulePath -Endpoint $Endpoint -WorkingDirectory $Root
}

function Assert-Count([string] $What, $Actual, $Expected) {
    if ([long]$Actual -ne [long]$Expected) { throw "$What returned $Actual item(s), expected $Expected." }
}

# The measurement scripts run inside an EcrTools session; each times only its command.
$Scripts = @{
    ListMeasure    = @'
param([string] $Repo, [int] $PageSize)
$cpu = Get-ProcessorMs
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$count = (Get-EcrImageId -RepositoryName $Repo -PageSize $PageSize | Measure-Object).Count
$ms = $clock.Elapsed.TotalMilliseconds
@{ ms = $ms; cpuMs = (Get-ProcessorMs) - $cpu; count = $count }
'@
    ListNull       = @'
param([string] $Repo, [int] $PageSize)
$cpu = Get-ProcessorMs
$clock = [System.Diagnostics.Stopwatch]::StartNew()
# Redirected to $null, the objects are dropped as they are written; `$null = ...` would first collect all of them.
Get-EcrImageId -RepositoryName $Repo -PageSize $PageSize > $null
$ms = $clock.Elapsed.TotalMilliseconds
@{ ms = $ms; cpuMs = (Get-ProcessorMs) - $cpu; count = -1 }
'@
    DescribePiped  = @'
param([string[]] $Names)
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$count = ($Names | Get-EcrImage | Measure-Object).Count
@{ ms = $clock.Elapsed.TotalMilliseconds; count = $count }
'@
    Throttled      = @'
param([string[]] $Names, [int] $ThrottleLimit)
$first = $null
$count = 0
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$Names | Get-EcrImageId -ThrottleLimit $ThrottleLimit | ForEach-Object { if ($null -eq $first) { $first = $clock.Elapsed.TotalMilliseconds }; $count++ }
@{ ms = $clock.Elapsed.TotalMilliseconds; count = $count; firstMs = $first }
'@
    FloorPrepare   = @'
param([string] $Repo, [int] $PageSize)
$global:BenchFloorIds = [object[]]@(Get-EcrImageId -RepositoryName $Repo -PageSize $PageSize)
@{ count = $global:BenchFloorIds.Count }
'@
    Floor          = @'
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$count = (Write-Output -InputObject $global:BenchFloorIds | Measure-Object).Count
@{ ms = $clock.Elapsed.TotalMilliseconds; count = $count }
'@
    FirstOne       = @'
param([string] $Repo, [int] $PageSize, [int] $Inner)
$values = foreach ($i in 1..$Inner) {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $null = Get-EcrImageId -RepositoryName $Repo -PageSize $PageSize -First 1
    $clock.Elapsed.TotalMilliseconds
}
@{ values = @($values) }
'@
    FirstObject    = @'
param([string] $Repo, [int] $PageSize, [int] $Inner)
$values = foreach ($i in 1..$Inner) {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    Get-EcrImageId -RepositoryName $Repo -PageSize $PageSize | ForEach-Object { $clock.Elapsed.TotalMilliseconds } | Select-Object -First 1
}
@{ values = @($values) }
'@
    Memory         = @'
param([string] $Repo, [int] $PageSize)
# Warm-up: load and compile the listing path (two pages), then settle the heap before the first sample.
$null = Get-EcrImageId -RepositoryName $Repo -PageSize $PageSize -First (2 * $PageSize) | Measure-Object
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
$process = [System.Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
$wsBefore = [Environment]::WorkingSet; $peakBefore = $process.PeakWorkingSet64; $managedBefore = [GC]::GetTotalMemory($false)
$gen0Before = [GC]::CollectionCount(0); $gen2Before = [GC]::CollectionCount(2)
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$count = (Get-EcrImageId -RepositoryName $Repo -PageSize $PageSize | Measure-Object).Count
$ms = $clock.Elapsed.TotalMilliseconds
$process.Refresh()
@{ ms = $ms; count = $count; wsBefore = $wsBefore; peakBefore = $peakBefore; wsAfter = [Environment]::WorkingSet
   peakAfter = $process.PeakWorkingSet64; managedBefore = $managedBefore; managedAfter = [GC]::GetTotalMemory($false)
   gen0 = [GC]::CollectionCount(0) - $gen0Before; gen2 = [GC]::CollectionCount(2) - $gen2Before }
'@
    PipeIdsToImage = @'
param([string] $Repo, [int] $ThrottleLimit = 1)
$cpu = Get-ProcessorMs
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$count = (Get-EcrImageId -RepositoryName $Repo | Get-EcrImage -ThrottleLimit $ThrottleLimit | Measure-Object).Count
$ms = $clock.Elapsed.TotalMilliseconds
@{ ms = $ms; cpuMs = (Get-ProcessorMs) - $cpu; count = $count }
'@
    PipedPrepare   = @'
param([string] $Repo)
$global:BenchPipelineIds = [object[]]@(Get-EcrImageId -RepositoryName $Repo)
@{ count = $global:BenchPipelineIds.Count }
'@
    IdsFromMemory  = @'
$cpu = Get-ProcessorMs
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$count = ($global:BenchPipelineIds | Get-EcrImage | Measure-Object).Count
$ms = $clock.Elapsed.TotalMilliseconds
@{ ms = $ms; cpuMs = (Get-ProcessorMs) - $cpu; count = $count }
'@
    IdsAsParameter = @'
$cpu = Get-ProcessorMs
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$count = (Get-EcrImage -RepositoryName $global:BenchPipelineIds[0].RepositoryName -ImageId $global:BenchPipelineIds | Measure-Object).Count
$ms = $clock.Elapsed.TotalMilliseconds
@{ ms = $ms; cpuMs = (Get-ProcessorMs) - $cpu; count = $count }
'@
    WholeRepo      = @'
param([string] $Repo)
$cpu = Get-ProcessorMs
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$count = (Get-EcrImage -RepositoryName $Repo | Measure-Object).Count
$ms = $clock.Elapsed.TotalMilliseconds
@{ ms = $ms; cpuMs = (Get-ProcessorMs) - $cpu; count = $count }
'@
    FirstCall      = @'
param([string] $Repo)
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$count = (Get-EcrImageId -RepositoryName $Repo | Measure-Object).Count
$first = $clock.Elapsed.TotalMilliseconds
$clock.Restart()
$null = (Get-EcrImageId -RepositoryName $Repo | Measure-Object).Count
@{ firstMs = $first; secondMs = $clock.Elapsed.TotalMilliseconds; count = $count }
'@
}

function Invoke-Warmup($Session, [string] $Endpoint, [string] $Script, [hashtable] $Arguments, $Peer, [int] $Times = $Warmup, [int] $TimeoutSeconds = 180, [switch] $UntilSteady) {
    # Untimed executions of the exact command, $Times of them; with -UntilSteady (CPU-bound scenarios) more, until the
    # session is steady (see $SteadyJitMethods). The first one's time is kept as the peer's cold time.
    $limit = if ($UntilSteady) { [Math]::Max($Times + 1, $MaxWarmupRuns) } else { $Times }
    for ($i = 0; $i -lt $limit; $i++) {
        $result = Invoke-BenchSession -Session $Session -Script $Script -Arguments $Arguments -TimeoutSeconds $TimeoutSeconds -Quiet:($i -ge $Times)
        if ($i -eq 0 -and $Peer -and $result.ContainsKey('ms')) { $Peer.Cold = [double]$result.ms }
        if ($i -ge $Times -and $result.jitMethods -le $SteadyJitMethods) { return }
    }
    if ($UntilSteady) { Write-Warning "Not steady after $limit warm-up runs: the JIT compiled $($result.jitMethods) methods during the last." }
}

function Wait-Settle {
    # The sessions idle meanwhile: they wait for their next command on standard input.
    Start-Sleep -Milliseconds $SettleMs
}

function Invoke-Scenario([string] $Id, [string] $Title, [string] $Setup, [scriptblock] $Body) {
    if ($Id -notin $Scenario) { return }
    $result = New-Scenario $Id $Title $Setup
    $Report.Add($result)
    if (Test-OverBudget) {
        $result.Error = "not run: the $($Config.BudgetMinutes)-minute time budget of this mode was used up"
        return
    }
    Write-Host "== $Id" -ForegroundColor Cyan
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $loadBefore = Get-LoadAverage
    try {
        & $Body $result
        Add-JitCounts $result
    }
    catch {
        $result.Error = "failed: $($_.ToString())"
        Write-Warning "$Id failed: $_"
    }
    $result.Seconds = $clock.Elapsed.TotalSeconds
    $result.Load = "$loadBefore at the start, $(Get-LoadAverage) at the end"
    Write-Host ("   {0:0.0} s" -f $clock.Elapsed.TotalSeconds)
}

function Get-LoadAverage {
    # The 1-minute load average: on 2 cores, above 2 means other work was waiting for the CPU too.
    $line = Get-Content /proc/loadavg -ErrorAction SilentlyContinue
    if ($line) { ($line -split ' ')[0] } else { 'unknown' }
}

function Test-RunBudget($Result, [int] $Run) {
    if (Test-OverBudget) {
        $Result.Notes.Add("Stopped after $($Run - 1) run(s): the time budget of this mode was used up.")
        return $true
    }
    $false
}

# ---------------------------------------------------------------------------------------------------------------
# Scenarios.
# ---------------------------------------------------------------------------------------------------------------
function Invoke-ListScenario($S) {
    $repo = 'bench/list-ids'
    $n = $Config.ListIds
    $server = Start-LocalEcr -Path $LocalEcr
    $session = $null
    try {
        Add-LocalEcrSeed -Endpoint $server.Endpoint -Seed @{ repositories = @(New-GeneratedRepository $repo $n 'v') }
        $endpoint = $server.Endpoint
        $raw = Add-Peer $S 'raw' 'raw baseline (RawBaseline, listing only)'
        $client = Add-Peer $S 'client' 'EcrTools.Client alone, no PowerShell (RawBaseline `--via-client`: EcrClient and EcrPaginator in C#, listing only)'
        $ecr = Add-Peer $S 'ecr' 'EcrTools: `(Get-EcrImageId -PageSize 1000 | Measure-Object).Count`'
        $ecrNull = Add-Peer $S 'ecrNull' 'EcrTools, output discarded: `Get-EcrImageId -PageSize 1000 > $null`'
        $floor = Add-Peer $S 'floor' 'PowerShell floor, no request: the same 100,000 EcrImageId objects, already in memory, written by a compiled cmdlet: `(Write-Output -InputObject $ids | Measure-Object).Count`'
        $cli = if ($Aws.Path) { Add-Peer $S 'aws' 'AWS CLI v2: `aws ecr list-images --page-size 1000` (process wall time)' } else { $null }

        $session = New-Session $endpoint
        $arguments = @{ Repo = $repo; PageSize = $PageSize }
        Invoke-Warmup $session $endpoint $Scripts.ListMeasure $arguments $ecr -Times $CpuWarmup -UntilSteady
        Invoke-Warmup $session $endpoint $Scripts.ListNull $arguments $ecrNull -Times $CpuWarmup -UntilSteady
        $null = Invoke-BenchSession $session $Scripts.FloorPrepare $arguments -TimeoutSeconds 180
        Invoke-Warmup $session $endpoint $Scripts.Floor @{} $floor -Times $CpuWarmup -UntilSteady
        Wait-Settle
        if ($cli) { $cli.Cold = (Invoke-Aws @('ecr', 'list-images', '--repository-name', $repo, '--page-size', $PageSize) $endpoint).Ms }

        for ($run = 1; $run -le $Config.Runs; $run++) {
            if (Test-RunBudget $S $run) { break }
            Reset-Counters $endpoint $null
            $json = Invoke-RawBaseline @('ListImages', $repo, $PageSize, $endpoint, '1', '--warmup', $CpuWarmup, '--settle-ms', $SettleMs)
            Assert-Count 'RawBaseline' $json.runs[0].items $n
            Add-Sample $raw $json.runs[0].ms (Get-LocalEcrStats -Endpoint $endpoint) $json.runs[0].pages -Extra @{ cpuMs = [double]$json.runs[0].cpuMs } -Jit $json.runs[0].jitMethods

            Reset-Counters $endpoint $null
            $json = Invoke-RawBaseline @('ListImages', $repo, $PageSize, $endpoint, '1', '--warmup', $CpuWarmup, '--settle-ms', $SettleMs, '--via-client')
            Assert-Count 'RawBaseline --via-client' $json.runs[0].items $n
            Add-Sample $client $json.runs[0].ms (Get-LocalEcrStats -Endpoint $endpoint) $json.runs[0].pages -Extra @{ cpuMs = [double]$json.runs[0].cpuMs } -Jit $json.runs[0].jitMethods

            $m = Measure-InSession $session $endpoint $null $Scripts.ListMeasure $arguments
            Assert-Count 'Get-EcrImageId' $m.Result.count $n
            Add-Sample $ecr $m.Result.ms $m.Stats -Extra @{ cpuMs = [double]$m.Result.cpuMs } -Jit $m.Result.jitMethods

            $m = Measure-InSession $session $endpoint $null $Scripts.ListNull $arguments
            Add-Sample $ecrNull $m.Result.ms $m.Stats -Extra @{ cpuMs = [double]$m.Result.cpuMs } -Jit $m.Result.jitMethods

            $m = Measure-InSession $session $endpoint $null $Scripts.Floor @{}
            Assert-Count 'PowerShell floor' $m.Result.count $n
            Add-Sample $floor $m.Result.ms $m.Stats -Jit $m.Result.jitMethods

            if ($cli) {
                Reset-Counters $endpoint $null
                $a = Invoke-Aws @('ecr', 'list-images', '--repository-name', $repo, '--page-size', $PageSize) $endpoint
                Assert-Count 'aws ecr list-images' $a.Images $n
                Add-Sample $cli $a.Ms (Get-LocalEcrStats -Endpoint $endpoint)
            }
            $S.Runs = $run
        }

        Add-Target $S 'EcrTools ÷ raw baseline' (Get-Pairwise $ecr $raw { param($a, $b) $a / $b }) '×' 'le' 1.25
        Add-Target $S 'EcrTools, output discarded ÷ raw baseline' (Get-Pairwise $ecrNull $raw { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: the listing itself, its objects made and written but not bound into another command'
        Add-Target $S 'EcrTools.Client alone ÷ raw baseline' (Get-Pairwise $client $raw { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: what the client library adds, its SDK pipeline and model objects, without the cmdlet and PowerShell'
        Add-Target $S 'EcrTools, output discarded ÷ EcrTools.Client alone' (Get-Pairwise $ecrNull $client { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: what the cmdlet adds to the client library when nothing downstream binds its objects'
        Add-ProcessorTimes $S "the listing's process" $raw, $client, $ecr, $ecrNull
        $rawPlusFloor = [pscustomobject]@{ Values = [System.Collections.Generic.List[double]]::new() }
        for ($i = 0; $i -lt [Math]::Min($raw.Values.Count, $floor.Values.Count); $i++) { $rawPlusFloor.Values.Add($raw.Values[$i] + $floor.Values[$i]) }
        Add-Target $S 'EcrTools ÷ (raw baseline + PowerShell floor)' (Get-Pairwise $ecr $rawPlusFloor { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: what is left once PowerShell''s own cost of passing 100,000 objects to Measure-Object is counted on the raw side too'
        if ($cli) {
            Add-Target $S 'AWS CLI ÷ EcrTools (how many times faster EcrTools is)' (Get-Pairwise $cli $ecr { param($a, $b) $a / $b }) '×' 'ge' 3
        }
        else {
            $S.Notes.Add("AWS CLI comparison skipped: $($Aws.Reason)")
        }
    }
    finally {
        if ($session) { Stop-BenchSession $session }
        Stop-LocalEcr -Server $server
    }
}

function Invoke-DescribeScenario($S) {
    $count = $Config.DescribeRepos
    $images = $Config.ImagesPerDescribeRepo
    $names = @(1..$count | ForEach-Object { 'bench/describe-{0:000}' -f $_ })
    $server = Start-LocalEcr -Path $LocalEcr
    $session = $null
    try {
        Add-LocalEcrSeed -Endpoint $server.Endpoint -Seed @{ repositories = @($names | ForEach-Object { New-GeneratedRepository $_ $images 'v' }) }
        $endpoint = $server.Endpoint
        $namesFile = Join-Path $Sandbox 'describe-names.txt'
        Set-Content -Path $namesFile -Value $names
        $ecr = Add-Peer $S 'ecr' 'EcrTools in one session: `$names | Get-EcrImage` (command only)'
        $fresh = Add-Peer $S 'fresh' 'EcrTools in a new `dotnet pwsh` process: start, Import-Module, the same command (process wall time)'
        $cli = if ($Aws.Path) { Add-Peer $S 'aws' "AWS CLI v2: $count ``aws ecr describe-images`` runs, one per repository (sum of process wall times)" } else { $null }

        $session = New-Session $endpoint
        $arguments = @{ Names = $names }
        Invoke-Warmup $session $endpoint $Scripts.DescribePiped $arguments $ecr
        Wait-Settle
        $freshCommand = "`$ProgressPreference = 'SilentlyContinue'; Import-Module '$Manifest'; " +
        "(Get-Content '$namesFile' | Get-EcrImage -EndpointUrl '$endpoint' -Region us-east-1 | Measure-Object).Count"
        $freshArguments = @('pwsh', '-NoProfile', '-NonInteractive', '-Command', $freshCommand)
        $fresh.Cold = (Invoke-TimedProcess -FilePath 'dotnet' -ArgumentList $freshArguments -WorkingDirectory $Root -TimeoutSeconds 120).Ms
        if ($cli) { $cli.Cold = (Invoke-Aws @('ecr', 'describe-images', '--repository-name', $names[0]) $endpoint).Ms }

        for ($run = 1; $run -le $Config.Runs; $run++) {
            if (Test-RunBudget $S $run) { break }
            $m = Measure-InSession $session $endpoint $null $Scripts.DescribePiped $arguments
            Assert-Count 'Get-EcrImage' $m.Result.count ($count * $images)
            Add-Sample $ecr $m.Result.ms $m.Stats -Jit $m.Result.jitMethods

            Reset-Counters $endpoint $null
            $p = Invoke-TimedProcess -FilePath 'dotnet' -ArgumentList $freshArguments -WorkingDirectory $Root -TimeoutSeconds 120
            if ($p.ExitCode -ne 0) { throw "fresh pwsh failed: $($p.Stderr)" }
            Assert-Count 'fresh pwsh Get-EcrImage' ($p.Stdout.Trim() -split "`n")[-1] ($count * $images)
            Add-Sample $fresh $p.Ms (Get-LocalEcrStats -Endpoint $endpoint)

            if ($cli) {
                Reset-Counters $endpoint $null
                $total = 0.0; $found = 0
                foreach ($name in $names) {
                    $a = Invoke-Aws @('ecr', 'describe-images', '--repository-name', $name) $endpoint
                    $total += $a.Ms; $found += $a.Images
                }
                Assert-Count 'aws ecr describe-images' $found ($count * $images)
                Add-Sample $cli $total (Get-LocalEcrStats -Endpoint $endpoint)
            }
            $S.Runs = $run
        }

        if ($cli) {
            Add-Target $S "$count AWS CLI runs ÷ EcrTools in one session" (Get-Pairwise $cli $ecr { param($a, $b) $a / $b }) '×' 'ge' 20
            Add-Target $S "$count AWS CLI runs ÷ EcrTools in a new pwsh process" (Get-Pairwise $cli $fresh { param($a, $b) $a / $b }) '×' $null 0 -Note 'recorded: includes starting pwsh and importing the module'
        }
        else {
            $S.Notes.Add("AWS CLI comparison skipped: $($Aws.Reason)")
        }
    }
    finally {
        if ($session) { Stop-BenchSession $session }
        Stop-LocalEcr -Server $server
    }
}

function Invoke-ThrottleScenario($S, [int] $RepoCount, [int] $High, [string] $Prefix, [bool] $IsTarget, [double] $Threshold) {
    $names = @(1..$RepoCount | ForEach-Object { '{0}-{1:000}' -f $Prefix, $_ })
    $fault = @{ latencyMs = $LatencyMs }
    $server = Start-LocalEcr -Path $LocalEcr
    $session = $null
    try {
        Add-LocalEcrSeed -Endpoint $server.Endpoint -Seed @{ repositories = @($names | ForEach-Object { New-GeneratedRepository $_ $ImagesPerLatencyRepo 'v' }) }
        $endpoint = $server.Endpoint
        $one = Add-Peer $S 'one' "EcrTools ``-ThrottleLimit 1``"
        $many = Add-Peer $S 'many' "EcrTools ``-ThrottleLimit $High``"
        $session = New-Session $endpoint
        # Latency-bound: one warm-up of each over a subset compiles the code paths; the waits dominate anyway.
        $warmNames = @($names | Select-Object -First ([Math]::Min(2 * $High, $RepoCount)))
        Reset-Counters $endpoint $fault
        Invoke-Warmup $session $endpoint $Scripts.Throttled @{ Names = $warmNames; ThrottleLimit = 1 } $null -Times 1
        Invoke-Warmup $session $endpoint $Scripts.Throttled @{ Names = $warmNames; ThrottleLimit = $High } $null -Times 1

        for ($run = 1; $run -le $Config.Runs; $run++) {
            if (Test-RunBudget $S $run) { break }
            foreach ($pair in @(@($one, 1), @($many, $High))) {
                $m = Measure-InSession $session $endpoint $fault $Scripts.Throttled @{ Names = $names; ThrottleLimit = $pair[1] }
                Assert-Count "Get-EcrImageId -ThrottleLimit $($pair[1])" $m.Result.count ($RepoCount * $ImagesPerLatencyRepo)
                Add-Sample $pair[0] $m.Result.ms $m.Stats -Extra @{ firstMs = [double]$m.Result.firstMs; listImages = [double]$m.Stats.requests.ListImages } -Jit $m.Result.jitMethods
            }
            $S.Runs = $run
        }

        $op = if ($IsTarget) { 'ge' } else { $null }
        Add-Target $S "``-ThrottleLimit 1`` ÷ ``-ThrottleLimit $High`` (wall time)" (Get-Pairwise $one $many { param($a, $b) $a / $b }) '×' $op $Threshold
        foreach ($peer in $one, $many) {
            Add-Target $S "time to first object, $($peer.Name)" ([double[]]@($peer.Extra | ForEach-Object { $_.firstMs })) 'ms' $null 0
            Add-Target $S "ListImages requests per listing, $($peer.Name)" ([double[]]@($peer.Extra | ForEach-Object { $_.listImages / $RepoCount })) 'requests' $null 0
        }
        $S.Notes.Add("Ideal ratio with $RepoCount repositories: $RepoCount waves of one request against ⌈$RepoCount/$High⌉ = $([Math]::Ceiling($RepoCount / $High)) waves, about $([Math]::Round($RepoCount / [Math]::Ceiling($RepoCount / $High), 1))×.")
    }
    finally {
        if ($session) { Stop-BenchSession $session }
        Stop-LocalEcr -Server $server
    }
}

function Invoke-FirstObjectScenario($S) {
    $repo = 'bench/first-object'
    $n = $Config.ListIds
    $server = Start-LocalEcr -Path $LocalEcr
    $session = $null
    $rawServer = $null
    $clientServer = $null
    try {
        Add-LocalEcrSeed -Endpoint $server.Endpoint -Seed @{ repositories = @(New-GeneratedRepository $repo $n 'v') }
        $endpoint = $server.Endpoint
        $raw = Add-Peer $S 'raw' "one request's round trip, raw baseline: one ListImages request of 1,000 (median of $InnerRepetitions per run)"
        $client = Add-Peer $S 'client' "one request's round trip, EcrTools.Client alone, no PowerShell (RawBaseline ``--via-client``; median of $InnerRepetitions)"
        $first = Add-Peer $S 'first1' "one request's round trip, EcrTools: ``Get-EcrImageId -PageSize 1000 -First 1`` (median of $InnerRepetitions)"
        $ttfo = Add-Peer $S 'ttfo' "time to first object: ``Get-EcrImageId -PageSize 1000 | ForEach-Object { `$clock.Elapsed } | Select-Object -First 1`` (median of $InnerRepetitions)"
        $hotPeers = @{
            raw    = Add-Peer $S 'rawHot' "back to back: one request's round trip, raw baseline (median of the $BackToBack requests that follow each timed one, then of $InnerRepetitions)"
            client = Add-Peer $S 'clientHot' "back to back: one request's round trip, EcrTools.Client alone (the same)"
            first1 = Add-Peer $S 'first1Hot' "back to back: EcrTools ``Get-EcrImageId -PageSize 1000 -First 1`` (the same)"
            ttfo   = Add-Peer $S 'ttfoHot' "back to back: time to first object (the same)"
        }
        $session = New-Session $endpoint
        # The first of each session script's commands is the timed one; the rest follow it back to back.
        $arguments = @{ Repo = $repo; PageSize = $PageSize; Inner = 1 + $BackToBack }
        for ($round = 1; $round -le $SingleRequestWarmupRounds; $round++) {
            $w = Invoke-BenchSession $session $Scripts.FirstOne @{ Repo = $repo; PageSize = $PageSize; Inner = $SingleRequestWarmup }
            if ($round -eq 1) { $first.Cold = [double]$w.values[0] }
            $w = Invoke-BenchSession $session $Scripts.FirstObject @{ Repo = $repo; PageSize = $PageSize; Inner = $SingleRequestWarmup }
            if ($round -eq 1) { $ttfo.Cold = [double]$w.values[0] }
            if ($round -lt $SingleRequestWarmupRounds) { Wait-Settle }
        }
        # RawBaseline stays up (--stdin), raw and through the client library; while they warm up and settle, this
        # session idles (its own settling). They stay up so that single requests alternate with EcrTools' one by one:
        # raw, client, -First 1, first object, raw, ... A burst of one peer's requests never meets a different load
        # than the others'.
        $rawArguments = @('ListImages', $repo, $PageSize, $endpoint, '100000', '--max-pages', '1', '--warmup', $SingleRequestWarmup, '--settle-ms', $SettleMs)
        $rawServer = Start-RawBaselineServer -RawBaseline $RawBaseline -ArgumentList $rawArguments
        $clientServer = Start-RawBaselineServer -RawBaseline $RawBaseline -ArgumentList ($rawArguments + '--via-client')

        # Millisecond values are the most exposed to other work on the machine: three times the runs (each is cheap).
        for ($run = 1; $run -le 3 * $Config.Runs; $run++) {
            if (Test-RunBudget $S $run) { break }
            $keys = 'raw', 'client', 'first1', 'ttfo'
            $values = @{}
            $hot = @{}
            $stats = @{}
            foreach ($key in $keys) {
                $values[$key] = [System.Collections.Generic.List[double]]::new()
                $hot[$key] = [System.Collections.Generic.List[double]]::new()
                $stats[$key] = @{ requests = 0.0; listImages = 0.0; serviceUs = 0.0; jit = 0.0 }
            }
            for ($i = 0; $i -lt $InnerRepetitions; $i++) {
                foreach ($key in $keys) {
                    Reset-Counters $endpoint $null
                    # Each request starts with its process's JIT quiet (RawBaseline --stdin waits as the session does);
                    # $BackToBack more of the same follow it at once.
                    $value = switch ($key) {
                        'raw' { $r = Invoke-RawBaselineServer $rawServer -BackToBack $BackToBack; Assert-Count 'RawBaseline' $r.items $PageSize; $hot[$key].Add([double]$r.backToBackFirstRequestMs); $r.firstRequestMs }
                        'client' { $r = Invoke-RawBaselineServer $clientServer -BackToBack $BackToBack; Assert-Count 'RawBaseline --via-client' $r.items $PageSize; $hot[$key].Add([double]$r.backToBackFirstRequestMs); $r.firstRequestMs }
                        'first1' { $r = Invoke-BenchSession $session $Scripts.FirstOne $arguments -Quiet; $hot[$key].Add((Get-Summary ([double[]]@($r.values | Select-Object -Skip 1))).Median); $r.values[0] }
                        'ttfo' { $r = Invoke-BenchSession $session $Scripts.FirstObject $arguments -Quiet; $hot[$key].Add((Get-Summary ([double[]]@($r.values | Select-Object -Skip 1))).Median); $r.values[0] }
                    }
                    $values[$key].Add([double]$value)
                    $stats[$key].jit += [double]$r.jitMethods
                    $st = Get-LocalEcrStats -Endpoint $endpoint
                    $stats[$key].requests += [double]$st.totalRequests
                    $stats[$key].listImages += [double]$st.requests.ListImages
                    $stats[$key].serviceUs += [double]$st.serviceTimeMicroseconds
                }
            }
            # LocalEcr counted the back-to-back requests too: per command, each of the 1 + $BackToBack counts alike.
            # The methods compiled are the timed listing's for RawBaseline, and the whole script's (its 1 + $BackToBack
            # commands) for the session.
            $perCommand = $InnerRepetitions * (1 + $BackToBack)
            foreach ($pair in @(@($raw, 'raw'), @($client, 'client'), @($first, 'first1'), @($ttfo, 'ttfo'))) {
                $key = $pair[1]
                $total = $stats[$key]
                $summed = [pscustomobject]@{ totalRequests = $total.requests / $perCommand; serviceTimeMicroseconds = $total.serviceUs / $perCommand; failedRequests = 0 }
                Add-Sample $pair[0] (Get-Summary ([double[]]$values[$key])).Median $summed -Extra @{ listImagesPerCommand = $total.listImages / $perCommand } -Jit ($total.jit / $InnerRepetitions)
                Add-Sample $hotPeers[$key] (Get-Summary ([double[]]$hot[$key])).Median $null
            }
            $S.Runs = $run
        }

        # The issue asks for the round trip measured both ways, so both are judged.
        Add-Target $S 'time to first object ÷ raw baseline round trip' (Get-Pairwise $ttfo $raw { param($a, $b) $a / $b }) '×' 'le' 1.2
        Add-Target $S 'time to first object ÷ EcrTools `-First 1` round trip' (Get-Pairwise $ttfo $first { param($a, $b) $a / $b }) '×' 'le' 1.2
        Add-Target $S 'EcrTools `-First 1` ÷ raw round trip' (Get-Pairwise $first $raw { param($a, $b) $a / $b }) '×' $null 0
        Add-Target $S 'EcrTools.Client alone ÷ raw round trip' (Get-Pairwise $client $raw { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: what the client library adds to one request of 1,000 ids, its SDK pipeline and model objects'
        Add-Target $S 'time to first object ÷ EcrTools.Client alone round trip' (Get-Pairwise $ttfo $client { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: what the cmdlet and PowerShell add to the client library'
        Add-Target $S 'back to back: time to first object ÷ raw baseline round trip' (Get-Pairwise $hotPeers.ttfo $hotPeers.raw { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: both processes kept busy, each command straight after the last, instead of timed after an idle wait'
        Add-Target $S 'back to back: EcrTools `-First 1` ÷ raw round trip' (Get-Pairwise $hotPeers.first1 $hotPeers.raw { param($a, $b) $a / $b }) '×' $null 0
        Add-Target $S 'back to back: EcrTools.Client alone ÷ raw round trip' (Get-Pairwise $hotPeers.client $hotPeers.raw { param($a, $b) $a / $b }) '×' $null 0
        Add-Target $S 'raw baseline round trip after the idle wait ÷ back to back' (Get-Pairwise $raw $hotPeers.raw { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: what waking from the idle wait costs the same request on this machine'
        Add-Target $S 'time to first object after the idle wait ÷ back to back' (Get-Pairwise $ttfo $hotPeers.ttfo { param($a, $b) $a / $b }) '×' $null 0
        Add-Target $S 'ListImages requests per time-to-first-object pipeline' ([double[]]@($ttfo.Extra | ForEach-Object { $_.listImagesPerCommand })) 'requests' $null 0
    }
    finally {
        if ($rawServer) { Stop-BenchSession $rawServer }
        if ($clientServer) { Stop-BenchSession $clientServer }
        if ($session) { Stop-BenchSession $session }
        Stop-LocalEcr -Server $server
    }
}

function Invoke-MemoryScenario($S) {
    $repo = 'bench/stream'
    $n = $Config.MemoryIds
    $server = Start-LocalEcr -Path $LocalEcr
    try {
        Add-LocalEcrSeed -Endpoint $server.Endpoint -Seed @{ repositories = @(New-GeneratedRepository $repo $n 'v') }
        $endpoint = $server.Endpoint
        $growth = Add-Peer $S 'growth' 'peak working set growth during the listing (PeakWorkingSet64 after − before)' 'MB'
        $strict = Add-Peer $S 'strict' 'peak after − working set before (stricter: ignores an earlier, higher peak)' 'MB'
        $time = Add-Peer $S 'time' "wall time of ``(Get-EcrImageId -PageSize 1000 | Measure-Object).Count`` over $($n.ToString('N0', $Invariant)) ids"
        for ($run = 1; $run -le $Config.Runs; $run++) {
            if (Test-RunBudget $S $run) { break }
            # A fresh process for every run: the peak working set only ever grows within a process.
            $session = New-Session $endpoint
            try {
                $m = Measure-InSession $session $endpoint $null $Scripts.Memory @{ Repo = $repo; PageSize = $PageSize } -TimeoutSeconds 300
            }
            finally {
                Stop-BenchSession $session
            }
            $r = $m.Result
            Assert-Count 'Get-EcrImageId' $r.count $n
            $extra = @{ wsBeforeMB = $r.wsBefore / 1MB; peakBeforeMB = $r.peakBefore / 1MB; wsAfterMB = $r.wsAfter / 1MB; peakAfterMB = $r.peakAfter / 1MB
                managedBeforeMB = $r.managedBefore / 1MB; managedAfterMB = $r.managedAfter / 1MB; gen0 = $r.gen0; gen2 = $r.gen2 }
            Add-Sample $growth (($r.peakAfter - $r.peakBefore) / 1MB) $null -Extra $extra
            Add-Sample $strict (($r.peakAfter - $r.wsBefore) / 1MB) $null
            Add-Sample $time $r.ms $m.Stats ([double]$m.Stats.totalRequests - 2)   # the warm-up's two pages are not timed
            $S.Runs = $run
        }
        Add-Target $S 'peak working set growth' ([double[]]$growth.Values) 'MB' 'le' 64 -Basis 'worst'
        Add-Target $S 'peak after − working set before' ([double[]]$strict.Values) 'MB' $null 0
        Add-Target $S 'ids per second' ([double[]]@($time.Values | ForEach-Object { $n / ($_ / 1000) })) 'ids/s' $null 0
    }
    finally {
        Stop-LocalEcr -Server $server
    }
}

function Get-CallCounts($Stats, $CpuMs) {
    # A Pipeline sample's extras: the DescribeImages and ListImages calls LocalEcr counted, and the peer's processor time.
    @{ describeImages = [double]$Stats.requests.DescribeImages; listImages = [double]$Stats.requests.ListImages; cpuMs = [double]$CpuMs }
}

function Invoke-PipelineScenario($S) {
    $repo = 'bench/pipeline'
    $n = $Config.PipelineImages
    $expectedCalls = [Math]::Ceiling($n / 100)
    $server = Start-LocalEcr -Path $LocalEcr
    $session = $null
    $rawPeers = @()
    try {
        Add-LocalEcrSeed -Endpoint $server.Endpoint -Seed @{ repositories = @(New-GeneratedRepository $repo $n 'v') }
        $endpoint = $server.Endpoint
        $piped = Add-Peer $S 'piped' '`Get-EcrImageId $repo | Get-EcrImage | Measure-Object`'
        $whole = Add-Peer $S 'whole' '`Get-EcrImage $repo | Measure-Object`'
        $memory = Add-Peer $S 'memory' 'diagnostic, no listing: the same 10,000 ids from memory, `$ids | Get-EcrImage | Measure-Object`'
        $parameter = Add-Peer $S 'parameter' 'diagnostic, no listing and no binding per id: the same ids as one parameter, `Get-EcrImage $repo -ImageId $ids | Measure-Object` (the same 100 DescribeImages requests)'
        $session = New-Session $endpoint
        $arguments = @{ Repo = $repo }
        Invoke-Warmup $session $endpoint $Scripts.PipeIdsToImage $arguments $piped -Times $CpuWarmup -UntilSteady
        Invoke-Warmup $session $endpoint $Scripts.WholeRepo $arguments $whole -Times $CpuWarmup -UntilSteady
        $null = Invoke-BenchSession $session $Scripts.PipedPrepare $arguments -TimeoutSeconds 180
        Invoke-Warmup $session $endpoint $Scripts.IdsFromMemory @{} $memory -Times $CpuWarmup -UntilSteady
        Invoke-Warmup $session $endpoint $Scripts.IdsAsParameter @{} $parameter -Times $CpuWarmup -UntilSteady
        # The same two jobs without PowerShell, kept running (--stdin) so that they alternate with the session's: the
        # raw baseline (signing, sending and counting only: the endpoint's limit for this ratio) and the client library.
        foreach ($via in @($false, $true)) {
            foreach ($job in @(@('DescribeImages', 'whole repository: 10 DescribeImages requests of 1,000'), @('DescribeImagesById', 'list then describe by id: 10 ListImages requests of 1,000, then 100 DescribeImages requests of 100 ids'))) {
                $who = if ($via) { 'EcrTools.Client alone, no PowerShell (RawBaseline `--via-client`: ImageListings in C#)' } else { 'raw baseline (RawBaseline)' }
                $rawArguments = @($job[0], $repo, $PageSize, $endpoint, '100000', '--warmup', $CpuWarmup, '--settle-ms', $SettleMs) + @(if ($via) { '--via-client' })
                $rawPeers += [pscustomobject]@{
                    Peer = Add-Peer $S "$($job[0])$(if ($via) { 'Client' } else { 'Raw' })" "$who, $($job[1])"
                    Server = Start-RawBaselineServer -RawBaseline $RawBaseline -ArgumentList $rawArguments
                }
            }
        }
        Wait-Settle
        # Values of 50-150 ms on 2 shared cores are noisy, and each run is cheap: three times the runs.
        for ($run = 1; $run -le 3 * $Config.Runs; $run++) {
            if (Test-RunBudget $S $run) { break }
            foreach ($pair in @(@($piped, $Scripts.PipeIdsToImage, $arguments), @($whole, $Scripts.WholeRepo, $arguments), @($memory, $Scripts.IdsFromMemory, @{}), @($parameter, $Scripts.IdsAsParameter, @{}))) {
                $m = Measure-InSession $session $endpoint $null $pair[1] $pair[2]
                Assert-Count $pair[0].Name $m.Result.count $n
                Add-Sample $pair[0] $m.Result.ms $m.Stats -Extra (Get-CallCounts $m.Stats $m.Result.cpuMs) -Jit $m.Result.jitMethods
            }
            foreach ($raw in $rawPeers) {
                Reset-Counters $endpoint $null
                $r = Invoke-RawBaselineServer $raw.Server
                Assert-Count $raw.Peer.Name $r.items $n
                $stats = Get-LocalEcrStats -Endpoint $endpoint
                Add-Sample $raw.Peer $r.ms $stats $r.pages -Extra (Get-CallCounts $stats $r.cpuMs) -Jit $r.jitMethods
            }
            $S.Runs = $run
        }
        Add-Target $S "DescribeImages calls of the piped command (expected ⌈$n/100⌉ = $expectedCalls)" ([double[]]@($piped.Extra | ForEach-Object { $_.describeImages })) 'calls' 'le' $expectedCalls -Basis 'worst'
        Add-Target $S 'ListImages calls of the piped command' ([double[]]@($piped.Extra | ForEach-Object { $_.listImages })) 'calls' $null 0
        Add-Target $S 'DescribeImages calls of the whole-repository command' ([double[]]@($whole.Extra | ForEach-Object { $_.describeImages })) 'calls' $null 0
        Add-Target $S 'piped ÷ whole repository' (Get-Pairwise $piped $whole { param($a, $b) $a / $b }) '×' 'le' 1.3
        Add-Target $S 'ids from memory ÷ whole repository' (Get-Pairwise $memory $whole { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: the lookups and PowerShell binding the ids, without the listing'
        Add-Target $S 'ids as one parameter ÷ whole repository' (Get-Pairwise $parameter $whole { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: 100 requests of 100 ids against 10 of 1,000 images, with nothing bound per id'
        # Against a service that is a network away, most of each request is waiting, which lookups of the piped ids
        # can overlap (-ThrottleLimit) and the pages of the whole repository cannot (each needs the last one's token).
        $fault = @{ latencyMs = $LatencyMs }
        $wholeLatency = Add-Peer $S 'wholeLatency' "``Get-EcrImage `$repo | Measure-Object``, LocalEcr latency $LatencyMs ms"
        $pipedLatency = Add-Peer $S 'pipedLatency' "``Get-EcrImageId `$repo | Get-EcrImage -ThrottleLimit 16 | Measure-Object``, LocalEcr latency $LatencyMs ms"
        $pipedLatencyOne = Add-Peer $S 'pipedLatencyOne' "``Get-EcrImageId `$repo | Get-EcrImage | Measure-Object`` (``-ThrottleLimit 1``), LocalEcr latency $LatencyMs ms"
        $latencyArguments = @{ Repo = $repo; ThrottleLimit = 16 }
        Reset-Counters $endpoint $fault
        Invoke-Warmup $session $endpoint $Scripts.PipeIdsToImage $latencyArguments $null -Times 1
        for ($run = 1; $run -le $Config.Runs; $run++) {
            if (Test-RunBudget $S $run) { break }
            foreach ($pair in @(@($pipedLatency, $Scripts.PipeIdsToImage, $latencyArguments), @($wholeLatency, $Scripts.WholeRepo, $arguments), @($pipedLatencyOne, $Scripts.PipeIdsToImage, $arguments))) {
                $m = Measure-InSession $session $endpoint $fault $pair[1] $pair[2]
                Assert-Count $pair[0].Name $m.Result.count $n
                Add-Sample $pair[0] $m.Result.ms $m.Stats -Extra (Get-CallCounts $m.Stats $m.Result.cpuMs) -Jit $m.Result.jitMethods
            }
        }
        Add-Target $S "piped with ``-ThrottleLimit 16`` ÷ whole repository, LocalEcr latency $LatencyMs ms" (Get-Pairwise $pipedLatency $wholeLatency { param($a, $b) $a / $b }) '×' 'le' 1.3
        Add-Target $S "piped with ``-ThrottleLimit 1`` ÷ whole repository, LocalEcr latency $LatencyMs ms" (Get-Pairwise $pipedLatencyOne $wholeLatency { param($a, $b) $a / $b }) '×' $null 0 -Note 'one lookup at a time: each of the 110 requests waits in turn'
        Add-Target $S "DescribeImages calls of the piped command with ``-ThrottleLimit 16``" ([double[]]@($pipedLatency.Extra | ForEach-Object { $_.describeImages })) 'calls' 'le' $expectedCalls -Basis 'worst'
        Add-ProcessorTimes $S 'the EcrTools session' $piped, $whole, $memory, $parameter
        $rawWhole, $rawById, $clientWhole, $clientById = $rawPeers.Peer
        Add-Target $S 'raw baseline: list then describe by id ÷ whole repository' (Get-Pairwise $rawById $rawWhole { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: the endpoint''s limit for this ratio, the same requests with nothing but signing, sending and counting'
        Add-Target $S 'EcrTools.Client alone: list then describe by id ÷ whole repository' (Get-Pairwise $clientById $clientWhole { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: the same requests through the client library and its SDK pipeline, without PowerShell'
        Add-Target $S 'piped ÷ raw baseline list then describe by id' (Get-Pairwise $piped $rawById { param($a, $b) $a / $b }) '×' $null 0 -Note 'diagnostic: what EcrTools and PowerShell add to the raw requests of the piped command'
        Add-ProcessorTimes $S 'the RawBaseline process' $rawPeers.Peer
        $low = @($piped.Extra | Where-Object { $_.describeImages -lt $expectedCalls })
        if ($low.Count -gt 0) { $S.Notes.Add("Fewer DescribeImages calls than ⌈N/100⌉ in $($low.Count) run(s): the images were not all described.") }
    }
    finally {
        foreach ($raw in $rawPeers) { Stop-BenchSession $raw.Server }
        if ($session) { Stop-BenchSession $session }
        Stop-LocalEcr -Server $server
    }
}

function New-ReferenceModules {
    # PowerShell's floors for an import, in the sandbox: a manifest module with nothing to load, and a minimal binary
    # module (one cmdlet, compiled here with Add-Type, and a one-view format file): what any binary module with a
    # default view costs to import.
    $emptyModule = Join-Path $Sandbox 'modules/EmptyModule/EmptyModule.psd1'
    $null = New-Item -ItemType Directory -Path (Split-Path $emptyModule) -Force
    Set-Content -Path $emptyModule -Value "@{ ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"
    $binaryDirectory = Join-Path $Sandbox 'modules/MinimalBinary'
    $null = New-Item -ItemType Directory -Path $binaryDirectory -Force
    Add-Type -OutputAssembly (Join-Path $binaryDirectory 'MinimalBinary.dll') -OutputType Library -TypeDefinition @'
using System.Management.Automation;
namespace MinimalBinary
{
    public sealed class Thing { public string Name { get; set; } }

    [Cmdlet(VerbsCommon.Get, "MinimalThing")]
    public sealed class GetMinimalThing : PSCmdlet
    {
        [Parameter] public string Name { get; set; }
        protected override void ProcessRecord() { WriteObject(new Thing { Name = Name }); }
    }
}
'@
    Set-Content -Path (Join-Path $binaryDirectory 'MinimalBinary.Format.ps1xml') -Value @'
<?xml version="1.0" encoding="utf-8"?>
<Configuration><ViewDefinitions><View><Name>MinimalBinary.Thing</Name>
<ViewSelectedBy><TypeName>MinimalBinary.Thing</TypeName></ViewSelectedBy>
<TableControl><TableHeaders><TableColumnHeader><Label>Name</Label></TableColumnHeader></TableHeaders>
<TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries>
</TableControl></View></ViewDefinitions></Configuration>
'@
    $binaryModule = Join-Path $binaryDirectory 'MinimalBinary.psd1'
    Set-Content -Path $binaryModule -Value "@{ ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; RootModule = 'MinimalBinary.dll'; FormatsToProcess = @('MinimalBinary.Format.ps1xml'); CmdletsToExport = @('Get-MinimalThing'); FunctionsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"
    # EcrTools itself without its format file: its assemblies, its cmdlets and their parameters, apart from the views
    # that a format file adds to the session's format data.
    $withoutViewsDirectory = Join-Path $Sandbox 'modules/EcrToolsWithoutViews'
    Copy-Item -Path $ModulePath -Destination $withoutViewsDirectory -Recurse
    $withoutViews = Join-Path $withoutViewsDirectory 'EcrTools.psd1'
    (Get-Content -Raw $withoutViews) -replace '(?m)^\s*FormatsToProcess\s*=.*$', '' | Set-Content -Path $withoutViews
    [pscustomobject]@{ Empty = $emptyModule; Binary = $binaryModule; WithoutViews = $withoutViews }
}

function Invoke-ImportScenario($S) {
    $references = New-ReferenceModules
    # Each start but the bare one also prints its own Import-Module time, measured inside the process: far less
    # exposed to the machine's load than a whole process start, it tells how much of the import is PowerShell's.
    $timedImport = { param($path) "`$c = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$path'; [Console]::Out.Write(`$c.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)); exit" }
    $starts = @(
        [pscustomobject]@{ Peer = (Add-Peer $S 'bare' '`dotnet pwsh -NoProfile -Command exit`'); Arguments = @('pwsh', '-NoProfile', '-Command', 'exit'); Timed = $null }
        [pscustomobject]@{ Peer = (Add-Peer $S 'import' "``dotnet pwsh -NoProfile -Command `"Import-Module <module>; exit`"``"); Arguments = @('pwsh', '-NoProfile', '-Command', (& $timedImport $Manifest))
            Timed = (Add-Peer $S 'importTimed' '`Import-Module <module>` timed inside those processes') }
        [pscustomobject]@{ Peer = (Add-Peer $S 'emptyModule' "``dotnet pwsh -NoProfile -Command `"Import-Module <empty manifest module>; exit`"`` (reference)"); Arguments = @('pwsh', '-NoProfile', '-Command', (& $timedImport $references.Empty))
            Timed = (Add-Peer $S 'emptyTimed' '`Import-Module <empty manifest module>` timed inside those processes (reference)') }
        [pscustomobject]@{ Peer = (Add-Peer $S 'binaryModule' "``dotnet pwsh -NoProfile -Command `"Import-Module <minimal binary module>; exit`"`` (reference: one cmdlet, a one-view format file)"); Arguments = @('pwsh', '-NoProfile', '-Command', (& $timedImport $references.Binary))
            Timed = (Add-Peer $S 'binaryTimed' '`Import-Module <minimal binary module>` timed inside those processes (reference)') }
        [pscustomobject]@{ Peer = (Add-Peer $S 'withoutViews' "``dotnet pwsh -NoProfile -Command `"Import-Module <EcrTools without its format file>; exit`"`` (reference)"); Arguments = @('pwsh', '-NoProfile', '-Command', (& $timedImport $references.WithoutViews))
            Timed = (Add-Peer $S 'withoutViewsTimed' '`Import-Module <EcrTools without its format file>` timed inside those processes (reference)') }
        # A session that shows anything formats it: the same two starts, each formatting one object before it exits.
        [pscustomobject]@{ Peer = (Add-Peer $S 'bareFormat' '`dotnet pwsh -NoProfile -Command "$null = Get-Item / | Out-String; exit"` (reference: formats one object)'); Arguments = @('pwsh', '-NoProfile', '-Command', '$null = Get-Item / | Out-String; exit'); Timed = $null }
        [pscustomobject]@{ Peer = (Add-Peer $S 'importFormat' "``dotnet pwsh -NoProfile -Command `"Import-Module <module>; `$null = Get-Item / | Out-String; exit`"`` (reference)"); Arguments = @('pwsh', '-NoProfile', '-Command', "Import-Module '$Manifest'; `$null = Get-Item / | Out-String; exit"); Timed = $null }
    )
    # One untimed start of each fills the file cache.
    foreach ($start in $starts) { $start.Peer.Cold = (Invoke-TimedProcess -FilePath 'dotnet' -ArgumentList $start.Arguments -WorkingDirectory $Root -TimeoutSeconds 60).Ms }
    for ($run = 1; $run -le $Config.ImportPairs; $run++) {
        if (Test-RunBudget $S $run) { break }
        foreach ($start in $starts) {
            $p = Invoke-TimedProcess -FilePath 'dotnet' -ArgumentList $start.Arguments -WorkingDirectory $Root -TimeoutSeconds 60
            if ($p.ExitCode -ne 0) { throw "dotnet $($start.Arguments -join ' ') failed: $($p.Stderr)" }
            Add-Sample $start.Peer $p.Ms $null
            if ($start.Timed) { Add-Sample $start.Timed ([double]::Parse($p.Stdout.Trim(), [cultureinfo]::InvariantCulture)) $null }
        }
        $S.Runs = $run
    }
    $bare, $import, $empty, $binary, $withoutViews, $bareFormat, $importFormat = $starts.Peer
    $importTimed, $emptyTimed, $binaryTimed, $withoutViewsTimed = $starts[1..4].Timed
    Add-Target $S 'time Import-Module adds to a bare start' (Get-Pairwise $import $bare { param($a, $b) $a - $b }) 'ms' 'le' 150
    Add-Target $S 'time importing an empty manifest module adds (PowerShell''s floor)' (Get-Pairwise $empty $bare { param($a, $b) $a - $b }) 'ms' $null 0
    Add-Target $S 'EcrTools beyond the empty module' (Get-Pairwise $import $empty { param($a, $b) $a - $b }) 'ms' $null 0
    Add-Target $S 'time importing a minimal binary module with a format file adds (PowerShell''s floor for such a module)' (Get-Pairwise $binary $bare { param($a, $b) $a - $b }) 'ms' $null 0
    Add-Target $S 'EcrTools beyond the empty module, `Import-Module` timed inside the processes' (Get-Pairwise $importTimed $emptyTimed { param($a, $b) $a - $b }) 'ms' $null 0
    Add-Target $S 'EcrTools beyond the minimal binary module, `Import-Module` timed inside the processes' (Get-Pairwise $importTimed $binaryTimed { param($a, $b) $a - $b }) 'ms' $null 0
    Add-Target $S 'time importing EcrTools without its format file adds' (Get-Pairwise $withoutViews $bare { param($a, $b) $a - $b }) 'ms' $null 0
    Add-Target $S 'time Import-Module adds to a start that formats one object' (Get-Pairwise $importFormat $bareFormat { param($a, $b) $a - $b }) 'ms' $null 0 -Note 'diagnostic: such a start builds the session''s format data for its output, with or without the module'
    Add-Target $S 'EcrTools without its format file beyond the empty module, `Import-Module` timed inside the processes' (Get-Pairwise $withoutViewsTimed $emptyTimed { param($a, $b) $a - $b }) 'ms' $null 0 -Note 'diagnostic: loading its assemblies and cmdlets'
    Add-Target $S 'EcrTools'' format file, `Import-Module` timed inside the processes (EcrTools − EcrTools without it)' (Get-Pairwise $importTimed $withoutViewsTimed { param($a, $b) $a - $b }) 'ms' $null 0 -Note 'diagnostic: the first format file of a session builds its format data, which the first formatted output would build anyway'

    # First-call cost: fresh sessions, the first Get-EcrImageId after import, then the second.
    $server = Start-LocalEcr -Path $LocalEcr
    try {
        Add-LocalEcrSeed -Endpoint $server.Endpoint -Seed @{ repositories = @(New-GeneratedRepository 'bench/small' 50 'v') }
        $inProcess = Add-Peer $S 'importInProcess' '`Import-Module` inside the session (Stopwatch around it)'
        $firstCall = Add-Peer $S 'firstCall' 'first `Get-EcrImageId` after import (50 ids, one request)'
        $secondCall = Add-Peer $S 'secondCall' 'second `Get-EcrImageId` (same command)'
        for ($i = 1; $i -le $Config.FirstCallSessions; $i++) {
            if (Test-OverBudget) { $S.Notes.Add("First-call cost: stopped after $($i - 1) session(s), time budget."); break }
            $session = New-Session $server.Endpoint
            try {
                $r = Invoke-BenchSession $session $Scripts.FirstCall @{ Repo = 'bench/small' }
                Add-Sample $inProcess ([double]$session.Ready.importMs) $null
                Add-Sample $firstCall ([double]$r.firstMs) $null
                Add-Sample $secondCall ([double]$r.secondMs) $null
            }
            finally {
                Stop-BenchSession $session
            }
        }
        Add-Target $S 'first-call cost (first call − second call)' (Get-Pairwise $firstCall $secondCall { param($a, $b) $a - $b }) 'ms' $null 0
    }
    finally {
        Stop-LocalEcr -Server $server
    }
}

# ---------------------------------------------------------------------------------------------------------------
# The machine, then every scenario, then RESULTS.md.
# ---------------------------------------------------------------------------------------------------------------
function Get-MachineFacts {
    $cpu = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
    $memKb = [double]((Get-Content /proc/meminfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'MemTotal:*' }) -replace '[^0-9]', '')
    $os = (Get-Content /etc/os-release -ErrorAction SilentlyContinue | Where-Object { $_ -like 'PRETTY_NAME=*' }) -replace '^PRETTY_NAME="?|"$', ''
    $git = try { "$((& git -C $Root rev-parse --short HEAD 2>$null))$(if (& git -C $Root status --porcelain 2>$null) { ' (with uncommitted changes in the tree)' })" } catch { 'unknown' }
    [ordered]@{
        'CPU'                = "$([Environment]::ProcessorCount) logical cores, $cpu"
        'Memory'             = '{0:0.0} GiB' -f ($memKb / 1MB)
        'OS'                 = "$os, kernel $([Environment]::OSVersion.Version)"
        '.NET SDK / runtime' = "$((& dotnet --version 2>$null)) / $([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription)"
        'PowerShell'         = "$($PSVersionTable.PSVersion) (``dotnet pwsh``, the repository's local tool)"
        'AWS CLI'            = if ($Aws.Path) { "$($Aws.Version) ($($Aws.Path), Debian package awscli)" } else { "not used: $($Aws.Reason)$(if ($Aws.Version) { " (found: $($Aws.Version))" })" }
        'EcrTools'           = "$([IO.Path]::GetRelativePath($Root, $SourceModulePath)) (commit $git), measured from a copy taken at the start"
        'Load average'       = ''
    }
}

$Facts = $null
$Aws = $null
$RawBaseline = $null
$LoadBefore = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -replace '^(\S+ \S+ \S+).*', '$1'
try {
    $RawBaseline = Build-RawBaseline
    $Aws = Find-AwsCli
    $Facts = Get-MachineFacts
    Write-Host "EcrTools benchmarks ($($Config.Mode) mode, $($Config.Runs) runs, budget $($Config.BudgetMinutes) min); AWS CLI: $(if ($Aws.Path) { $Aws.Version } else { $Aws.Reason })"

    # Cheap scenarios first, the AWS CLI-heavy Describe last, so that a time-budget cut costs the least.
    Invoke-Scenario 'List' "List $($Config.ListIds.ToString('N0', $Invariant)) image ids" `
        "One repository of $($Config.ListIds.ToString('N0', $Invariant)) images, listed in pages of 1,000 ($($Config.ListIds / 1000) ListImages requests). Interleaved per run: raw baseline, EcrTools.Client alone (the same listing through the client library in C#, no PowerShell), EcrTools, EcrTools with its output discarded, PowerShell's floor (the same objects from memory, no request), AWS CLI." `
        { param($S) Invoke-ListScenario $S }
    Invoke-Scenario 'FirstObject' 'Time to first object on a 100-page listing' `
        "The $($Config.ListIds.ToString('N0', $Invariant))-image repository with ``-PageSize 1000`` ($($Config.ListIds / 1000) pages). Each run alternates, request by request, $InnerRepetitions times: the raw baseline's single-request round trip (a RawBaseline process kept running), the same request through EcrTools.Client alone (a second one, ``--via-client``), EcrTools ``-First 1``, and the time until the first object reaches the next pipeline command (session warmed up first; import and client creation excluded; each request starts once its process has compiled no method for 150 ms); a run's value is the median of its $InnerRepetitions. Each of those timed requests is followed at once by $BackToBack more of the same, recorded apart as ""back to back"": the process kept busy instead of woken from the idle wait." `
        { param($S) Invoke-FirstObjectScenario $S }
    Invoke-Scenario 'Pipeline' "``Get-EcrImageId | Get-EcrImage`` over $($Config.PipelineImages.ToString('N0', $Invariant)) images" `
        "One repository of $($Config.PipelineImages.ToString('N0', $Invariant)) images, default page sizes. Interleaved in one session: the piped command, ``Get-EcrImage`` of the whole repository, and (diagnostics) the same ids piped from memory, which leaves out the listing, and the same ids given as one parameter, which also leaves out binding each id; then the same two jobs without PowerShell, each in a RawBaseline kept running: the raw baseline and EcrTools.Client alone, the whole repository and the ids listed then described by id. Then, with LocalEcr fault ``latencyMs=$LatencyMs`` on every request, the piped command with ``-ThrottleLimit 16`` and with 1 against the whole repository. Calls counted by LocalEcr." `
        { param($S) Invoke-PipelineScenario $S }
    Invoke-Scenario 'Memory' "Stream $($Config.MemoryIds.ToString('N0', $Invariant)) ids to Measure-Object" `
        "One repository of $($Config.MemoryIds.ToString('N0', $Invariant)) images, ``(Get-EcrImageId -PageSize 1000 | Measure-Object).Count`` in a new session per run; working set sampled in that process before and after." `
        { param($S) Invoke-MemoryScenario $S }
    Invoke-Scenario 'Import' '`Import-Module EcrTools` and the first call' `
        "$($Config.ImportPairs) interleaved runs of seven new processes (bare start, start with import, start importing an empty manifest module, start importing a minimal binary module with a one-view format file, start importing EcrTools without its format file, each import also timed inside its process; then a bare start and a start with import that each format one object), then $($Config.FirstCallSessions) new sessions timing the first and second ``Get-EcrImageId`` after import." `
        { param($S) Invoke-ImportScenario $S }
    Invoke-Scenario 'Throttle' "$($Config.ThrottleRepos) repositories, $LatencyMs ms latency: ``-ThrottleLimit 16`` against 1" `
        "$($Config.ThrottleRepos) repositories of $ImagesPerLatencyRepo images (one ListImages page each), LocalEcr fault ``latencyMs=$LatencyMs`` on every request. ```$names | Get-EcrImageId -ThrottleLimit N | ForEach-Object { ... }`` in one session, N = 1 and 16 interleaved." `
        { param($S) Invoke-ThrottleScenario $S $Config.ThrottleRepos 16 'bench/latency' $true 10 }
    Invoke-Scenario 'ReadSide' "Read side: $($Config.ReadSideRepos) repositories, $LatencyMs ms latency, ``-ThrottleLimit 8`` against 1" `
        "$($Config.ReadSideRepos) repositories of $ImagesPerLatencyRepo images, LocalEcr fault ``latencyMs=$LatencyMs``. Recorded for the read-side issue: wall time, time to first object, requests per listing." `
        { param($S) Invoke-ThrottleScenario $S $Config.ReadSideRepos 8 'bench/readside' $false 0 }
    Invoke-Scenario 'Describe' "Describe $($Config.DescribeRepos) repositories of $($Config.ImagesPerDescribeRepo) images" `
        "$($Config.DescribeRepos) repositories of $($Config.ImagesPerDescribeRepo) images each (one DescribeImages page each). Interleaved per run: EcrTools in the long-lived session, EcrTools in a new pwsh process, the AWS CLI once per repository." `
        { param($S) Invoke-DescribeScenario $S }
}
finally {
    Remove-Item $Sandbox -Recurse -Force -ErrorAction SilentlyContinue
}
# RESULTS.md lists the scenarios in the issue's order, whatever order they ran in.
$Report = @($Report | Sort-Object { [array]::IndexOf([string[]]$AllScenarios, $_.Id) })
$LoadAfter = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -replace '^(\S+ \S+ \S+).*', '$1'
$Elapsed = [DateTime]::UtcNow - $Started

# ---------------------------------------------------------------------------------------------------------------
# RESULTS.md
# ---------------------------------------------------------------------------------------------------------------
function Format-Value([double] $Value, [string] $Unit) {
    switch ($Unit) {
        'ms' { Format-Ms $Value }
        '×' { (Format-Number $Value '0.00') + '×' }
        'MB' { (Format-Number $Value '0.0') + ' MB' }
        'ids/s' { (Format-Number $Value '#,0') + ' ids/s' }
        default { (Format-Number $Value '0.##') + " $Unit" }
    }
}

function Format-Spread($Summary, [string] $Unit) {
    if (-not $Summary) { return '–' }
    "$(Format-Value $Summary.Min $Unit) – $(Format-Value $Summary.Max $Unit)"
}

function Format-TargetText($Target) {
    if (-not $Target.Op) { return 'recorded' }
    $sign = if ($Target.Op -eq 'le') { '≤' } else { '≥' }
    $text = "$sign $(Format-Value $Target.Threshold $Target.Unit)"
    if ($Target.Basis -eq 'worst') { $text += ' (every run)' }
    $text
}

function Format-Met($Target) {
    if (-not $Target.Op) { return '' }
    if ($null -eq $Target.Met) { return 'not measured' }
    if ($Target.Met) { 'met' } else { '**missed**' }
}

$md = [System.Text.StringBuilder]::new()
function Out-Md([string] $Line = '') { $null = $md.AppendLine($Line) }
function Cell([string] $Text) { $Text -replace '\|', '\|' }   # a | inside a table cell, even in code, is escaped

Out-Md '# EcrTools benchmark results'
Out-Md
Out-Md "Made by ``tests/Benchmarks/Invoke-Benchmarks.ps1`` in **$($Config.Mode)** mode ($($Config.Runs) interleaved runs per scenario$(if ($Quick) { ', counts scaled down' })) on $($Started.ToString('yyyy-MM-dd HH:mm', $Invariant)) UTC, in $([Math]::Round($Elapsed.TotalMinutes, 1)) minutes. How to run it and how the numbers are computed: [README.md](README.md)."
Out-Md
Out-Md '## Machine'
Out-Md
Out-Md '| | |'
Out-Md '|---|---|'
if ($Facts) {
    $Facts['Load average'] = "$LoadBefore at the start, $LoadAfter at the end (1, 5, 15 min; 2 cores: other work shared the machine)"
    foreach ($key in $Facts.Keys) { Out-Md "| $key | $($Facts[$key]) |" }
}
Out-Md
Out-Md '## Targets'
Out-Md
Out-Md 'Each ratio is computed per run from the interleaved measurements of that run, then summarised: the median decides, the spread is the min–max over the runs.'
Out-Md
Out-Md '| scenario | measure | target | median | spread (min–max) | runs | result |'
Out-Md '|---|---|---|---|---|---|---|'
foreach ($s in $Report) {
    if ($s.Error) { Out-Md "| $(Cell $s.Title) | – | – | – | – | – | $($s.Error -replace '\|', '/' -replace '\r?\n', ' ') |"; continue }
    # Targets, and the values the read-side issue asks to record.
    foreach ($t in @($s.Targets | Where-Object { $_.Op -or $s.Id -eq 'ReadSide' })) {
        $median = if ($t.Summary) { Format-Value $t.Summary.Median $t.Unit } else { '–' }
        Out-Md "| $(Cell $s.Title) | $(Cell $t.Name) | $(Format-TargetText $t) | $median | $(Format-Spread $t.Summary $t.Unit) | $(if ($t.Summary) { $t.Summary.Count } else { 0 }) | $(Format-Met $t) |"
    }
}
$notRun = $AllScenarios | Where-Object { $_ -notin $Scenario }
if ($notRun) { Out-Md; Out-Md "Not run this time (``-Scenario``): $($notRun -join ', ')." }
if (-not $Aws -or -not $Aws.Path) { Out-Md; Out-Md "AWS CLI comparisons skipped: $(if ($Aws) { $Aws.Reason } else { 'the run stopped before the AWS CLI was checked' })" }

foreach ($s in $Report) {
    Out-Md
    Out-Md "## $($s.Title)"
    Out-Md
    Out-Md $s.Setup
    if ($s.Error) { Out-Md; Out-Md "**$($s.Error)**"; continue }
    Out-Md
    Out-Md "$($s.Runs) interleaved run(s) in $([Math]::Round($s.Seconds)) s; 1-minute load average $($s.Load)."
    Out-Md
    Out-Md '| peer | median | spread (min–max) | cold (first in its session) | LocalEcr requests per timed command | LocalEcr service time per request | LocalEcr share of the wall time |'
    Out-Md '|---|---|---|---|---|---|---|'
    foreach ($peer in $s.Peers.Values) {
        $summary = Get-Summary ([double[]]$peer.Values)
        $median = if ($summary) { Format-Value $summary.Median $peer.Unit } else { '–' }
        $cold = if ($null -ne $peer.Cold) { Format-Value $peer.Cold $peer.Unit } else { '–' }
        $requests = if ($peer.Requests.Count) { Format-Number (Get-Summary ([double[]]$peer.Requests)).Median '0.##' } else { '–' }
        $service = if ($peer.ServiceUs.Count) { (Format-Number (Get-Summary ([double[]]$peer.ServiceUs)).Median '0') + ' µs' } else { '–' }
        $share = if ($peer.ServiceShare.Count) {
            $percent = (Get-Summary ([double[]]$peer.ServiceShare)).Median * 100
            (Format-Number $percent $(if ($percent -lt 1) { '0.00' } else { '0.#' })) + ' %'
        }
        else { '–' }
        Out-Md "| $(Cell $peer.Name) | $median | $(Format-Spread $summary $peer.Unit) | $cold | $requests | $service | $share |"
    }
    if ($s.Targets.Count) {
        Out-Md
        Out-Md '| computed from the interleaved runs | per run | median | spread | target | result |'
        Out-Md '|---|---|---|---|---|---|'
        foreach ($t in $s.Targets) {
            $perRun = ($t.Values | ForEach-Object { Format-Value $_ $t.Unit }) -join ', '
            $median = if ($t.Summary) { Format-Value $t.Summary.Median $t.Unit } else { '–' }
            $name = if ($t.Note) { "$($t.Name) ($($t.Note))" } else { $t.Name }
            Out-Md "| $(Cell $name) | $perRun | $median | $(Format-Spread $t.Summary $t.Unit) | $(Format-TargetText $t) | $(Format-Met $t) |"
        }
    }
    if ($s.Id -eq 'Memory') {
        $g = $s.Peers['growth']
        if ($g -and $g.Extra.Count) {
            Out-Md
            Out-Md '| run | working set before | peak before | working set after | peak after | GC heap before → after | gen0 / gen2 collections |'
            Out-Md '|---|---|---|---|---|---|---|'
            $i = 0
            foreach ($e in $g.Extra) {
                $i++
                Out-Md ("| {0} | {1:0.0} MB | {2:0.0} MB | {3:0.0} MB | {4:0.0} MB | {5:0.0} → {6:0.0} MB | {7} / {8} |" -f $i, $e.wsBeforeMB, $e.peakBeforeMB, $e.wsAfterMB, $e.peakAfterMB, $e.managedBeforeMB, $e.managedAfterMB, $e.gen0, $e.gen2)
            }
        }
    }
    foreach ($note in $s.Notes) { Out-Md; Out-Md $note }
}

Out-Md
Out-Md '## Per-run values'
Out-Md
Out-Md 'In the order measured; peers of one scenario alternate within each run.'
Out-Md
foreach ($s in @($Report | Where-Object { -not $_.Error })) {
    foreach ($peer in $s.Peers.Values) {
        Out-Md "- $($s.Id) / $($peer.Name): $(($peer.Values | ForEach-Object { Format-Value $_ $peer.Unit }) -join ', ')"
    }
}

Set-Content -Path $ResultPath -Value $md.ToString().TrimEnd() -Encoding utf8
Write-Host "Results: $ResultPath ($([Math]::Round($Elapsed.TotalMinutes, 1)) min)"
foreach ($s in $Report) {
    if ($s.Error) { Write-Host "  $($s.Title): $($s.Error)"; continue }
    foreach ($t in @($s.Targets | Where-Object { $_.Op })) {
        Write-Host ("  {0}: {1} = {2} (target {3}) {4}" -f $s.Title, $t.Name, $(if ($t.Summary) { Format-Value $t.Summary.Median $t.Unit } else { '–' }), (Format-TargetText $t), (Format-Met $t))
    }
}
# A missed target is a result; a scenario that could not run is a failure of the harness.
if (@($Report | Where-Object { $_.Error -like 'failed*' }).Count -gt 0) { exit 1 }
