# The package as a user gets it: the built nupkg in a repository, installed with the ordinary commands, PSResourceGet's
# Install-PSResource and PowerShellGet's Install-Module, then imported and used in a clean session that has only that
# install and PowerShell's own modules. Each install runs in a child pwsh whose HOME is a temporary folder, so the
# repository registrations and the CurrentUser install land there, not in the user's profile.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # Invoke-PesterSuite.ps1 gets the package path from build.ps1; without it, the package build.ps1 makes.
    $package = $env:ECRTOOLS_TEST_PACKAGE
    if (-not $package) {
        $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
        $propsVersion = (Select-Xml -Path (Join-Path $root 'Directory.Build.props') -XPath '//VersionPrefix').Node.InnerText
        $package = Join-Path $root "output/EcrTools.$propsVersion.nupkg"
    }
    $script:Version = [regex]::Match((Split-Path $package -Leaf), '^EcrTools\.(.+)\.nupkg$').Groups[1].Value
    $script:Repository = Join-Path $TestDrive 'repository'
    $null = New-Item -ItemType Directory -Path $Repository
    Copy-Item $package -Destination $Repository

    # A child's environment: HOME in a folder of its own (and so its CurrentUser module folder, repositories and
    # caches), and the module path given, or PowerShell's default when $null.
    function Get-ChildEnvironment([string] $HomePath, [string] $ModulePath, [switch] $Offline) {
        $environment = @{ HOME = $HomePath; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null; PSModulePath = $ModulePath }
        if ($Offline) {
            # PowerShellGet 2 looks up the PowerShell Gallery when a profile has no repositories yet: through a proxy
            # on a closed loopback port, that ends at 127.0.0.1 and fails at once (the Gallery stays unregistered).
            foreach ($name in 'http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY') { $environment[$name] = 'http://127.0.0.1:9' }
            foreach ($name in 'no_proxy', 'NO_PROXY', 'all_proxy', 'ALL_PROXY') { $environment[$name] = $null }
        }
        $environment
    }

    $script:InstallScripts = @{
        'Install-PSResource' = {
            param([string] $Repository)
            $ErrorActionPreference = 'Stop'
            Register-PSResourceRepository -Name EcrToolsLocal -Uri $Repository -Trusted
            Install-PSResource -Name EcrTools -Repository EcrToolsLocal -Scope CurrentUser -TrustRepository -Quiet
            $installed = Get-InstalledPSResource -Name EcrTools -Scope CurrentUser
            [pscustomobject]@{ Command = (Get-Command Install-PSResource).Source; Version = "$($installed.Version)" } | ConvertTo-Json -Compress
        }.ToString()
        'Install-Module'     = {
            param([string] $Repository)
            $ErrorActionPreference = 'Stop'
            Import-Module PowerShellGet -MaximumVersion 2.99
            Register-PSRepository -Name EcrToolsLocal -SourceLocation $Repository -InstallationPolicy Trusted
            Install-Module -Name EcrTools -Repository EcrToolsLocal -Scope CurrentUser
            $installed = Get-InstalledModule -Name EcrTools
            [pscustomobject]@{ Command = "$((Get-Command Install-Module).Source) $((Get-Command Install-Module).Version)"; Version = "$($installed.Version)" } | ConvertTo-Json -Compress
        }.ToString()
    }

    $script:UseScript = {
        param([string] $Endpoint)
        $ErrorActionPreference = 'Stop'
        $available = @(Get-Module -ListAvailable -Name EcrTools)
        Import-Module EcrTools
        $module = Get-Module EcrTools
        $manifest = Test-ModuleManifest -Path (Join-Path $module.ModuleBase 'EcrTools.psd1')
        $ids = @(Get-EcrImageId -RepositoryName team/web -EndpointUrl $Endpoint)
        [pscustomobject]@{
            PSModulePath    = $env:PSModulePath
            Available       = @($available.ModuleBase)
            ModuleBase      = $module.ModuleBase
            Version         = "$($module.Version)"
            Cmdlets         = @($module.ExportedCmdlets.Keys | Sort-Object)
            ManifestVersion = "$($manifest.Version)"
            ManifestCmdlets = @($manifest.ExportedCmdlets.Keys | Sort-Object)
            ManifestLicense = "$($manifest.LicenseUri)"
            Count           = $ids.Count
            Type            = $ids[0].GetType().FullName
        } | ConvertTo-Json -Compress
    }.ToString()

    # Both installs side by side, then both clean sessions side by side. (HOME decides where CurrentUser installs go
    # on Linux and macOS only: on Windows it is the Documents folder, so the tests are skipped there.)
    $script:Runs = @{}
    foreach ($tool in @('Install-PSResource', 'Install-Module') | Where-Object { -not $IsWindows }) {
        $homePath = Join-Path $TestDrive $tool
        $null = New-Item -ItemType Directory -Path $homePath
        # pwsh's CurrentUser module folder on Linux and macOS, where both commands install with -Scope CurrentUser.
        $Runs[$tool] = @{ Home = $homePath; InstallPath = Join-Path $homePath '.local/share/powershell/Modules' }
        $Runs[$tool].Child = Start-ChildPwsh $InstallScripts[$tool] @($Repository) (Get-ChildEnvironment $homePath $null -Offline)
    }
    foreach ($run in $Runs.Values) {
        $run.Install = Receive-ChildPwsh $run.Child
        $modulePath = $run.InstallPath + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
        $run.Child = Start-ChildPwsh $UseScript @($Endpoint) (Get-ChildEnvironment $run.Home $modulePath)
    }
    foreach ($run in $Runs.Values) { $run.Use = Receive-ChildPwsh $run.Child }
}

Describe 'Installing the package with <Command>' -Skip:$IsWindows -ForEach @(
    @{ Command = 'Install-PSResource'; Module = 'Microsoft.PowerShell.PSResourceGet' }
    @{ Command = 'Install-Module'; Module = 'PowerShellGet' }
) {
    BeforeAll {
        $installPath = $Runs[$Command].InstallPath
        $install = $Runs[$Command].Install
        $use = $Runs[$Command].Use
    }

    It 'installs the package''s version into the CurrentUser module folder' {
        $install.Command | Should -BeLike "$Module*"
        $install.Version | Should -Be $Version
        Join-Path $installPath "EcrTools/$Version/EcrTools.psd1" | Should -Exist
        Join-Path $installPath "EcrTools/$Version/bin/EcrTools.dll" | Should -Exist
    }

    It 'is the only EcrTools a clean session finds' {
        $use.Available | Should -Be @(Join-Path $installPath "EcrTools/$Version")
        $use.ModuleBase | Should -Be (Join-Path $installPath "EcrTools/$Version")
        $use.PSModulePath -split [IO.Path]::PathSeparator | Should -Contain $installPath
    }

    It 'passes Test-ModuleManifest' {
        $use.ManifestVersion | Should -Be $Version
        $use.ManifestCmdlets | Should -Be @('Get-EcrImage', 'Get-EcrImageId', 'Publish-EcrImage')
        $use.ManifestLicense | Should -Be 'https://www.apache.org/licenses/LICENSE-2.0'
    }

    It 'imports and lists images with Get-EcrImageId' {
        $use.Version | Should -Be $Version
        $use.Cmdlets | Should -Be @('Get-EcrImage', 'Get-EcrImageId', 'Publish-EcrImage')
        $use.Count | Should -Be 30
        $use.Type | Should -Be 'EcrTools.EcrImageId'
    }
}
