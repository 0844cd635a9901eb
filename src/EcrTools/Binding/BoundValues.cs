using System;
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

        /// <summary>Null for an empty string: an empty cell of an Import-Csv row means the property was not given.</summary>
        internal static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

        /// <summary>The values that are not empty strings; null when none is left.</summary>
        internal static string[]? WithoutEmpty(string[]? values)
        {
            if (values is null || Array.IndexOf(values, string.Empty) < 0)
            {
                return values;
            }

            string[] kept = Array.FindAll(values, value => value.Length > 0);
            return kept.Length == 0 ? null : kept;
        }
    }
}
