BeforeAll {
    Import-Module EcrTools -Force
    Import-Module (Join-Path $PSScriptRoot '../LocalEcr/LocalEcr.psm1') -Force
    $script:Endpoint = $env:ECRTOOLS_TEST_ENDPOINT
}

Describe 'Get-EcrImageId' {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It 'is loaded from the installed package' {
        (Get-Module EcrTools).ModuleBase | Should -BeLike "$env:ECRTOOLS_TEST_MODULES*"
    }

    It 'returns every id of a 2,345-image repository in 24 signed requests' {
        $ids = Get-EcrImageId -RepositoryName big -EndpointUrl $Endpoint
        $ids.Count | Should -Be 2345
        ($ids.ImageDigest | Sort-Object -Unique).Count | Should -Be 2345
        $ids[0] | Should -BeOfType EcrTools.EcrImageId
        $ids[0].RepositoryName | Should -Be 'big'
        $stats = Get-LocalEcrStats -Endpoint $Endpoint
        $stats.requests.ListImages | Should -Be 24
        $stats.failedRequests | Should -Be 0
        $stats.lastRequest.region | Should -Be 'us-east-1'
    }

    It 'signs with the region given by -Region' {
        $null = Get-EcrImageId -RepositoryName empty -EndpointUrl $Endpoint -Region eu-west-1
        (Get-LocalEcrStats -Endpoint $Endpoint).lastRequest.region | Should -Be 'eu-west-1'
    }

    It 'takes repository names from the pipeline' {
        $ids = 'team/web', 'empty' | Get-EcrImageId -EndpointUrl $Endpoint
        $ids.Count | Should -Be 30
        ($ids | Where-Object { -not $_.ImageTag }).Count | Should -Be 3
    }

    It 'writes a RepositoryNotFound error for a missing repository and goes on' {
        $ids = 'missing', 'team/web' | Get-EcrImageId -EndpointUrl $Endpoint -ErrorVariable failures -ErrorAction SilentlyContinue
        $ids.Count | Should -Be 30
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RepositoryNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'missing'
    }

    It 'is rejected by LocalEcr with a wrong secret' {
        $env:AWS_SECRET_ACCESS_KEY, $saved = 'not-the-secret', $env:AWS_SECRET_ACCESS_KEY
        try {
            # A fresh region gives a fresh client, so the new secret is read.
            { Get-EcrImageId -RepositoryName big -EndpointUrl $Endpoint -Region ap-south-1 -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidSignature,*'
        }
        finally {
            $env:AWS_SECRET_ACCESS_KEY = $saved
        }
    }
}
