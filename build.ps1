#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates EcrTools.
.DESCRIPTION
    Build    compiles the module into output/EcrTools/<version>/ (manifest, assemblies, format file).
    Package  also makes output/EcrTools.<version>.nupkg with Publish-PSResource into a temporary local repository.
    Test     packages, runs the xunit suites, then Pester in a child pwsh that installs the nupkg and talks to
             LocalEcr; ends with the line "Tests: N passed, N failed".
    Demo     starts LocalEcr seeded with sample repositories and runs the cmdlets against it.
    Bench    builds, then runs tests/Benchmarks/Invoke-Benchmarks.ps1 against the built module and LocalEcr and writes
             tests/Benchmarks/RESULTS.md; -Quick scales it down to a few minutes.
.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Package', 'Test', 'Demo', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench only: the scaled-down run (under 10 minutes) instead of the full one (under 25).
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Output = Join-Path $Root 'output'
$Version = (Select-Xml -Path (Join-Path $Root 'Directory.Build.props') -XPath '//VersionPrefix').Node.InnerText
$ModuleOutput = Join-Path $Output "EcrTools/$Version"
$LocalEcrOutput = Join-Path $Output 'LocalEcr'

# Tests, the demo and benchmarks talk to 127.0.0.1 only: never ask the instance-metadata address.
$env:AWS_EC2_METADATA_DISABLED = 'true'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Dotnet {
    # Quiet on success; the whole output when it fails.
    $output = & dotnet @args 2>&1
    if ($LASTEXITCODE -ne 0) {
        $output | Out-Host
        throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    Write-Host "Building EcrTools $Version ($Configuration)" -ForegroundColor Cyan
    $bin = Join-Path $Output 'obj/EcrTools'
    $loaderBin = Join-Path $Output 'obj/EcrTools.Loader'
    Invoke-Dotnet build (Join-Path $Root 'src/EcrTools/EcrTools.csproj') -c $Configuration -o $bin --nologo --verbosity quiet '-clp:NoSummary'
    Invoke-Dotnet build (Join-Path $Root 'src/EcrTools.Loader/EcrTools.Loader.csproj') -c $Configuration -o $loaderBin --nologo --verbosity quiet '-clp:NoSummary'
    Invoke-Dotnet build (Join-Path $Root 'tests/LocalEcr/LocalEcr.csproj') -c $Configuration -o $LocalEcrOutput --nologo --verbosity quiet '-clp:NoSummary'

    # output/EcrTools/<version>/
    #   EcrTools.psd1, EcrTools.Format.ps1xml, LICENSE, en-US/ (help)
    #   bin/  EcrTools.dll (netstandard2.0, both editions; the root module), the assemblies it ships (EcrTools.Client, AWSSDK.*,
    #         System.* polyfills for .NET Framework) and EcrTools.Loader.dll (net8.0: the private load context on 7.4+)
    if (Test-Path $ModuleOutput) { Remove-Item $ModuleOutput -Recurse -Force }
    $moduleBin = Join-Path $ModuleOutput 'bin'
    $null = New-Item -ItemType Directory -Path $moduleBin
    # PowerShell's own assemblies come from the host.
    Get-ChildItem $bin -File -Filter '*.dll' | Where-Object Name -ne 'System.Management.Automation.dll' |
        Copy-Item -Destination $moduleBin
    Copy-Item (Join-Path $loaderBin 'EcrTools.Loader.dll') -Destination $moduleBin
    Copy-Item (Join-Path $bin 'EcrTools.Format.ps1xml'), (Join-Path $Root 'LICENSE') -Destination $ModuleOutput

    $manifest = Get-Content (Join-Path $Root 'EcrTools.psd1') -Raw
    $manifest = $manifest -replace "ModuleVersion(\s*)= '[^']*'", "ModuleVersion`$1= '$Version'"
    Set-Content -Path (Join-Path $ModuleOutput 'EcrTools.psd1') -Value $manifest -NoNewline

    # Help next to the manifest: Get-Help finds en-US/EcrTools.dll-Help.xml through the module's base folder. Help that
    # does not match the cmdlets is a warning here, so the module still builds; tests/Pester/Help.Tests.ps1 fails on it.
    $helpBuilder = Join-Path $Root 'src/EcrTools/Help/Build-Help.ps1'
    if (Test-Path $helpBuilder) {
        $helpOutput = New-Item -ItemType Directory -Path (Join-Path $ModuleOutput 'en-US')
        try {
            & $helpBuilder -SourcePath (Split-Path $helpBuilder -Parent) -ModulePath $ModuleOutput -OutputPath $helpOutput.FullName
        }
        catch {
            Write-Warning "Help not built: $($_.Exception.Message)"
        }
    }
    Write-Host "Module: $ModuleOutput"
}

function Invoke-Package {
    Invoke-Build
    $repositoryName = "EcrToolsBuild-$([guid]::NewGuid().ToString('n'))"
    $repositoryPath = Join-Path ([IO.Path]::GetTempPath()) $repositoryName
    $null = New-Item -ItemType Directory -Path $repositoryPath
    try {
        # What the Gallery checks too: a manifest that loads, and every file it names.
        $null = Test-ModuleManifest -Path (Join-Path $ModuleOutput 'EcrTools.psd1')
        Register-PSResourceRepository -Name $repositoryName -Uri $repositoryPath -Trusted
        Publish-PSResource -Path $ModuleOutput -Repository $repositoryName -SkipDependenciesCheck
        Get-ChildItem $Output -Filter 'EcrTools.*.nupkg' | Remove-Item -Force
        Copy-Item (Join-Path $repositoryPath "EcrTools.$Version.nupkg") -Destination $Output
    }
    finally {
        Unregister-PSResourceRepository -Name $repositoryName -ErrorAction SilentlyContinue
        Remove-Item $repositoryPath -Recurse -Force -ErrorAction SilentlyContinue
    }
    $script:Package = Join-Path $Output "EcrTools.$Version.nupkg"
    Write-Host "Package: $script:Package"
}

function Get-TrxCounts([string] $Directory) {
    $passed = 0; $failed = 0
    foreach ($trx in Get-ChildItem $Directory -Filter '*.trx' -Recurse) {
        $counters = (Select-Xml -Path $trx.FullName -XPath "//*[local-name()='Counters']").Node
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

function Invoke-Test {
    Invoke-Package
    $results = Join-Path $Output 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }

    $xunitFailed = $false
    foreach ($project in 'tests/EcrTools.Tests', 'tests/LocalEcr.Tests') {
        Write-Host "xunit: $project" -ForegroundColor Cyan
        & dotnet test (Join-Path $Root $project) -c $Configuration --nologo --verbosity quiet --logger 'trx' --logger 'console;verbosity=minimal' --results-directory (Join-Path $results 'xunit')
        if ($LASTEXITCODE -ne 0) { $xunitFailed = $true }
    }
    $xunit = Get-TrxCounts (Join-Path $results 'xunit')
    if ($xunitFailed -and $xunit.Failed -eq 0) { $xunit.Failed = 1 }  # a suite that did not build or run counts as failed

    Write-Host 'Pester: tests/Pester against the installed package and LocalEcr' -ForegroundColor Cyan
    $pesterResult = Join-Path $results 'pester.json'
    # The reliability tests write the figures that tests/RELIABILITY.md reports here.
    $env:ECRTOOLS_RELIABILITY_LOG = Join-Path $results 'reliability.jsonl'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1') `
        -Package $script:Package -LocalEcr (Join-Path $LocalEcrOutput 'LocalEcr.dll') -ResultPath $pesterResult
    $pester = if (Test-Path $pesterResult) { Get-Content $pesterResult -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1 } }

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    Write-Host "Tests: $passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Demo/Invoke-Demo.ps1') `
        -ModulePath $ModuleOutput -LocalEcr (Join-Path $LocalEcrOutput 'LocalEcr.dll')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    Invoke-Build
    # -InstallAwsCli: the AWS CLI v2 peer is Debian's awscli package, installed with apt-get when /usr/bin/aws is missing.
    $arguments = @('-ModulePath', $ModuleOutput, '-LocalEcr', (Join-Path $LocalEcrOutput 'LocalEcr.dll'), '-InstallAwsCli')
    if ($Quick) { $arguments += '-Quick' }
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Benchmarks/Invoke-Benchmarks.ps1') @arguments
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Package' { Invoke-Package }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
}
