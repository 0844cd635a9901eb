<#
.SYNOPSIS
    Run by Security.Tests.ps1 in a child pwsh: every cmdlet, with -Verbose -Debug, through every failure mode, with
    known secrets, while AWSSDK.Core logs everything it can (SystemDiagnostics to a trace file, responses, metrics)
    and a transcript records the host. Every record of every stream is written out in full for the test to search.
.NOTES
    The secrets come from environment variables (ECRTOOLS_SECRET_*), never from this script's text or command line,
    so PowerShell's own echo of a command line cannot be what leaks them.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [string] $OutDirectory,
    [Parameter(Mandatory)] [string] $LocalEcrModule
)

$ErrorActionPreference = 'Continue'
Import-Module EcrTools
Import-Module $LocalEcrModule
$PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = $Endpoint

$dump = Join-Path $OutDirectory 'records.txt'
$trace = Join-Path $OutDirectory 'sdk-trace.log'
$transcript = Join-Path $OutDirectory 'transcript.txt'

# Load AWSSDK.Core the way the module does (a command that fails before any request), then turn on all of its
# logging before any client exists: loggers are made per type and cached on first use.
try { Get-EcrImageId unused -ProfileName no-such-profile-for-logging -ErrorAction Stop } catch { }
$moduleAssembly = (Get-Command Get-EcrImageId).ImplementingType.Assembly
$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($moduleAssembly)
$core = @($context.Assemblies | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' })[0]
if (-not $core) {
    $core = @([System.Runtime.Loader.AssemblyLoadContext]::All | ForEach-Object Assemblies | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' })[0]
}
$configs = $core.GetType('Amazon.AWSConfigs', $true)
$configs::LoggingConfig.LogTo = [Enum]::Parse($core.GetType('Amazon.LoggingOptions', $true), 'SystemDiagnostics')
$configs::LoggingConfig.LogResponses = [Enum]::Parse($core.GetType('Amazon.ResponseLoggingOption', $true), 'Always')
$configs::LoggingConfig.LogResponsesSizeLimit = 1048576
$configs::LoggingConfig.LogMetrics = $true
$listener = [System.Diagnostics.TextWriterTraceListener]::new($trace, 'ecrtools-security')
# The SDK picks a trace source by the namespace of the logging type: Amazon.* for its own, EcrTools.* for the
# module's client, whose pipeline logs under EcrTools.Client.EcrClient.
foreach ($source in 'Amazon', 'EcrTools') { $configs::AddTraceListener($source, $listener) }
"AWSSDK.Core: $($core.Location) in context '$($context.Name)'; LogTo=$($configs::LoggingConfig.LogTo)" | Add-Content -Path $dump

$null = Start-Transcript -Path $transcript

$secrets = @{
    KeysSecret = $env:ECRTOOLS_SECRET_KEYS; KeysToken = $env:ECRTOOLS_SECRET_KEYS_TOKEN
    CredSecret = $env:ECRTOOLS_SECRET_CRED; CredToken = $env:ECRTOOLS_SECRET_CRED_TOKEN
    EnvSecret = $env:ECRTOOLS_SECRET_ENV; EnvToken = $env:ECRTOOLS_SECRET_ENV_TOKEN
    Wrong = $env:ECRTOOLS_SECRET_WRONG; WrongToken = $env:ECRTOOLS_SECRET_WRONG_TOKEN
    ExpiredSecret = $env:ECRTOOLS_SECRET_EXPIRED; ExpiredToken = $env:ECRTOOLS_SECRET_EXPIRED_TOKEN
}
$credential = [pscredential]::new('AKIDSECURITYCRED', (ConvertTo-SecureString $secrets.CredSecret -AsPlainText -Force))
$paths = [ordered]@{
    'access-key' = @{ AccessKey = 'AKIDSECURITYKEYS'; SecretKey = $secrets.KeysSecret; SessionToken = $secrets.KeysToken }
    'credential' = @{ Credential = $credential; SessionToken = $secrets.CredToken }
    'environment' = @{}
}
$environmentKeys = @{ AWS_ACCESS_KEY_ID = 'AKIDSECURITYENV'; AWS_SECRET_ACCESS_KEY = $secrets.EnvSecret; AWS_SESSION_TOKEN = $secrets.EnvToken }
$manifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"sha256:' + ('a' * 64) + '"},"layers":[]}'

