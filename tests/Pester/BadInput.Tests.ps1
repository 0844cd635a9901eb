# Bad input: a generated table of invalid values for every parameter of every cmdlet. Each must fail with an
# ErrorRecord that has a stable id and a category, a message that says what is wrong, no unexpected .NET exception
# inside, and not one request to LocalEcr. Figures go to $env:ECRTOOLS_RELIABILITY_LOG (see tests/RELIABILITY.md).

BeforeDiscovery {
    $commonParameters = 'Region', 'ProfileName', 'ProfileLocation', 'AccessKey', 'SecretKey', 'SessionToken', 'Credential', 'EndpointUrl', 'TimeoutSec'
    $manifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"sha256:' + ('a' * 64) + '"},"layers":[]}'
    $goodDigest = 'sha256:' + ('a' * 64)

    # What each cmdlet needs besides the parameter under test, so that only that parameter is wrong.
    $base = [ordered]@{
        'Get-EcrImageId'   = @{ RepositoryName = 'team/web' }
        'Get-EcrImage'     = @{ RepositoryName = 'team/web' }
        'Publish-EcrImage' = @{ RepositoryName = 'release'; ImageManifest = $manifest; ImageTag = 'bad-input' }
    }

    # The category that goes with each error id.
    $categories = @{
        ParameterArgumentValidationError               = 'InvalidData'
        ParameterArgumentValidationErrorNullNotAllowed = 'InvalidData'
        ParameterArgumentTransformationError           = 'InvalidData'
        CannotConvertArgumentNoMessage                 = 'InvalidArgument'
        AmbiguousParameterSet                          = 'InvalidArgument'
        InputObjectNotBound                            = 'InvalidArgument'
        InvalidImageId                                 = 'InvalidData'
        ProfileNotFound                                = 'InvalidArgument'
        IncompleteCredentials                          = 'AuthenticationError'
        FilterConflict                                 = 'InvalidArgument'
        InvalidManifest                                = 'InvalidData'
        ManifestUnreadable                             = 'ReadError'
        ManifestFileNotFound                           = 'ObjectNotFound'
        ImageDigestDoesNotMatch                        = 'InvalidArgument'
        DriveNotFound                                  = 'ObjectNotFound'
        InputObjectMissingMandatory                    = 'InvalidArgument'
    }

    $script:cases = [System.Collections.Generic.List[hashtable]]::new()

    function Show([object] $Value) {
        if ($null -eq $Value) { return '$null' }
        if ($Value -is [string]) {
            $text = $Value -replace "`n", '\n' -replace "`0", '\0'
            if ($text.Length -gt 40) { $text = $text.Substring(0, 30) + "…($($Value.Length) chars)" }
            return "'$text'"
        }
        if ($Value -is [array]) { return '@(' + (($Value | ForEach-Object { Show $_ }) -join ', ') + ')' }
        if ($Value -is [hashtable]) { return '@{' + (($Value.Keys | Sort-Object | ForEach-Object { "$_=$(Show $Value[$_])" }) -join '; ') + '}' }
        if ($Value -is [pscredential]) { return "[pscredential]$($Value.UserName)" }
        return "$Value"
    }

    # One case: $Command with $Parameters (on top of its base unless -NoBase), expecting error id $Id; the message
    # must contain one of $Mention (default: the parameter's name).
    function Add-Case {
        param(
            [string] $Command, [string] $Parameter, [object] $Value, [string] $Id, [string[]] $Mention,
            [hashtable] $Extra = @{}, [switch] $NoBase, [string[]] $AcceptIds, [string] $Name
        )
        $parameters = if ($NoBase) { @{} } else { $base[$Command].Clone() }
        foreach ($key in $Extra.Keys) { $parameters[$key] = $Extra[$key] }
        if ($Parameter) { $parameters[$Parameter] = $Value }
        $ids = if ($AcceptIds) { $AcceptIds } else { @($Id) }
        $case = @{
            Name       = if ($Name) { $Name } else { "-$Parameter $(Show $Value)" + $(if ($Extra.Count) { ' with ' + (($Extra.Keys | Sort-Object | ForEach-Object { "-$_ $(Show $Extra[$_])" }) -join ' ') } else { '' }) }
            Command    = $Command
            Parameters = $parameters
            Ids        = $ids
            Category   = $categories[$ids[0]]
            Mention    = if ($Mention) { $Mention } else { @($Parameter) }
            Pipeline   = $null
        }
        $cases.Add($case)
    }

    function Add-PipelineCase {
        param([string] $Command, [object[]] $Items, [string] $Id, [string[]] $Mention, [hashtable] $Parameters = @{}, [string] $Name)
        $cases.Add(@{
                Name       = "piped $Name"
                Command    = $Command
                Parameters = $Parameters
                Ids        = @($Id)
                Category   = $categories[$Id]
                Mention    = $Mention
                Pipeline   = $Items
            })
    }

    $allCommands = @($base.Keys)
    $listingCommands = 'Get-EcrImageId', 'Get-EcrImage'

    # Repository names: the service's pattern, 2 to 256 characters.
    $badRepositories = @(
        @{ V = ''; Id = 'ParameterArgumentValidationError' }
        @{ V = $null; Id = 'ParameterArgumentValidationErrorNullNotAllowed' }
        'a', 'UPPER', 'Team/web', 'has space', '-lead', 'trail-', 'a//b', '/lead', 'trail/', '.hidden', 'a..b', 'a___b',
        'ü-repo', "tab`there", 'repo*', 'repo?', 'a:b', 'a@b', 'a\b', ('a' * 257), 'team/web;rm'
    )
    foreach ($command in $allCommands) {
        foreach ($entry in $badRepositories) {
            if ($entry -is [hashtable]) { Add-Case $command RepositoryName $entry.V $entry.Id -Mention RepositoryName }
            else { Add-Case $command RepositoryName $entry ParameterArgumentValidationError -Mention RepositoryName }
        }
        foreach ($value in '', '12345', '1234567890123', 'abcdefghijkl', ' 123456789012', '12345678901a', '-12345678901', '123456789012 ', '１２３４５６７８９０１２', '1234-5678-9012') {
            Add-Case $command RegistryId $value ParameterArgumentValidationError -Mention RegistryId
        }

        # Connection parameters, shared by every cmdlet.
        foreach ($value in '', $null, 'US-EAST-1', 'useast1', 'us-east', 'us_east_1', ' ', 'us-east-1 ', '1-east-1', 'us-east-1/..', 'http://x', 'eu west 1') {
            Add-Case $command Region $value ParameterArgumentValidationError -Mention Region
        }
        foreach ($value in 0, -1, 3601, [int]::MinValue, '', $null) {
            Add-Case $command TimeoutSec $value ParameterArgumentValidationError -Mention TimeoutSec
        }
        foreach ($value in 'x', '10 s', [long]::MaxValue) {
            Add-Case $command TimeoutSec $value CannotConvertArgumentNoMessage -Mention TimeoutSec
        }
        foreach ($parameter in 'ProfileName', 'ProfileLocation', 'AccessKey', 'SecretKey', 'SessionToken') {
            Add-Case $command $parameter '' ParameterArgumentValidationError
            Add-Case $command $parameter $null ParameterArgumentValidationError
        }
        Add-Case $command EndpointUrl $null ParameterArgumentValidationError
        Add-Case $command ProfileName 'no-such-profile' ProfileNotFound -Mention 'no-such-profile'
        Add-Case $command ProfileLocation '{TestDrive}/no-such-file' ProfileNotFound -Extra @{ ProfileName = 'p' } -Mention "'p'"
        Add-Case $command ProfileLocation '{TestDrive}' ProfileNotFound -Extra @{ ProfileName = 'p' } -Mention "'p'"
        Add-Case $command ProfileLocation '{TestDrive}/empty-profiles' ProfileNotFound -Extra @{ ProfileName = 'p' } -Mention "'p'"
        Add-Case $command AccessKey 'AKIDONLY' IncompleteCredentials -Mention 'SecretKey'
        Add-Case $command SecretKey 'secret-only' IncompleteCredentials -Mention 'AccessKey'
        Add-Case $command AccessKey ' ' IncompleteCredentials -Extra @{ SecretKey = 'x' } -Mention 'AccessKey'
        Add-Case $command SecretKey ' ' IncompleteCredentials -Extra @{ AccessKey = 'AKIDX' } -Mention 'SecretKey'
        Add-Case $command SessionToken 'token' IncompleteCredentials -Extra @{ AccessKey = 'AKIDX' } -Mention 'SecretKey'
        Add-Case $command Credential ([pscredential]::new('AKIDNOPASS', [securestring]::new())) IncompleteCredentials -Mention 'Credential'
        Add-Case $command Credential ([pscredential]::new('AKIDX', [securestring]::new())) IncompleteCredentials -Extra @{ SessionToken = 't' } -Mention 'Credential'

        # A trailing newline: '$' in a pattern matches before a final "\n", so the checks must not rely on it.
        Add-Case $command Region "us-east-1`n" -AcceptIds ParameterArgumentValidationError -Mention Region
        Add-Case $command RepositoryName "team/web`n" -AcceptIds ParameterArgumentValidationError -Mention RepositoryName
        Add-Case $command RegistryId "123456789012`n" -AcceptIds ParameterArgumentValidationError -Mention RegistryId
        # A blank profile name is refused, not looked up.
        Add-Case $command ProfileName ' ' -AcceptIds ParameterArgumentValidationError, ProfileNotFound -Mention ProfileName
        # A profile file that is not one is reported as such.
        Add-Case $command ProfileLocation '{TestDrive}/garbage-profiles' -Extra @{ ProfileName = 'p' } -AcceptIds ProfileNotFound, InvalidProfileFile, ProfileUnreadable -Mention 'garbage-profiles'
        # -SessionToken without -AccessKey and -SecretKey is refused: the environment's keys are not sent with it.
        Add-Case $command SessionToken 'orphan-token' -AcceptIds IncompleteCredentials -Mention 'SessionToken'
        # A blank -EndpointUrl is refused, not read as "no endpoint" (here AWS_ENDPOINT_URL_ECR, set to LocalEcr, would
        # catch a fallback to the region's endpoint).
        Add-Case $command EndpointUrl '' -AcceptIds ParameterArgumentValidationError, InvalidEndpointUrl -Mention EndpointUrl
        Add-Case $command EndpointUrl ' ' -AcceptIds ParameterArgumentValidationError, InvalidEndpointUrl -Mention EndpointUrl
        # A relative or non-HTTP -EndpointUrl is refused before any connection.
        foreach ($value in 'not a url', 'ftp://127.0.0.1:9/', 'file:///etc/passwd', 'mailto:a@b.c', '/relative/path', '127.0.0.1:5000') {
            Add-Case $command EndpointUrl $value -AcceptIds ParameterArgumentValidationError, InvalidEndpointUrl -Mention EndpointUrl, $value
        }
    }

    # Listing parameters.
    foreach ($command in $listingCommands) {
        foreach ($value in 0, -1, 1001, [int]::MaxValue, [int]::MinValue, $null) { Add-Case $command PageSize $value ParameterArgumentValidationError }
        foreach ($value in 'abc', '1e', [long]::MaxValue) { Add-Case $command PageSize $value CannotConvertArgumentNoMessage }
        Add-Case $command PageSize '' ParameterArgumentValidationError
        foreach ($value in 0, -1, 65, 1000, $null) { Add-Case $command ThrottleLimit $value ParameterArgumentValidationError }
        Add-Case $command ThrottleLimit 'x' CannotConvertArgumentNoMessage
        Add-Case $command ThrottleLimit '' ParameterArgumentValidationError
        foreach ($value in '', $null) { Add-Case $command NextToken $value ParameterArgumentValidationError }
        foreach ($parameter in 'First', 'Skip') {
            foreach ($value in -1, 'x', [long]::MinValue) { Add-Case $command $parameter $value CannotConvertArgumentNoMessage }
        }
        foreach ($value in 'Labelled', '', 99, 'TAGGED|UNTAGGED', 'Tagged Untagged') { Add-Case $command TagStatus $value CannotConvertArgumentNoMessage }
        foreach ($value in 'Gone', '', -1, 'ACTIVE|ARCHIVED') { Add-Case $command ImageStatus $value CannotConvertArgumentNoMessage }
        # PowerShell converts 'A,B' to the bitwise OR of a non-[Flags] enum's values ('Tagged,Untagged' would be
        # Untagged, 'Archived,Activating' Any): the cmdlets refuse more than one value.
        Add-Case $command TagStatus 'Tagged,Untagged' -AcceptIds CannotConvertArgumentNoMessage, ParameterArgumentValidationError, ParameterArgumentTransformationError -Mention TagStatus
        Add-Case $command ImageStatus 'Archived,Activating' -AcceptIds CannotConvertArgumentNoMessage, ParameterArgumentValidationError, ParameterArgumentTransformationError -Mention ImageStatus
        $filters = @(
            @{ V = 'tagStatus=LABELLED'; M = 'LABELLED' }
            @{ V = 'TAGGED'; M = 'key=value' }
            @{ V = '=x'; M = 'key=value' }
            @{ V = 'tagStatus'; M = 'key=value' }
            @{ V = 'imageStatus=ANY,tagStatus=X'; M = "'X'" }
            @{ V = 'status=TAGGED'; M = "'status'" }
            @{ V = @{ status = 'TAGGED' }; M = "'status'" }
            @{ V = @{ tagStatus = 'nope' }; M = "'nope'" }
            @{ V = @{ imageStatus = 'GONE' }; M = "'GONE'" }
            @{ V = @{ tagStatus = 'TAGGED'; extra = 1 }; M = "'extra'" }
            @{ V = [pscustomobject]@{ foo = 1 }; M = "'foo'" }
            @{ V = [pscustomobject]@{ TagStatus = 'BOTH' }; M = "'BOTH'" }
            @{ V = [datetime]'2024-01-01'; M = 'not a filter' }
        )
        foreach ($filter in $filters) { Add-Case $command Filter $filter.V ParameterArgumentTransformationError -Mention $filter.M }
        Add-Case $command Filter 'tagStatus=TAGGED' FilterConflict -Extra @{ TagStatus = 'Untagged' } -Mention 'tagStatus=TAGGED'
        Add-Case $command Filter @{ imageStatus = 'ARCHIVED' } FilterConflict -Extra @{ ImageStatus = 'Active' } -Mention 'imageStatus=ARCHIVED'
        # -Filter 42 or $true has no properties: it is refused, not read as an empty filter that lists every image.
        Add-Case $command Filter 42 -AcceptIds ParameterArgumentTransformationError -Mention Filter
        Add-Case $command Filter $true -AcceptIds ParameterArgumentTransformationError -Mention Filter

        # Pipeline objects of the wrong shape.
        Add-PipelineCase $command @('UPPER') ParameterArgumentValidationError -Mention RepositoryName -Name "'UPPER'"
        Add-PipelineCase $command @('') ParameterArgumentValidationError -Mention RepositoryName -Name "''"
        # Get-EcrImage binds image ids (and what converts to them) by type to -InputObject and checks them itself.
        $nullId = if ($command -eq 'Get-EcrImage') { 'InvalidImageId' } else { 'ParameterArgumentValidationErrorNullNotAllowed' }
        Add-PipelineCase $command @(, $null) $nullId -Mention RepositoryName -Name '$null'
        Add-PipelineCase $command @([pscustomobject]@{ Name = 'team/web' }) ParameterArgumentValidationError -Mention RepositoryName -Name 'object without RepositoryName'
        if ($command -eq 'Get-EcrImageId') {
            # Get-EcrImage reads a hashtable with image-id keys as the id it converts to.
            Add-PipelineCase $command @(@{ RepositoryName = 'team/web' }) ParameterArgumentValidationError -Mention RepositoryName -Name 'hashtable'
        }
        else {
            Add-PipelineCase $command @(@{ RepositoryName = 'Team/Web'; ImageTag = 'v1' }) InvalidImageId -Mention 'Team/Web' -Name 'hashtable with a bad RepositoryName'
            Add-PipelineCase $command @(@{ RepositoryName = 'team/web'; ImageDigest = 'sha256:12' }) InvalidImageId -Mention 'sha256:12' -Name 'hashtable with a bad digest'
        }
        Add-PipelineCase $command @([pscustomobject]@{ RepositoryName = 'team/web'; RegistryId = 'mine' }) ParameterArgumentValidationError -Mention RegistryId -Name 'object with a bad RegistryId'
        Add-PipelineCase $command @('Bad', 'Worse', 'a') ParameterArgumentValidationError -Mention RepositoryName -Name 'three bad names'
    }

    # Get-EcrImage: tags, digests, ids and dates.
    $badDigests = @(
        '', 'sha256:abc', ('SHA256:' + ('a' * 64)), ('a' * 64), (' sha256:' + ('a' * 64)), 'md5:abc', 'sha256', (':' + ('a' * 64)),
        ('sha256:' + ('a' * 32) + ' ' + ('a' * 31)), ('sha256:' + ('a' * 31)), ('sha256/' + ('a' * 64)), ('sha256:' + ('a' * 64) + '@x')
    )
    # Digests that look almost right: 'sha256:' with 63 or 65 characters, upper-case or non-hex ones, another algorithm.
    foreach ($value in ('sha256:' + ('g' * 64)), ('sha256:' + ('A' * 64)), ('sha256:' + ('a' * 63)), ('sha256:' + ('a' * 65)), ('sha512:' + ('a' * 64))) {
        Add-Case Get-EcrImage ImageDigest $value -AcceptIds ParameterArgumentValidationError -Mention ImageDigest
        Add-Case Publish-EcrImage ImageDigest $value -NoBase -Extra @{ RepositoryName = 'release' } -AcceptIds ParameterArgumentValidationError -Mention ImageDigest -Name "retag -ImageDigest $(Show $value)"
    }
    foreach ($value in $badDigests) {
        Add-Case Get-EcrImage ImageDigest $value ParameterArgumentValidationError -Mention ImageDigest
        Add-Case Publish-EcrImage ImageDigest $value ParameterArgumentValidationError -Mention ImageDigest
        Add-Case Publish-EcrImage ImageDigest $value ParameterArgumentValidationError -Mention ImageDigest -NoBase -Extra @{ RepositoryName = 'release' } -Name "retag -ImageDigest $(Show $value)"
    }
    Add-Case Get-EcrImage ImageDigest @($goodDigest, 'sha256:abc') ParameterArgumentValidationError -Mention ImageDigest
    Add-Case Get-EcrImage ImageDigest @($goodDigest, $null) ParameterArgumentValidationError -Mention ImageDigest
    Add-Case Get-EcrImage ImageDigest "$goodDigest`n" ParameterArgumentValidationError -Mention ImageDigest  # a trailing newline, as above
    foreach ($command in 'Get-EcrImage', 'Publish-EcrImage') {
        foreach ($value in '', ('x' * 301), @('ok', ''), @('ok', $null), @('ok', ('y' * 1000))) {
            Add-Case $command ImageTag $value ParameterArgumentValidationError -Mention ImageTag
        }
    }
    $badIds = @(
        @{ V = $null; M = 'must not be null' }
        @{ V = @{}; M = 'neither ImageDigest nor ImageTag' }
        @{ V = 'v1.0.1'; M = 'neither ImageDigest nor ImageTag' }
        @{ V = 42; M = 'neither ImageDigest nor ImageTag' }
        @{ V = [pscustomobject]@{ Foo = 1 }; M = 'neither ImageDigest nor ImageTag' }
        @{ V = @(@{ ImageTag = 'v1.0.1' }, $null); M = 'must not be null' }
        @{ V = @{ ImageTag = '' }; M = 'tag must not be empty' }
        @{ V = @{ ImageTag = ('x' * 301) }; M = '301 characters' }
        @{ V = @{ ImageDigest = 'sha256:abc' }; M = 'sha256:abc' }
        @{ V = @{ ImageDigest = 5 }; M = "'5'" }
        @{ V = @{ ImageTag = $null; ImageDigest = $null }; M = 'neither ImageDigest nor ImageTag' }
        @{ V = [pscustomobject]@{ ImageDigest = 'nope'; ImageTag = 'v1' }; M = 'nope' }
        @{ V = @(@{ ImageTag = 'v1.0.1' }, @{ ImageDigest = 'x' }); M = "'x'" }
    )
    foreach ($id in $badIds) { Add-Case Get-EcrImage ImageId $id.V ParameterArgumentTransformationError -Mention $id.M }
    # An id whose ImageTag is an array names no one tag: refused, not sent as the tag 'System.Object[]'.
    Add-Case Get-EcrImage ImageId @{ ImageTag = @('v1.0.1', 'v1.0.2') } -AcceptIds ParameterArgumentTransformationError -Mention ImageTag
    foreach ($parameter in 'PushedAfter', 'PushedBefore') {
        foreach ($value in 'notadate', '2024-13-45', 'yesterday') { Add-Case Get-EcrImage $parameter $value CannotConvertArgumentNoMessage }
    }

    # Publish-EcrImage: manifests given as text.
    $badManifests = @(
        @{ V = ''; Id = 'ParameterArgumentValidationError'; M = 'ImageManifest' }
        @{ V = $null; Id = 'ParameterArgumentValidationError'; M = 'ImageManifest' }
        @{ V = 'not json'; M = 'not valid JSON' }
        @{ V = '{"schemaVersion":2,'; M = 'not valid JSON' }
        @{ V = '{"schemaVersion":2}x'; M = 'not valid JSON' }
        @{ V = "{'schemaVersion':2}"; M = 'not valid JSON' }
        @{ V = ('[' * 1000) + (']' * 1000); M = 'not valid JSON' }
        @{ V = '[]'; M = 'not an object' }
        @{ V = '"text"'; M = 'not an object' }
        @{ V = 'null'; M = 'not an object' }
        @{ V = '42'; M = 'not an object' }
        @{ V = '{}'; M = 'schemaVersion' }
        @{ V = '{"mediaType":"application/vnd.oci.image.manifest.v1+json"}'; M = 'schemaVersion' }
        @{ V = '{"schemaVersion":"2","mediaType":"application/vnd.oci.image.manifest.v1+json"}'; M = 'schemaVersion' }
        @{ V = '{"schemaVersion":null}'; M = 'schemaVersion' }
        @{ V = '{"schemaVersion":2}'; M = 'mediaType' }
        @{ V = '{"schemaVersion":2,"mediaType":42}'; M = 'mediaType' }
        @{ V = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","x":"' + ('a' * 4194304) + '"}'; M = '4,194,304', '4.194.304', '4194304' }
    )
    foreach ($entry in $badManifests) {
        $id = if ($entry.Id) { $entry.Id } else { 'InvalidManifest' }
        Add-Case Publish-EcrImage ImageManifest $entry.V $id -Mention $entry.M
    }
    Add-Case Publish-EcrImage ImageManifestMediaType 'application/vnd.oci.image.index.v1+json' InvalidManifest -Mention 'contradicts'
    Add-Case Publish-EcrImage ImageManifestMediaType 'application/vnd.docker.distribution.manifest.v2+json' InvalidManifest -Mention 'contradicts'
    Add-Case Publish-EcrImage ImageManifestMediaType '' ParameterArgumentValidationError
    Add-Case Publish-EcrImage ImageManifestMediaType $null ParameterArgumentValidationError
    Add-Case Publish-EcrImage ImageDigest ('sha256:' + ('e' * 64)) ImageDigestDoesNotMatch -Mention ('sha256:' + ('e' * 64))
    # A schemaVersion that is not a whole number is the module's InvalidManifest, not a .NET parse error.
    foreach ($value in '{"schemaVersion":2.5}', '{"schemaVersion":99999999999}', '{"schemaVersion":1e400}', '{"schemaVersion":-1e-7}') {
        Add-Case Publish-EcrImage ImageManifest $value -AcceptIds InvalidManifest -Mention 'schemaVersion'
    }
    # A media type that is no manifest type is refused before any request.
    Add-Case Publish-EcrImage ImageManifest '{"schemaVersion":2,"mediaType":"text/html"}' -AcceptIds InvalidManifest -Mention 'text/html'
    Add-Case Publish-EcrImage ImageManifest '{"schemaVersion":2}' -Extra @{ ImageManifestMediaType = 'text/plain' } -AcceptIds InvalidManifest -Mention 'text/plain' -Name "-ImageManifestMediaType 'text/plain'"

    # Publish-EcrImage: manifests given as files ({TestDrive} is replaced when the case runs).
    $pathBase = @{ RepositoryName = 'release'; ImageTag = 'bad-input' }
    foreach ($entry in @(
            @{ V = ''; Id = 'ParameterArgumentValidationError'; M = 'ManifestPath' }
            @{ V = $null; Id = 'ParameterArgumentValidationError'; M = 'ManifestPath' }
            @{ V = '{TestDrive}/missing.json'; Id = 'ManifestFileNotFound'; M = "missing.json'" }
            @{ V = '{TestDrive}/no/such/dir/m.json'; Id = 'ManifestFileNotFound'; M = 'm.json' }
            @{ V = '{TestDrive}'; Id = 'ManifestUnreadable'; M = 'is a directory' }
            @{ V = '{TestDrive}/*.json'; Id = 'ManifestFileNotFound'; M = 'no wildcards' }
            @{ V = '{TestDrive}/bom.json'; Id = 'InvalidManifest'; M = "bom.json': The manifest file starts with a UTF-8 byte order mark" }
            @{ V = '{TestDrive}/latin1.json'; Id = 'InvalidManifest'; M = 'UTF-8' }
            @{ V = '{TestDrive}/utf16.json'; Id = 'InvalidManifest'; M = "utf16.json': The manifest file is UTF-16 text" }
            @{ V = '{TestDrive}/empty.json'; Id = 'InvalidManifest'; M = 'empty' }
            @{ V = '{TestDrive}/text.json'; Id = 'InvalidManifest'; M = 'not valid JSON' }
            @{ V = '{TestDrive}/noschema.json'; Id = 'InvalidManifest'; M = 'schemaVersion' }
            @{ V = '{TestDrive}/huge.json'; Id = 'InvalidManifest'; M = '4,194,304', '4.194.304', '4194304' }
            @{ V = 'NoSuchDrive:\m.json'; Id = 'DriveNotFound'; M = 'NoSuchDrive' }
        )) {
        Add-Case Publish-EcrImage ManifestPath $entry.V $entry.Id -NoBase -Extra $pathBase -Mention $entry.M
    }
    # A path with a NUL character is unreadable, said as such.
    Add-Case Publish-EcrImage ManifestPath "{TestDrive}/a`0b.json" -NoBase -Extra $pathBase -AcceptIds ManifestUnreadable -Mention ManifestPath, 'a'

    # Publish-EcrImage: parameter sets.
    Add-Case Publish-EcrImage ManifestPath '{TestDrive}/good.json' AmbiguousParameterSet -Mention 'Parameter set' -Name '-ImageManifest with -ManifestPath'
    Add-Case Publish-EcrImage ImageManifestMediaType 'application/vnd.oci.image.manifest.v1+json' AmbiguousParameterSet -NoBase -Extra @{ RepositoryName = 'release'; ImageDigest = $goodDigest } -Mention 'Parameter set' -Name 'retag with -ImageManifestMediaType'

    # Publish-EcrImage: pipeline objects of the wrong shape.
    $retag = @{ ImageTag = 'bad-input' }
    Add-PipelineCase Publish-EcrImage @([pscustomobject]@{ Foo = 1 }) InputObjectNotBound -Parameters $retag -Mention 'input object' -Name 'object without RepositoryName/ImageDigest'
    Add-PipelineCase Publish-EcrImage @(42) InputObjectNotBound -Parameters $retag -Mention 'input object' -Name '42'
    Add-PipelineCase Publish-EcrImage @('release') InputObjectNotBound -Parameters $retag -Mention 'input object' -Name "a string"
    Add-PipelineCase Publish-EcrImage @(, $null) InputObjectNotBound -Parameters $retag -Mention 'input object' -Name '$null'
    Add-PipelineCase Publish-EcrImage @(@{ RepositoryName = 'release'; ImageDigest = $goodDigest }) InputObjectNotBound -Parameters $retag -Mention 'input object' -Name 'a hashtable'
    Add-PipelineCase Publish-EcrImage @([pscustomobject]@{ RepositoryName = 'release' }) InputObjectMissingMandatory -Parameters $retag -Mention 'ImageDigest' -Name 'object without ImageDigest'
    Add-PipelineCase Publish-EcrImage @([pscustomobject]@{ ImageDigest = $goodDigest }) InputObjectMissingMandatory -Parameters $retag -Mention 'RepositoryName' -Name 'object without RepositoryName'
    Add-PipelineCase Publish-EcrImage @([pscustomobject]@{ RepositoryName = 'release'; ImageDigest = 'bad' }) ParameterArgumentValidationError -Parameters $retag -Mention ImageDigest -Name 'object with a bad digest'
    Add-PipelineCase Publish-EcrImage @([pscustomobject]@{ RepositoryName = 'release'; ImageDigest = $null }) ParameterArgumentValidationErrorNullNotAllowed -Parameters $retag -Mention ImageDigest -Name 'object with a null digest'
    Add-PipelineCase Publish-EcrImage @([pscustomobject]@{ RepositoryName = 'Release'; ImageDigest = $goodDigest }) ParameterArgumentValidationError -Parameters $retag -Mention RepositoryName -Name 'object with a bad repository'
    Add-PipelineCase Publish-EcrImage @([pscustomobject]@{ RepositoryName = 'release'; RegistryId = '1'; ImageDigest = $goodDigest }) ParameterArgumentValidationError -Parameters $retag -Mention RegistryId -Name 'object with a bad registry id'
    Add-PipelineCase Get-EcrImage @([pscustomobject]@{ RepositoryName = 'team/web'; ImageTag = '' }) ParameterArgumentValidationError -Mention ImageTag -Name 'object with an empty tag'
    Add-PipelineCase Get-EcrImage @([pscustomobject]@{ RepositoryName = 'team/web'; ImageDigest = 'sha256:1' }) ParameterArgumentValidationError -Mention ImageDigest -Name 'object with a bad digest'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # A safety net: were a bad -EndpointUrl ever to fall back to the region's endpoint, it reaches LocalEcr (and is
    # counted) instead of AWS.
    $script:SavedEndpointVariable = $env:AWS_ENDPOINT_URL_ECR
    $env:AWS_ENDPOINT_URL_ECR = $Endpoint

    $manifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"sha256:' + ('a' * 64) + '"},"layers":[]}'
    [IO.File]::WriteAllBytes((Join-Path $TestDrive 'bom.json'), [byte[]](0xEF, 0xBB, 0xBF) + [Text.Encoding]::UTF8.GetBytes($manifest))
    [IO.File]::WriteAllText((Join-Path $TestDrive 'utf16.json'), $manifest, [Text.Encoding]::Unicode)   # Windows PowerShell's > writes this
    [IO.File]::WriteAllBytes((Join-Path $TestDrive 'latin1.json'), [Text.Encoding]::Latin1.GetBytes('{"schemaVersion":2,"note":"caf' + [char]0xE9 + '"}'))
    [IO.File]::WriteAllBytes((Join-Path $TestDrive 'empty.json'), [byte[]]@())
    [IO.File]::WriteAllText((Join-Path $TestDrive 'text.json'), 'FROM alpine:3.20')
    [IO.File]::WriteAllText((Join-Path $TestDrive 'noschema.json'), '{"mediaType":"application/vnd.oci.image.manifest.v1+json"}')
    [IO.File]::WriteAllText((Join-Path $TestDrive 'good.json'), $manifest)
    [IO.File]::WriteAllText((Join-Path $TestDrive 'huge.json'), '{"schemaVersion":2,"x":"' + ('a' * 4194304) + '"}')
    [IO.File]::WriteAllText((Join-Path $TestDrive 'empty-profiles'), '')
    [IO.File]::WriteAllText((Join-Path $TestDrive 'garbage-profiles'), "this is not an ini file`n[[[")

    function Resolve-CaseValue([object] $Value) {
        if ($Value -is [string]) { return $Value.Replace('{TestDrive}', $TestDrive) }
        return $Value
    }

    # Runs a case; returns its output and every error record (terminating or not).
    function Invoke-Case([hashtable] $Case) {
        $parameters = @{}
        foreach ($key in $Case.Parameters.Keys) { $parameters[$key] = Resolve-CaseValue $Case.Parameters[$key] }
        $command = Get-Command $Case.Command
        $errors = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
        $output = @()
        try {
            if ($null -ne $Case.Pipeline) {
                $output = @($Case.Pipeline | & $command @parameters -ErrorVariable +piped -ErrorAction SilentlyContinue)
                foreach ($record in $piped) { $errors.Add($record) }
            }
            else {
                $output = @(& $command @parameters -ErrorAction Stop)
            }
        }
        catch {
            $errors.Add($_)
        }
        [pscustomobject]@{ Output = $output; Errors = $errors }
    }

    # Exceptions that mean a bug rather than a reported problem, wherever they are in the chain.
    $script:Unexpected = @(
        'System.NullReferenceException', 'System.InvalidCastException', 'System.IndexOutOfRangeException',
        'System.ArgumentOutOfRangeException', 'System.ArgumentNullException', 'System.Management.Automation.PSArgumentNullException',
        'System.Collections.Generic.KeyNotFoundException', 'System.InvalidOperationException', 'System.NotSupportedException',
        'System.NotImplementedException', 'System.AggregateException', 'System.Reflection.TargetInvocationException',
        'System.IO.InvalidDataException', 'Amazon.Runtime.AmazonClientException', 'System.UriFormatException'
    )

    function Assert-CleanError([System.Management.Automation.ErrorRecord] $Record, [hashtable] $Case) {
        $id = $Record.FullyQualifiedErrorId
        $matched = @($Case.Ids | Where-Object { $id -like "$_,*" })
        $matched.Count | Should -BeGreaterThan 0 -Because "the error id '$id' must start with one of $($Case.Ids -join ', ')"
        $id | Should -Not -Match '^(System|Amazon|Microsoft)\.' -Because 'a .NET type name is not a stable id'
        $Record.CategoryInfo.Category | Should -Not -Be 'NotSpecified'
        if ($Case.Category -and $matched[0] -eq $Case.Ids[0]) { $Record.CategoryInfo.Category | Should -Be $Case.Category }

        $message = if ($Record.ErrorDetails -and $Record.ErrorDetails.Message) { $Record.ErrorDetails.Message } else { $Record.Exception.Message }
        $message | Should -Not -BeNullOrEmpty
        $mentioned = @($Case.Mention | ForEach-Object { Resolve-CaseValue $_ } | Where-Object { $_ -and $message -like "*$([WildcardPattern]::Escape($_))*" })
        $mentioned.Count | Should -BeGreaterThan 0 -Because "the message '$message' should name one of: $($Case.Mention -join ', ')"

        $parent = $null
        for ($exception = $Record.Exception; $exception; $exception = $exception.InnerException) {
            $type = $exception.GetType().FullName
            $Unexpected | Should -Not -Contain $type -Because "no unexpected $type may be inside the error ($($exception.Message))"
            if ($exception -is [FormatException] -or $exception -is [OverflowException]) {
                # PowerShell's own conversion failures wrap these with the parameter's name; anywhere else they must
                # come from the module with its own message, not from a .NET parse or cast.
                $fromConversion = $parent -is [System.Management.Automation.PSInvalidCastException]
                $fromModule = $exception.TargetSite -and $exception.TargetSite.DeclaringType.Assembly.GetName().Name -like 'EcrTools*'
                ($fromConversion -or $fromModule) | Should -BeTrue -Because "$type '$($exception.Message)' was thrown by $($exception.TargetSite.DeclaringType)"
            }
            $parent = $exception
        }
    }
}

