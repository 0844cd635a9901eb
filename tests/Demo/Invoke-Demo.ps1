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
Import-Module (Join-Path $ModulePath 'EcrTools.psd1')
$server = Start-LocalEcr -Path $LocalEcr -SeedFile $seedFile
$endpoint = $server.Endpoint

function Show([string] $Command) {
    Write-Host ""
    Write-Host "PS> $Command" -ForegroundColor Yellow
    Invoke-Expression $Command | Out-Host
}

try {
    Write-Host "LocalEcr is listening on $endpoint, seeded from tests/LocalEcr/seed/sample.json"
    $PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = $endpoint

    Show "Get-EcrImage -RepositoryName web/frontend"
    Show "Get-EcrImageId -RepositoryName tools/cli"
    Show "'web/frontend', 'platform/base', 'tools/cli', 'ci/builds' | Get-EcrImageId | Group-Object RepositoryName -NoElement"
    Show "Get-EcrImage ci/builds -ImageTag 'build-24?' | Sort-Object ImagePushedAt -Descending | Select-Object -First 3"
    Show "Get-EcrImage ci/builds -TagStatus Untagged -First 3"
    Show "Get-EcrImage tools/cli -Filter @{ tagStatus = 'TAGGED' } | Format-List RepositoryName, ImageTags, ImageDigest, ImageSizeInBytes, ImageManifestMediaType"
    Show "Get-EcrImage web/frontend -ImageTag v1.2.0 | Publish-EcrImage -ImageTag prod -WhatIf"
    Show "Get-EcrImage web/frontend -ImageTag v1.2.0 | Publish-EcrImage -ImageTag prod"
    Show "Get-EcrImage web/frontend -ImageTag v1.1.0 | Publish-EcrImage -ImageTag prod"
    Show "Get-EcrImage platform/base -ImageTag 2024.04 | Publish-EcrImage -ImageTag stable -ErrorAction Continue"
    Show "'web/frontend', 'no-such-repository', 'tools/cli' | Get-EcrImageId -ErrorAction Continue | Measure-Object | Select-Object Count"
    $stats = Get-LocalEcrStats -Endpoint $endpoint
    Write-Host ""
    Write-Host "LocalEcr answered $($stats.totalRequests) signed requests, every signature verified:"
    $stats.requests | Select-Object ListImages, DescribeImages, BatchGetImage, PutImage | Format-Table | Out-Host
}
finally {
    Stop-LocalEcr -Server $server
    Remove-Item $sandbox -Recurse -Force -ErrorAction SilentlyContinue
}
