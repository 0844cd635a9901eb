# The installed module's help: every cmdlet and parameter described, examples that parse and run against the demo
# data, the about topic, the converter's checks (src/EcrTools/Help/Build-Help.ps1) and mocking with the module's types.

BeforeDiscovery {
    Import-Module EcrTools
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $cmdlets = foreach ($command in Get-Command -Module EcrTools -CommandType Cmdlet) {
        @{ Name = $command.Name; Parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $common }) }
    }
    $examples = foreach ($command in $cmdlets) {
        $number = 0
        foreach ($example in (Get-Help $command.Name -Full).examples.example) {
            @{ Name = $command.Name; Number = ++$number; Code = $example.code }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:ModuleBase = (Get-Module EcrTools).ModuleBase
    $script:Converter = Join-Path $PSScriptRoot '../../src/EcrTools/Help/Build-Help.ps1'
    $script:HelpSource = Join-Path $PSScriptRoot '../../src/EcrTools/Help'

    function Test-Parse([string] $Code) {
        $tokens = $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors)
        $errors
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
    }

    It 'comes from the MAML file in the installed module' {
        Join-Path $ModuleBase 'en-US/EcrTools.dll-Help.xml' | Should -Exist
        $help.examples | Should -Not -BeNullOrEmpty  # help made up from the metadata has no examples
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name *"  # help made up from the metadata has the syntax as synopsis
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes -<_>' -ForEach $Parameters {
        $parameter = Get-Help $Name -Parameter $_
        ($parameter.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        $parameter.defaultValue | Should -Not -BeNullOrEmpty
    }

    It 'has a syntax for each parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be $command.ParameterSets.Count
    }

    It 'has at least three examples whose code parses' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 3
        foreach ($example in $help.examples.example) {
            $example.code | Should -Not -BeNullOrEmpty
            Test-Parse $example.code | Should -BeNullOrEmpty -Because $example.title
            ($example.remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because $example.title
        }
    }

    It 'takes only .NET and the module''s own types, which a script can name' {
        foreach ($parameter in $command.Parameters.Values) {
            $type = $parameter.ParameterType
            while ($type.HasElementType) { $type = $type.GetElementType() }
            if ($type.IsGenericType) { $type = $type.GetGenericArguments()[0] }
            $type.Namespace | Should -BeIn 'System', 'System.Management.Automation', 'EcrTools' -Because "-$($parameter.Name) is a $($parameter.ParameterType)"
            ($type.FullName -as [type]) | Should -Not -BeNullOrEmpty -Because "[$($type.FullName)] of -$($parameter.Name) resolves in the session"
        }
    }

    It 'lists its inputs and the output types it declares' {
        @($help.inputTypes.inputType).Count | Should -BeGreaterThan 0
        foreach ($type in $command.OutputType.Name) {
            $help.returnValues.returnValue.type.name | Should -Contain $type
        }
    }
}

Describe 'about_EcrTools' {
    It 'is found by Get-Help' {
        $topic = Get-Help about_EcrTools
        $topic.Category | Should -Be 'HelpFile'
        $topic | Out-String | Should -Match 'SHORT DESCRIPTION'
        Join-Path $ModuleBase 'en-US/about_EcrTools.help.txt' | Should -Exist
    }

    It 'describes every cmdlet' {
        $text = Get-Help about_EcrTools | Out-String
        foreach ($name in (Get-Command -Module EcrTools).Name) { $text | Should -Match $name }
    }
}

Describe 'Examples against the demo data' {
    # Each example runs against LocalEcr seeded with the demo data, as it was seeded, from a folder that holds
    # manifest.json (the manifest of the "publish a manifest" examples). Errors stop an example unless it handles them.
    BeforeAll {
        $demo = Start-LocalEcr -Path (Join-Path $PSScriptRoot '../../output/LocalEcr/LocalEcr.dll') -SeedFile (Join-Path $PSScriptRoot '../LocalEcr/seed/sample.json')
        $folder = Join-Path $TestDrive 'examples'
        $null = New-Item -ItemType Directory -Path $folder
        $manifest = '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",' +
            '"config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:c1cc23ad54ff3f93aab28e01412701ffdd452c5be7f1e47425336a9e8fa363e9"},' +
            '"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":31357624,"digest":"sha256:60feb3ae74f06bf0758db3e1c43282f3167a1b0b2538519fa8bb76e13528f7c1"}]}'
        [System.IO.File]::WriteAllText((Join-Path $folder 'manifest.json'), $manifest)
    }

    AfterAll {
        Stop-LocalEcr -Server $demo
    }

    BeforeEach {
        Reset-LocalEcr -Endpoint $demo.Endpoint -State
    }

    It '<Name> example <Number> runs' -ForEach $examples {
        $PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = $demo.Endpoint
        Push-Location $folder
        try {
            $ErrorActionPreference = 'Stop'
            $null = & ([scriptblock]::Create($Code))
        }
        finally {
            Pop-Location
            $PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = $Endpoint
        }
        (Get-LocalEcrStats -Endpoint $demo.Endpoint).totalRequests | Should -BeGreaterThan 0
    }
}

