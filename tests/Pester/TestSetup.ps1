# Dot-sourced by every test file's BeforeAll: the installed module, LocalEcr's control API, and every EcrTools
# cmdlet pointed at the LocalEcr that Invoke-PesterSuite.ps1 started.
Import-Module EcrTools -Force
Import-Module (Join-Path $PSScriptRoot '../LocalEcr/LocalEcr.psm1') -Force
$script:Endpoint = $env:ECRTOOLS_TEST_ENDPOINT
$PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = $Endpoint

function Get-RequestCount([string] $Operation) {
    (Get-LocalEcrStats -Endpoint $Endpoint).requests.$Operation
}
