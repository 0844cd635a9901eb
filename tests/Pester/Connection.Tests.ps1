BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # Keys LocalEcr learns for these tests; each resolution step is proven by the key and region it verifies.
    $keys = 'EXPLICIT', 'CREDENTIAL', 'PROFILE', 'ENVPROFILE', 'DEFAULT', 'PROCESS', 'LOCATION', 'SESSION'
    $seed = @{ credentials = @($keys | ForEach-Object { @{ accessKeyId = "AKID$_"; secretAccessKey = "secret/$_" } }) }
    $seed.credentials += @{ accessKeyId = 'AKIDTOKEN'; secretAccessKey = 'secret/TOKEN'; sessionToken = 'token-123' }
    Add-LocalEcrSeed -Endpoint $Endpoint -Seed $seed

    $script:CredentialsFile = $env:AWS_SHARED_CREDENTIALS_FILE
    $script:ConfigFile = $env:AWS_CONFIG_FILE
    $processScript = Join-Path $TestDrive 'credential-process.sh'
    Set-Content -Path $processScript -Value "#!/bin/sh`necho '{`"Version`": 1, `"AccessKeyId`": `"AKIDPROCESS`", `"SecretAccessKey`": `"secret/PROCESS`"}'"
    & chmod +x $processScript
    Set-Content -Path $CredentialsFile -Value @"
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = secret/DEFAULT

[named]
aws_access_key_id = AKIDPROFILE
aws_secret_access_key = secret/PROFILE

[fromenv]
aws_access_key_id = AKIDENVPROFILE
aws_secret_access_key = secret/ENVPROFILE
"@
    Set-Content -Path $ConfigFile -Value @"
[default]
region = ca-central-1

[profile named]
region = eu-north-1

[profile process]
credential_process = $processScript
region = ap-northeast-1

[profile withservices]
aws_access_key_id = AKIDPROFILE
aws_secret_access_key = secret/PROFILE
region = sa-east-1
services = local-ecr

[services local-ecr]
ecr =
  endpoint_url = $Endpoint
"@

    function Get-LastRequest { (Get-LocalEcrStats -Endpoint $Endpoint).lastRequest }
}

AfterAll {
    Set-Content -Path $CredentialsFile -Value ''
    Set-Content -Path $ConfigFile -Value ''
}

