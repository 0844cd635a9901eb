using System.Runtime.CompilerServices;

namespace EcrTools.Client.SdkInternal.Transform
{
    internal static class Jit
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name (runtimes that do not know it
        /// ignore it). The code that reads every item of every page is compiled fully optimised on its first call.
        /// With tiered compilation it would start unoptimised and wait for a quiet moment to be recompiled, and a
        /// PowerShell session that keeps compiling script blocks rarely has one: a 1,000-item page took ~15 % longer.
        /// </summary>
        internal const MethodImplOptions FullyOptimized = (MethodImplOptions)512;
    }
}