Describe 'Build-Help.ps1' {
    BeforeAll {
        function New-HelpCopy([object[]] $Changes) {
            # A copy of the help source with changes (File, Pattern, Replacement), each of which must take effect.
            $copy = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
            Copy-Item $HelpSource -Destination $copy -Recurse
            foreach ($change in $Changes) {
                $path = Join-Path $copy $change.File
                $text = Get-Content $path -Raw
                $changed = [regex]::new($change.Pattern, 'Multiline, Singleline').Replace($text, $change.Replacement, 1)
                $changed | Should -Not -Be $text -Because "the pattern '$($change.Pattern)' must change $($change.File)"
                Set-Content -Path $path -Value $changed -NoNewline
            }
            $copy
        }
    }

    It 'builds MAML for every cmdlet of the installed module, and the about topic' {
        $out = Join-Path $TestDrive 'en-US'
        & $Converter -SourcePath (New-HelpCopy) -ModulePath $ModuleBase -OutputPath $out
        $maml = [xml](Get-Content (Join-Path $out 'EcrTools.dll-Help.xml') -Raw)
        $maml.helpItems.command.details.name | Should -Be @((Get-Command -Module EcrTools).Name | Sort-Object)
        Join-Path $out 'about_EcrTools.help.txt' | Should -Exist
    }

    It 'fails when a parameter description is removed' {
        $copy = New-HelpCopy @{ File = 'Get-EcrImageId.md'; Pattern = '^### -PageSize$.*?(?=^### )'; Replacement = '' }
        $out = Join-Path $TestDrive 'no-description'
        { & $Converter -SourcePath $copy -ModulePath $ModuleBase -OutputPath $out 6> $null } |
            Should -Throw '*Get-EcrImageId.md: -PageSize has no description*'
        $out | Should -Not -Exist
    }

    It 'reports every other problem at once' {
        $copy = New-HelpCopy @(
            # A connection parameter without a description, in every cmdlet.
            @{ File = 'Connection-Parameters.md'; Pattern = '^### -SessionToken$.*?(?=^### )'; Replacement = '' }
            # A parameter the cmdlet does not have.
            @{ File = 'Get-EcrImage.md'; Pattern = '^### CommonParameters$'; Replacement = "### -Tag`nTags.`n`n### CommonParameters" }
            # A yaml block that does not match the cmdlet.
            @{ File = 'Publish-EcrImage.md'; Pattern = 'Position: 0'; Replacement = 'Position: Named' }
            # Two examples only.
            @{ File = 'Get-EcrImageId.md'; Pattern = '^### Example 3:.*?(?=^## PARAMETERS)'; Replacement = '' }
            # An example that does not parse, and one that uses a parameter the cmdlet does not have.
            @{ File = 'Get-EcrImage.md'; Pattern = '(?<=^### Example 1:.*?)web/frontend$'; Replacement = 'web/frontend | Where-Object {' }
            @{ File = 'Publish-EcrImage.md'; Pattern = '-ImageTag v1.3.0, latest'; Replacement = '-Tag v1.3.0, latest' }
        )
        $out = Join-Path $TestDrive 'problems'
        $failure = { & $Converter -SourcePath $copy -ModulePath $ModuleBase -OutputPath $out 6> $null } | Should -Throw -PassThru
        $message = $failure.Exception.Message
        foreach ($name in 'Get-EcrImage', 'Get-EcrImageId', 'Publish-EcrImage') {
            $message | Should -BeLike "*$name.md: -SessionToken has no description*"
        }
        $message | Should -BeLike '*Get-EcrImage.md: -Tag is described, but Get-EcrImage has no such parameter*'
        $message | Should -BeLike '*Publish-EcrImage.md: -ImageTag: the yaml block does not match the cmdlet. It should read:*Position: 0*'
        $message | Should -BeLike '*Get-EcrImageId.md: Get-EcrImageId has 2 example(s); at least 3 are required*'
        $message | Should -BeLike "*Get-EcrImage.md: the code of 'Example 1: *' does not parse*"
        $message | Should -BeLike "*Publish-EcrImage.md: the code of 'Example 6: *' uses -Tag, which Publish-EcrImage does not have*"
        $out | Should -Not -Exist
    }
}

Describe 'Mocking the cmdlets with objects of the module''s types' {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It 'works as about_EcrTools shows' {
        $digest = 'sha256:' + ('a' * 64)
        Mock Get-EcrImage { [EcrTools.EcrImage]@{ RepositoryName = 'app'; ImageDigest = $digest; ImageTags = @('v1') } }
        Mock Publish-EcrImage { [EcrTools.EcrPublishedImage]@{ RepositoryName = 'app'; ImageTag = 'prod'; ImageDigest = $digest; Changed = $true } }

        $image = Get-EcrImage -RepositoryName app
        $image | Should -BeOfType EcrTools.EcrImage
        $image.ImageTags | Should -Be @('v1')
        $image.ToString() | Should -Be "app@$digest"
        $published = $image | Publish-EcrImage -ImageTag prod
        $published | Should -BeOfType EcrTools.EcrPublishedImage
        $published.Changed | Should -BeTrue

        Should -Invoke Get-EcrImage -Times 1 -Exactly -ParameterFilter { $RepositoryName -eq 'app' }
        Should -Invoke Publish-EcrImage -Times 1 -Exactly -ParameterFilter { $ImageTag -contains 'prod' -and $ImageDigest -eq $digest -and $RepositoryName -eq 'app' }
        (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 0
    }

    It 'casts hashtables to the other output and filter types' {
        ([EcrTools.EcrImageId]@{ RepositoryName = 'app'; ImageTag = 'v1' }).ToString() | Should -Be 'app:v1'
        ([EcrTools.EcrImageFilter]@{ TagStatus = 'tagged' }).ToString() | Should -Be 'tagStatus=TAGGED'
    }
}
