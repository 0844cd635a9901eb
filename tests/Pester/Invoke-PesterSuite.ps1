<#
.SYNOPSIS
    Runs the Pester suite against the packaged module: installs the nupkg into a temporary folder that is the
    only module path besides PowerShell's own, starts LocalEcr, and writes the counts to -ResultPath.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Package,
    [Parameter(Mandatory)] [string] $LocalEcr,
    [Parameter(Mandatory)] [string] $ResultPath,
    # Test files to run (for development); all of tests/Pester by default.
    [string[]] $Path = @($PSScriptRoot)
)

$ErrorActionPreference = 'Stop'
$root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent

# Pester comes from NuGet: restoring tests/Pester/Pester.Tools.csproj downloads it into the global packages folder.
& dotnet restore (Join-Path $PSScriptRoot 'Pester.Tools.csproj') --nologo --verbosity quiet | Out-Null
$packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
$pesterVersion = (Select-Xml -Path (Join-Path $PSScriptRoot 'Pester.Tools.csproj') -XPath '//PackageDownload').Node.Version.Trim('[]')
Import-Module (Join-Path $packages.Trim() "pester/$pesterVersion/tools/Pester.psd1") -Force

# A sandbox: no AWS settings from the machine, credentials LocalEcr knows, metadata lookups off.
$sandbox = Join-Path ([IO.Path]::GetTempPath()) "ecrtools-pester-$([guid]::NewGuid().ToString('n'))"
$modules = Join-Path $sandbox 'Modules'
$null = New-Item -ItemType Directory -Path $modules
$env:AWS_CONFIG_FILE = Join-Path $sandbox 'config'
$env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $sandbox 'credentials'
$null = New-Item -ItemType File -Path $env:AWS_CONFIG_FILE, $env:AWS_SHARED_CREDENTIALS_FILE
$env:AWS_EC2_METADATA_DISABLED = 'true'
$env:AWS_ACCESS_KEY_ID = 'AKIDLOCALECREXAMPLE'
$env:AWS_SECRET_ACCESS_KEY = 'localecr/secret/EXAMPLEKEY'
$env:AWS_REGION = 'us-east-1'
foreach ($name in 'AWS_PROFILE', 'AWS_DEFAULT_REGION', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ECR', 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE') {
    Remove-Item "env:$name" -ErrorAction SilentlyContinue
}

# Install what ships: the nupkg, from a temporary local repository.
$repository = "EcrToolsTest-$([guid]::NewGuid().ToString('n'))"
Register-PSResourceRepository -Name $repository -Uri (Split-Path $Package -Parent) -Trusted
try {
    Save-PSResource -Name EcrTools -Repository $repository -Path $modules -TrustRepository -SkipDependencyCheck -Quiet
}
finally {
    Unregister-PSResourceRepository -Name $repository
}
$env:PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath

Import-Module (Join-Path $root 'tests/LocalEcr/LocalEcr.psm1') -Force
$server = Start-LocalEcr -Path $LocalEcr -SeedFile (Join-Path $PSScriptRoot 'seed.json')
$env:ECRTOOLS_TEST_ENDPOINT = $server.Endpoint
$env:ECRTOOLS_TEST_MODULES = $modules
$env:ECRTOOLS_TEST_PACKAGE = $Package
try {
    $configuration = New-PesterConfiguration
    # -File passes a comma-separated list as one string.
    $configuration.Run.Path = @($Path | ForEach-Object { $_ -split "," })
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Normal'
    $result = Invoke-Pester -Configuration $configuration
    @{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount } |
        ConvertTo-Json | Set-Content -Path $ResultPath
}
finally {
    Stop-LocalEcr -Server $server
    Remove-Item $sandbox -Recurse -Force -ErrorAction SilentlyContinue
}
