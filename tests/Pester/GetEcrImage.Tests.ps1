BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Get-EcrImage' {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It 'describes every image of a repository as EcrTools.EcrImage' {
        $images = Get-EcrImage big
        $images.Count | Should -Be 2345
        $images[0] | Should -BeOfType EcrTools.EcrImage
        $images[0].ImageTags | Should -Be 'build-1'
        $images[0].ImageSizeInBytes | Should -BeGreaterThan 0
        $images[0].ImagePushedAt | Should -BeOfType datetime
        $images[0].ImagePushedAt.Kind | Should -Be 'Utc'
        $images[0].RegistryId | Should -Be '123456789012'
        Get-RequestCount DescribeImages | Should -Be 3
    }

    It 'carries every ImageDetail member' {
        $image = Get-EcrImage lifecycle -ImageTag active
        $image.ImageManifestMediaType | Should -Be 'application/vnd.oci.image.manifest.v1+json'
        $image.ArtifactMediaType | Should -Be 'application/vnd.oci.image.config.v1+json'
        $image.ImageStatus | Should -Be 'ACTIVE'
        $image.ImageScanStatus.Status | Should -Be 'COMPLETE'
        $image.ImageScanFindingsSummary.FindingSeverityCounts['HIGH'] | Should -Be 2
        $image.ImageScanFindingsSummary.FindingSeverityCounts.high | Should -Be 2 -Because 'severity keys match in any case'
        $image.ImageSizeInBytes | Should -Be 1048576
        $members = [EcrTools.EcrImage].GetProperties().Name
        foreach ($name in 'RegistryId', 'RepositoryName', 'ImageDigest', 'ImageTags', 'ImageSizeInBytes', 'ImagePushedAt', 'ImageScanStatus',
            'ImageScanFindingsSummary', 'ImageManifestMediaType', 'ArtifactMediaType', 'LastRecordedPullTime', 'SubjectManifestDigest',
            'ImageStatus', 'LastArchivedAt', 'LastActivatedAt') {
            $members | Should -Contain $name
        }
        $archived = Get-EcrImage lifecycle -ImageStatus Archived
        $archived.LastArchivedAt | Should -Be ([datetime]::new(2024, 6, 1, 0, 0, 0, [DateTimeKind]::Utc))
    }

    It 'shows a readable table by default' {
        $table = Get-EcrImage lifecycle -ImageTag active | Out-String
        # The tags come last: however many an image has, they never squeeze the fixed columns on a narrow console.
        $table | Should -Match 'RepositoryName\s+Digest\s+Size\s+Pushed \(local\)\s+Tags'
        $table | Should -Match 'lifecycle\s+sha256:[0-9a-f]{12}\s+1\.0 MB\s+2025-03-01 \d\d:\d\d\s+active'
    }

    Context 'by tag, digest and id' {
        It 'describes literal tags with one request' {
            $images = Get-EcrImage big -ImageTag build-7, build-3
            $images.ImageTags | Should -Be @('build-7', 'build-3')
            Get-RequestCount DescribeImages | Should -Be 1
        }

        It 'applies -ImageStatus and -TagStatus to images looked up by tag, leaving the others out without an error' {
            $images = @(Get-EcrImage lifecycle -ImageTag old, active -ImageStatus Active -ErrorVariable failures)
            $images.ImageTags | Should -Be @('active')
            $failures | Should -BeNullOrEmpty
            (Get-EcrImage lifecycle -ImageTag old -ImageStatus Archived).ImageStatus | Should -Be 'ARCHIVED'
            (Get-EcrImage lifecycle -ImageTag old).ImageStatus | Should -Be 'ARCHIVED' -Because 'without a filter a lookup finds an image whatever its status'
            Get-EcrImage lifecycle -ImageTag active -TagStatus Untagged -ErrorVariable failures | Should -BeNullOrEmpty
            $failures | Should -BeNullOrEmpty
            Get-EcrImage lifecycle -ImageTag active -PushedAfter '2030-01-01' -ErrorVariable failures | Should -BeNullOrEmpty
            $failures | Should -BeNullOrEmpty -Because 'an image outside the window is left out, not reported missing'
        }

        It 'matches wildcard tags while listing' {
            $images = Get-EcrImage big -ImageTag 'build-99?'
            $images.Count | Should -Be 10
            $images.ImageTags | ForEach-Object { $_ | Should -BeLike 'build-99?' }
            Get-EcrImage big -ImageTag 'BUILD-99?' | Should -BeNullOrEmpty -Because 'ECR compares tags case-sensitively, and so do the patterns'
        }

        It 'reports each missing tag once and still outputs the images that exist' {
            $images = Get-EcrImage big -ImageTag build-1, nope-1, build-2, nope-2 -ErrorVariable failures -ErrorAction SilentlyContinue
            $images.ImageTags | Should -Be @('build-1', 'build-2')
            $failures.Count | Should -Be 2
            $failures.TargetObject | Should -Be @('nope-1', 'nope-2')
            $failures | ForEach-Object {
                $_.FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
                $_.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            }
        }

        It 'reports a missing literal tag given beside a wildcard' {
            $images = Get-EcrImage big -ImageTag 'build-234?', nope -ErrorVariable failures -ErrorAction SilentlyContinue
            $images.Count | Should -Be 6
            $failures.TargetObject | Should -Be 'nope'
        }

        It 'describes by digest' {
            $digest = (Get-EcrImageId big -First 1).ImageDigest
            Reset-LocalEcr -Endpoint $Endpoint
            (Get-EcrImage big -ImageDigest $digest).ImageDigest | Should -Be $digest
        }

        It 'reads one digest with one tag as one image that must carry the tag, and reports a tag that is not on it' {
            $digest = (Get-EcrImage team/web -ImageTag v1.0.1).ImageDigest
            Reset-LocalEcr -Endpoint $Endpoint
            (Get-EcrImage team/web -ImageDigest $digest -ImageTag v1.0.1).ImageDigest | Should -Be $digest
            $found = Get-EcrImage team/web -ImageDigest $digest -ImageTag v1.0.2 -ErrorVariable failures -ErrorAction SilentlyContinue
            $found | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
            $failures[0].Exception.Message | Should -BeLike "*tag 'v1.0.2' and digest '$digest'*"
            Get-RequestCount DescribeImages | Should -Be 2
        }

        It 'describes by -ImageId with <Name>' -ForEach @(
            @{ Name = 'hashtables'; Ids = { @{ ImageTag = 'build-5' }, @{ imagetag = 'build-6' } } }
            @{ Name = 'Get-EcrImageId output'; Ids = { Get-EcrImageId big -First 2 -Skip 4 } }
        ) {
            $ids = & $Ids
            (Get-EcrImage big -ImageId $ids).ImageTags | Should -Be @('build-5', 'build-6')
        }

        It 'rejects <Name> before sending a request' -ForEach @(
            @{ Name = 'a malformed digest'; Arguments = @{ ImageDigest = 'sha256:xyz' }; ErrorId = 'ParameterArgumentValidationError,*' }
            @{ Name = 'a tag of 301 characters'; Arguments = @{ ImageTag = 'a' * 301 }; ErrorId = 'ParameterArgumentValidationError,*' }
            @{ Name = 'an id with neither digest nor tag'; Arguments = @{ ImageId = @{ Name = 'x' } }; ErrorId = 'ParameterArgumentTransformationError,*' }
        ) {
            { Get-EcrImage big @Arguments } | Should -Throw -ErrorId $ErrorId
            Get-RequestCount DescribeImages | Should -Be 0
        }

        It 'names the keys of an -ImageId hashtable that has neither ImageDigest nor ImageTag' {
            { Get-EcrImage big -ImageId @{ Tag = 'build-5' } } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*' -ExpectedMessage "*'@{Tag=build-5}' has neither ImageDigest nor ImageTag (its keys: Tag)*"
            Get-RequestCount DescribeImages | Should -Be 0
        }

        It 'keeps images pushed between -PushedAfter and -PushedBefore' {
            # big's images are pushed a minute apart from 2024-01-01T00:00:00Z.
            $images = Get-EcrImage big -PushedAfter ([datetime]::new(2024, 1, 1, 0, 2, 30, [DateTimeKind]::Utc)) -PushedBefore ([datetime]::new(2024, 1, 1, 0, 6, 30, [DateTimeKind]::Utc))
            $images.ImageTags | Should -Be @('build-4', 'build-5', 'build-6', 'build-7')
        }

        It 'refuses a -PushedAfter that is not earlier than -PushedBefore, before any request' {
            { Get-EcrImage big -PushedAfter '2025-01-01' -PushedBefore '2024-01-01' } | Should -Throw -ErrorId 'PushedWindowEmpty,*' -ExpectedMessage '*-PushedAfter*not earlier than -PushedBefore*'
            Get-RequestCount DescribeImages | Should -Be 0
        }
    }

    Context 'batching' {
        It 'describes piped ids in ceil(N/100) requests, each image once, in input order' {
            $ids = Get-EcrImageId big
            Reset-LocalEcr -Endpoint $Endpoint
            $images = $ids | Get-EcrImage
            $images.Count | Should -Be 2345
            Get-RequestCount DescribeImages | Should -Be 24
            ($images.ImageDigest -join ',') | Should -Be ($ids.ImageDigest -join ',')
        }

        It 'writes the error for a missing piped id between the images piped before and after it' {
            $ids = @(Get-EcrImageId big -First 3)
            $ghost = [EcrTools.EcrImageId]@{ RepositoryName = 'big'; ImageDigest = 'sha256:' + ('2' * 64) }
            Reset-LocalEcr -Endpoint $Endpoint
            $written = $ids[0], $ghost, $ids[1], $ids[2] | Get-EcrImage -ErrorAction Continue 2>&1
            $written.Count | Should -Be 4
            $written[0].ImageDigest | Should -Be $ids[0].ImageDigest
            $written[1] | Should -BeOfType [System.Management.Automation.ErrorRecord]
            $written[1].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
            $written[1].TargetObject | Should -Be $ghost.ImageDigest
            $written[2].ImageDigest | Should -Be $ids[1].ImageDigest
            $written[3].ImageDigest | Should -Be $ids[2].ImageDigest
            Get-RequestCount DescribeImages | Should -Be 2
        }

        It 'describes an image piped once per tag only once' {
            $images = Get-EcrImageId multi | Get-EcrImage
            $images.Count | Should -Be 10
            Get-RequestCount DescribeImages | Should -Be 1
            $images[0].ImageTags.Count | Should -Be 3
        }

        It 'batches per repository and keeps going past a missing repository' {
            $inputs = @(
                [pscustomobject]@{ RepositoryName = 'team/web'; ImageTag = 'v1.0.1' }
                [pscustomobject]@{ RepositoryName = 'team/web'; ImageTag = 'v1.0.2' }
                [pscustomobject]@{ RepositoryName = 'missing'; ImageTag = 'v1' }
                [pscustomobject]@{ RepositoryName = 'multi'; ImageTag = 'm1' }
            )
            $images = $inputs | Get-EcrImage -ErrorVariable failures -ErrorAction SilentlyContinue
            $images.RepositoryName | Should -Be @('team/web', 'team/web', 'multi')
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'RepositoryNotFound,*'
            Get-RequestCount DescribeImages | Should -Be 3
        }

        It 'binds Get-EcrImageId output to -InputObject by type' {
            $id = Get-EcrImageId big -First 1
            $trace = Join-Path $TestDrive 'binding.txt'
            Trace-Command -Name ParameterBinding -Expression { $id | Get-EcrImage } -FilePath $trace | Out-Null
            $bound = @(Select-String -Path $trace -Pattern 'to param \[(\w+)\] SUCCESSFUL' | ForEach-Object { $_.Matches[0].Groups[1].Value })
            $bound | Should -Contain 'InputObject'
            $bound | Where-Object { $_ -in 'RepositoryName', 'RegistryId', 'ImageTag', 'ImageDigest' } | Should -BeNullOrEmpty
            (Get-Command Get-EcrImage).Parameters['InputObject'].ParameterType | Should -Be ([EcrTools.EcrImageId[]])
        }

        It 'describes -InputObject ids of several repositories, batched per repository' {
            $ids = @(Get-EcrImageId team/web -First 2) + @(Get-EcrImageId multi -First 3)
            Reset-LocalEcr -Endpoint $Endpoint
            $images = Get-EcrImage -InputObject $ids
            $images.RepositoryName | Should -Be @('team/web', 'team/web', 'multi')
            Get-RequestCount DescribeImages | Should -Be 2
        }

        It 'reports a bad id from the pipeline and describes the others' {
            $good = Get-EcrImageId big -First 3
            $bad = [EcrTools.EcrImageId]@{ RepositoryName = 'Bad Name'; ImageTag = 'v1' }
            $badDigest = [EcrTools.EcrImageId]@{ RepositoryName = 'big'; ImageDigest = 'sha256:xyz' }
            Reset-LocalEcr -Endpoint $Endpoint
            $images = @($good[0], $bad, $good[1], $badDigest, $good[2]) | Get-EcrImage -ErrorVariable failures -ErrorAction SilentlyContinue
            $images.ImageDigest | Should -Be $good.ImageDigest
            $failures.Count | Should -Be 2
            $failures.FullyQualifiedErrorId | Should -Be @('InvalidImageId,EcrTools.Commands.GetEcrImageCommand', 'InvalidImageId,EcrTools.Commands.GetEcrImageCommand')
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $failures[0].TargetObject.RepositoryName | Should -Be 'Bad Name'
            $failures[1].Exception.Message | Should -BeLike '*sha256:xyz*'
            Get-RequestCount DescribeImages | Should -Be 1
        }

        It 'reads piped objects that convert to image ids as the parameters they stand for' {
            $inputs = @(
                [pscustomobject]@{ RepositoryName = 'team/web'; ImageTag = 'v1.0.1' }
                @{ RepositoryName = 'multi' }
                [pscustomobject]@{ RepositoryName = 'team/web'; ImageTag = 'v1.0.2?' }
                @{ RepositoryName = 'multi'; ImageTag = ''; ImageDigest = '' }
            )
            # The last input names multi's every image again: already listed by this command, it is not listed twice.
            $expected = @(Get-EcrImage team/web -ImageTag v1.0.1) + @(Get-EcrImage multi) + @(Get-EcrImage team/web -ImageTag 'v1.0.2?')
            $images = $inputs | Get-EcrImage
            $images.ImageDigest | Should -Be $expected.ImageDigest
            $images.Count | Should -BeGreaterThan 11
        }

        It 'reads rows of Get-EcrImageId output saved with Export-Csv, whose empty cells are not given' {
            $path = Join-Path $TestDrive 'ids.csv'
            Get-EcrImageId team/web | Export-Csv -Path $path
            $rows = Import-Csv -Path $path
            $rows[0].RegistryId | Should -Be ''
            @($rows | Where-Object ImageTag -eq '').Count | Should -Be 3
            $expected = Get-EcrImage team/web
            Reset-LocalEcr -Endpoint $Endpoint
            $images = $rows | Get-EcrImage -ErrorVariable failures
            $failures | Should -BeNullOrEmpty
            ($images.ImageDigest | Sort-Object) | Should -Be ($expected.ImageDigest | Sort-Object)
            Get-RequestCount DescribeImages | Should -Be 1
        }

        It 'names a piped object''s image by its digest, so a tag that has moved since does not matter' {
            $digest = (Get-EcrImage team/web -ImageTag v1.0.1).ImageDigest
            Reset-LocalEcr -Endpoint $Endpoint
            $image = [pscustomobject]@{ RepositoryName = 'team/web'; ImageDigest = $digest; ImageTag = 'v1.0.2' } | Get-EcrImage -ErrorVariable failures
            $failures | Should -BeNullOrEmpty
            $image.ImageDigest | Should -Be $digest
            $image.ImageTags | Should -Contain 'v1.0.1'
        }

        It 'reads a typed tag with each piped digest as one image that must carry it, and reports the others' {
            $carrier = (Get-EcrImage team/web -ImageTag v1.0.1).ImageDigest
            $other = (Get-EcrImage team/web -ImageTag v1.0.2).ImageDigest
            Reset-LocalEcr -Endpoint $Endpoint
            $rows = [pscustomobject]@{ RepositoryName = 'team/web'; ImageDigest = $carrier }, [pscustomobject]@{ RepositoryName = 'team/web'; ImageDigest = $other }
            $images = $rows | Get-EcrImage -ImageTag v1.0.1 -ErrorVariable failures -ErrorAction SilentlyContinue
            @($images).Count | Should -Be 1
            $images.ImageDigest | Should -Be $carrier
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
            $failures[0].Exception.Message | Should -BeLike "*tag 'v1.0.1' and digest '$other'*"
        }

        It 'refuses a piped object whose only tag is empty, rather than describe the whole repository' {
            $images = [pscustomobject]@{ RepositoryName = 'team/web'; ImageTag = '' } | Get-EcrImage -ErrorVariable failures -ErrorAction SilentlyContinue
            $images | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
            $failures[0].Exception.Message | Should -BeLike "*'ImageTag'*empty*"
            Get-RequestCount DescribeImages | Should -Be 0
        }

        It 'asks for a repository when given nothing to read' {
            { Get-EcrImage -ErrorAction Stop } | Should -Throw -ErrorId 'RepositoryNameMissing,EcrTools.Commands.GetEcrImageCommand'
            Get-RequestCount DescribeImages | Should -Be 0
        }
    }

    Context 'paging and errors' {
        It 'stops requesting pages once -First is satisfied' {
            (Get-EcrImage big -First 101 -PageSize 100).Count | Should -Be 101
            Get-RequestCount DescribeImages | Should -Be 2
        }

        It 'asks for no more images than -First needs, unless it filters them itself' {
            (Get-EcrImage big -First 101).Count | Should -Be 101
            Get-RequestCount DescribeImages | Should -Be 1
            Reset-LocalEcr -Endpoint $Endpoint
            # A tag pattern is matched here, so its pages stay whole: three matches are found in the first 1,000 images.
            (Get-EcrImage big -ImageTag 'build-*5' -First 3).ImageTags | Should -Be @('build-5', 'build-15', 'build-25')
            Get-RequestCount DescribeImages | Should -Be 1
        }

        It 'says how far it got and how to resume when paging fails, and -NextToken resumes' {
            $env:AWS_MAX_ATTEMPTS = '1'
            try {
                Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ seed = 7; throttleRate = 0.3 }
                $first = @()
                $failure = $null
                # A new region gives a client that reads AWS_MAX_ATTEMPTS=1: the first throttled page fails.
                for ($try = 0; $try -lt 5 -and -not $failure; $try++) {
                    $first = @(Get-EcrImage big -PageSize 100 -Region us-west-2 -ErrorVariable failure -ErrorAction SilentlyContinue)
                }
                $failure | Should -Not -BeNullOrEmpty
                $record = $failure[0]
                $record.TargetObject | Should -Be 'big'
                $record.Exception.Message | Should -Match 'DescribeImages of repository ''big'' failed after \d+ page\(s\) with \d+ item\(s\)'
                $token = $record.Exception.ResumeToken
                if ($record.Exception.PagesCompleted -gt 0) {
                    $token | Should -Not -BeNullOrEmpty
                    $record.ErrorDetails.RecommendedAction | Should -BeLike "*-NextToken '$token'*"
                }
                Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ throttleRate = 0 }
                $rest = if ($token) { @(Get-EcrImage big -NextToken $token) } else { @(Get-EcrImage big) }
                $all = $first + $rest
                $all.Count | Should -Be 2345
                ($all.ImageDigest | Sort-Object -Unique).Count | Should -Be 2345
            }
            finally {
                Remove-Item env:AWS_MAX_ATTEMPTS
                Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ throttleRate = 0 }
            }
        }

        It 'shows progress on a listing that runs longer than a second, and clears it' {
            Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ latencyMs = 60 }
            try {
                $shell = [powershell]::Create()
                $null = $shell.AddScript({
                        param($Endpoint)
                        Import-Module EcrTools
                        Get-EcrImageId big -PageSize 100 -EndpointUrl $Endpoint | Measure-Object
                    }).AddArgument($Endpoint)
                $null = $shell.Invoke()
                $progress = $shell.Streams.Progress
                $progress.Count | Should -BeGreaterThan 0
                $progress[0].StatusDescription | Should -Match '\d+ image ids in \d+ page\(s\); listing big'
                $progress[-1].RecordType | Should -Be 'Completed'
                $shell.Dispose()
            }
            finally {
                Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ latencyMs = 0 }
            }
        }
    }
}
