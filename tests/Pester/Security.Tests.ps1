# Secrets never appear in any output, log, transcript or error, whatever fails; authentication failures are one clear
# error and one request. Figures go to $env:ECRTOOLS_RELIABILITY_LOG (see tests/RELIABILITY.md).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Write-Figure([string] $Test, [System.Collections.IDictionary] $Figures) {
        if ($env:ECRTOOLS_RELIABILITY_LOG) {
            $record = [ordered]@{ test = $Test }
            foreach ($key in $Figures.Keys) { $record[$key] = $Figures[$key] }
            $record | ConvertTo-Json -Compress -Depth 5 | Add-Content -Path $env:ECRTOOLS_RELIABILITY_LOG
        }
    }

    # Fresh secrets for each run, shaped like AWS's (with '/' and '+'), so nothing else can contain them by chance.
    function New-Secret([string] $Kind) { "$Kind/$([guid]::NewGuid().ToString('n'))+$([guid]::NewGuid().ToString('n').Substring(0, 8))" }
    $script:Secrets = [ordered]@{
        ECRTOOLS_SECRET_KEYS          = New-Secret 'SecretKeys'
        ECRTOOLS_SECRET_KEYS_TOKEN    = New-Secret 'TokenKeys'
        ECRTOOLS_SECRET_CRED          = New-Secret 'SecretCred'
        ECRTOOLS_SECRET_CRED_TOKEN    = New-Secret 'TokenCred'
        ECRTOOLS_SECRET_ENV           = New-Secret 'SecretEnv'
        ECRTOOLS_SECRET_ENV_TOKEN     = New-Secret 'TokenEnv'
        ECRTOOLS_SECRET_WRONG         = New-Secret 'SecretWrong'
        ECRTOOLS_SECRET_WRONG_TOKEN   = New-Secret 'TokenWrong'
        ECRTOOLS_SECRET_EXPIRED       = New-Secret 'SecretExpired'
        ECRTOOLS_SECRET_EXPIRED_TOKEN = New-Secret 'TokenExpired'
    }
    Add-LocalEcrSeed -Endpoint $Endpoint -Seed @{
        credentials = @(
            @{ accessKeyId = 'AKIDSECURITYKEYS'; secretAccessKey = $Secrets.ECRTOOLS_SECRET_KEYS; sessionToken = $Secrets.ECRTOOLS_SECRET_KEYS_TOKEN }
            @{ accessKeyId = 'AKIDSECURITYCRED'; secretAccessKey = $Secrets.ECRTOOLS_SECRET_CRED; sessionToken = $Secrets.ECRTOOLS_SECRET_CRED_TOKEN }
            @{ accessKeyId = 'AKIDSECURITYENV'; secretAccessKey = $Secrets.ECRTOOLS_SECRET_ENV; sessionToken = $Secrets.ECRTOOLS_SECRET_ENV_TOKEN }
            @{ accessKeyId = 'AKIDSECURITYEXPIRED'; secretAccessKey = $Secrets.ECRTOOLS_SECRET_EXPIRED; sessionToken = $Secrets.ECRTOOLS_SECRET_EXPIRED_TOKEN; expired = $true }
        )
    }

    # What must never appear: each secret and token, also URL-encoded, and any SigV4 signature or Authorization header.
    $script:Forbidden = @(
        foreach ($value in $Secrets.Values) { $value; [Uri]::EscapeDataString($value) }
        'Signature='
        'AWS4-HMAC-SHA256 Credential='
    )

    function Find-Forbidden([string] $Text) {
        @(foreach ($value in $Forbidden) { if ($Text.Contains($value, [StringComparison]::Ordinal)) { $value } })
    }
}

AfterAll {
    Reset-LocalEcr -Endpoint $Endpoint -State
}

