# Reliability under injected faults (LocalEcr's seeded throttling, server errors, dropped connections, jitter),
# exhausted retries with resumable paging, timeouts, and stopping a command as Ctrl+C does. Figures go to
# $env:ECRTOOLS_RELIABILITY_LOG (see tests/RELIABILITY.md).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    $script:Huge = 'reliability/huge'
    $script:HugeCount = 20000
    $script:PublishRepository = 'reliability/publish'
    Add-LocalEcrSeed -Endpoint $Endpoint -Seed @{
        repositories = @(
            @{ name = $Huge; generate = @{ count = $HugeCount; tagPrefix = 'r-'; untaggedEvery = 997 } }
            @{ name = $PublishRepository; blobs = @(('sha256:' + ('a' * 64)), ('sha256:' + ('b' * 64))) }
        )
    }

    # The fault mix of the issue: 20% throttling, 5% HTTP 500/503, 2% dropped connections, 0-50 ms jitter.
    $script:FaultMix = @{ seed = 20240611; throttleRate = 0.2; serverErrorRate = 0.05; dropRate = 0.02; jitterMs = 50 }

    # Environment variables for one test (AWS_MAX_ATTEMPTS is read when a command resolves its connection): set them,
    # and put the old values back in a finally block. The test body stays in the test's scope, so -ErrorVariable
    # and counters set there are the ones the assertions read.
    function Set-TestEnvironment([hashtable] $Variables) {
        $saved = @{}
        foreach ($name in $Variables.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $Variables[$name])
        }
        $saved
    }

    function Restore-TestEnvironment([hashtable] $Saved) {
        foreach ($name in $Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
    }

    function Write-Figure([string] $Test, [System.Collections.IDictionary] $Figures) {
        if ($env:ECRTOOLS_RELIABILITY_LOG) {
            $record = [ordered]@{ test = $Test }
            foreach ($key in $Figures.Keys) { $record[$key] = $Figures[$key] }
            $record | ConvertTo-Json -Compress -Depth 5 | Add-Content -Path $env:ECRTOOLS_RELIABILITY_LOG
        }
    }

    function Get-FaultCount($Stats) { $Stats.injectedFaults.throttle + $Stats.injectedFaults.serverError + $Stats.injectedFaults.drop }

    # A comparable key per listed item, so listings compare as one string each.
    function Get-IdKeys($Ids) { , [string[]]@(foreach ($id in $Ids) { "$($id.ImageDigest)|$($id.ImageTag)" }) }
    function Get-ImageKeys($Images) { , [string[]]@(foreach ($image in $Images) { "$($image.ImageDigest)|$($image.ImageTags -join ',')" }) }
    function Get-DistinctCount([string[]] $Keys) { [System.Collections.Generic.HashSet[string]]::new($Keys, [StringComparer]::Ordinal).Count }

    function New-Manifest([string] $Note) {
        '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"sha256:' + ('a' * 64) + '"},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","size":10,"digest":"sha256:' + ('b' * 64) + '"}],"annotations":{"note":"' + $Note + '"}}'
    }

    function Get-Sha256([string] $Text) {
        'sha256:' + [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($Text))).ToLowerInvariant()
    }

    # The fault-free listings every faulty run is compared with.
    Reset-LocalEcr -Endpoint $Endpoint
    $script:CleanIds = Get-IdKeys (Get-EcrImageId $Huge -PageSize 1000 -ErrorAction Stop)
    $script:CleanImages = Get-ImageKeys (Get-EcrImage $Huge -PageSize 1000 -ErrorAction Stop)
}

AfterAll {
    Reset-LocalEcr -Endpoint $Endpoint -State
}