Describe 'Credentials, region and endpoint resolution' {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    Context 'credentials, in order' {
        It 'uses -AccessKey/-SecretKey first' {
            $null = Get-EcrImageId empty -AccessKey AKIDEXPLICIT -SecretKey secret/EXPLICIT -ProfileName named
            (Get-LastRequest).accessKeyId | Should -Be 'AKIDEXPLICIT'
        }

        It 'takes the connection arguments of AWS.Tools commands: -AK, -SK, -ST, -StoredCredentials, -RegionToCall' {
            $null = Get-EcrImageId empty -AK AKIDTOKEN -SK secret/TOKEN -ST token-123 -RegionToCall eu-west-1
            (Get-LastRequest).accessKeyId | Should -Be 'AKIDTOKEN'
            (Get-LastRequest).hasSessionToken | Should -BeTrue
            (Get-LastRequest).region | Should -Be 'eu-west-1'
            $null = Get-EcrImageId empty -StoredCredentials named -AK AKIDEXPLICIT -SecretAccessKey secret/EXPLICIT
            (Get-LastRequest).accessKeyId | Should -Be 'AKIDEXPLICIT'
            foreach ($command in 'Get-EcrImage', 'Get-EcrImageId', 'Publish-EcrImage') {
                (Get-Command $command).Parameters['ProfileLocation'].Aliases | Should -Be @('AWSProfilesLocation', 'ProfilesLocation')
                (Get-Command $command).Parameters['ProfileName'].Aliases | Should -Be @('StoredCredentials', 'AWSProfileName')
            }
        }

        It 'uses -Credential (user name = access key id, password = secret key)' {
            $credential = [pscredential]::new('AKIDCREDENTIAL', (ConvertTo-SecureString 'secret/CREDENTIAL' -AsPlainText -Force))
            $null = Get-EcrImageId empty -Credential $credential
            (Get-LastRequest).accessKeyId | Should -Be 'AKIDCREDENTIAL'
        }

        It 'sends -SessionToken with temporary credentials' {
            $null = Get-EcrImageId empty -AccessKey AKIDTOKEN -SecretKey secret/TOKEN -SessionToken token-123
            (Get-LastRequest).accessKeyId | Should -Be 'AKIDTOKEN'
            (Get-LastRequest).hasSessionToken | Should -BeTrue
        }

        It 'uses -ProfileName before the environment variables, and the profile''s region' {
            Invoke-WithEnvironment @{ AWS_REGION = $null } {
                $null = Get-EcrImageId empty -ProfileName named
            }
            (Get-LastRequest).accessKeyId | Should -Be 'AKIDPROFILE'
            (Get-LastRequest).region | Should -Be 'eu-north-1'
        }

        It 'uses a credential_process profile' {
            $null = Get-EcrImageId empty -ProfileName process
            (Get-LastRequest).accessKeyId | Should -Be 'AKIDPROCESS'
        }

        It 'reads profiles from -ProfileLocation' {
            $file = Join-Path $TestDrive 'elsewhere'
            Set-Content -Path $file -Value "[elsewhere]`naws_access_key_id = AKIDLOCATION`naws_secret_access_key = secret/LOCATION"
            $null = Get-EcrImageId empty -ProfileName elsewhere -ProfileLocation $file
            (Get-LastRequest).accessKeyId | Should -Be 'AKIDLOCATION'
        }

        It 'fails for an unknown profile, without sending a request' {
            $failure = { Get-EcrImageId empty -ProfileName nosuch } | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
            $failure.Exception.Message | Should -BeLike "*'nosuch'*"
            (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 0
        }

        It 'uses AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY before AWS_PROFILE' {
            Invoke-WithEnvironment @{ AWS_PROFILE = 'fromenv' } { $null = Get-EcrImageId empty }
            (Get-LastRequest).accessKeyId | Should -Be 'AKIDLOCALECREXAMPLE'
        }

        It 'uses AWS_PROFILE when no keys are in the environment' {
            Invoke-WithEnvironment @{ AWS_PROFILE = 'fromenv'; AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null } { $null = Get-EcrImageId empty }
            (Get-LastRequest).accessKeyId | Should -Be 'AKIDENVPROFILE'
        }

        It 'uses the default profile last' {
            Invoke-WithEnvironment @{ AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null } { $null = Get-EcrImageId empty }
            (Get-LastRequest).accessKeyId | Should -Be 'AKIDDEFAULT'
        }

        It 'says where the credentials, region and endpoint came from, without secrets' {
            $verbose = Get-EcrImageId empty -AccessKey AKIDEXPLICIT -SecretKey secret/EXPLICIT -Region eu-west-3 -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String
            $verbose | Should -BeLike '*Credentials from -AccessKey/-SecretKey; region eu-west-3 from -Region; endpoint from -EndpointUrl*'
            $verbose | Should -Not -BeLike '*secret/EXPLICIT*'
        }
    }

    Context 'region, in order' {
        It 'takes <Expected> from <Source>' -ForEach @(
            @{ Source = '-Region'; Arguments = @{ Region = 'eu-west-2' }; Variables = @{ AWS_REGION = 'us-west-1' }; Expected = 'eu-west-2' }
            @{ Source = 'AWS_REGION'; Arguments = @{}; Variables = @{ AWS_REGION = 'us-west-1'; AWS_DEFAULT_REGION = 'us-west-2' }; Expected = 'us-west-1' }
            @{ Source = 'AWS_DEFAULT_REGION'; Arguments = @{}; Variables = @{ AWS_REGION = $null; AWS_DEFAULT_REGION = 'us-west-2' }; Expected = 'us-west-2' }
            @{ Source = 'the default profile'; Arguments = @{}; Variables = @{ AWS_REGION = $null; AWS_DEFAULT_REGION = $null }; Expected = 'ca-central-1' }
        ) {
            Invoke-WithEnvironment $Variables { $null = Get-EcrImageId empty @Arguments }
            (Get-LastRequest).region | Should -Be $Expected
        }

        It 'fails at once when no region is found, saying how to set one' {
            # The SDK reads the config file's path once per process, so the file itself is emptied for this test.
            $config = Get-Content -Path $ConfigFile -Raw
            Set-Content -Path $ConfigFile -Value ''
            try {
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $failure = Invoke-WithEnvironment @{ AWS_REGION = $null; AWS_DEFAULT_REGION = $null } {
                    { Get-EcrImageId empty -AccessKey AKIDEXPLICIT -SecretKey secret/EXPLICIT } | Should -Throw -PassThru
                }
                $clock.Elapsed.TotalSeconds | Should -BeLessThan 1
            }
            finally {
                Set-Content -Path $ConfigFile -Value $config -NoNewline
            }
            $failure.FullyQualifiedErrorId | Should -BeLike 'RegionNotFound,*'
            $failure.Exception.Message | Should -BeLike '*-Region*AWS_REGION*'
            $failure.Exception | Should -BeOfType EcrTools.EcrConfigurationException
            $failure.Exception.Reason | Should -Be 'RegionNotFound'
            (Get-LocalEcrStats -Endpoint $Endpoint).totalRequests | Should -Be 0
        }

        It 'rejects a malformed -Region' {
            { Get-EcrImageId empty -Region useast1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        }

        It 'completes -Region and -ProfileName' {
            $line = 'Get-EcrImageId x -Region eu-west-'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'eu-west-1'
            $line = 'Get-EcrImageId x -ProfileName na'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'named'
        }
    }

    Context 'endpoint' {
        BeforeAll {
            $PSDefaultParameterValues.Remove('*-Ecr*:EndpointUrl')
        }

        AfterAll {
            $PSDefaultParameterValues['*-Ecr*:EndpointUrl'] = $Endpoint
        }

        It 'uses AWS_ENDPOINT_URL_ECR, signing with the resolved region' {
            Invoke-WithEnvironment @{ AWS_ENDPOINT_URL_ECR = $Endpoint } { $null = Get-EcrImageId empty -Region eu-south-1 }
            (Get-LocalEcrStats -Endpoint $Endpoint).requests.ListImages | Should -Be 1
            (Get-LastRequest).region | Should -Be 'eu-south-1'
        }

        It 'uses AWS_ENDPOINT_URL' {
            Invoke-WithEnvironment @{ AWS_ENDPOINT_URL = $Endpoint } { $null = Get-EcrImageId empty -Region eu-south-2 }
            (Get-LastRequest).region | Should -Be 'eu-south-2'
        }

        It 'uses the profile''s [services] endpoint, signing with the profile''s region' {
            Invoke-WithEnvironment @{ AWS_REGION = $null } { $null = Get-EcrImageId empty -ProfileName withservices }
            (Get-LocalEcrStats -Endpoint $Endpoint).requests.ListImages | Should -Be 1
            (Get-LastRequest).accessKeyId | Should -Be 'AKIDPROFILE'
            (Get-LastRequest).region | Should -Be 'sa-east-1'
        }
    }

    Context 'retries and client reuse' {
        It 'fails a throttled request with AWS_MAX_ATTEMPTS=1 and succeeds with 10' {
            Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ seed = 3; throttleRate = 0.5 }
            try {
                $failures = Invoke-WithEnvironment @{ AWS_MAX_ATTEMPTS = '1' } {
                    1..6 | ForEach-Object { $null = Get-EcrImageId team/web -ErrorVariable +throttled -ErrorAction SilentlyContinue }
                    $throttled
                }
                $failures.Count | Should -BeGreaterThan 0
                $failures[0].FullyQualifiedErrorId | Should -BeLike 'Throttling,*'
                $failures[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'

                Invoke-WithEnvironment @{ AWS_MAX_ATTEMPTS = '10' } {
                    1..6 | ForEach-Object { (Get-EcrImageId team/web -ErrorAction Stop).Count | Should -Be 30 }
                }
                (Get-LocalEcrStats -Endpoint $Endpoint).injectedFaults.throttle | Should -BeGreaterThan 0
            }
            finally {
                Set-LocalEcrFault -Endpoint $Endpoint -Fault @{ throttleRate = 0 }
            }
        }

        It 'rejects a malformed AWS_MAX_ATTEMPTS' {
            $failure = Invoke-WithEnvironment @{ AWS_MAX_ATTEMPTS = 'many' } { { Get-EcrImageId empty } | Should -Throw -PassThru }
            $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidRetrySetting,*'
        }

        It 'reuses one client and its connections for 100 consecutive calls' {
            $null = Get-EcrImageId empty -Region us-east-2
            Reset-LocalEcr -Endpoint $Endpoint
            1..100 | ForEach-Object { $null = Get-EcrImageId empty -Region us-east-2 }
            $stats = Get-LocalEcrStats -Endpoint $Endpoint
            $stats.requests.ListImages | Should -Be 100
            $stats.connectionsOpened | Should -BeLessOrEqual 2
        }
    }
}