AfterAll {
    $env:AWS_ENDPOINT_URL_ECR = $SavedEndpointVariable
    Reset-LocalEcr -Endpoint $Endpoint -State
}

Describe 'Bad input' -Tag BadInput {
    BeforeAll {
        $script:Tried = 0
        $script:Rejected = 0
        $script:RequestsSent = 0
    }

    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It '<Command> <Name>' -ForEach $cases {
        $script:Tried++
        $result = Invoke-Case $_
        $result.Output | Should -BeNullOrEmpty
        $expectedErrors = if ($null -ne $Pipeline) { @($Pipeline).Count } else { 1 }
        $result.Errors.Count | Should -Be $expectedErrors
        $sent = (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests
        $script:RequestsSent += $sent
        $sent | Should -Be 0 -Because 'bad input must be refused before any request'
        foreach ($record in $result.Errors) { Assert-CleanError $record $_ }
        $script:Rejected++
    }

    It 'sent LocalEcr no request for all of them' {
        if ($env:ECRTOOLS_RELIABILITY_LOG) {
            [ordered]@{ test = 'BadInput'; inputsTried = $Tried; rejectedCleanly = $Rejected; requestsSent = $RequestsSent } |
                ConvertTo-Json -Compress | Add-Content -Path $env:ECRTOOLS_RELIABILITY_LOG
        }
        $Tried | Should -BeGreaterOrEqual 200
        $Rejected | Should -Be $Tried
        $RequestsSent | Should -Be 0
    }
}

Describe 'Bad pipeline items among good ones' -Tag BadInput {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It 'Get-EcrImageId lists the good repositories and reports each bad one' {
        $ids = 'team/web', 'BAD NAME', $null, 'empty', 'Multi', 'multi' | Get-EcrImageId -ErrorVariable failures -ErrorAction SilentlyContinue
        $ids.Count | Should -Be 60
        ($ids.RepositoryName | Select-Object -Unique) | Should -Be @('team/web', 'multi')
        $failures.Count | Should -Be 3
        $failures.FullyQualifiedErrorId | Should -Be @(
            'ParameterArgumentValidationError,EcrTools.Commands.GetEcrImageIdCommand'
            'ParameterArgumentValidationErrorNullNotAllowed,EcrTools.Commands.GetEcrImageIdCommand'
            'ParameterArgumentValidationError,EcrTools.Commands.GetEcrImageIdCommand')
        Get-RequestCount ListImages | Should -Be 3
    }

    It 'Get-EcrImage describes the good ids and reports each bad one' {
        $items = @(
            [pscustomobject]@{ RepositoryName = 'team/web'; ImageTag = 'v1.0.1' }
            [pscustomobject]@{ RepositoryName = 'team/web'; ImageTag = '' }
            [pscustomobject]@{ RepositoryName = 'team/web'; ImageDigest = 'bad' }
            [pscustomobject]@{ RepositoryName = 'Team/Web'; ImageTag = 'v1.0.2' }
            [pscustomobject]@{ RepositoryName = 'team/web'; ImageTag = 'v1.0.2' }
        )
        $images = $items | Get-EcrImage -ErrorVariable failures -ErrorAction SilentlyContinue
        $images.Count | Should -Be 2
        $images.ImageTags | Should -Be @('v1.0.1', 'v1.0.2')
        $failures.Count | Should -Be 3
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*' }
        (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 1
    }

    It 'Publish-EcrImage retags the good sources and reports each bad item' {
        $sources = Get-EcrImage release -ImageTag v1.4.1, v1.4.2
        Reset-LocalEcr -Endpoint $Endpoint
        $items = @(
            $sources[0]
            [pscustomobject]@{ RepositoryName = 'release'; ImageDigest = 'bad' }
            [pscustomobject]@{ Foo = 1 }
            [pscustomobject]@{ RepositoryName = 'BAD'; ImageDigest = $sources[0].ImageDigest }
            $sources[1]
        )
        # Untagged: two images given one tag in one command would be refused (TagGivenTwice).
        $published = $items | Publish-EcrImage -ErrorVariable failures -ErrorAction SilentlyContinue
        $published.Count | Should -Be 2
        $published.ImageDigest | Should -Be @($sources[0].ImageDigest, $sources[1].ImageDigest)
        $failures.Count | Should -Be 3
        $failures.FullyQualifiedErrorId | ForEach-Object { $_ | Should -Match '^(ParameterArgumentValidationError|InputObjectNotBound),' }
        Get-RequestCount BatchGetImage | Should -Be 1
        Get-RequestCount PutImage | Should -Be 2
    }
}

Describe 'Edge values that are not errors but must not misbehave' -Tag BadInput {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It '-First 0 returns nothing and sends no request' {
        @(Get-EcrImageId team/web -First 0).Count | Should -Be 0
        @(Get-EcrImage team/web -First 0).Count | Should -Be 0
        (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 0
    }

    # -Filter $null, and -Credential ([pscredential]::Empty), PowerShell's usual "no credential" value.
    It '<Name> is treated as not given, or refused with a clear error' -ForEach @(
        @{ Name = '-Filter $null'; Parameters = @{ Filter = $null } }
        @{ Name = '-Credential [pscredential]::Empty'; Parameters = @{ Credential = [pscredential]::Empty } }
    ) {
        try {
            $ids = Get-EcrImageId team/web @Parameters -ErrorAction Stop
            $ids.Count | Should -Be 30
        }
        catch {
            $_.FullyQualifiedErrorId | Should -Not -Match '^(System|Amazon)\.'
            $_.CategoryInfo.Category | Should -Not -Be 'NotSpecified'
            for ($exception = $_.Exception; $exception; $exception = $exception.InnerException) {
                $exception | Should -Not -BeOfType [NullReferenceException]
                $exception | Should -Not -BeOfType [ArgumentNullException]
            }
        }
    }
}