function Write-Record($Record, [string] $Scenario) {
    $text = [System.Text.StringBuilder]::new()
    $null = $text.AppendLine("=== $Scenario :: $($Record.GetType().FullName)")
    $null = $text.AppendLine(($Record | Out-String -Width 4096))
    if ($Record -is [System.Management.Automation.ErrorRecord]) {
        $null = $text.AppendLine("FullyQualifiedErrorId: $($Record.FullyQualifiedErrorId)")
        $null = $text.AppendLine("CategoryInfo: $($Record.CategoryInfo)")
        $null = $text.AppendLine("TargetObject: $($Record.TargetObject)")
        $null = $text.AppendLine("ErrorDetails.Message: $($Record.ErrorDetails.Message)")
        $null = $text.AppendLine("ErrorDetails.RecommendedAction: $($Record.ErrorDetails.RecommendedAction)")
        $null = $text.AppendLine("Exception.ToString(): $($Record.Exception.ToString())")
        $null = $text.AppendLine(($Record | Format-List * -Force | Out-String -Width 4096))
        for ($exception = $Record.Exception; $exception; $exception = $exception.InnerException) {
            $null = $text.AppendLine(($exception | Format-List * -Force | Out-String -Width 4096))
            foreach ($key in $exception.Data.Keys) { $null = $text.AppendLine("Data[$key] = $($exception.Data[$key])") }
        }
    }
    else {
        $null = $text.AppendLine(($Record | Format-List * -Force | Out-String -Width 4096))
    }
    Add-Content -Path $dump -Value $text.ToString()
}

# Output objects (image ids, images, published images) hold no credentials; they are written in one go, in full.
function Write-Output-Records($Records, [string] $Scenario) {
    if (@($Records).Count -eq 0) { return }
    Add-Content -Path $dump -Value "=== $Scenario :: $(@($Records).Count) output object(s)"
    Add-Content -Path $dump -Value ($Records | Format-List * -Force | Out-String -Width 4096)
}

# Runs one scenario with every stream captured; the records also go to the host, so the transcript has them.
function Invoke-Scenario([string] $Name, [scriptblock] $Script, [hashtable] $Environment = @{}, [hashtable] $Fault = @{}) {
    $saved = @{}
    foreach ($key in $Environment.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $Environment[$key]) }
    Reset-LocalEcr -Endpoint $Endpoint
    if ($Fault.Count) { Set-LocalEcrFault -Endpoint $Endpoint -Fault $Fault }
    try {
        $records = @(try { & $Script *>&1 } catch { $_ })
        $streams = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -or $_ -is [System.Management.Automation.InformationalRecord] -or $_ -is [System.Management.Automation.InformationRecord] -or $_ -is [Exception] })
        foreach ($record in $streams) { Write-Record $record $Name }
        Write-Output-Records @($records | Where-Object { $_ -notin $streams }) $Name
        $records | Out-Host
        $stats = Get-LocalEcrStats -Endpoint $Endpoint
        $summary = "--- $Name : $($records.Count) record(s), $(@($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count) error(s): " +
            (@($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] } | Select-Object -Unique) -join ' ') +
            "; requests=$($stats.totalRequests) lastKey=$($stats.lastRequest.accessKeyId) sessionToken=$($stats.lastRequest.hasSessionToken)"
        Add-Content -Path $dump -Value $summary
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
        Reset-LocalEcr -Endpoint $Endpoint
    }
}

