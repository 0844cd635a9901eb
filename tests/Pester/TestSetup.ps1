# Dot-sourced by every test file's BeforeAll: the installed module, LocalEcr's control API, and every EcrTools
# cmdlet pointed at the LocalEcr that Invoke-PesterSuite.ps1 started.
Import-Module EcrTools -Force
Import-Module (Join-Path $PSScriptRoot '../LocalEcr/LocalEcr.psm1') -Force
$script:Endpoint = $env:ECRTOOLS_TEST_ENDPOINT
$PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = $Endpoint

function Get-RequestCount([string] $Operation) {
    (Get-LocalEcrStats -Endpoint $Endpoint).requests.$Operation
}

# Runs a command with some environment variables changed, restoring them afterwards.
function Invoke-WithEnvironment([hashtable] $Variables, [scriptblock] $Script) {
    $saved = @{}
    foreach ($name in $Variables.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Variables[$name])
    }
    try { & $Script }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

# Starts a new process of the PowerShell running this suite (`dotnet <PSHOME>/pwsh.dll` when it is the .NET tool)
# on a script, with its output redirected, and returns at once: Receive-ChildPwsh awaits it, so that independent
# children run side by side. $Environment sets variables for the child; a $null value removes one.
function Start-ChildPwsh([string] $Script, [string[]] $Arguments, [hashtable] $Environment = @{}) {
    $scriptPath = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('n')).ps1"
    Set-Content -Path $scriptPath -Value $Script
    $processPath = [Environment]::ProcessPath
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($processPath)
    if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') { $startInfo.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($argument in @('-NoProfile', '-NonInteractive', '-File', $scriptPath) + $Arguments) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.Environment['AWS_EC2_METADATA_DISABLED'] = 'true'
    $startInfo.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
    # PowerShell puts the user's own module folder first on a child's module path; on Linux and macOS it lies under
    # XDG_DATA_HOME, so a private one keeps an EcrTools installed for the user out of the tests.
    $startInfo.Environment['XDG_DATA_HOME'] = Join-Path $TestDrive 'user-data'
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $startInfo.Environment.Remove($name) } else { $startInfo.Environment[$name] = $Environment[$name] }
    }
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)
    [pscustomobject]@{ Process = $process; Output = $process.StandardOutput.ReadToEndAsync(); Errors = $process.StandardError.ReadToEndAsync() }
}

# Waits for a child pwsh started with its output redirected (Start-ChildPwsh), and returns the JSON it printed; a hang or a non-zero exit fails the test with what the child said.
function Receive-ChildPwsh($Child) {
    if (-not $Child.Process.WaitForExit(120000)) { $Child.Process.Kill($true); throw 'The child pwsh did not finish in 2 minutes.' }
    if ($Child.Process.ExitCode -ne 0) { throw "The child pwsh failed ($($Child.Process.ExitCode)): $($Child.Errors.Result) $($Child.Output.Result)" }
    $Child.Output.Result | ConvertFrom-Json
}
