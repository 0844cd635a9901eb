# Starts and drives LocalEcr, the ECR-compatible endpoint on 127.0.0.1, for the Pester tests, the demo
# and the benchmarks. The server exits by itself when the PowerShell process that started it ends.

function Start-LocalEcr {
    [CmdletBinding()]
    param(
        # LocalEcr.dll as built by build.ps1.
        [Parameter(Mandatory)] [string] $Path,
        # A seed file (repositories, images, credentials).
        [string] $SeedFile,
        [int] $Port = 0
    )

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($Path, '--port', $Port, '--exit-with-pid', $PID)) { $startInfo.ArgumentList.Add([string]$argument) }
    if ($SeedFile) { $startInfo.ArgumentList.Add('--seed'); $startInfo.ArgumentList.Add($SeedFile) }
    $startInfo.RedirectStandardOutput = $true
    $startInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)

    $ready = $process.StandardOutput.ReadLineAsync()
    if (-not $ready.Wait([TimeSpan]::FromSeconds(30)) -or $ready.Result -notmatch '^LocalEcr listening on (\S+)') {
        if (-not $process.HasExited) { $process.Kill() }
        throw "LocalEcr did not start: '$($ready.Result)'"
    }

    [pscustomobject]@{
        PSTypeName = 'LocalEcr.Server'
        Process    = $process
        Endpoint   = $Matches[1].TrimEnd('/') + '/'
    }
}

function Stop-LocalEcr {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)
    if (-not $Server.Process.HasExited) {
        $Server.Process.Kill()
        $null = $Server.Process.WaitForExit(5000)
    }
}

function Get-LocalEcrStats {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Endpoint)
    Invoke-RestMethod -Uri "$($Endpoint)_localecr/stats" -Method Get
}

function Reset-LocalEcr {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Endpoint, [switch] $State)
    $query = if ($State) { '?state=true' } else { '' }
    $null = Invoke-RestMethod -Uri "$($Endpoint)_localecr/reset$query" -Method Post
}

function Set-LocalEcrFault {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Endpoint, [Parameter(Mandatory)] [hashtable] $Fault)
    $null = Invoke-RestMethod -Uri "$($Endpoint)_localecr/faults" -Method Post -ContentType 'application/json' -Body ($Fault | ConvertTo-Json)
}

function Add-LocalEcrSeed {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Endpoint, [Parameter(Mandatory)] $Seed)
    $body = if ($Seed -is [string]) { $Seed } else { $Seed | ConvertTo-Json -Depth 20 }
    $null = Invoke-RestMethod -Uri "$($Endpoint)_localecr/seed" -Method Post -ContentType 'application/json' -Body $body
}

Export-ModuleMember -Function Start-LocalEcr, Stop-LocalEcr, Get-LocalEcrStats, Reset-LocalEcr, Set-LocalEcrFault, Add-LocalEcrSeed