Describe 'Listing and publishing through injected faults, with retries' -Tag Faults {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It 'has a fault-free reference listing of 20,000 distinct images' {
        $CleanIds.Count | Should -Be $HugeCount
        Get-DistinctCount $CleanIds | Should -Be $HugeCount
        $CleanImages.Count | Should -Be $HugeCount
    }

    It '<Command> returns all 20,000 in page order, once each, with no error' -ForEach @(
        @{ Command = 'Get-EcrImageId'; Operation = 'ListImages' }
        @{ Command = 'Get-EcrImage'; Operation = 'DescribeImages' }
    ) {
        Set-LocalEcrFault -Endpoint $Endpoint -Fault $FaultMix
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $saved = Set-TestEnvironment @{ AWS_MAX_ATTEMPTS = '10' }
        try { $items = & $Command $Huge -PageSize 1000 -ErrorVariable failures -ErrorAction SilentlyContinue }
        finally { Restore-TestEnvironment $saved }
        $clock.Stop()
        $stats = Get-LocalEcrStats -Endpoint $Endpoint
        $faults = Get-FaultCount $stats

        $failures | Should -BeNullOrEmpty
        $keys = if ($Command -eq 'Get-EcrImageId') { Get-IdKeys $items } else { Get-ImageKeys $items }
        $keys.Count | Should -Be $HugeCount
        Get-DistinctCount $keys | Should -Be $HugeCount
        ($keys -join "`n") -ceq (($(if ($Command -eq 'Get-EcrImageId') { $CleanIds } else { $CleanImages })) -join "`n") | Should -BeTrue -Because 'the order must be the fault-free page order'

        # Faults were injected, and every failed request was an injected fault retried once: 20 pages succeeded.
        $stats.injectedFaults.throttle | Should -BeGreaterThan 0
        $faults | Should -BeGreaterThan 0
        $stats.failedRequests | Should -Be $faults
        $stats.requests.$Operation | Should -Be $stats.totalRequests
        ($stats.totalRequests - $faults) | Should -Be 20

        Write-Figure "Faults/$Command" ([ordered]@{
                items = $keys.Count; expected = $HugeCount; missing = $HugeCount - (Get-DistinctCount $keys); duplicates = $keys.Count - (Get-DistinctCount $keys)
                requests = $stats.totalRequests; pages = $stats.totalRequests - $faults
                throttles = $stats.injectedFaults.throttle; serverErrors = $stats.injectedFaults.serverError; drops = $stats.injectedFaults.drop
                errors = @($failures).Count; seconds = [math]::Round($clock.Elapsed.TotalSeconds, 1)
            })
    }

    It 'Publish-EcrImage puts 200 tags on the right digest, 100 of them moved from another image' -Tag Slow {
        $old = New-Manifest 'reliability-old'
        $new = New-Manifest 'reliability-new'
        $tags = 1..200 | ForEach-Object { 'p-{0:d3}' -f $_ }
        $moved = $tags[0..99]
        $null = Publish-EcrImage -RepositoryName $PublishRepository -ImageManifest $old -ImageTag $moved -ErrorAction Stop
        Reset-LocalEcr -Endpoint $Endpoint

        Set-LocalEcrFault -Endpoint $Endpoint -Fault $FaultMix
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $saved = Set-TestEnvironment @{ AWS_MAX_ATTEMPTS = '10' }
        try { $published = Publish-EcrImage -RepositoryName $PublishRepository -ImageManifest $new -ImageTag $tags -ErrorVariable failures -ErrorAction SilentlyContinue }
        finally { Restore-TestEnvironment $saved }
        $clock.Stop()
        $stats = Get-LocalEcrStats -Endpoint $Endpoint
        $faults = Get-FaultCount $stats
        Set-LocalEcrFault -Endpoint $Endpoint -Fault @{}

        $failures | Should -BeNullOrEmpty
        $published.Count | Should -Be 200
        $published.ImageTag | Should -Be $tags
        $published | ForEach-Object { $_.ImageDigest | Should -Be (Get-Sha256 $new) }
        ($published | Where-Object { $_.PreviousImageDigest -eq (Get-Sha256 $old) }).Count | Should -Be 100
        $faults | Should -BeGreaterThan 0
        $stats.failedRequests | Should -Be $faults
        $stats.requests.PutImage | Should -BeGreaterOrEqual 200
        $stats.requests.PutImage | Should -BeLessOrEqual (200 + $faults)

        # A fault-free listing afterwards: every tag names the new image, and only those tags do.
        $listed = Get-EcrImageId $PublishRepository -PageSize 1000 -ErrorAction Stop | Where-Object ImageTag
        $onNew = @($listed | Where-Object ImageDigest -eq (Get-Sha256 $new))
        ($onNew.ImageTag | Sort-Object) | Should -Be $tags
        @($listed | Where-Object ImageDigest -eq (Get-Sha256 $old)).Count | Should -Be 0

        Write-Figure 'Faults/Publish-EcrImage' ([ordered]@{
                tags = $tags.Count; tagsOnRightDigest = $onNew.Count; tagsMoved = 100; requests = $stats.totalRequests; putImageRequests = $stats.requests.PutImage
                throttles = $stats.injectedFaults.throttle; serverErrors = $stats.injectedFaults.serverError; drops = $stats.injectedFaults.drop
                errors = @($failures).Count; seconds = [math]::Round($clock.Elapsed.TotalSeconds, 1)
            })
    }
}

