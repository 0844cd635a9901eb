# Eight runspaces using the module at once against LocalEcr, reading and publishing to distinct tags, sharing the
# process-wide client pool (and creating clients in it at the same moment). Figures go to
# $env:ECRTOOLS_RELIABILITY_LOG (see tests/RELIABILITY.md).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    $script:Repository = 'concurrency/publish'
    Add-LocalEcrSeed -Endpoint $Endpoint -Seed @{ repositories = @(@{ name = $Repository; blobs = @(('sha256:' + ('a' * 64)), ('sha256:' + ('b' * 64))) }) }

    function Write-Figure([string] $Test, [System.Collections.IDictionary] $Figures) {
        if ($env:ECRTOOLS_RELIABILITY_LOG) {
            $record = [ordered]@{ test = $Test }
            foreach ($key in $Figures.Keys) { $record[$key] = $Figures[$key] }
            $record | ConvertTo-Json -Compress -Depth 5 | Add-Content -Path $env:ECRTOOLS_RELIABILITY_LOG
        }
    }

    function New-Manifest([string] $Note) {
        '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"sha256:' + ('a' * 64) + '"},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","size":10,"digest":"sha256:' + ('b' * 64) + '"}],"annotations":{"job":"' + $Note + '"}}'
    }

    function Get-Sha256([string] $Text) {
        'sha256:' + [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($Text))).ToLowerInvariant()
    }

    # One job's work: readers list and describe, publishers publish their own tags; every connection setting is varied
    # by job so that clients are created in the shared pool while others use it. Each job checks its own results and
    # returns what it saw, with every error (or exception) as text.
    $script:JobScript = {
        param([int] $Job, [string] $Endpoint, [string] $Repository, [string] $Manifest, [int] $Rounds)
        $ErrorActionPreference = 'Stop'
        $problems = [System.Collections.Generic.List[string]]::new()
        $checked = 0
        $published = [System.Collections.Generic.List[object]]::new()
        try {
            Import-Module EcrTools
            $PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = $Endpoint
            $regions = 'us-east-1', 'eu-west-1', 'ap-south-1', 'us-west-2'
            foreach ($round in 1..$Rounds) {
                # A distinct timeout per job and round: a new client in the pool, made while the other jobs run.
                $connection = @{ Region = $regions[($Job + $round) % 4]; TimeoutSec = 30 + ($Job * 10) + $round }
                if ($Job % 2 -eq 1) {
                    $ids = Get-EcrImageId big @connection -PageSize 250 -ErrorVariable +failures -ErrorAction Continue
                    if ($ids.Count -ne 2345 -or $ids[0].ImageTag -ne 'build-1' -or $ids[-1].ImageTag -ne 'build-2345') { $problems.Add("round ${round}: Get-EcrImageId big gave $($ids.Count) ids") }
                    $checked += $ids.Count
                    $names = 1..18 | ForEach-Object { 'fleet/app-{0:d2}' -f $_ }
                    $fleet = $names | Get-EcrImageId @connection -ThrottleLimit 4 -ErrorVariable +failures -ErrorAction Continue
                    if ($fleet.Count -ne 90) { $problems.Add("round ${round}: fleet listing gave $($fleet.Count) ids") }
                    $checked += $fleet.Count
                    $images = Get-EcrImage team/web @connection -ErrorVariable +failures -ErrorAction Continue
                    if ($images.Count -ne 30) { $problems.Add("round ${round}: Get-EcrImage team/web gave $($images.Count) images") }
                    $checked += $images.Count
                    $byTag = Get-EcrImage multi -ImageTag m1, m2, 'm3-*' @connection -ErrorVariable +failures -ErrorAction Continue
                    $checked += $byTag.Count
                }
                else {
                    $tags = 1..5 | ForEach-Object { "job$Job-round$round-tag$_" }
                    $result = Publish-EcrImage -RepositoryName $Repository -ImageManifest $Manifest -ImageTag $tags @connection -ErrorVariable +failures -ErrorAction Continue
                    foreach ($item in $result) { $published.Add($item) }
                    if (@($result).Count -ne 5) { $problems.Add("round ${round}: Publish-EcrImage gave $(@($result).Count) results") }
                    $checked += @($result).Count
                    $ids = Get-EcrImageId $Repository @connection -PageSize 1000 -ErrorVariable +failures -ErrorAction Continue
                    $checked += $ids.Count
                }
            }
        }
        catch {
            $problems.Add("exception: $($_.Exception.GetType().FullName): $($_.Exception.Message)")
        }
        foreach ($failure in $failures) { $problems.Add("error: $($failure.FullyQualifiedErrorId): $($failure.Exception.GetType().FullName): $($failure.Exception.Message)") }
        [pscustomobject]@{
            Job       = $Job
            Problems  = @($problems)
            Checked   = $checked
            Published = @($published | ForEach-Object { [pscustomobject]@{ Tag = $_.ImageTag; Digest = $_.ImageDigest } })
        }
    }
}

