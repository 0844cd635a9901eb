BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # An OCI manifest whose config and layer blobs the 'release', 'full' and 'kms' repositories hold.
    function New-Manifest([string] $Layer = ('b' * 64), [string] $MediaType = 'application/vnd.oci.image.manifest.v1+json', [string] $Note = '') {
        $text = '{"schemaVersion":2,"mediaType":"' + $MediaType + '","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"sha256:' + ('a' * 64) + '"},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","size":10,"digest":"sha256:' + $Layer + '"}]'
        if ($Note) { $text += ',"annotations":{"note":"' + $Note + '"}' }
        $text + '}'
    }

    function Get-Sha256([byte[]] $Bytes) {
        'sha256:' + [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($Bytes)).ToLowerInvariant()
    }

    function Get-Tags([string] $Repository, [string] $Digest) {
        (Get-EcrImage $Repository -ImageDigest $Digest).ImageTags
    }
}

Describe 'Publish-EcrImage' {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint -State
    }

    It 'declares ShouldProcess with a medium impact and its output type' {
        $command = Get-Command Publish-EcrImage
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact | Should -Be 'Medium'
        $command.OutputType.Name | Should -Contain 'EcrTools.EcrPublishedImage'
    }

    Context 'retag from the pipeline' {
        It 'publishes the source manifest under each new tag' {
            $source = Get-EcrImage release -ImageTag v1.4.2
            Reset-LocalEcr -Endpoint $Endpoint
            $published = $source | Publish-EcrImage -ImageTag prod, latest
            $published.Count | Should -Be 2
            $published.ImageTag | Should -Be @('prod', 'latest')
            $published | ForEach-Object {
                $_ | Should -BeOfType EcrTools.EcrPublishedImage
                $_.ImageDigest | Should -Be $source.ImageDigest
                $_.Changed | Should -BeTrue
                $_.RepositoryName | Should -Be 'release'
                $_.ImageManifestMediaType | Should -Be 'application/vnd.docker.distribution.manifest.v2+json'
            }
            Get-RequestCount BatchGetImage | Should -Be 1
            Get-RequestCount PutImage | Should -Be 2
            Get-Tags release $source.ImageDigest | Sort-Object | Should -Be @('latest', 'prod', 'v1.4.2')
        }

        It 'retags Get-EcrImageId output chosen with Where-Object' {
            $published = Get-EcrImageId release | Where-Object ImageTag -eq 'v1.4.5' | Publish-EcrImage -ImageTag rc
            $published.ImageTag | Should -Be 'rc'
            Get-Tags release $published.ImageDigest | Sort-Object | Should -Be @('rc', 'v1.4.5')
        }

        It 'publishes an image piped once per tag (rows of Get-EcrImageId) once' {
            $rows = Get-EcrImageId multi -First 3
            @($rows.ImageDigest | Select-Object -Unique).Count | Should -Be 1
            Reset-LocalEcr -Endpoint $Endpoint
            $published = $rows | Publish-EcrImage -ImageTag picked
            @($published).Count | Should -Be 1
            $published.ImageDigest | Should -Be $rows[0].ImageDigest
            Get-RequestCount BatchGetImage | Should -Be 1
            Get-RequestCount DescribeImages | Should -Be 1
            Get-RequestCount PutImage | Should -Be 1
        }

        It 'refuses to give one tag to a second image in the same command, under -WhatIf too' {
            $sources = Get-EcrImage release -ImageTag v1.4.1, v1.4.2, v1.4.3
            Reset-LocalEcr -Endpoint $Endpoint
            $null = $sources | Publish-EcrImage -ImageTag candidate -WhatIf -ErrorVariable whatIfFailures -ErrorAction SilentlyContinue
            $whatIfFailures.Count | Should -Be 2
            Get-RequestCount PutImage | Should -Be 0
            $published = $sources | Publish-EcrImage -ImageTag candidate -ErrorVariable failures -ErrorAction SilentlyContinue
            @($published).Count | Should -Be 1
            $published.ImageDigest | Should -Be $sources[0].ImageDigest
            $failures.Count | Should -Be 2
            $failures[0].FullyQualifiedErrorId | Should -Be 'TagGivenTwice,EcrTools.Commands.PublishEcrImageCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $failures[0].TargetObject | Should -Be 'release:candidate'
            $failures[0].Exception.Message | Should -BeLike "*$($sources[0].ImageDigest)*"
            Get-RequestCount PutImage | Should -Be 1
            Get-Tags release $sources[0].ImageDigest | Should -Contain 'candidate'
        }

        It 'refuses a second image for a tag also when one source carries its RegistryId and the other does not' {
            $withRegistry = Get-EcrImage release -ImageTag v1.4.1
            $withoutRegistry = Get-EcrImageId release | Where-Object ImageTag -eq v1.4.2
            $withRegistry.RegistryId | Should -Not -BeNullOrEmpty
            $withoutRegistry.RegistryId | Should -BeNullOrEmpty
            Reset-LocalEcr -Endpoint $Endpoint
            $published = @($withRegistry) + @($withoutRegistry) | Publish-EcrImage -ImageTag both -ErrorVariable failures -ErrorAction SilentlyContinue
            @($published).Count | Should -Be 1
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'TagGivenTwice,EcrTools.Commands.PublishEcrImageCommand'
            Get-RequestCount PutImage | Should -Be 1
        }

        It 'knows the image a tag names among more than five tags, also when that image is archived' {
            $archived = Get-EcrImage lifecycle -ImageStatus Archived
            $published = Get-EcrImage lifecycle -ImageTag active | Publish-EcrImage -ImageTag old, c2, c3, c4, c5, c6
            ($published | Where-Object ImageTag -eq old).PreviousImageDigest | Should -Be $archived.ImageDigest
            Get-RequestCount ListImages | Should -Be 1
        }

        It 'writes one verbose line per request, refusals included' {
            $source = Get-EcrImage release -ImageTag v1.4.2
            $verbose = $source | Publish-EcrImage -ImageTag v1.4.2, shiny -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
            $requests = @($verbose | Where-Object { $_ -match '^(BatchGetImage|DescribeImages|PutImage) release: ' })
            $requests[0] | Should -Match '^BatchGetImage release: HTTP 200, \d+ ms, request id [0-9a-f-]{36}$'
            @($requests | Where-Object { $_ -like 'DescribeImages release: HTTP 200, *' }).Count | Should -Be 1
            @($requests | Where-Object { $_ -like 'PutImage release: ImageAlreadyExistsException, HTTP 400, *' }).Count | Should -Be 1
            @($requests | Where-Object { $_ -like 'PutImage release: HTTP 200, *' }).Count | Should -Be 1
            # Every request of the command has its line (the one before it is Get-EcrImage's).
            $requests.Count | Should -Be ((Get-LocalEcrStats -Endpoint $Endpoint).totalRequests - 1)
        }

        It 'fetches up to 100 sources of one repository with one BatchGetImage call' {
            $sources = Get-EcrImageId big -First 150
            Reset-LocalEcr -Endpoint $Endpoint
            $published = $sources | Publish-EcrImage
            $published.Count | Should -Be 150
            $published.Changed | Should -Not -Contain $true
            Get-RequestCount BatchGetImage | Should -Be 2
        }

        It 'reports a tag that already names the image as unchanged, not as an error' {
            $published = Get-EcrImage release -ImageTag v1.4.1 | Publish-EcrImage -ImageTag v1.4.1 -ErrorVariable failures
            $failures | Should -BeNullOrEmpty
            $published.Changed | Should -BeFalse
            $published.PreviousImageDigest | Should -BeNullOrEmpty
        }

        It 'reports an image published again without a tag as unchanged, and says so under -WhatIf' {
            $source = Get-EcrImage release -ImageTag v1.4.5
            $script = "Import-Module EcrTools; `$PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = '$Endpoint'; Get-EcrImage release -ImageTag v1.4.5 | Publish-EcrImage -WhatIf"
            $text = & dotnet pwsh -NoProfile -NonInteractive -Command $script | Out-String
            $text | Should -BeLike "*Publish image $($source.ImageDigest) again without a tag (the repository holds it; nothing changes)*"
            $published = $source | Publish-EcrImage -ErrorVariable failures
            $failures | Should -BeNullOrEmpty
            $published.ImageDigest | Should -Be $source.ImageDigest
            $published.ImageTag | Should -BeNullOrEmpty
            $published.Changed | Should -BeFalse
            $published.PreviousImageDigest | Should -BeNullOrEmpty
            Get-Tags release $source.ImageDigest | Should -Be 'v1.4.5'
        }

        It 'moves a tag and says from which image' {
            $old = Get-EcrImage release -ImageTag v1.4.1
            $new = Get-EcrImage release -ImageTag v1.4.2
            $published = $new | Publish-EcrImage -ImageTag v1.4.1
            $published.PreviousImageDigest | Should -Be $old.ImageDigest
            $published.Changed | Should -BeTrue
            Get-Tags release $old.ImageDigest | Should -BeNullOrEmpty
            Get-Tags release $new.ImageDigest | Sort-Object | Should -Be @('v1.4.1', 'v1.4.2')
        }

        It 'goes on with the other sources when one fails' {
            $inputs = @(
                [pscustomobject]@{ RepositoryName = 'release'; ImageDigest = (Get-EcrImage release -ImageTag v1.4.1).ImageDigest }
                [pscustomobject]@{ RepositoryName = 'release'; ImageDigest = 'sha256:' + ('e' * 64) }
                [pscustomobject]@{ RepositoryName = 'release'; ImageDigest = (Get-EcrImage release -ImageTag v1.4.3).ImageDigest }
            )
            $published = $inputs | Publish-EcrImage -ErrorVariable failures -ErrorAction SilentlyContinue
            $published.Count | Should -Be 2
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
            $failures[0].TargetObject | Should -Be ('sha256:' + ('e' * 64))
        }

        It 'publishes without asking under -Force, whatever $ConfirmPreference says, and still honours -WhatIf' {
            $source = Get-EcrImage release -ImageTag v1.4.1
            $ConfirmPreference = 'Low'
            $published = $source | Publish-EcrImage -ImageTag forced -Force
            $published.ImageTag | Should -Be 'forced'
            Get-Tags release $source.ImageDigest | Should -Contain 'forced'
            $source | Publish-EcrImage -ImageTag forced-whatif -Force -WhatIf | Should -BeNullOrEmpty
            Get-Tags release $source.ImageDigest | Should -Not -Contain 'forced-whatif'
        }

        It 'ends with one terminating error when the credentials are refused, instead of one per source' {
            $sources = Get-EcrImageId release -First 3
            Reset-LocalEcr -Endpoint $Endpoint
            $failure = { $sources | Publish-EcrImage -ImageTag refused -AccessKey AKIDLOCALECREXAMPLE -SecretKey 'not-the-secret' -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId 'InvalidSignature,*' -PassThru
            $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $failure.Exception | Should -BeOfType EcrTools.EcrRequestException
            (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 1
        }

        It 'says, for an image piped with another -RepositoryName, that a retag stays in one repository' {
            $source = Get-EcrImage release -ImageTag v1.4.5
            Reset-LocalEcr -Endpoint $Endpoint
            $source | Publish-EcrImage -RepositoryName full -ImageTag copied -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be $source.ImageDigest
            $message = $failures[0].ToString()
            $message | Should -BeLike "*repository 'full' has no image $($source.ImageDigest)*"
            $message | Should -BeLike "*-RepositoryName 'full' was given on the command line*"
            $message | Should -BeLike '*within the repository that holds it*'
            $message | Should -BeLike '*LayersNotFound*'
            $failures[0].ErrorDetails.RecommendedAction | Should -BeLike "*Leave out -RepositoryName 'full'*"
            Get-RequestCount PutImage | Should -Be 0

            # Under -WhatIf too; and without -RepositoryName the piped image's own repository is used.
            $source | Publish-EcrImage -RepositoryName full -ImageTag copied -WhatIf -ErrorVariable whatIfFailures -ErrorAction SilentlyContinue
            $whatIfFailures[0].ToString() | Should -BeLike "*-RepositoryName 'full' was given on the command line*"
            ($source | Publish-EcrImage -ImageTag copied).RepositoryName | Should -Be 'release'
        }

        It 'keeps the plain message for a missing image when the repository came from the pipeline' {
            $missing = [pscustomobject]@{ RepositoryName = 'release'; ImageDigest = 'sha256:' + ('e' * 64) }
            $missing | Publish-EcrImage -ImageTag x -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
            $failures[0].ToString() | Should -Not -BeLike '*command line*'
        }

        It 'reports an archived source as inaccessible, and publishes nothing for it' {
            $archived = Get-EcrImage lifecycle -ImageTag old
            $archived.ImageStatus | Should -Be 'Archived'
            $archived | Publish-EcrImage -ImageTag restored -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImageInaccessible,*'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
            $failures[0].Exception.Message | Should -BeLike '*archived*'
            (Get-LocalEcrStats -Endpoint $Endpoint).requests.PutImage | Should -Be 0
        }
    }

    Context 'safety' {
        BeforeAll {
            # A host that answers every ShouldProcess prompt with one choice (0 Yes, 2 No) and records the prompts.
            if (-not ('EcrToolsTests.AnsweringHost' -as [type])) {
                Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace EcrToolsTests
{
    public sealed class AnsweringHost : PSHost
    {
        private readonly AnsweringUI _ui;
        private readonly Guid _id = Guid.NewGuid();
        public AnsweringHost(int answer) { _ui = new AnsweringUI(answer); }
        public List<string> Prompts { get { return _ui.Prompts; } }
        public override string Name { get { return "AnsweringHost"; } }
        public override Version Version { get { return new Version(1, 0); } }
        public override Guid InstanceId { get { return _id; } }
        public override PSHostUserInterface UI { get { return _ui; } }
        public override CultureInfo CurrentCulture { get { return CultureInfo.InvariantCulture; } }
        public override CultureInfo CurrentUICulture { get { return CultureInfo.InvariantCulture; } }
        public override void EnterNestedPrompt() { throw new NotSupportedException(); }
        public override void ExitNestedPrompt() { throw new NotSupportedException(); }
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }

    public sealed class AnsweringUI : PSHostUserInterface
    {
        private readonly int _answer;
        public AnsweringUI(int answer) { _answer = answer; }
        public List<string> Prompts = new List<string>();
        public override PSHostRawUserInterface RawUI { get { return null; } }
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) { Prompts.Add(message); return _answer; }
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) { throw new NotSupportedException(); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) { throw new NotSupportedException(); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) { throw new NotSupportedException(); }
        public override string ReadLine() { throw new NotSupportedException(); }
        public override SecureString ReadLineAsSecureString() { throw new NotSupportedException(); }
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteErrorLine(string value) { }
        public override void WriteLine(string value) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
    }
}
'@
            }

            # Runs a script in a runspace of its own whose host answers prompts with $Answer; returns the host and output.
            function Invoke-Answering([int] $Answer, [string] $Script) {
                $answering = [EcrToolsTests.AnsweringHost]::new($Answer)
                $runspace = [runspacefactory]::CreateRunspace($answering)
                $runspace.Open()
                try {
                    $shell = [powershell]::Create()
                    $shell.Runspace = $runspace
                    $output = $shell.AddScript("Import-Module EcrTools; `$PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = '$Endpoint'; $Script").Invoke()
                    [pscustomobject]@{ Prompts = $answering.Prompts; Output = @($output); Errors = @($shell.Streams.Error) }
                }
                finally { $runspace.Dispose() }
            }
        }

        It 'does not pull a source before a -Confirm prompt, nor at all when every tag is declined' {
            $declined = Invoke-Answering 2 'Get-EcrImage release -ImageTag v1.4.2 | Publish-EcrImage -ImageTag confirm-no -Confirm'
            $declined.Prompts.Count | Should -Be 1
            $declined.Prompts[0] | Should -BeLike "*with the new tag 'confirm-no'*"
            $declined.Output | Should -BeNullOrEmpty
            $declined.Errors | Should -BeNullOrEmpty
            Get-RequestCount BatchGetImage | Should -Be 0 -Because 'a declined retag must not count as a pull of the source'
            Get-RequestCount PutImage | Should -Be 0

            $confirmed = Invoke-Answering 0 'Get-EcrImage release -ImageTag v1.4.2 | Publish-EcrImage -ImageTag confirm-yes, confirm-too -Confirm'
            $confirmed.Prompts.Count | Should -Be 2
            $confirmed.Errors | Should -BeNullOrEmpty
            $confirmed.Output.ImageTag | Should -Be @('confirm-yes', 'confirm-too')
            Get-RequestCount BatchGetImage | Should -Be 1 -Because 'the manifest is fetched once, when the first tag is confirmed'
            Get-RequestCount PutImage | Should -Be 2
            (Get-EcrImage release -ImageTag confirm-yes).ImageDigest | Should -Be (Get-EcrImage release -ImageTag v1.4.2).ImageDigest
        }

        It 'asks before each tag when $ConfirmPreference is at the cmdlet''s impact, and not under -Force' {
            $asked = Invoke-Answering 2 '$ConfirmPreference = ''Medium''; Get-EcrImage release -ImageTag v1.4.2 | Publish-EcrImage -ImageTag pref-no'
            $asked.Prompts.Count | Should -Be 1
            Get-RequestCount BatchGetImage | Should -Be 0
            $forced = Invoke-Answering 2 '$ConfirmPreference = ''Medium''; Get-EcrImage release -ImageTag v1.4.2 | Publish-EcrImage -ImageTag pref-forced -Force'
            $forced.Prompts.Count | Should -Be 0
            $forced.Output.ImageTag | Should -Be 'pref-forced'
            Get-RequestCount BatchGetImage | Should -Be 1
        }

        It 'sends no write request under -WhatIf' {
            $null = Get-EcrImage release -ImageTag v1.4.2 | Publish-EcrImage -ImageTag v1.4.1, brand-new -WhatIf
            Get-RequestCount PutImage | Should -Be 0
            (Get-EcrImage release -ImageTag v1.4.1).ImageTags | Should -Be 'v1.4.1'
        }

        It 'fetches no manifest under -WhatIf, since BatchGetImage counts as a pull' {
            $source = Get-EcrImage release -ImageTag v1.4.2
            $null = $source | Publish-EcrImage -ImageTag v1.4.1, brand-new -WhatIf
            $WhatIfPreference = $true
            try { $null = $source | Publish-EcrImage -ImageTag other }
            finally { $WhatIfPreference = $false }
            Get-RequestCount BatchGetImage | Should -Be 0
            Get-RequestCount PutImage | Should -Be 0
            (Get-EcrImage release -ImageTag v1.4.2).LastRecordedPullTime | Should -Be $source.LastRecordedPullTime

            # Publishing fetches the manifest, which is a pull.
            $published = $source | Publish-EcrImage -ImageTag brand-new -WhatIf:$false
            $published.ImageTag | Should -Be 'brand-new'
            Get-RequestCount BatchGetImage | Should -Be 1
            (Get-EcrImage release -ImageTag v1.4.2).LastRecordedPullTime | Should -BeGreaterThan $source.LastRecordedPullTime
        }

        It 'reports under -WhatIf, as without it, a source that is missing or archived' {
            $inputs = @(
                [pscustomobject]@{ RepositoryName = 'release'; ImageDigest = 'sha256:' + ('e' * 64) }
                Get-EcrImage lifecycle -ImageTag old
            )
            $inputs | Publish-EcrImage -ImageTag x -WhatIf -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures.Count | Should -Be 2
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
            $failures[0].TargetObject | Should -Be ('sha256:' + ('e' * 64))
            $failures[1].FullyQualifiedErrorId | Should -BeLike 'ImageInaccessible,*'
            $failures[1].Exception.Message | Should -BeLike '*archived*'
            Get-RequestCount BatchGetImage | Should -Be 0
            Get-RequestCount PutImage | Should -Be 0
        }

        It 'says in the ShouldProcess message that the tag moves, from which digest to which' {
            $old = (Get-EcrImage release -ImageTag v1.4.1).ImageDigest
            $new = (Get-EcrImage release -ImageTag v1.4.2).ImageDigest
            $script = "Import-Module EcrTools; `$PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = '$Endpoint'; Get-EcrImage release -ImageTag v1.4.2 | Publish-EcrImage -ImageTag v1.4.1, fresh -WhatIf"
            $text = & dotnet pwsh -NoProfile -NonInteractive -Command $script | Out-String
            $text | Should -BeLike "*Move tag 'v1.4.1' from image $old to image $new*"
            $text | Should -BeLike "*Publish image $new with the new tag 'fresh'*"
            Get-RequestCount BatchGetImage | Should -Be 0
            Get-RequestCount PutImage | Should -Be 0
        }

        It 'reports <Name> as <ErrorId> (<Category>), and goes on' -ForEach @(
            @{ Name = 'an immutable tag'; Repository = 'locked'; Tag = '2024.01'; Manifest = $null; ErrorId = 'ImageTagAlreadyExists'; Category = 'ResourceExists' }
            @{ Name = 'missing layers'; Repository = 'release'; Tag = 'x'; Manifest = 'layer'; ErrorId = 'LayersNotFound'; Category = 'ObjectNotFound' }
            @{ Name = 'missing referenced images'; Repository = 'release'; Tag = 'x'; Manifest = 'index'; ErrorId = 'ReferencedImagesNotFound'; Category = 'ObjectNotFound' }
            @{ Name = 'the image limit'; Repository = 'full'; Tag = 'x'; Manifest = 'plain'; ErrorId = 'LimitExceeded'; Category = 'LimitsExceeded' }
            @{ Name = 'a KMS failure'; Repository = 'kms'; Tag = 'x'; Manifest = 'plain'; ErrorId = 'Kms'; Category = 'SecurityError' }
            @{ Name = 'a missing repository'; Repository = 'missing'; Tag = 'x'; Manifest = 'plain'; ErrorId = 'RepositoryNotFound'; Category = 'ObjectNotFound' }
        ) {
            $text = switch ($Manifest) {
                'layer' { New-Manifest -Layer ('d' * 64) }
                'index' { '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":100,"digest":"sha256:' + ('f' * 64) + '","platform":{"architecture":"amd64","os":"linux"}}]}' }
                'plain' { New-Manifest -Note 'limit' }
                default { $null }
            }
            $published = if ($text) {
                Publish-EcrImage -RepositoryName $Repository -ImageManifest $text -ImageTag $Tag, second -ErrorVariable failures -ErrorAction SilentlyContinue
            }
            else {
                Get-EcrImage $Repository -ImageTag 2024.02 | Publish-EcrImage -ImageTag $Tag -ErrorVariable failures -ErrorAction SilentlyContinue
            }
            $failures.Count | Should -BeGreaterThan 0
            $failures[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $failures[0].CategoryInfo.Category | Should -Be $Category
            $failures[0].TargetObject | Should -BeLike "$Repository*"
            if ($Manifest -eq 'layer') { $failures[0].Exception.Message | Should -BeLike "*sha256:$('d' * 64)*" }
            if ($text -and $ErrorId -ne 'RepositoryNotFound') { $failures.Count | Should -Be 2 }
        }
    }

    Context 'from a manifest' {
        It 'names where an -ImageManifest that is no manifest was to go, repository:tag, and sends nothing' {
            Publish-EcrImage -RepositoryName release -ImageManifest '{not json' -ImageTag x -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidManifest,*'
            $failures[0].TargetObject | Should -Be 'release:x'
            Get-RequestCount PutImage | Should -Be 0
            Get-RequestCount DescribeImages | Should -Be 0
        }

        It 'publishes -ImageManifest exactly: the digest is the SHA-256 of its bytes' {
            $text = New-Manifest -Note 'quotes \"and\" <tags> & ünïcode'
            $published = Publish-EcrImage -RepositoryName release -ImageManifest $text -ImageTag exact
            $published.ImageDigest | Should -Be (Get-Sha256 ([Text.Encoding]::UTF8.GetBytes($text)))
            $published.ImageManifestMediaType | Should -Be 'application/vnd.oci.image.manifest.v1+json'
            (Get-EcrImage release -ImageTag exact).ImageDigest | Should -Be $published.ImageDigest
        }

        It 'publishes -ManifestPath byte for byte: a trailing newline is another image' {
            $text = New-Manifest -Note 'file'
            $plain = Join-Path $TestDrive 'plain.json'
            $newline = Join-Path $TestDrive 'newline.json'
            [IO.File]::WriteAllBytes($plain, [Text.Encoding]::UTF8.GetBytes($text))
            [IO.File]::WriteAllBytes($newline, [Text.Encoding]::UTF8.GetBytes($text + "`n"))
            $a = Publish-EcrImage -RepositoryName release -ManifestPath $plain -ImageTag plain
            $b = Get-Item $newline | Publish-EcrImage -RepositoryName release -ImageTag newline
            $a.ImageDigest | Should -Be (Get-Sha256 ([IO.File]::ReadAllBytes($plain)))
            $b.ImageDigest | Should -Be (Get-Sha256 ([IO.File]::ReadAllBytes($newline)))
            $a.ImageDigest | Should -Not -Be $b.ImageDigest
        }

        It 'publishes untagged without -ImageTag' {
            $published = Publish-EcrImage -RepositoryName release -ImageManifest (New-Manifest -Note 'untagged')
            $published.ImageTag | Should -BeNullOrEmpty
            $published.Changed | Should -BeTrue
            (Get-EcrImage release -ImageDigest $published.ImageDigest).ImageTags | Should -BeNullOrEmpty
        }

        It 'reports a manifest the repository holds, published again without a tag, as unchanged, and says so under -WhatIf' {
            $path = Join-Path $TestDrive 'held.json'
            [IO.File]::WriteAllText($path, (New-Manifest -Note 'held'))
            $first = Publish-EcrImage -RepositoryName release -ManifestPath $path
            $first.Changed | Should -BeTrue
            $script = "Import-Module EcrTools; `$PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = '$Endpoint'; Publish-EcrImage -RepositoryName release -ManifestPath '$path' -WhatIf"
            $text = & dotnet pwsh -NoProfile -NonInteractive -Command $script | Out-String
            $text | Should -BeLike "*Publish image $($first.ImageDigest) again without a tag (the repository holds it; nothing changes)*"
            $again = Publish-EcrImage -RepositoryName release -ManifestPath $path -ErrorVariable failures
            $failures | Should -BeNullOrEmpty
            $again.ImageDigest | Should -Be $first.ImageDigest
            $again.Changed | Should -BeFalse
        }

        It 'takes the media type from -ImageManifestMediaType when the manifest has none' {
            $text = (New-Manifest -Note 'typeless') -replace '"mediaType":"application/vnd.oci.image.manifest.v1\+json",', ''
            $published = Publish-EcrImage -RepositoryName release -ImageManifest $text -ImageManifestMediaType application/vnd.oci.image.manifest.v1+json -ImageTag typeless
            $published.ImageManifestMediaType | Should -Be 'application/vnd.oci.image.manifest.v1+json'
        }

        It 'accepts a matching -ImageDigest' {
            $text = New-Manifest -Note 'digest'
            $digest = Get-Sha256 ([Text.Encoding]::UTF8.GetBytes($text))
            (Publish-EcrImage -RepositoryName release -ImageManifest $text -ImageDigest $digest -ImageTag d).ImageDigest | Should -Be $digest
        }

        It 'rejects <Name> before sending any request' -ForEach @(
            @{ Name = 'text that is not JSON'; Arguments = @{ ImageManifest = 'not json' }; ErrorId = 'InvalidManifest' }
            @{ Name = 'JSON without schemaVersion'; Arguments = @{ ImageManifest = '{"mediaType":"application/vnd.oci.image.manifest.v1+json"}' }; ErrorId = 'InvalidManifest' }
            @{ Name = 'a manifest over 4 MiB'; Arguments = @{ ImageManifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","pad":"' + ('x' * 4194304) + '"}' }; ErrorId = 'InvalidManifest' }
            @{ Name = 'no media type anywhere'; Arguments = @{ ImageManifest = '{"schemaVersion":2,"layers":[]}' }; ErrorId = 'InvalidManifest' }
            @{ Name = 'a media type contradicting the manifest'; Arguments = @{ ImageManifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}'; ImageManifestMediaType = 'application/vnd.oci.image.index.v1+json' }; ErrorId = 'InvalidManifest' }
            @{ Name = 'a digest that does not match'; Arguments = @{ ImageManifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}'; ImageDigest = 'sha256:' + ('0' * 64) }; ErrorId = 'ImageDigestDoesNotMatch' }
            @{ Name = 'a tag of 301 characters'; Arguments = @{ ImageManifest = '{"schemaVersion":2}'; ImageTag = 'a' * 301 }; ErrorId = 'ParameterArgumentValidationError' }
            @{ Name = 'an empty tag'; Arguments = @{ ImageManifest = '{"schemaVersion":2}'; ImageTag = '' }; ErrorId = 'ParameterArgumentValidationError' }
            @{ Name = 'a bad repository name'; Arguments = @{ ImageManifest = '{"schemaVersion":2}'; RepositoryName = 'Release!' }; ErrorId = 'ParameterArgumentValidationError' }
            @{ Name = 'an 11-digit registry id'; Arguments = @{ ImageManifest = '{"schemaVersion":2}'; RegistryId = '12345678901' }; ErrorId = 'ParameterArgumentValidationError' }
            @{ Name = 'a missing file'; Arguments = @{ ManifestPath = 'TestDrive:/nowhere.json' }; ErrorId = 'ManifestFileNotFound' }
        ) {
            $splat = @{ RepositoryName = 'release' }
            foreach ($key in $Arguments.Keys) { $splat[$key] = $Arguments[$key] }
            { Publish-EcrImage @splat -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
            (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 0
        }

        It 'rejects a manifest file with a byte order mark' {
            $path = Join-Path $TestDrive 'bom.json'
            [IO.File]::WriteAllBytes($path, [byte[]](0xEF, 0xBB, 0xBF) + [Text.Encoding]::UTF8.GetBytes((New-Manifest)))
            $failure = { Publish-EcrImage -RepositoryName release -ManifestPath $path -ErrorAction Stop } | Should -Throw -PassThru
            $failure.Exception.Message | Should -BeLike '*byte order mark*'
            $failure.ToString() | Should -BeLike "*'$path'*byte order mark*"
            (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 0
        }

        It 'names the file in the error of each bad piped file, and publishes the good ones' {
            $folder = Join-Path $TestDrive 'manifests'
            $null = New-Item -ItemType Directory -Path (Join-Path $folder 'folder')
            [IO.File]::WriteAllBytes((Join-Path $folder 'a-bom.json'), [byte[]](0xEF, 0xBB, 0xBF) + [Text.Encoding]::UTF8.GetBytes((New-Manifest)))
            [IO.File]::WriteAllText((Join-Path $folder 'b-good.json'), (New-Manifest -Note 'piped file'))
            [IO.File]::WriteAllText((Join-Path $folder 'c-typeless.json'), '{"schemaVersion":2,"layers":[]}')
            $published = Get-ChildItem $folder | Sort-Object Name | Publish-EcrImage -RepositoryName release -ImageTag from-file -ErrorVariable failures -ErrorAction SilentlyContinue
            @($published).Count | Should -Be 1
            $published.ImageTag | Should -Be 'from-file'
            $failures.Count | Should -Be 3
            $failures.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be @('InvalidManifest', 'InvalidManifest', 'ManifestUnreadable')
            $failures[0].ToString() | Should -BeLike "*'$(Join-Path $folder 'a-bom.json')'*byte order mark*"
            $failures[1].ToString() | Should -BeLike "*'$(Join-Path $folder 'c-typeless.json')'*declares no mediaType*"
            $failures[2].ToString() | Should -BeLike "*'$(Join-Path $folder 'folder')' is a directory*"
            $failures[2].CategoryInfo.Category | Should -Be 'ReadError'
            # The bad files sent nothing: only the good one's DescribeImages and PutImage.
            (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 2
        }

        It 'goes on after a path on a drive that does not exist or on another provider' {
            $good = Join-Path $TestDrive 'good.json'
            [IO.File]::WriteAllText($good, (New-Manifest -Note 'after bad paths'))
            $items = @(
                [pscustomobject]@{ FullName = 'NoSuchDrive:/m.json' }
                [pscustomobject]@{ FullName = 'Variable:/PSHOME' }
                Get-Item $good
            )
            $published = $items | Publish-EcrImage -RepositoryName release -ImageTag after-bad -ErrorVariable failures -ErrorAction SilentlyContinue
            @($published).Count | Should -Be 1
            $failures.Count | Should -Be 2
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'DriveNotFound,*'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].ToString() | Should -BeLike "*'NoSuchDrive:/m.json'*"
            $failures[1].FullyQualifiedErrorId | Should -BeLike 'ManifestUnreadable,*'
            $failures[1].ToString() | Should -BeLike "*'Variable:/PSHOME'*Variable provider*"
        }

        It 'reports a missing file as not found, naming it, and a folder as a folder' {
            $missing = Join-Path $TestDrive 'nowhere.json'
            $failure = { Publish-EcrImage -RepositoryName release -ManifestPath $missing -ErrorAction Stop } | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -Be 'ManifestFileNotFound,EcrTools.Commands.PublishEcrImageCommand'
            $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failure.Exception | Should -BeOfType System.Management.Automation.ItemNotFoundException
            $failure.ToString() | Should -BeLike "*'$missing'*"
            $failure = { Publish-EcrImage -RepositoryName release -ManifestPath $TestDrive -ErrorAction Stop } | Should -Throw -PassThru
            $failure.ToString() | Should -BeLike "*'$TestDrive' is a directory*"
            $failure.ToString() | Should -Not -BeLike '*denied*'
            (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 0
        }
    }
}
