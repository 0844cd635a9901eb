BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Get-EcrImageId' {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It 'is loaded from the installed package' {
        (Get-Module EcrTools).ModuleBase | Should -BeLike "$env:ECRTOOLS_TEST_MODULES*"
    }

    It 'declares its output type' {
        (Get-Command Get-EcrImageId).OutputType.Name | Should -Contain 'EcrTools.EcrImageId'
    }

    It 'returns every id of a 2,345-image repository in 3 signed requests of up to 1,000' {
        $ids = Get-EcrImageId -RepositoryName big
        $ids.Count | Should -Be 2345
        ($ids.ImageDigest | Sort-Object -Unique).Count | Should -Be 2345
        $ids[0] | Should -BeOfType EcrTools.EcrImageId
        $ids[0].RepositoryName | Should -Be 'big'
        $ids[0].ImageTag | Should -Be 'build-1'
        $ids[-1].ImageTag | Should -Be 'build-2345'
        $stats = Get-LocalEcrStats -Endpoint $Endpoint
        $stats.requests.ListImages | Should -Be 3
        $stats.failedRequests | Should -Be 0
        $stats.lastRequest.region | Should -Be 'us-east-1'
    }

    It 'lists one id per tag, and an untagged image once' {
        $ids = Get-EcrImageId multi
        $ids.Count | Should -Be 30
        ($ids.ImageDigest | Sort-Object -Unique).Count | Should -Be 10
        (Get-EcrImageId team/web | Where-Object { -not $_.ImageTag }).Count | Should -Be 3
    }

    It 'signs with the region given by -Region' {
        $null = Get-EcrImageId -RepositoryName empty -Region eu-west-1
        (Get-LocalEcrStats -Endpoint $Endpoint).lastRequest.region | Should -Be 'eu-west-1'
    }

    Context 'pipeline input' {
        It 'takes several repository names as -RepositoryName, in order' {
            $ids = Get-EcrImageId -RepositoryName team/web, empty, multi
            $ids.Count | Should -Be 60
            ($ids.RepositoryName | Select-Object -Unique) | Should -Be @('team/web', 'multi')
            (Get-EcrImage -RepositoryName team/web, multi).Count | Should -Be 40
        }

        It 'refuses -NextToken with several repositories, whose tokens are each its own' {
            { Get-EcrImageId -RepositoryName team/web, multi -NextToken abc -ErrorAction Stop } |
                Should -Throw -ErrorId 'NextTokenWithSeveralRepositories,EcrTools.Commands.GetEcrImageIdCommand'
            Get-RequestCount ListImages | Should -Be 0
        }

        It 'does not offer to resume from a -NextToken the service refuses' {
            $ids = Get-EcrImageId -RepositoryName team/web -NextToken garbage -ErrorVariable failures -ErrorAction SilentlyContinue
            $ids | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,*'
            $failures[0].Exception.ResumeToken | Should -BeNullOrEmpty
            "$($failures[0].ErrorDetails.RecommendedAction)" | Should -Not -BeLike '*garbage*'
            $failures[0].Exception.Message | Should -BeLike '*Invalid NextToken*'
        }

        It 'takes repository names by value' {
            $ids = 'team/web', 'empty' | Get-EcrImageId
            $ids.Count | Should -Be 30
        }

        It 'lists a repository piped more than once only once, as for the output of Get-EcrImageId' {
            $ids = Get-EcrImageId team/web | Get-EcrImageId -Verbose 4>&1
            @($ids | Where-Object { $_ -is [EcrTools.EcrImageId] }).Count | Should -Be 30
            @($ids | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*already listed*' }).Count | Should -Be 29
            Reset-LocalEcr -Endpoint $Endpoint
            ('team/web', 'multi', 'team/web' | Get-EcrImageId).Count | Should -Be 60
            Get-RequestCount ListImages | Should -Be 2
            Reset-LocalEcr -Endpoint $Endpoint
            $images = 'team/web', 'team/web' | Get-EcrImage
            $images.Count | Should -Be (Get-EcrImage team/web).Count
            Get-RequestCount DescribeImages | Should -Be 2 -Because 'one listing for the piped names, one for the count'
        }

        It 'takes RepositoryName and RegistryId by property name from any object' {
            $repositories = @(
                [pscustomobject]@{ RepositoryName = 'team/web'; RegistryId = '123456789012' }
                [pscustomobject]@{ PSTypeName = 'Amazon.ECR.Model.Repository'; RepositoryName = 'multi'; RegistryId = '123456789012'; RepositoryUri = '123456789012.dkr.ecr.us-east-1.amazonaws.com/multi' }
            )
            $ids = $repositories | Get-EcrImageId
            $ids.Count | Should -Be 60
            $ids[0].RegistryId | Should -Be '123456789012'
        }

        It 'gives the other 18 repositories'' ids and exactly 2 errors when 2 of 20 do not exist' {
            $names = @(1..9 | ForEach-Object { 'fleet/app-{0:d2}' -f $_ }) + 'missing-one' + @(10..18 | ForEach-Object { 'fleet/app-{0:d2}' -f $_ }) + 'missing-two'
            $ids = $names | Get-EcrImageId -ErrorVariable failures -ErrorAction SilentlyContinue
            $ids.Count | Should -Be 90
            ($ids.RepositoryName | Sort-Object -Unique).Count | Should -Be 18
            $failures.Count | Should -Be 2
            $failures.TargetObject | Should -Be @('missing-one', 'missing-two')
            $failures | ForEach-Object {
                $_.FullyQualifiedErrorId | Should -BeLike 'RepositoryNotFound,*'
                $_.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            }
        }

        It 'makes a missing repository terminating under -ErrorAction Stop' {
            { Get-EcrImageId missing -ErrorAction Stop } | Should -Throw -ErrorId 'RepositoryNotFound,*'
        }

        It 'keeps each repository''s ids together and in order with -ThrottleLimit' {
            $names = 1..18 | ForEach-Object { 'fleet/app-{0:d2}' -f $_ }
            $ids = $names | Get-EcrImageId -ThrottleLimit 8
            $ids.Count | Should -Be 90
            $runs = @($ids | ForEach-Object RepositoryName | Select-Object -Unique)
            $runs.Count | Should -Be 18
            foreach ($name in $names) {
                $tags = ($ids | Where-Object RepositoryName -eq $name).ImageTag
                $prefix = 'r{0}-' -f [int]$name.Substring($name.Length - 2)
                $tags | Should -Be @(1..5 | ForEach-Object { "$prefix$_" })
            }
        }

        It 'fetches at most one page ahead of the output per running listing with -ThrottleLimit' {
            # The first id is held for a second: each listing may fetch one page beyond what was taken, no more.
            $ids = 'big', 'big' | Get-EcrImageId -ThrottleLimit 2 -PageSize 100 |
                ForEach-Object -Begin { $held = $false } -Process { if (-not $held) { $held = $true; Start-Sleep -Seconds 1 }; $_ } |
                Select-Object -First 1
            $ids.ImageTag | Should -Be 'build-1'
            # The first listing's first page and the one after it, the second listing's first page.
            Get-RequestCount ListImages | Should -BeLessOrEqual 3
        }
    }

    Context 'filters' {
        It 'filters with <Name>' -ForEach @(
            @{ Name = 'a hashtable'; Arguments = @{ Filter = @{ tagStatus = 'UNTAGGED' } } }
            @{ Name = 'a hashtable with other-case keys and values'; Arguments = @{ Filter = @{ TAGSTATUS = 'untagged' } } }
            @{ Name = 'the CLI shorthand'; Arguments = @{ Filter = 'tagStatus=UNTAGGED,imageStatus=ACTIVE' } }
            @{ Name = 'a filter object'; Arguments = @{ Filter = 'EcrImageFilter' } }
            @{ Name = 'the -TagStatus shortcut'; Arguments = @{ TagStatus = 'Untagged' } }
            @{ Name = 'a filter and an agreeing shortcut'; Arguments = @{ Filter = @{ tagStatus = 'UNTAGGED' }; TagStatus = 'Untagged' } }
        ) {
            if ($Arguments.Filter -eq 'EcrImageFilter') {
                # The module's type exists only once the module is imported, after discovery.
                $Arguments = @{ Filter = [EcrTools.EcrImageFilter]::new('UNTAGGED', $null) }
            }
            $ids = Get-EcrImageId team/web @Arguments
            $ids.Count | Should -Be 3
            @($ids | Where-Object ImageTag).Count | Should -Be 0
        }

        It 'lists only ACTIVE images unless -ImageStatus says otherwise' {
            (Get-EcrImageId lifecycle).ImageTag | Should -Be 'active'
            (Get-EcrImageId lifecycle -ImageStatus Archived).ImageTag | Should -Be 'old'
            (Get-EcrImageId lifecycle -Filter @{ imageStatus = 'ANY' }).Count | Should -Be 2
        }

        It 'rejects <Name> before sending a request' -ForEach @(
            @{ Name = 'an unknown key'; Filter = @{ status = 'TAGGED' }; Message = '*Valid keys: tagStatus, imageStatus*' }
            @{ Name = 'an unknown value'; Filter = 'tagStatus=LABELLED'; Message = '*Valid values: TAGGED, UNTAGGED, ANY*' }
            @{ Name = 'an unknown image status'; Filter = @{ imageStatus = 'GONE' }; Message = '*Valid values: ACTIVE, ARCHIVED, ACTIVATING, ANY*' }
            @{ Name = 'shorthand without ='; Filter = 'TAGGED'; Message = '*key=value*' }
        ) {
            $failure = { Get-EcrImageId team/web -Filter $Filter } | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
            $failure.Exception.Message | Should -BeLike $Message
            Get-RequestCount ListImages | Should -Be 0
        }

        It 'rejects a filter that contradicts a shortcut' {
            $failure = { Get-EcrImageId team/web -Filter 'tagStatus=TAGGED' -TagStatus Untagged } | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -BeLike 'FilterConflict,*'
            $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
            Get-RequestCount ListImages | Should -Be 0
        }

        It 'completes the values of -TagStatus' {
            $completions = (TabExpansion2 -inputScript 'Get-EcrImageId x -TagStatus ' -cursorColumn 'Get-EcrImageId x -TagStatus '.Length).CompletionMatches.CompletionText
            $completions | Sort-Object | Should -Be @('Any', 'Tagged', 'Untagged')
        }
    }

    Context 'paging' {
        It 'sends -PageSize as maxResults' {
            (Get-EcrImageId big -PageSize 100).Count | Should -Be 2345
            Get-RequestCount ListImages | Should -Be 24
        }

        It 'rejects page size <Size>' -ForEach @(@{ Size = 0 }, @{ Size = 1001 }) {
            { Get-EcrImageId big -PageSize $Size } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        }

        It 'stops requesting pages once -First is satisfied' {
            $ids = Get-EcrImageId big -First 150 -PageSize 100
            $ids.Count | Should -Be 150
            Get-RequestCount ListImages | Should -Be 2
        }

        It 'asks for no more ids than -First and -Skip need without -PageSize' -ForEach @(
            @{ Paging = @{ First = 150 }; Expected = 150; Items = 150 }
            @{ Paging = @{ First = 5; Skip = 10 }; Expected = 5; Items = 15 }
            @{ Paging = @{ First = 900; Skip = 900 }; Expected = 900; Items = 1000 }
        ) {
            $verbose = Get-EcrImageId big @Paging -Verbose 4>&1
            $ids = @($verbose | Where-Object { $_ -is [EcrTools.EcrImageId] })
            $ids.Count | Should -Be $Expected
            $ids[0].ImageTag | Should -Be "build-$(1 + [int]$Paging['Skip'])"
            $pages = @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'ListImages big page *' })
            $pages[0].Message | Should -Match "HTTP 200, $Items item\(s\)"
            Get-RequestCount ListImages | Should -Be $pages.Count
        }

        It 'stops requesting pages when Select-Object -First is satisfied' {
            $ids = Get-EcrImageId big | Select-Object -First 5
            $ids.Count | Should -Be 5
            Get-RequestCount ListImages | Should -Be 1
        }

        It 'reads at most one page ahead of a Select-Object -First that stops after the first page' {
            $all = Get-EcrImageId big
            Reset-LocalEcr -Endpoint $Endpoint
            $ids = Get-EcrImageId big -PageSize 100 | Select-Object -First 150
            $ids.Count | Should -Be 150
            $ids.ImageDigest | Should -Be ($all | Select-Object -First 150).ImageDigest
            Get-RequestCount ListImages | Should -BeIn 2, 3
        }

        It 'skips with -Skip' {
            $ids = Get-EcrImageId big -Skip 2340
            $ids.ImageTag | Should -Be @('build-2341', 'build-2342', 'build-2343', 'build-2344', 'build-2345')
        }

        It 'reports a total count with -IncludeTotalCount' {
            $output = Get-EcrImageId team/web -IncludeTotalCount
            $output[-1].ToString() | Should -BeLike '*30*'
            $skipped = Get-EcrImageId team/web -Skip 25 -IncludeTotalCount
            $skipped.Count | Should -Be 6
            $skipped[-1].ToString() | Should -BeLike '*30*'
        }
    }

    It 'writes one verbose line per request' {
        $verbose = Get-EcrImageId big -PageSize 1000 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $pages = $verbose | Where-Object Message -like 'ListImages big page *'
        $pages.Count | Should -Be 3
        $pages[0].Message | Should -Match 'HTTP 200, 1000 item\(s\), \d+ ms, request id [0-9a-f-]{36}'
    }

    Context 'an endpoint that answers a page with the nextToken it was sent' {
        BeforeAll {
            # A stub endpoint on 127.0.0.1 that answers every request with the same page and the same nextToken:
            # a client that trusted it would ask for that page forever. It stops with the test file (AfterAll).
            $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
            $stubListener = [System.Net.HttpListener]::new()
            $stubListener.Prefixes.Add("http://127.0.0.1:$port/")
            $stubListener.Start()
            $stubEndpoint = "http://127.0.0.1:$port"
            $stubRequests = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
            $page = '{"imageIds":[{"imageDigest":"sha256:' + ('a' * 64) + '","imageTag":"v1"}],"nextToken":"stuck"}'
            $stub = [powershell]::Create().AddScript({
                param($listener, $page, $requests)
                while ($listener.IsListening) {
                    try { $context = $listener.GetContext() } catch { break }
                    $requests.Enqueue((New-Object System.IO.StreamReader $context.Request.InputStream).ReadToEnd())
                    $bytes = [System.Text.Encoding]::UTF8.GetBytes($page)
                    $context.Response.ContentType = 'application/x-amz-json-1.1'
                    $context.Response.AddHeader('x-amzn-RequestId', [guid]::NewGuid().ToString())
                    $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
                    $context.Response.Close()
                }
            }).AddArgument($stubListener).AddArgument($page).AddArgument($stubRequests)
            $null = $stub.BeginInvoke()
        }

        AfterAll {
            $stubListener.Close()
            $stub.Dispose()
        }

        It 'stops after that page with an error that says so, instead of requesting it forever' {
            $ids = Get-EcrImageId -RepositoryName app -EndpointUrl $stubEndpoint -ErrorVariable failures -ErrorAction SilentlyContinue
            @($ids).Count | Should -Be 2
            $stubRequests.Count | Should -Be 2
            @($stubRequests)[1] | Should -BeLike '*"nextToken":"stuck"*'
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidData,EcrTools.Commands.GetEcrImageIdCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
            $failures[0].TargetObject | Should -Be 'app'
            $failures[0].Exception.Message | Should -BeLike '*answered page 2 with the nextToken it was sent*'
            $failures[0].ErrorDetails.RecommendedAction | Should -BeLike '*cannot be resumed*'
        }
    }

    It 'raises errors a script can catch by type, with the service''s code, status and request id' {
        $caught = $null
        try { Get-EcrImageId nosuch/repo -ErrorAction Stop }
        catch [EcrTools.EcrRequestException] { $caught = $_.Exception }
        $caught | Should -Not -BeNullOrEmpty
        $caught.ErrorCode | Should -Be 'RepositoryNotFoundException'
        $caught.StatusCode | Should -Be 400
        $caught.RequestId | Should -Match '^[0-9a-f-]{36}$'
        $caught.Operation | Should -Be 'ListImages'
        $caught.RepositoryName | Should -Be 'nosuch/repo'
        $caught.ResumeToken | Should -BeNullOrEmpty
        $caught.Message | Should -BeLike "*nosuch/repo*"
    }

    It 'ends with one terminating error when the credentials are refused, instead of one per repository' {
        $failure = { 'team/web', 'multi', 'big' | Get-EcrImageId -SecretKey 'not-the-secret' -AccessKey AKIDLOCALECREXAMPLE -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'InvalidSignature,*' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.ErrorDetails.Message | Should -BeLike "*ListImages*'team/web'*"
        (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 1
    }

    It 'ends with one terminating error when the endpoint refuses connections' {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $closed = "http://127.0.0.1:$($probe.LocalEndpoint.Port)"; $probe.Stop()
        $failure = { 'team/web', 'multi' | Get-EcrImage -EndpointUrl $closed -ErrorAction SilentlyContinue } |
            Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure.ErrorDetails.Message | Should -BeLike "*DescribeImages*'team/web'*"
    }

    It 'is rejected by LocalEcr with a wrong secret' {
        $env:AWS_SECRET_ACCESS_KEY, $saved = 'not-the-secret', $env:AWS_SECRET_ACCESS_KEY
        try {
            # A fresh region gives a fresh client, so the new secret is read.
            { Get-EcrImageId -RepositoryName big -Region ap-south-1 -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidSignature,*'
        }
        finally {
            $env:AWS_SECRET_ACCESS_KEY = $saved
        }
    }
}
