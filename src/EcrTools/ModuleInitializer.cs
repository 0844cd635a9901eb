using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace EcrTools
{
    /// <summary>
    /// Runs when PowerShell imports the module. Nothing else happens at import: credentials, regions and clients wait
    /// for the first command.
    /// <list type="bullet">
    /// <item>PowerShell 7.4+ (.NET 8+): registers bin/EcrTools.Loader.dll's private load context, which loads
    /// EcrTools.Client and the AWS SDK when a cmdlet first needs them (see LoadContext).</item>
    /// <item>Windows PowerShell 5.1 (.NET Framework): the dependencies load from bin into the session's one context.
    /// .NET Framework binds strong names to exact versions and powershell.exe has no binding redirects for the
    /// polyfills the SDK shares with other assemblies (System.Memory, System.Text.Json, ...), so a request for a
    /// version other than the shipped one is answered with the shipped file.</item>
    /// </list>
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly object RegisterLock = new object();
        private static bool _registered;

        private static string ModuleDirectory => Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

        public void OnImport()
        {
            lock (RegisterLock)
            {
                if (_registered)
                {
                    return;
                }

                _registered = true;
            }

            if (Environment.Version.Major >= 8)
            {
                Assembly loader = Assembly.LoadFrom(Path.Combine(ModuleDirectory, "EcrTools.Loader.dll"));
                loader.GetType("EcrTools.Loader.LoadContext", throwOnError: true)!.GetMethod("Register")!.Invoke(null, null);
            }
            else if (Environment.Version.Major == 4)
            {
                AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
                    ShippedAssemblyPath(ModuleDirectory, new AssemblyName(args.Name)) is string path ? Assembly.LoadFrom(path) : null;
            }
        }

        /// <summary>
        /// The file in <paramref name="directory"/> that answers a failed request for <paramref name="requested"/>:
        /// the module's copy of that assembly, when it ships one. Null for anything else.
        /// </summary>
        internal static string? ShippedAssemblyPath(string directory, AssemblyName requested)
        {
            if (string.IsNullOrEmpty(requested.Name) || requested.Name!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                return null;
            }

            string path = Path.Combine(directory, requested.Name + ".dll");
            return File.Exists(path) ? path : null;
        }
    }
}