Describe 'Secrets in every stream, log and error' -Tag Security {
    BeforeAll {
        $script:Out = Join-Path $TestDrive 'security'
        $null = New-Item -ItemType Directory -Path $Out
        # The child is this same PowerShell (pwsh, or dotnet running pwsh.dll as the repository's local tool).
        $host_ = [Environment]::ProcessPath
        [string[]] $pwshArguments = if ((Split-Path $host_ -Leaf) -match '^pwsh(\.exe)?$') { @() } else { Join-Path $PSHOME 'pwsh.dll' }
        foreach ($name in $Secrets.Keys) { [Environment]::SetEnvironmentVariable($name, $Secrets[$name]) }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        try {
            & $host_ @pwshArguments -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Security.Scenarios.ps1') `
                -Endpoint $Endpoint -OutDirectory $Out -LocalEcrModule (Join-Path $PSScriptRoot '../LocalEcr/LocalEcr.psm1') `
                > (Join-Path $Out 'stdout.txt') 2> (Join-Path $Out 'stderr.txt')
            $script:ChildExitCode = $LASTEXITCODE
        }
        finally {
            foreach ($name in $Secrets.Keys) { [Environment]::SetEnvironmentVariable($name, $null) }
        }
        $script:ChildSeconds = [math]::Round($clock.Elapsed.TotalSeconds, 1)
        Reset-LocalEcr -Endpoint $Endpoint

        $script:Files = [ordered]@{
            'standard output (every stream, as the host wrote it)' = Join-Path $Out 'stdout.txt'
            'standard error'                                       = Join-Path $Out 'stderr.txt'
            'the transcript'                                       = Join-Path $Out 'transcript.txt'
            'every record, error, exception chain and ErrorDetails' = Join-Path $Out 'records.txt'
            'the AWSSDK.Core trace'                                = Join-Path $Out 'sdk-trace.log'
        }
        $script:Text = @{}
        foreach ($name in $Files.Keys) { $Text[$name] = if (Test-Path $Files[$name]) { [IO.File]::ReadAllText($Files[$name]) } else { '' } }
        # AWSSDK.Core's request metrics would print the canonical request, which holds X-Amz-Security-Token; the module's
        # clients turn them off, and the tests below check that none are in the trace.
        $script:MetricsLines = @($Text['the AWSSDK.Core trace'] -split "`n" | Where-Object { $_ -like '*Request metrics:*' })
        $script:TraceWithoutMetrics = ($Text['the AWSSDK.Core trace'] -split "`n" | Where-Object { $_ -notlike '*Request metrics:*' }) -join "`n"
    }

    It 'ran every scenario to the end, with the SDK logging requests, responses and errors' {
        $errorText = $Text['standard error']
        foreach ($value in $Forbidden) { $errorText = $errorText.Replace($value, '***') }
        $ChildExitCode | Should -Be 0 -Because "the scenarios' standard error says: $($errorText.Substring(0, [Math]::Min(2000, $errorText.Length)))"
        $records = $Text['every record, error, exception chain and ErrorDetails']
        $records | Should -BeLike '*SCENARIOS COMPLETE*'
        $trace = $Text['the AWSSDK.Core trace']
        $trace | Should -BeLike '*Received response*'
        $trace | Should -BeLike '*Received error response*'
        # Request metrics would print the canonical request, session token included: the module's clients keep them off.
        $trace | Should -Not -BeLike '*Request metrics:*'
        $Text['the transcript'] | Should -BeLike '*Credentials from -AccessKey/-SecretKey*'
        $Text['standard output (every stream, as the host wrote it)'] | Should -BeLike '*Credentials from -Credential*'
        foreach ($source in '-AccessKey/-SecretKey', '-Credential', 'the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables') {
            $records | Should -BeLike "*Credentials from $source*"
        }
        foreach ($id in 'Throttling', 'Server', 'ServiceUnavailable', 'RequestTimeout', 'InvalidSignature', 'UnrecognizedClient', 'ExpiredToken',
            'IncompleteCredentials', 'ProfileNotFound', 'ParameterArgumentValidationError', 'InvalidManifest', 'ImageNotFound') {
            $records | Should -BeLike "*FullyQualifiedErrorId: $id,*"
        }
        $records | Should -BeLike "*-NextToken '*"
        $records | Should -BeLike '*lastKey=AKIDSECURITYKEYS sessionToken=True*'
        $records | Should -BeLike '*lastKey=AKIDSECURITYCRED sessionToken=True*'
        $records | Should -BeLike '*lastKey=AKIDSECURITYENV sessionToken=True*'
    }

    It 'shows no secret, session token or signature in <_>' -ForEach @(
        'standard output (every stream, as the host wrote it)'
        'standard error'
        'the transcript'
        'every record, error, exception chain and ErrorDetails'
    ) {
        Find-Forbidden $Text[$_] | Should -BeNullOrEmpty
    }

    It 'shows no secret, session token or signature in the AWSSDK.Core trace, request metrics aside' {
        Find-Forbidden $TraceWithoutMetrics | Should -BeNullOrEmpty
        $sizes = [ordered]@{}
        foreach ($name in $Files.Keys) { $sizes[$name] = $Text[$name].Length }
        $scenarios = ([regex]::Matches($Text['every record, error, exception chain and ErrorDetails'], '(?m)^--- ')).Count
        $errorRecords = ([regex]::Matches($Text['every record, error, exception chain and ErrorDetails'], '(?m)^FullyQualifiedErrorId: ')).Count
        Write-Figure 'Secrets' ([ordered]@{
                scenarios = $scenarios; errorRecordsSearched = $errorRecords; forbiddenStrings = $Forbidden.Count
                charactersSearched = ($sizes.Values | Measure-Object -Sum).Sum; metricsLinesWithToken = @($MetricsLines | Where-Object { Find-Forbidden $_ }).Count
                found = @(foreach ($name in $Files.Keys) { if ($name -ne 'the AWSSDK.Core trace') { Find-Forbidden $Text[$name] } } ; Find-Forbidden $TraceWithoutMetrics).Count
                seconds = $ChildSeconds
            })
    }

    # With AWSConfigs.LoggingConfig.LogMetrics on, AWSSDK.Core would log "Request metrics: ... CanonicalRequest = ...
    # x-amz-security-token:<the session token> ..."; EcrClientPool.CreateConfig turns metrics off for the module's clients.
    It 'writes no request metrics, which would hold the session token, even when the SDK is told to' {
        $MetricsLines.Count | Should -Be 0
    }
}

Describe 'Authentication failures' -Tag Security {
    BeforeAll {
        $script:Manifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"sha256:' + ('a' * 64) + '"},"layers":[]}'
        $script:SavedAttempts = $env:AWS_MAX_ATTEMPTS
        # Retries are allowed, so a retry storm would show in the request count.
        $env:AWS_MAX_ATTEMPTS = '10'
    }

    AfterAll {
        $env:AWS_MAX_ATTEMPTS = $SavedAttempts
    }

    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It '<Command>: <Name> is one clear <Id> error after one request' -ForEach @(
        foreach ($command in 'Get-EcrImageId', 'Get-EcrImage', 'Publish-EcrImage') {
            @{ Command = $command; Name = 'a wrong secret'; Id = 'InvalidSignature'; Credentials = @{ AccessKey = 'AKIDSECURITYKEYS'; SecretKey = 'not-the-secret'; SessionToken = 'x' } }
            @{ Command = $command; Name = 'an unknown access key'; Id = 'UnrecognizedClient'; Credentials = @{ AccessKey = 'AKIDNOBODYKNOWS'; SecretKey = 'whatever' } }
            @{ Command = $command; Name = 'an expired session token'; Id = 'ExpiredToken'; Credentials = @{ AccessKey = 'AKIDSECURITYEXPIRED'; SecretKey = 'from-seed'; SessionToken = 'from-seed' } }
            @{ Command = $command; Name = 'a wrong session token'; Id = 'UnrecognizedClient'; Credentials = @{ AccessKey = 'AKIDSECURITYKEYS'; SecretKey = 'from-seed'; SessionToken = 'not-the-token' } }
            @{ Command = $command; Name = 'a missing session token'; Id = 'UnrecognizedClient'; Credentials = @{ AccessKey = 'AKIDSECURITYKEYS'; SecretKey = 'from-seed' } }
            @{ Command = $command; Name = 'a wrong -Credential password'; Id = 'InvalidSignature'; Credentials = @{ Credential = 'AKIDSECURITYCRED:not-the-secret'; SessionToken = 'from-seed' } }
        }
    ) {
        $arguments = @{}
        foreach ($key in $Credentials.Keys) { $arguments[$key] = $Credentials[$key] }
        # Values only the seed knows are filled in here (the secrets are made in BeforeAll).
        if ($arguments.AccessKey -eq 'AKIDSECURITYEXPIRED') { $arguments.SecretKey = $Secrets.ECRTOOLS_SECRET_EXPIRED; $arguments.SessionToken = $Secrets.ECRTOOLS_SECRET_EXPIRED_TOKEN }
        if ($arguments.SecretKey -eq 'from-seed') { $arguments.SecretKey = $Secrets.ECRTOOLS_SECRET_KEYS }
        if ($arguments.SessionToken -eq 'x' -or ($arguments.SessionToken -eq 'from-seed' -and -not $arguments.Credential)) { $arguments.SessionToken = $Secrets.ECRTOOLS_SECRET_KEYS_TOKEN }
        if ($arguments.Credential) {
            $user, $password = $arguments.Credential -split ':', 2
            $arguments.Credential = [pscredential]::new($user, (ConvertTo-SecureString $password -AsPlainText -Force))
            $arguments.SessionToken = $Secrets.ECRTOOLS_SECRET_CRED_TOKEN
        }
        $target = switch ($Command) {
            'Get-EcrImageId' { @{ RepositoryName = 'team/web' } }
            'Get-EcrImage' { @{ RepositoryName = 'team/web'; ImageTag = 'v1.0.1' } }
            'Publish-EcrImage' { @{ RepositoryName = 'release'; ImageManifest = $Manifest; ImageTag = 'auth' } }
        }

        $clock = [Diagnostics.Stopwatch]::StartNew()
        # The cmdlets end with a terminating error: every other input would be refused too.
        $thrown = $null
        $output = try { & $Command @target @arguments -ErrorVariable failures -ErrorAction SilentlyContinue } catch { $thrown = $_ }
        if ($thrown) { $failures = @($thrown) }
        $clock.Stop()

        $output | Should -BeNullOrEmpty
        @($failures).Count | Should -Be 1
        $failure = $failures[0]
        $failure.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $failure.CategoryInfo.Category | Should -BeIn 'AuthenticationError', 'SecurityError'
        $message = $failure.ErrorDetails.Message
        $message | Should -Not -BeNullOrEmpty
        $message | Should -BeLike "*'$($target.RepositoryName)'*"
        foreach ($text in $message, $failure.Exception.Message) {
            $text | Should -Not -Match '(?m)^\s*at \S+\(' -Because 'a message holds no stack trace'
            $text | Should -Not -Match 'Exception:' -Because 'a message holds no exception dump'
            $text.Split("`n").Count | Should -BeLessOrEqual 2
        }
        (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 1 -Because 'an authentication failure is not retried'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
        Write-Figure "Authentication/$Command" ([ordered]@{ case = $Name; id = $Id; errors = @($failures).Count; requests = 1 })
    }

    It 'is a terminating error with -ErrorAction Stop, also after one request' {
        $failure = { Get-EcrImageId team/web -AccessKey AKIDSECURITYEXPIRED -SecretKey $Secrets.ECRTOOLS_SECRET_EXPIRED -SessionToken $Secrets.ECRTOOLS_SECRET_EXPIRED_TOKEN -ErrorAction Stop } |
            Should -Throw -ErrorId 'ExpiredToken,*' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 1
    }
}
