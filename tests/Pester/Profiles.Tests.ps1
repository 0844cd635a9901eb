# Role and SSO profiles end to end, proven by the signatures LocalEcr verifies. The SDK's STS and SSO clients are
# pointed at LocalEcr (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_SSO; SSO OIDC too, although a valid cached token needs
# none), so no request leaves 127.0.0.1, and LocalEcr's counts show each step: the AssumeRole or GetRoleCredentials,
# then the ECR request signed with the temporary key and its session token.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    $script:SourceKey = 'AKIDROLESOURCE'
    $script:SsoToken = 'aoaLocalEcrSsoAccessToken-' + [guid]::NewGuid().ToString('n')
    $script:SsoAccount = '210987654321'
    Add-LocalEcrSeed -Endpoint $Endpoint -Seed @{
        credentials = @(@{ accessKeyId = $SourceKey; secretAccessKey = 'secret/ROLESOURCE' })
        ssoTokens   = @(
            @{ accessToken = $SsoToken; accountId = $SsoAccount; roleName = 'EcrReader' }
            @{ accessToken = $SsoToken; accountId = $SsoAccount; roleName = 'LegacyReader' }
        )
    }

    # AWSSDK.Core reads the shared files' paths once per process, so these profiles go into the files this process
    # already uses, and the files get their contents back afterwards.
    $script:CredentialsFile = $env:AWS_SHARED_CREDENTIALS_FILE
    $script:ConfigFile = $env:AWS_CONFIG_FILE
    $script:SavedCredentials = Get-Content -Path $CredentialsFile -Raw
    $script:SavedConfig = Get-Content -Path $ConfigFile -Raw
    Add-Content -Path $CredentialsFile -Value @"

[ecr-role-source]
aws_access_key_id = $SourceKey
aws_secret_access_key = secret/ROLESOURCE
"@
    Add-Content -Path $ConfigFile -Value @"

[profile ecr-role]
role_arn = arn:aws:iam::123456789012:role/ci/EcrReader
source_profile = ecr-role-source
role_session_name = ecrtools-pester
region = eu-west-1

[profile ecr-role-reused]
role_arn = arn:aws:iam::123456789012:role/EcrReader
source_profile = ecr-role-source

[profile ecr-role-denied]
role_arn = arn:aws:iam::123456789012:user/not-a-role
source_profile = ecr-role-source
"@

    # STS at LocalEcr whenever a role profile is used: the SDK must never reach sts.amazonaws.com.
    $script:StsAtLocalEcr = @{ AWS_ENDPOINT_URL_STS = $Endpoint }
}

AfterAll {
    Set-Content -Path $CredentialsFile -Value $SavedCredentials -NoNewline
    Set-Content -Path $ConfigFile -Value $SavedConfig -NoNewline
}

Describe 'Role profiles (role_arn with source_profile)' {
    BeforeEach {
        Reset-LocalEcr -Endpoint $Endpoint
    }

    It 'assumes the role with the source profile''s keys, then lists with the temporary credentials' {
        $ids = @(Invoke-WithEnvironment $StsAtLocalEcr { Get-EcrImageId empty -ProfileName ecr-role -ErrorAction Stop })

        $ids.Count | Should -Be 0
        $stats = Get-LocalEcrStats -Endpoint $Endpoint
        $stats.requests.AssumeRole | Should -Be 1
        $stats.requests.ListImages | Should -Be 1
        $stats.totalRequests | Should -Be 2
        $stats.failedRequests | Should -Be 0

        # The AssumeRole: signed with the source profile's key, for the profile's role and session name.
        $issued = $stats.lastIssuedCredentials
        $issued.operation | Should -Be 'AssumeRole'
        $issued.callerAccessKeyId | Should -Be $SourceKey
        $issued.roleArn | Should -Be 'arn:aws:iam::123456789012:role/ci/EcrReader'
        $issued.roleSessionName | Should -Be 'ecrtools-pester'
        $issued.issuedAccessKeyId | Should -BeLike 'ASIA*'

        # Then the ListImages: signed with the issued key, carrying its session token, in the profile's region.
        $stats.lastRequest.operation | Should -Be 'ListImages'
        $stats.lastRequest.accessKeyId | Should -Be $issued.issuedAccessKeyId
        $stats.lastRequest.hasSessionToken | Should -BeTrue
        $stats.lastRequest.region | Should -Be 'us-east-1' # AWS_REGION comes before the profile's region
    }

    It 'assumes the role once and reuses the temporary credentials for the next command' {
        Invoke-WithEnvironment $StsAtLocalEcr { $null = Get-EcrImageId empty -ProfileName ecr-role-reused -ErrorAction Stop }
        $first = Get-LocalEcrStats -Endpoint $Endpoint
        $first.requests.AssumeRole | Should -Be 1
        $first.lastIssuedCredentials.roleSessionName | Should -BeLike 'aws-dotnet-sdk-session-*' # the SDK's default

        Reset-LocalEcr -Endpoint $Endpoint
        Invoke-WithEnvironment $StsAtLocalEcr { $null = Get-EcrImageId empty -ProfileName ecr-role-reused -ErrorAction Stop }
        $second = Get-LocalEcrStats -Endpoint $Endpoint
        $second.requests.AssumeRole | Should -Be 0
        $second.requests.ListImages | Should -Be 1
        $second.lastRequest.accessKeyId | Should -Be $first.lastIssuedCredentials.issuedAccessKeyId
    }

    It 'fails with STS''s reason when the role cannot be assumed, and lists nothing' {
        $failure = Invoke-WithEnvironment $StsAtLocalEcr {
            { Get-EcrImageId empty -ProfileName ecr-role-denied -ErrorAction Stop } | Should -Throw -PassThru
        }

        $failure.Exception.Message | Should -BeLike '*AssumeRole*arn:aws:iam::123456789012:user/not-a-role*'
        $failure.Exception.ToString() | Should -BeLike '*is not authorized to perform: sts:AssumeRole*'
        $failure.ErrorDetails.Message | Should -BeLike '*is not authorized to perform: sts:AssumeRole*'
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $stats = Get-LocalEcrStats -Endpoint $Endpoint
        $stats.requests.AssumeRole | Should -Be 1
        $stats.requests.ListImages | Should -Be 0
        $stats.failedRequests | Should -Be 1
    }
}

