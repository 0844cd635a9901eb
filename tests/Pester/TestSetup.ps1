# Dot-sourced by every test file's BeforeAll: the installed module, LocalEcr's control API, and every EcrTools
# cmdlet pointed at the LocalEcr that Invoke-PesterSuite.ps1 started.
Import-Module EcrTools -Force
Import-Module (Join-Path $PSScriptRoot '../LocalEcr/LocalEcr.psm1') -Force
$script:Endpoint = $env:ECRTOOLS_TEST_ENDPOINT
$PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = $Endpoint

function Get-RequestCount([string] $Operation) {
    (Get-LocalEcrStats -Endpoint $Endpoint).requests.$Operation
}

# Waits for a child pwsh started with its output redirected (Start-Process objects with Process, Output and Errors
# tasks), and returns the JSON it printed; a hang or a non-zero exit fails the test with what the child said.
function Receive-ChildPwsh($Child) {
    if (-not $Child.Process.WaitForExit(120000)) { $Child.Process.Kill($true); throw 'The child pwsh did not finish in 2 minutes.' }
    if ($Child.Process.ExitCode -ne 0) { throw "The child pwsh failed ($($Child.Process.ExitCode)): $($Child.Errors.Result) $($Child.Output.Result)" }
    $Child.Output.Result | ConvertFrom-Json
}
