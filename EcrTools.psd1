@{
    # ModuleVersion is written by build.ps1 from <VersionPrefix> in Directory.Build.props, the one version source.
    ModuleVersion          = '0.0.0'
    # The cmdlets' assembly. On PowerShell 7.4+ its module initializer hands EcrTools.Client and the AWS SDK to a
    # private AssemblyLoadContext (bin/EcrTools.Loader.dll); on Windows PowerShell 5.1 they load directly.
    RootModule             = 'bin/EcrTools.dll'
    GUID                   = '6f1d2c1e-7a53-4c1b-9f0e-2d8f5b3a9c41'
    Author                 = 'EcrTools contributors'
    CompanyName            = 'EcrTools contributors'
    Copyright              = '(c) 2026 EcrTools contributors. Licensed under the Apache License 2.0.'
    Description            = 'Query and publish container images in Amazon ECR: Get-EcrImage, Get-EcrImageId and Publish-EcrImage with pipeline input, automatic pagination and filters. On PowerShell 7.4+ it loads its AWS SDK assemblies in a private context, so the session can also hold another AWSSDK.Core, such as the AWS.Tools modules''.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('EcrTools.Format.ps1xml')
    CmdletsToExport        = @('Get-EcrImage', 'Get-EcrImageId', 'Publish-EcrImage')
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('AWS', 'ECR', 'Container', 'Docker', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ReleaseNotes = 'First release: Get-EcrImage, Get-EcrImageId and Publish-EcrImage over a typed ECR client on AWSSDK.Core 4. On PowerShell 7.4 and later the module and its dependencies load into their own AssemblyLoadContext; on Windows PowerShell 5.1 they share the session''s, where the first AWSSDK.Core loaded wins.'
        }
    }
}
