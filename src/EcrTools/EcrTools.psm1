# EcrTools' root module: loads the cmdlets' assembly, bin/EcrTools.dll, the way the running PowerShell allows. The
# manifest's CmdletsToExport exports the cmdlets. Only loading happens here: credentials, regions and clients are
# resolved when a cmdlet first runs.
#
# PowerShell 7.4+ (.NET 8+): bin/EcrTools.Loader.dll loads EcrTools.dll and the dependencies it ships (AWSSDK.Core,
# AWSSDK.SecurityToken, System.IO.Hashing, ...) into a private AssemblyLoadContext, so EcrTools works in a session
# that already holds another AWSSDK.Core (the AWS.Tools modules), and that session's own AWS types are left alone.
# EcrTools.Client is imported too: PowerShell resolves type names ([EcrTools.EcrImageFilter]) in a private context's
# assemblies only once they are imported. AWSSDK.* stay private on purpose.
#
# Windows PowerShell 5.1 (and PowerShell 7 before 7.4): EcrTools.dll is imported directly into the one shared
# context, where the first AWSSDK.Core loaded in the session wins (see README).

if ($PSEdition -eq 'Core' -and [System.Environment]::Version.Major -ge 8) {
    # Initialize() returns the same assembly on every import in a process: a loaded assembly stays loaded.
    $loader = [System.Reflection.Assembly]::LoadFrom("$PSScriptRoot/bin/EcrTools.Loader.dll")
    $moduleAssembly = $loader.GetType('EcrTools.Loader.LoadContext').GetMethod('Initialize').Invoke($null, $null)
    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($moduleAssembly)
    $clientAssembly = $context.LoadFromAssemblyName([System.Reflection.AssemblyName]'EcrTools.Client')
    $innerModules = Microsoft.PowerShell.Core\Import-Module -Assembly $moduleAssembly, $clientAssembly -PassThru
}
else {
    $innerModules = Microsoft.PowerShell.Core\Import-Module -Name "$PSScriptRoot/bin/EcrTools.dll" -PassThru
}

# Import-Module -Assembly hands back a module it imported before without importing its cmdlets into the new scope
# (PowerShell issue 20710), so after `Import-Module EcrTools -Force` the cmdlets would be gone: the inner modules
# leave with this one, and the next import starts afresh.
$ExecutionContext.SessionState.Module.OnRemove = {
    Microsoft.PowerShell.Core\Remove-Module -ModuleInfo $innerModules -Force -ErrorAction Ignore
}
