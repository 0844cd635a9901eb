using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace EcrTools
{
    /// <summary>
    /// Runs when PowerShell imports the module. On PowerShell 7.4+ (.NET 8+) it registers bin/EcrTools.Loader.dll's
    /// private load context, which will load EcrTools.Client and the AWS SDK when a cmdlet first needs them (see
    /// LoadContext). Nothing else happens at import: credentials, regions and clients wait for the first command.
    /// Windows PowerShell 5.1 and PowerShell before 7.4 load the dependencies from bin in the session's one context.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        public void OnImport()
        {
            if (Environment.Version.Major < 8)
            {
                return;
            }

            string directory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
            Assembly loader = Assembly.LoadFrom(Path.Combine(directory, "EcrTools.Loader.dll"));
            loader.GetType("EcrTools.Loader.LoadContext", throwOnError: true)!.GetMethod("Register")!.Invoke(null, null);
        }
    }
}