Describe 'SSO profiles (sso_session or sso_start_url, with a cached token)' {
    BeforeAll {
        # The SDK reads the token cache under the home folder when a request needs credentials, so this runs in a
        # child pwsh with a home, shared files and endpoints of its own.
        $sandbox = Join-Path $TestDrive 'sso'
        $homePath = Join-Path $sandbox 'home'
        $cache = New-Item -ItemType Directory -Path (Join-Path $homePath '.aws/sso/cache')
        $configPath = Join-Path $sandbox 'config'
        $credentialsPath = Join-Path $sandbox 'credentials'
        $startUrl = 'https://localecr.example.com/start'
        $legacyStartUrl = 'https://localecr-legacy.example.com/start'
        Set-Content -Path $credentialsPath -Value ''
        Set-Content -Path $configPath -Value @"
[profile ecr-sso]
sso_session = localecr
sso_account_id = $SsoAccount
sso_role_name = EcrReader
region = us-east-1

[sso-session localecr]
sso_start_url = $startUrl
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile ecr-sso-legacy]
sso_start_url = $legacyStartUrl
sso_region = us-east-1
sso_account_id = $SsoAccount
sso_role_name = LegacyReader
region = us-east-1
"@
        # What 'aws sso login' leaves: ~/.aws/sso/cache/<sha1 of the session name, or of the start URL>.json.
        function Get-Sha1([string] $Text) {
            [Convert]::ToHexString([Security.Cryptography.SHA1]::HashData([Text.Encoding]::UTF8.GetBytes($Text))).ToLowerInvariant()
        }
        $expiresAt = [DateTime]::UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [Globalization.CultureInfo]::InvariantCulture)
        foreach ($entry in @{ Name = 'localecr'; Url = $startUrl }, @{ Name = $legacyStartUrl; Url = $legacyStartUrl }) {
            @{ accessToken = $SsoToken; expiresAt = $expiresAt; region = 'us-east-1'; startUrl = $entry.Url } | ConvertTo-Json |
                Set-Content -Path (Join-Path $cache "$(Get-Sha1 $entry.Name).json")
        }

        # 1. The module resolves the sso_session profile itself. 2. The AWSSDK.Core that EcrTools ships (loaded in
        # its own context) resolves the legacy profile, and the module lists with the credentials it got.
        $childScript = {
            param([string] $Endpoint, [string] $LocalEcrModule)
            $ErrorActionPreference = 'Stop'
            Import-Module EcrTools
            Import-Module $LocalEcrModule
            $result = [ordered]@{}

            Reset-LocalEcr -Endpoint $Endpoint
            try {
                $result.moduleCount = @(Get-EcrImageId empty -ProfileName ecr-sso -EndpointUrl $Endpoint).Count
            }
            catch {
                $result.moduleError = $_.Exception.ToString()
            }
            $result.moduleStats = Get-LocalEcrStats -Endpoint $Endpoint

            Reset-LocalEcr -Endpoint $Endpoint
            $moduleBase = (Get-Module EcrTools).ModuleBase
            $core = [AppDomain]::CurrentDomain.GetAssemblies() |
                Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' -and $_.Location -like "$moduleBase*" } | Select-Object -First 1
            $chain = [Activator]::CreateInstance($core.GetType('Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain', $true))
            $sdkProfile = $null
            if (-not $chain.TryGetProfile('ecr-sso-legacy', [ref] $sdkProfile)) { throw 'The SDK does not see the profile ecr-sso-legacy.' }
            $factory = $core.GetType('Amazon.Runtime.CredentialManagement.AWSCredentialsFactory', $true)
            $source = $core.GetType('Amazon.Runtime.CredentialManagement.ICredentialProfileSource', $true)
            $credentials = $factory.GetMethod('GetAWSCredentials', [Type[]] @($sdkProfile.GetType(), $source)).Invoke($null, @($sdkProfile, $chain))
            $result.sdkCredentialsType = $credentials.GetType().FullName
            $immutable = $credentials.GetCredentials()
            $result.sdkAccessKeyId = $immutable.AccessKey
            $result.sdkStats = Get-LocalEcrStats -Endpoint $Endpoint
            $result.listCount = @(Get-EcrImageId empty -AccessKey $immutable.AccessKey -SecretKey $immutable.SecretKey -SessionToken $immutable.Token -EndpointUrl $Endpoint).Count
            $result.listStats = Get-LocalEcrStats -Endpoint $Endpoint
            $result | ConvertTo-Json -Depth 6 -Compress
        }

        $scriptPath = Join-Path $sandbox 'child.ps1'
        Set-Content -Path $scriptPath -Value $childScript.ToString()
        $processPath = [Environment]::ProcessPath
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new($processPath)
        if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') { $startInfo.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $scriptPath, $Endpoint, (Join-Path $PSScriptRoot '../LocalEcr/LocalEcr.psm1')) {
            $startInfo.ArgumentList.Add($argument)
        }
        $variables = @{
            HOME                        = $homePath
            USERPROFILE                 = $homePath
            AWS_CONFIG_FILE             = $configPath
            AWS_SHARED_CREDENTIALS_FILE = $credentialsPath
            AWS_EC2_METADATA_DISABLED   = 'true'
            AWS_REGION                  = 'us-east-1'
            AWS_ENDPOINT_URL_SSO        = $Endpoint
            AWS_ENDPOINT_URL_SSO_OIDC   = $Endpoint
            AWS_ENDPOINT_URL_STS        = $Endpoint
            PSModulePath                = $env:ECRTOOLS_TEST_MODULES + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
            POWERSHELL_TELEMETRY_OPTOUT = '1'
        }
        foreach ($name in $variables.Keys) { $startInfo.Environment[$name] = $variables[$name] }
        foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ECR') {
            $null = $startInfo.Environment.Remove($name)
        }
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardError = $true
        $startInfo.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($startInfo)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(120000)) { $process.Kill($true); throw 'The child pwsh did not finish in 2 minutes.' }
        if ($process.ExitCode -ne 0) { throw "The child pwsh failed ($($process.ExitCode)): $($stderr.Result) $($stdout.Result)" }
        $script:Child = $stdout.Result | ConvertFrom-Json
    }

    It 'gets role credentials from the portal with the cached token, then lists with them (-ProfileName)' {
        $Child.moduleError | Should -BeNullOrEmpty
        $Child.moduleCount | Should -Be 0
        $stats = $Child.moduleStats
        $stats.requests.GetRoleCredentials | Should -Be 1
        $stats.requests.ListImages | Should -Be 1
        $stats.failedRequests | Should -Be 0
        $stats.lastIssuedCredentials.operation | Should -Be 'GetRoleCredentials'
        $stats.lastIssuedCredentials.accountId | Should -Be $SsoAccount
        $stats.lastIssuedCredentials.roleName | Should -Be 'EcrReader'
        $stats.lastRequest.operation | Should -Be 'ListImages'
        $stats.lastRequest.accessKeyId | Should -Be $stats.lastIssuedCredentials.issuedAccessKeyId
        $stats.lastRequest.hasSessionToken | Should -BeTrue
    }

    It 'the SDK EcrTools ships gets SSO role credentials from the portal, never AWS, and ECR accepts them' {
        $Child.sdkCredentialsType | Should -Be 'Amazon.Runtime.SSOAWSCredentials'
        $Child.sdkStats.requests.GetRoleCredentials | Should -Be 1
        $Child.sdkStats.totalRequests | Should -Be 1
        $Child.sdkStats.failedRequests | Should -Be 0
        $Child.sdkStats.lastIssuedCredentials.accountId | Should -Be $SsoAccount
        $Child.sdkStats.lastIssuedCredentials.roleName | Should -Be 'LegacyReader'
        $Child.sdkAccessKeyId | Should -Be $Child.sdkStats.lastIssuedCredentials.issuedAccessKeyId

        $Child.listCount | Should -Be 0
        $Child.listStats.requests.ListImages | Should -Be 1
        $Child.listStats.failedRequests | Should -Be 0
        $Child.listStats.lastRequest.accessKeyId | Should -Be $Child.sdkAccessKeyId
        $Child.listStats.lastRequest.hasSessionToken | Should -BeTrue
    }
}
