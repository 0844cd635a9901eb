using System.Collections;
using System.Management.Automation;

namespace EcrTools.Binding
{
    /// <summary>How the transformation and validation attributes read a value PowerShell hands them.</summary>
    internal static class BoundValues
    {
        /// <summary>The object a PSObject wraps, or the value itself.</summary>
        internal static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>Whether an (unwrapped) value holds several values: any collection but a string.</summary>
        internal static bool IsList(object? value) => value is IEnumerable && !(value is string);
    }
}
