BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

Describe 'Argument completion' {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It 'completes -RepositoryName from DescribeRepositories at the command line''s endpoint, cached briefly' {
        Complete "Get-EcrImage -EndpointUrl $Endpoint -Region eu-west-1 -RepositoryName te" | Should -Be 'team/web'
        Complete "Get-EcrImageId -EndpointUrl $Endpoint -Region eu-west-1 -RepositoryName fleet/app-1" | Should -Contain 'fleet/app-18'
        Complete "Publish-EcrImage -EndpointUrl $Endpoint -Region eu-west-1 -RepositoryName rel" | Should -Be 'release'
        $stats = Get-LocalEcrStats -Endpoint $Endpoint
        $stats.requests.DescribeRepositories | Should -Be 1
        $stats.lastRequest.region | Should -Be 'eu-west-1'
    }

    It 'completes -ImageTag from the tags of the repository on the command line' {
        $tags = Complete "Get-EcrImage -EndpointUrl $Endpoint -RepositoryName team/web -ImageTag v1.0.2"
        $tags | Should -Contain 'v1.0.2'
        $tags | Should -Contain 'v1.0.29'
        $tags | Should -Not -Contain 'v1.0.10'
        Complete "Publish-EcrImage -EndpointUrl $Endpoint -RepositoryName multi -ImageTag m3-" | Should -Be @('m3-alias1', 'm3-alias2')
    }

    It 'completes against the endpoint and region $PSDefaultParameterValues give the command' {
        $saved = $PSDefaultParameterValues.Clone()
        try {
            $PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = $Endpoint
            # Keyed by an alias, as an AWS.Tools script may set it.
            $PSDefaultParameterValues['Get-EcrImage*:RegionToCall'] = 'ap-south-1'
            $PSDefaultParameterValues['*-Ecr*:ProfileName'] = { 'from-a-script-block' }
            Complete 'Get-EcrImage -RepositoryName te' | Should -Be 'team/web'
            (Get-LocalEcrStats -Endpoint $Endpoint).lastRequest.region | Should -Be 'ap-south-1'
            Complete 'Publish-EcrImage -RepositoryName multi -ImageTag m3-' | Should -Be @('m3-alias1', 'm3-alias2')
            # Disabled: the defaults are not read, so the endpoint comes from the environment (a closed port here).
            $PSDefaultParameterValues['Disabled'] = $true
            $requests = (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests
            $env:AWS_ENDPOINT_URL_ECR, $savedEndpoint = 'http://127.0.0.1:9/', $env:AWS_ENDPOINT_URL_ECR
            try { Complete 'Get-EcrImageId -Region us-west-2 -RepositoryName te' | Should -BeNullOrEmpty }
            finally { $env:AWS_ENDPOINT_URL_ECR = $savedEndpoint }
            (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be $requests
        }
        finally {
            $PSDefaultParameterValues.Clear()
            foreach ($key in $saved.Keys) { $PSDefaultParameterValues[$key] = $saved[$key] }
        }
    }

    It 'completes -ImageDigest from the digests of the repository on the command line, each shown with its tags' {
        $id = Get-EcrImageId multi | Where-Object ImageTag -eq 'm3-alias1'
        $prefix = $id.ImageDigest.Substring(0, 20)
        $line = "Get-EcrImage -EndpointUrl $Endpoint -RepositoryName multi -ImageDigest $prefix"
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $match = $found | Where-Object CompletionText -eq $id.ImageDigest
        $match | Should -Not -BeNullOrEmpty
        $match.ToolTip | Should -BeLike "*m3-alias1*"
        @($found).Count | Should -Be (@(Get-EcrImageId multi | Where-Object { $_.ImageDigest.StartsWith($prefix) } | Select-Object -ExpandProperty ImageDigest -Unique).Count)
    }

    It 'offers regions, not the SDK''s pseudo-regions' {
        $regions = Complete 'Get-EcrImageId x -Region us-east-'
        $regions | Should -Contain 'us-east-1'
        $regions | Should -Not -Contain 'us-east-1-regional'
    }

    It 'completes the enum shortcuts' {
        Complete 'Get-EcrImage x -ImageStatus Arc' | Should -Be 'Archived'
    }

    It 'stays silent when the service cannot be reached' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Complete 'Get-EcrImage -EndpointUrl http://127.0.0.1:9/ -RepositoryName te' | Should -BeNullOrEmpty
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
    }
}