Describe 'Retries exhausted: a clear, resumable error, never a shortened result' -Tag Faults {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It '<Command>: every failure names <Operation>, the repository and the token; resuming completes the listing' -ForEach @(
        @{ Command = 'Get-EcrImageId'; Operation = 'ListImages' }
        @{ Command = 'Get-EcrImage'; Operation = 'DescribeImages' }
    ) {
        Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ seed = 7; throttleRate = 0.5 }
        $collected = [System.Collections.Generic.List[string]]::new()
        $token = $null
        $runs = 0; $pagingErrors = 0; $firstPageErrors = 0; $resumedFirstPageErrors = 0
        $saved = Set-TestEnvironment @{ AWS_MAX_ATTEMPTS = '1' }
        try {
            while ($runs -lt 300) {
                $runs++
                $resume = if ($token) { @{ NextToken = $token } } else { @{} }
                $failures = $null
                $items = @(& $Command $Huge -PageSize 1000 @resume -ErrorVariable failures -ErrorAction SilentlyContinue)
                $keys = if ($Command -eq 'Get-EcrImageId') { Get-IdKeys $items } else { Get-ImageKeys $items }
                foreach ($key in $keys) { $collected.Add($key) }
                if (-not $failures) { break }

                @($failures).Count | Should -Be 1
                $failure = $failures[0]
                $failure.FullyQualifiedErrorId | Should -BeLike "Throttling,*"
                $failure.CategoryInfo.Category | Should -Be 'LimitsExceeded'
                $failure.ErrorDetails.Message | Should -BeLike "*$Operation*repository '$Huge'*"
                $failure.Exception | Should -BeOfType EcrTools.EcrRequestException
                if ($failure.Exception.ResumeToken) {
                    $paging = $failure.Exception
                    $paging.Operation | Should -Be $Operation
                    $paging.RepositoryName | Should -Be $Huge
                    $paging.ItemsCompleted | Should -Be $items.Count -Because 'the error says how many items came before it'
                    $paging.ResumeToken | Should -Not -BeNullOrEmpty
                    $failure.ErrorDetails.RecommendedAction | Should -BeLike "*-NextToken '$($paging.ResumeToken)'*"
                    if ($paging.PagesCompleted -gt 0) {
                        $pagingErrors++
                        $failure.ErrorDetails.Message | Should -BeLike "*$($paging.PagesCompleted) page(s) with $($paging.ItemsCompleted) item(s)*"
                    }
                    else {
                        # A resumed run whose first page failed: the token it was given resumes it again.
                        $resumedFirstPageErrors++
                        $paging.ResumeToken | Should -BeExactly $token
                        $items.Count | Should -Be 0
                        $failure.ErrorDetails.Message | Should -BeLike '*stopped at the page it resumed from*'
                    }
                    $token = $paging.ResumeToken
                }
                else {
                    # The first page of a run from the start failed: nothing came, and there is nothing to resume.
                    $token | Should -BeNullOrEmpty
                    $firstPageErrors++
                    $items.Count | Should -Be 0
                }
            }
        }
        finally { Restore-TestEnvironment $saved }
        $stats = Get-LocalEcrStats -Endpoint $Endpoint

        $runs | Should -BeLessThan 300
        $pagingErrors | Should -BeGreaterThan 0 -Because 'the seed makes some runs fail after at least one page'
        $collected.Count | Should -Be $HugeCount
        Get-DistinctCount $collected | Should -Be $HugeCount
        $clean = if ($Command -eq 'Get-EcrImageId') { $CleanIds } else { $CleanImages }
        ($collected -join "`n") -ceq ($clean -join "`n") | Should -BeTrue -Because 'output before each error plus the resumed runs is the whole listing, in order'
        $stats.injectedFaults.throttle | Should -Be ($runs - 1)

        Write-Figure "Exhausted/$Command" ([ordered]@{
                runs = $runs; errors = $runs - 1; pagingErrorsWithToken = $pagingErrors; firstPageErrors = $firstPageErrors; resumedFirstPageErrors = $resumedFirstPageErrors
                requests = $stats.totalRequests; throttles = $stats.injectedFaults.throttle
                items = $collected.Count; expected = $HugeCount; missing = $HugeCount - (Get-DistinctCount $collected); duplicates = $collected.Count - (Get-DistinctCount $collected)
            })
    }

    It 'resumes with the token from an error, without faults, to exactly the rest of the listing' {
        Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ seed = 7; throttleRate = 0.5 }
        $token = $null; $before = $null
        $saved = Set-TestEnvironment @{ AWS_MAX_ATTEMPTS = '1' }
        try {
            foreach ($attempt in 1..50) {
                $first = @(Get-EcrImageId $Huge -PageSize 1000 -ErrorVariable failures -ErrorAction SilentlyContinue)
                if ($failures -and $failures[0].Exception.PagesCompleted -gt 0) {
                    $token = $failures[0].Exception.ResumeToken
                    $before = $first
                    break
                }
            }
        }
        finally { Restore-TestEnvironment $saved }
        $token | Should -Not -BeNullOrEmpty
        Set-LocalEcrFault -Endpoint $Endpoint -Fault @{}
        $rest = Get-EcrImageId $Huge -PageSize 1000 -NextToken $token -ErrorAction Stop
        $all = (Get-IdKeys $before) + (Get-IdKeys $rest)
        $all.Count | Should -Be $HugeCount
        ($all -join "`n") -ceq ($CleanIds -join "`n") | Should -BeTrue
    }
}

