using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace EcrTools.Loader
{
    /// <summary>
    /// The private AssemblyLoadContext of EcrTools on PowerShell 7.4+. The cmdlets' assembly (EcrTools.dll) loads in
    /// PowerShell's default context like any binary module and names only PowerShell, the runtime and EcrTools.Client;
    /// <see cref="Register"/> sends the default context's request for EcrTools.Client here, and this context loads it
    /// and every dependency the module ships (AWSSDK.*, System.IO.Hashing, ...) from the module's bin folder. So a
    /// different AWSSDK.Core already loaded by another module (AWS.Tools ships 3.7.x and 4.0.x) is neither used by
    /// EcrTools nor disturbed by it. Anything the module does not ship (System.Management.Automation, the runtime),
    /// and the polyfills that the host already provides in the same or a newer version (System.Memory,
    /// System.Text.Json, ...), come from the default context: the netstandard2.0 polyfills in bin are for Windows
    /// PowerShell 5.1 and must not shadow the runtime's own types.
    /// </summary>
    public sealed class LoadContext : AssemblyLoadContext
    {
        private const string ModuleAssemblyName = "EcrTools";
        private const string ClientAssemblyName = "EcrTools.Client";

        private static readonly object InstanceLock = new object();
        private static LoadContext? _instance;

        private readonly string _assemblyDirectory;
        private readonly Lazy<Dictionary<string, string>> _platformAssemblies = new Lazy<Dictionary<string, string>>(ReadPlatformAssemblies);
        // The runtime asks again for a name this context left to the default one: read each platform file once.
        private readonly ConcurrentDictionary<string, Version?> _platformVersions = new ConcurrentDictionary<string, Version?>(StringComparer.OrdinalIgnoreCase);

        private LoadContext(string assemblyDirectory)
            : base(ModuleAssemblyName, isCollectible: false)
        {
            _assemblyDirectory = assemblyDirectory;
        }

        /// <summary>
        /// Called once per process, by EcrTools.dll's module initializer on the first import (a re-import keeps the
        /// one handler and context, as an assembly cannot be unloaded from a non-collectible context): from now on
        /// the default context's request for EcrTools.Client, made when a cmdlet first runs, is answered from this
        /// context, which is created then.
        /// </summary>
        public static void Register() => Default.Resolving += ResolveClient;

        private static Assembly? ResolveClient(AssemblyLoadContext context, AssemblyName assemblyName)
        {
            if (!string.Equals(assemblyName.Name, ClientAssemblyName, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            lock (InstanceLock)
            {
                _instance ??= new LoadContext(Path.GetDirectoryName(typeof(LoadContext).Assembly.Location)!);
            }

            return _instance.LoadFromAssemblyName(assemblyName);
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string? name = assemblyName.Name;
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            // Not shipped with the module: PowerShell's or the runtime's, from the default context.
            string path = Path.Combine(_assemblyDirectory, name + ".dll");
            if (!File.Exists(path))
            {
                return null;
            }

            // The module's own assemblies and the AWS SDK's are what this context isolates: always the shipped copy,
            // whatever the host has. A polyfill gives way to the platform's same or newer copy.
            bool isolated = name.StartsWith(ModuleAssemblyName + ".", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("AWSSDK.", StringComparison.OrdinalIgnoreCase);
            if (!isolated && IsProvidedByPlatform(name, assemblyName.Version))
            {
                return null;
            }

            return LoadFromAssemblyPath(path);
        }

        /// <summary>True when the host's trusted platform assemblies (the runtime and PowerShell's own) hold this
        /// assembly in the requested version or a newer one: then the default context's copy serves us too.</summary>
        private bool IsProvidedByPlatform(string name, Version? requested)
        {
            if (!_platformAssemblies.Value.TryGetValue(name, out string? path))
            {
                return false;
            }

            Version? platform = _platformVersions.GetOrAdd(path, ReadVersion);
            return platform is not null && (requested is null || platform >= requested);
        }

        private static Version? ReadVersion(string path)
        {
            try
            {
                return AssemblyName.GetAssemblyName(path).Version;
            }
            catch (Exception e) when (e is IOException || e is BadImageFormatException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static Dictionary<string, string> ReadPlatformAssemblies()
        {
            var assemblies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                foreach (string path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    assemblies.TryAdd(Path.GetFileNameWithoutExtension(path), path);
                }
            }
            return assemblies;
        }
    }
}
