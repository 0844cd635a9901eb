<#
.SYNOPSIS
    The demo: starts LocalEcr seeded with sample repositories and shows the cmdlets' real output.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $LocalEcr
)

$ErrorActionPreference = 'Stop'
$root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
$seedFile = Join-Path $root 'tests/LocalEcr/seed/sample.json'

# Loopback only, with the credentials LocalEcr knows; nothing from this machine's AWS settings.
$sandbox = Join-Path ([IO.Path]::GetTempPath()) "ecrtools-demo-$([guid]::NewGuid().ToString('n'))"
$null = New-Item -ItemType Directory -Path $sandbox
$env:AWS_CONFIG_FILE = Join-Path $sandbox 'config'
$env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $sandbox 'credentials'
$env:AWS_EC2_METADATA_DISABLED = 'true'
$env:AWS_ACCESS_KEY_ID = 'AKIDLOCALECREXAMPLE'
$env:AWS_SECRET_ACCESS_KEY = 'localecr/secret/EXAMPLEKEY'
$env:AWS_REGION = 'us-east-1'
Remove-Item env:AWS_PROFILE, env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue

Import-Module (Join-Path $root 'tests/LocalEcr/LocalEcr.psm1')
Import-Module $ModulePath
$server = Start-LocalEcr -Path $LocalEcr -SeedFile $seedFile
$endpoint = $server.Endpoint

function Show([string] $Command) {
    Write-Host ""
    Write-Host "PS> $Command" -ForegroundColor Yellow
    Invoke-Expression $Command | Out-Host
}

try {
    Write-Host "LocalEcr is listening on $endpoint, seeded from tests/LocalEcr/seed/sample.json"
    $repositories = (Get-Content $seedFile -Raw | ConvertFrom-Json).repositories.name
    $first = $repositories[0]
    Show "Get-EcrImageId -RepositoryName '$first' -EndpointUrl '$endpoint'"
    Show "'$($repositories -join "', '")' | Get-EcrImageId -EndpointUrl '$endpoint' | Group-Object RepositoryName -NoElement"
    Show "Get-EcrImageId -RepositoryName 'no-such-repository' -EndpointUrl '$endpoint' -ErrorAction Continue"
    $stats = Get-LocalEcrStats -Endpoint $endpoint
    Write-Host ""
    Write-Host "LocalEcr answered $($stats.totalRequests) signed requests (signatures verified)."
}
finally {
    Stop-LocalEcr -Server $server
    Remove-Item $sandbox -Recurse -Force -ErrorAction SilentlyContinue
}