Describe 'A slow or hung endpoint with -TimeoutSec 1' -Tag Faults {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It '<Command> says it timed out (RequestTimeout, OperationTimeout) within seconds when <Fault>' -ForEach @(
        foreach ($fault in @(@{ Name = 'the endpoint hangs'; Setting = @{ hangMs = 20000 } }, @{ Name = 'the endpoint answers after 8 s'; Setting = @{ latencyMs = 8000 } })) {
            @{ Command = 'Get-EcrImageId'; Operation = 'ListImages'; Target = 'team/web'; Arguments = @{ RepositoryName = 'team/web' }; Fault = $fault.Name; Setting = $fault.Setting }
            @{ Command = 'Get-EcrImage'; Operation = 'DescribeImages'; Target = 'team/web'; Arguments = @{ RepositoryName = 'team/web' }; Fault = $fault.Name; Setting = $fault.Setting }
            @{ Command = 'Get-EcrImage'; Operation = 'DescribeImages'; Target = 'team/web'; Arguments = @{ RepositoryName = 'team/web'; ImageTag = 'v1.0.1' }; Fault = $fault.Name; Setting = $fault.Setting }
            @{ Command = 'Publish-EcrImage'; Operation = 'DescribeImages'; Target = 'release'; Arguments = @{ RepositoryName = 'release'; ImageManifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}'; ImageTag = 'timeout' }; Fault = $fault.Name; Setting = $fault.Setting }
        }
    ) {
        Set-LocalEcrFault -Endpoint $Endpoint -Fault $Setting
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $saved = Set-TestEnvironment @{ AWS_MAX_ATTEMPTS = '1' }
        $failure = $null
        try { $null = & $Command @Arguments -TimeoutSec 1 -ErrorAction Stop }
        catch { $failure = $_ }
        finally { Restore-TestEnvironment $saved }
        $clock.Stop()
        Set-LocalEcrFault -Endpoint $Endpoint -Fault @{}

        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'RequestTimeout,*'
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failure.ErrorDetails.Message | Should -BeLike "*$Operation*'$Target'*timed out*"
        # One request of at most about a second. The bounds below are loose on purpose (one plus ten "stale connection"
        # retries of AWSSDK.Core, each ending at the timeout); the next test holds the module to exactly one.
        $requests = (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests
        $requests | Should -BeGreaterOrEqual 1
        $requests | Should -BeLessOrEqual 11
        $clock.Elapsed.TotalSeconds | Should -BeLessThan (1.5 * $requests + 0.5)
        Write-Figure "Timeout/$Command" ([ordered]@{ fault = $Fault; seconds = [math]::Round($clock.Elapsed.TotalSeconds, 2); requests = $requests })
    }

    # AWSSDK.Core's retry handler takes a timeout on a reused pooled connection for a stale connection ("Detected stale
    # pooled connection error (TimeoutException). Automatic retry 1 of 10"), outside MaxErrorRetry; the module caps
    # those retries by AWS_MAX_ATTEMPTS too, so -TimeoutSec 1 waits one second, not up to eleven.
    It 'a timed-out request is sent once with AWS_MAX_ATTEMPTS=1, every time' {
        $saved = Set-TestEnvironment @{ AWS_MAX_ATTEMPTS = '1' }
        try {
            foreach ($attempt in 1..12) {
                Reset-LocalEcr -Endpoint $Endpoint
                Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ hangMs = 20000 }
                $clock = [Diagnostics.Stopwatch]::StartNew()
                { Get-EcrImage team/web -TimeoutSec 1 -ErrorAction Stop } | Should -Throw -ErrorId 'RequestTimeout,*'
                $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
                (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 1 -Because "attempt $attempt"
            }
        }
        finally { Restore-TestEnvironment $saved; Set-LocalEcrFault -Endpoint $Endpoint -Fault @{} }
    }

    It 'a server error with AWS_MAX_ATTEMPTS=1 is one ResourceUnavailable error with the service''s code, and the next repository is still read' {
        Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ seed = 4; serverErrorRate = 1.0 }
        $saved = Set-TestEnvironment @{ AWS_MAX_ATTEMPTS = '1' }
        try { $ids = 'team/web', 'multi' | Get-EcrImageId -ErrorVariable failures -ErrorAction SilentlyContinue }
        finally { Restore-TestEnvironment $saved; Set-LocalEcrFault -Endpoint $Endpoint -Fault @{} }
        $ids | Should -BeNullOrEmpty
        @($failures).Count | Should -Be 2 -Because 'a server error is not the same for every repository: the command goes on'
        foreach ($failure in $failures) {
            $failure.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $failure.FullyQualifiedErrorId | Should -Match '^(Server|ServiceUnavailable),'
            $failure.Exception.StatusCode | Should -BeIn 500, 503
        }
    }

    It 'a dropped connection with AWS_MAX_ATTEMPTS=1 is one ConnectionError naming the operation and repository' {
        Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ seed = 1; dropRate = 1.0 }
        $saved = Set-TestEnvironment @{ AWS_MAX_ATTEMPTS = '1' }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        try { $ids = Get-EcrImageId team/web -ErrorVariable failures -ErrorAction SilentlyContinue }
        finally { Restore-TestEnvironment $saved; Set-LocalEcrFault -Endpoint $Endpoint -Fault @{} }
        $ids | Should -BeNullOrEmpty
        @($failures).Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failures[0].FullyQualifiedErrorId | Should -Not -Match '^(System|Amazon)\.'
        $failures[0].ErrorDetails.Message | Should -BeLike "*ListImages*'team/web'*"
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        $requests = (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests
        $requests | Should -BeLessOrEqual 11 -Because 'one attempt and at most ten "stale connection" retries (the next test holds it to one)'
        Write-Figure 'Drop/Get-EcrImageId' ([ordered]@{ requests = $requests; errors = @($failures).Count; id = $failures[0].FullyQualifiedErrorId.Split(',')[0] })
    }

    # AWSSDK.Core would send a dropped connection's request again up to ten times ("Detected stale pooled connection
    # error ... Automatic retry n of 10"), at once and without back-off; the retry limit the user set holds.
    It 'a dropped connection with AWS_MAX_ATTEMPTS=1 is sent once' {
        Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ seed = 1; dropRate = 1.0 }
        $saved = Set-TestEnvironment @{ AWS_MAX_ATTEMPTS = '1' }
        try { $null = Get-EcrImageId team/web -ErrorAction SilentlyContinue }
        finally { Restore-TestEnvironment $saved; Set-LocalEcrFault -Endpoint $Endpoint -Fault @{} }
        (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 1
    }

    It 'a timeout in the middle of a listing gives the token to resume with' {
        $got = [System.Collections.Generic.List[object]]::new()
        $saved = Set-TestEnvironment @{ AWS_MAX_ATTEMPTS = '1' }
        $failure = $null
        try {
            Get-EcrImageId big -PageSize 100 -TimeoutSec 1 -ErrorAction Stop | ForEach-Object {
                $got.Add($_)
                if ($got.Count -eq 250) { Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ hangMs = 20000 } }
            }
        }
        catch { $failure = $_ }
        finally { Restore-TestEnvironment $saved }
        Set-LocalEcrFault -Endpoint $Endpoint -Fault @{}
        $failure.FullyQualifiedErrorId | Should -BeLike 'RequestTimeout,*'
        $failure.Exception.ItemsCompleted | Should -Be $got.Count
        $failure.ErrorDetails.RecommendedAction | Should -BeLike "*-NextToken '$($failure.Exception.ResumeToken)'*"
        $rest = Get-EcrImageId big -PageSize 100 -NextToken $failure.Exception.ResumeToken -ErrorAction Stop
        ($got.Count + $rest.Count) | Should -Be 2345
        (@($got.ImageTag) + @($rest.ImageTag)) | Should -Be @(1..2345 | ForEach-Object { "build-$_" })
    }
}