AfterAll {
    Reset-LocalEcr -Endpoint $Endpoint -State
}

Describe 'Eight runspaces at once' -Tag Concurrency {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It 'reads and publishes correctly <Name>' -ForEach @(
        @{ Name = 'without faults'; Fault = @{}; Attempts = $null; Rounds = 4 }
        @{ Name = 'through 10% throttling, 3% server errors and 1% drops'; Fault = @{ seed = 8; throttleRate = 0.1; serverErrorRate = 0.03; dropRate = 0.01; jitterMs = 20 }; Attempts = '10'; Rounds = 2 }
    ) {
        $saved = $env:AWS_MAX_ATTEMPTS
        $env:AWS_MAX_ATTEMPTS = $Attempts
        if ($Fault.Count) { Set-LocalEcrFault -Endpoint $Endpoint -Fault $Fault }
        $manifests = @{}
        foreach ($job in 1..8) { $manifests[$job] = New-Manifest "job-$job-$($Name.Length)" }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        try {
            $jobs = foreach ($job in 1..8) {
                Start-ThreadJob -ThrottleLimit 8 -ScriptBlock $JobScript -ArgumentList $job, $Endpoint, $Repository, $manifests[$job], $Rounds
            }
            $null = $jobs | Wait-Job -Timeout 150
            $results = @($jobs | Receive-Job -ErrorVariable jobErrors -ErrorAction SilentlyContinue)
            $states = @($jobs | ForEach-Object State)
            $jobs | Remove-Job -Force
        }
        finally {
            $env:AWS_MAX_ATTEMPTS = $saved
        }
        $clock.Stop()
        $stats = Get-LocalEcrStats -Endpoint $Endpoint
        Set-LocalEcrFault -Endpoint $Endpoint -Fault @{}

        $states | Should -Be (@('Completed') * 8)
        $jobErrors | Should -BeNullOrEmpty
        $results.Count | Should -Be 8
        foreach ($result in $results) {
            $result.Problems | Should -BeNullOrEmpty -Because "job $($result.Job) must see correct results and no exception"
            $result.Checked | Should -BeGreaterThan 0
        }

        # Every published tag names its job's image, in a fault-free listing afterwards.
        $expected = @{}
        foreach ($result in $results | Where-Object { $_.Job % 2 -eq 0 }) {
            $result.Published.Count | Should -Be (5 * $Rounds)
            foreach ($item in $result.Published) {
                $item.Digest | Should -Be (Get-Sha256 $manifests[$result.Job])
                $expected[$item.Tag] = $item.Digest
            }
        }
        $listed = @{}
        foreach ($id in Get-EcrImageId $Repository -PageSize 1000 -ErrorAction Stop) { if ($id.ImageTag) { $listed[$id.ImageTag] = $id.ImageDigest } }
        $wrong = @($expected.Keys | Where-Object { $listed[$_] -ne $expected[$_] })
        $wrong | Should -BeNullOrEmpty
        $expected.Count | Should -Be (4 * 5 * $Rounds)

        Write-Figure "Concurrency/$Name" ([ordered]@{
                runspaces = 8; rounds = $Rounds; itemsChecked = ($results | Measure-Object Checked -Sum).Sum; tagsPublished = $expected.Count; tagsWrong = $wrong.Count
                requests = $stats.totalRequests; throttles = $stats.injectedFaults.throttle; serverErrors = $stats.injectedFaults.serverError; drops = $stats.injectedFaults.drop
                problems = ($results | ForEach-Object { @($_.Problems).Count } | Measure-Object -Sum).Sum; seconds = [math]::Round($clock.Elapsed.TotalSeconds, 1)
            })
    }
}
