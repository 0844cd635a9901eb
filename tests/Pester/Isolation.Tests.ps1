# EcrTools beside another AWSSDK.Core. On PowerShell 7 the module loads its own AWSSDK.Core (and its other
# dependencies) into a private AssemblyLoadContext, so a session that already holds the AWS.Tools modules' Core
# (3.7.x, assembly version 3.3.0.0, in AWS.Tools v4; 4.0.x in v5) keeps that Core and EcrTools still works. Each case
# runs in a clean child pwsh, as the Pester session itself has EcrTools loaded already.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # Downloads AWSSDK.Core 3.7.402 and 4.0.102.19 into the global packages folder.
    $project = Join-Path $PSScriptRoot 'Isolation.Packages.csproj'
    $restore = & dotnet restore $project --nologo --verbosity quiet 2>&1
    if ($LASTEXITCODE -ne 0) { throw "dotnet restore $project failed: $($restore -join "`n")" }
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()

    function Get-CorePath([string] $Version) {
        Join-Path $packages "awssdk.core/$Version/lib/net8.0/AWSSDK.Core.dll"
    }

    # Each child has only the installed package and PowerShell's own modules on the module path.
    $childEnvironment = @{ PSModulePath = $env:ECRTOOLS_TEST_MODULES + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules') }

    # Loads the given Core before (or after) EcrTools, lists a repository, and reports where each side's Core came from.
    $sessionScript = {
        param([string] $CorePath, [string] $Endpoint, [string] $Order)
        $ErrorActionPreference = 'Stop'
        if ($Order -eq 'CoreFirst') { Add-Type -Path $CorePath }
        Import-Module EcrTools
        if ($Order -eq 'EcrToolsFirst') { Add-Type -Path $CorePath }

        $ids = @(Get-EcrImageId -RepositoryName team/web -EndpointUrl $Endpoint)
        $sessionCore = [Amazon.Runtime.AmazonServiceClient].Assembly
        $cmdletAssembly = [EcrTools.EcrImageId].Assembly
        $clientAssembly = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'EcrTools.Client' })
        $moduleContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($clientAssembly[0])
        $moduleCore = @($moduleContext.Assemblies | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' })
        [pscustomobject]@{
            Count              = $ids.Count
            Type               = $ids[0].GetType().FullName
            Cmdlets            = @((Get-Module EcrTools).ExportedCmdlets.Keys | Sort-Object)
            ModuleBase         = (Get-Module EcrTools).ModuleBase
            SessionCore        = $sessionCore.Location
            SessionCoreVersion = $sessionCore.GetName().Version.ToString()
            SessionCoreWorks   = [Amazon.Runtime.BasicAWSCredentials]::new('AKIDSESSION', 'secret').GetCredentials().AccessKey
            CmdletContext      = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($cmdletAssembly).Name
            CmdletReferences   = @($cmdletAssembly.GetReferencedAssemblies().Name | Sort-Object)
            ClientCopies       = $clientAssembly.Count
            FilterType         = [EcrTools.EcrImageFilter]::Parse('tagStatus=TAGGED').ToString()
            ModuleContext      = $moduleContext.Name
            ModuleCore         = @($moduleCore.Location)
        } | ConvertTo-Json -Compress
    }.ToString()

    # The cases below, each in its own process, side by side.
    $script:Sessions = @{}
    $cases = if ($PSVersionTable.PSVersion -ge [version]'7.4') { @('3.7.402/CoreFirst', '4.0.102.19/CoreFirst', '4.0.102.19/EcrToolsFirst') }
    foreach ($case in $cases) {
        $coreVersion, $coreOrder = $case -split '/'
        $Sessions[$case] = Start-ChildPwsh $sessionScript @((Get-CorePath $coreVersion), $Endpoint, $coreOrder) $childEnvironment
    }
    foreach ($case in $cases) { $Sessions[$case] = Receive-ChildPwsh $Sessions[$case] }
}

# The loader is for PowerShell 7.4+ (.NET 8+); before that, and on Windows PowerShell, EcrTools shares the session's
# load context, and the first AWSSDK.Core loaded wins.
Describe 'EcrTools in a session that also loaded AWSSDK.Core <Version> (<Order>)' -Skip:($PSVersionTable.PSVersion -lt [version]'7.4') -ForEach @(
    @{ Version = '3.7.402'; AssemblyVersion = '3.3.0.0'; Order = 'CoreFirst' }
    @{ Version = '4.0.102.19'; AssemblyVersion = '4.0.0.0'; Order = 'CoreFirst' }
    @{ Version = '4.0.102.19'; AssemblyVersion = '4.0.0.0'; Order = 'EcrToolsFirst' }
) {
    BeforeAll {
        $corePath = Get-CorePath $Version
        $session = $Sessions["$Version/$Order"]
    }

    It 'imports the installed module with its three cmdlets' {
        $session.ModuleBase | Should -BeLike "$env:ECRTOOLS_TEST_MODULES*"
        $session.Cmdlets | Should -Be @('Get-EcrImage', 'Get-EcrImageId', 'Publish-EcrImage')
    }

    It 'lists images with Get-EcrImageId' {
        $session.Count | Should -Be 30
        $session.Type | Should -Be 'EcrTools.EcrImageId'
    }

    It 'leaves the session''s [Amazon.Runtime.AmazonServiceClient] on the Core the session loaded' {
        $session.SessionCore | Should -Be $corePath
        $session.SessionCoreVersion | Should -Be $AssemblyVersion
        $session.SessionCoreWorks | Should -Be 'AKIDSESSION'
    }

    It 'runs on its own AWSSDK.Core in its own load context' {
        $session.ModuleContext | Should -Be 'EcrTools'
        $session.ClientCopies | Should -Be 1
        $session.ModuleCore | Should -Be @(Join-Path $session.ModuleBase 'bin/AWSSDK.Core.dll')
    }

    It 'loads the cmdlets in the shared context, with its types visible and no AWS SDK reference' {
        $session.CmdletContext | Should -Be 'Default'
        $session.CmdletReferences | Should -Not -BeLike 'AWSSDK*'
        $session.CmdletReferences | Should -Contain 'EcrTools.Client'
        $session.FilterType | Should -Be 'tagStatus=TAGGED'
    }
}