Describe 'Stopping a command (Ctrl+C)' -Tag Cancellation {
    BeforeAll {
        # A runspace with the module loaded, like a second console; the command runs there and is stopped from here.
        function Start-InRunspace([string] $Script) {
            $shell = [powershell]::Create()
            $null = $shell.AddScript("Import-Module EcrTools; `$PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = '$Endpoint'").Invoke()
            $shell.Commands.Clear()
            $null = $shell.AddScript($Script)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $handle = $shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            [pscustomobject]@{ Shell = $shell; Handle = $handle; Output = $output }
        }

        function Wait-Until([scriptblock] $Condition, [int] $TimeoutMs = 15000) {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            while (-not (& $Condition)) {
                if ($clock.ElapsedMilliseconds -gt $TimeoutMs) { throw "Timed out waiting for: $Condition" }
                Start-Sleep -Milliseconds 20
            }
        }

        $script:Manifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"sha256:' + ('a' * 64) + '"},"layers":[]}'
    }

    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It 'returns control in under a second and sends nothing more: <Name>' -ForEach @(
        @{ Name = 'Get-EcrImageId during a slow request'; Script = 'Get-EcrImageId team/web'; Fault = @{ latencyMs = 5000 }; Attempts = '1'; Ready = 'requests'; At = 1 }
        @{ Name = 'Get-EcrImage during a slow request'; Script = 'Get-EcrImage team/web'; Fault = @{ latencyMs = 5000 }; Attempts = '1'; Ready = 'requests'; At = 1 }
        @{ Name = 'Publish-EcrImage during a slow request'; Script = 'Publish-EcrImage -RepositoryName release -ImageTag stopped -ImageManifest ''{0}'''; Fault = @{ latencyMs = 5000 }; Attempts = '1'; Ready = 'requests'; At = 1 }
        @{ Name = 'Get-EcrImageId during retry back-off'; Script = 'Get-EcrImageId team/web'; Fault = @{ seed = 5; throttleRate = 1.0 }; Attempts = '10'; Ready = 'throttles'; At = 2 }
        @{ Name = 'Get-EcrImage during retry back-off'; Script = 'Get-EcrImage team/web'; Fault = @{ seed = 5; throttleRate = 1.0 }; Attempts = '10'; Ready = 'throttles'; At = 2 }
        @{ Name = 'Publish-EcrImage during retry back-off'; Script = 'Publish-EcrImage -RepositoryName release -ImageTag stopped -ImageManifest ''{0}'''; Fault = @{ seed = 5; throttleRate = 1.0 }; Attempts = '10'; Ready = 'throttles'; At = 2 }
        @{ Name = 'Get-EcrImageId during a long paging run'; Script = 'Get-EcrImageId reliability/huge -PageSize 100'; Fault = @{ latencyMs = 100 }; Attempts = '1'; Ready = 'requests'; At = 5 }
        @{ Name = 'Get-EcrImage during a long paging run'; Script = 'Get-EcrImage reliability/huge -PageSize 100'; Fault = @{ latencyMs = 100 }; Attempts = '1'; Ready = 'requests'; At = 5 }
        @{ Name = 'Get-EcrImageId of several repositories at once'; Script = '''reliability/huge'', ''big'', ''team/web'' | Get-EcrImageId -PageSize 50 -ThrottleLimit 3'; Fault = @{ latencyMs = 100 }; Attempts = '1'; Ready = 'requests'; At = 6 }
    ) {
        Set-LocalEcrFault -Endpoint $Endpoint -Fault $Fault
        $stopMs = $null
        $saved = Set-TestEnvironment @{ AWS_MAX_ATTEMPTS = $Attempts }
        $run = Start-InRunspace ($Script -f $Manifest)
        try {
            Wait-Until {
                $stats = Get-LocalEcrStats -Endpoint $Endpoint
                $(if ($Ready -eq 'throttles') { $stats.injectedFaults.throttle } else { $stats.totalRequests }) -ge $At
            }
            Start-Sleep -Milliseconds 100
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $run.Shell.Stop()
            $stopMs = $clock.ElapsedMilliseconds
            $run.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $atStop = (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests
            Start-Sleep -Milliseconds 2000
            $later = (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests
            $later | Should -Be $atStop -Because 'no request may be sent or retried after the stop'
            $run.Shell.Streams.Error | Should -BeNullOrEmpty -Because 'a stop is not an error'

            # The runspace and the shared client still work afterwards.
            Set-LocalEcrFault -Endpoint $Endpoint -Fault @{}
            $run.Shell.Commands.Clear()
            $again = $run.Shell.AddScript('Get-EcrImageId team/web').Invoke()
            $again.Count | Should -Be 30
        }
        finally {
            $run.Shell.Dispose()
            Restore-TestEnvironment $saved
        }
        $stopMs | Should -Not -BeNullOrEmpty
        $stopMs | Should -BeLessThan 1000
        Write-Figure "Cancellation/$Name" ([ordered]@{ stopMilliseconds = $stopMs; requestsAtStop = $atStop; requestsTwoSecondsLater = $later; itemsBeforeStop = $run.Output.Count })
    }
}