$n = 0
foreach ($path in $paths.Keys) {
    $credentials = $paths[$path]
    $environment = if ($path -eq 'environment') { $environmentKeys } else { @{} }
    $commands = [ordered]@{
        'Get-EcrImageId'   = { param($c, $extra) Get-EcrImageId team/web -PageSize 5 @c @extra -Verbose -Debug }
        'Get-EcrImage'     = { param($c, $extra) Get-EcrImage team/web -PageSize 5 @c @extra -Verbose -Debug; Get-EcrImage team/web -ImageTag v1.0.1, 'v1.0.2*', nosuch @c @extra -Verbose -Debug }
        'Publish-EcrImage' = { param($c, $extra) Publish-EcrImage -RepositoryName release -ImageManifest $manifest -ImageTag "sec-$script:n-a", "sec-$script:n-b" @c @extra -Verbose -Debug; Get-EcrImage release -ImageTag v1.4.1 @c @extra | Publish-EcrImage -ImageTag "sec-$script:n-c" @c @extra -Verbose -Debug }
    }
    foreach ($name in $commands.Keys) {
        $command = $commands[$name]
        $n++
        Invoke-Scenario "$name via ${path}: success" { & $command $credentials @{} } -Environment ($environment + @{ AWS_MAX_ATTEMPTS = '10' })
        Invoke-Scenario "$name via ${path}: retried faults" { & $command $credentials @{} } -Environment ($environment + @{ AWS_MAX_ATTEMPTS = '10' }) -Fault @{ seed = 99; throttleRate = 0.2; serverErrorRate = 0.05; dropRate = 0.02; jitterMs = 20 }
        Invoke-Scenario "$name via ${path}: retries exhausted (throttling)" { & $command $credentials @{} } -Environment ($environment + @{ AWS_MAX_ATTEMPTS = '1' }) -Fault @{ seed = 4; throttleRate = 0.5 }
        Invoke-Scenario "$name via ${path}: server errors" { & $command $credentials @{} } -Environment ($environment + @{ AWS_MAX_ATTEMPTS = '1' }) -Fault @{ seed = 4; serverErrorRate = 1.0 }
        Invoke-Scenario "$name via ${path}: dropped connections" { & $command $credentials @{} } -Environment ($environment + @{ AWS_MAX_ATTEMPTS = '1' }) -Fault @{ seed = 5; dropRate = 1.0 }
        Invoke-Scenario "$name via ${path}: timeout" { & $command $credentials @{ TimeoutSec = 1 } } -Environment ($environment + @{ AWS_MAX_ATTEMPTS = '1' }) -Fault @{ hangMs = 5000 }
    }

    # Stopped as Ctrl+C does, in a second runspace with the same credentials.
    Invoke-Scenario "stop via ${path}" {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module EcrTools; `$PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = '$Endpoint'").Invoke()
            $shell.Commands.Clear()
            $null = $shell.AddCommand('Get-EcrImageId').AddParameter('RepositoryName', 'big').AddParameter('Verbose').AddParameter('Debug')
            foreach ($key in $credentials.Keys) { $null = $shell.AddParameter($key, $credentials[$key]) }
            $handle = $shell.BeginInvoke()
            $clock = [Diagnostics.Stopwatch]::StartNew()
            while ((Get-LocalEcrStats -Endpoint $Endpoint).totalRequests -lt 1 -and $clock.ElapsedMilliseconds -lt 10000) { Start-Sleep -Milliseconds 20 }
            $shell.Stop()
            foreach ($stream in $shell.Streams.Error, $shell.Streams.Verbose, $shell.Streams.Debug, $shell.Streams.Warning, $shell.Streams.Information) { $stream }
            $shell.InvocationStateInfo.Reason
        }
        finally { $shell.Dispose() }
    } -Environment ($environment + @{ AWS_MAX_ATTEMPTS = '10' }) -Fault @{ latencyMs = 3000 }
}

# Authentication failures, each on every cmdlet.
$failures = [ordered]@{
    'wrong secret'        = @{ AccessKey = 'AKIDSECURITYKEYS'; SecretKey = $secrets.Wrong; SessionToken = $secrets.KeysToken }
    'wrong session token' = @{ AccessKey = 'AKIDSECURITYKEYS'; SecretKey = $secrets.KeysSecret; SessionToken = $secrets.WrongToken }
    'unknown access key'  = @{ AccessKey = 'AKIDSECURITYNOBODY'; SecretKey = $secrets.Wrong; SessionToken = $secrets.WrongToken }
    'expired token'       = @{ AccessKey = 'AKIDSECURITYEXPIRED'; SecretKey = $secrets.ExpiredSecret; SessionToken = $secrets.ExpiredToken }
    'wrong -Credential'   = @{ Credential = [pscredential]::new('AKIDSECURITYCRED', (ConvertTo-SecureString $secrets.Wrong -AsPlainText -Force)); SessionToken = $secrets.CredToken }
}
foreach ($failure in $failures.Keys) {
    $credentials = $failures[$failure]
    Invoke-Scenario "Get-EcrImageId: ${failure}" { Get-EcrImageId team/web @credentials -Verbose -Debug } -Environment @{ AWS_MAX_ATTEMPTS = '10' }
    Invoke-Scenario "Get-EcrImage: ${failure}" { Get-EcrImage team/web -ImageTag v1.0.1 @credentials -Verbose -Debug } -Environment @{ AWS_MAX_ATTEMPTS = '10' }
    Invoke-Scenario "Publish-EcrImage: ${failure}" { Publish-EcrImage -RepositoryName release -ImageManifest $manifest -ImageTag sec-auth @credentials -Verbose -Debug } -Environment @{ AWS_MAX_ATTEMPTS = '10' }
    Invoke-Scenario "Get-EcrImageId -ErrorAction Stop: ${failure}" { Get-EcrImageId team/web @credentials -Verbose -Debug -ErrorAction Stop } -Environment @{ AWS_MAX_ATTEMPTS = '10' }
}

# Bad input around secrets: refused before any request, and the messages do not repeat the secret.
Invoke-Scenario 'bad input: -SecretKey without -AccessKey' { Get-EcrImageId team/web -SecretKey $secrets.KeysSecret -SessionToken $secrets.KeysToken -Verbose -Debug }
Invoke-Scenario 'bad input: -AccessKey without -SecretKey' { Get-EcrImageId team/web -AccessKey AKIDSECURITYKEYS -SessionToken $secrets.KeysToken -Verbose -Debug }
Invoke-Scenario 'bad input: keys and a bad -Region' { Get-EcrImageId team/web -AccessKey AKIDSECURITYKEYS -SecretKey $secrets.KeysSecret -SessionToken $secrets.KeysToken -Region 'Mars-1' -Verbose -Debug }
Invoke-Scenario 'bad input: keys and an unknown profile' { Get-EcrImage team/web -AccessKey AKIDSECURITYKEYS -SecretKey $secrets.KeysSecret -ProfileName nosuch -Verbose -Debug }
Invoke-Scenario 'bad input: -Credential without a password' { Publish-EcrImage -RepositoryName release -ImageManifest $manifest -Credential ([pscredential]::new('AKIDSECURITYCRED', [securestring]::new())) -SessionToken $secrets.CredToken -Verbose -Debug }
Invoke-Scenario 'bad input: a bad manifest with keys' { Publish-EcrImage -RepositoryName release -ImageManifest 'not json' -AccessKey AKIDSECURITYKEYS -SecretKey $secrets.KeysSecret -SessionToken $secrets.KeysToken -Verbose -Debug }

Stop-Transcript | Out-Null
$listener.Flush()
[System.Diagnostics.Trace]::Flush()
Add-Content -Path $dump -Value 'SCENARIOS COMPLETE'
