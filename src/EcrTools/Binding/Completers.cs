using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Amazon;
using Amazon.Runtime.CredentialManagement;

namespace EcrTools.Binding
{
    /// <summary>Completes -Region with the regions the SDK knows.</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completions.Matching(RegionEndpoint.EnumerableAllRegions.Select(region => (region.SystemName, region.DisplayName)), wordToComplete);
    }

    /// <summary>Completes -ProfileName with the profiles in the shared files (or in -ProfileLocation).</summary>
    public sealed class ProfileCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                string? location = fakeBoundParameters["ProfileLocation"] as string;
                var profiles = new CredentialProfileStoreChain(location).ListProfiles();
                return Completions.Matching(profiles.Select(profile => (profile.Name, profile.CredentialDescription ?? profile.Name)), wordToComplete);
            }
            catch (Exception exception) when (!(exception is OutOfMemoryException))
            {
                // Completion stays silent: an unreadable file just offers nothing.
                return Array.Empty<CompletionResult>();
            }
        }
    }

    internal static class Completions
    {
        public static IEnumerable<CompletionResult> Matching(IEnumerable<(string Value, string Description)> candidates, string wordToComplete)
        {
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return candidates
                .Where(candidate => candidate.Value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(candidate => candidate.Value, StringComparer.OrdinalIgnoreCase)
                .Select(candidate => new CompletionResult(Quote(candidate.Value), candidate.Value, CompletionResultType.ParameterValue, string.IsNullOrEmpty(candidate.Description) ? candidate.Value : candidate.Description))
                .ToList();
        }

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '&', '|', '@', '#' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
    }
}
