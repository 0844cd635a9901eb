using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client;
using EcrTools.Client.Connection;
using EcrTools.Client.Listing;
using EcrTools.Client.Model;
using System.Management.Automation.Language;

namespace EcrTools.Binding
{
    /// <summary>Completes -Region with the regions the SDK knows.</summary>
    internal sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completions.Matching(ConnectionResolver.KnownRegions(), wordToComplete);
    }

    /// <summary>Completes -ProfileName with the profiles in the shared files (or in -ProfileLocation).</summary>
    internal sealed class ProfileCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                string? location = Completions.WithDefaults(commandName, fakeBoundParameters)["ProfileLocation"] as string;
                return Completions.Matching(ConnectionResolver.ListProfiles(location).ToList(), wordToComplete);
            }
            catch (Exception exception) when (!(exception is OutOfMemoryException))
            {
                // Completion stays silent: an unreadable file just offers nothing.
                return Array.Empty<CompletionResult>();
            }
        }
    }

    /// <summary>Completes -RepositoryName with the registry's repositories (DescribeRepositories).</summary>
    internal sealed class RepositoryNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completions.Matching(
                ServiceCompletions.Fetch(Completions.WithDefaults(commandName, fakeBoundParameters), "repositories", async (client, registryId, cancellationToken) =>
                {
                    var names = new List<string>();
                    var request = new DescribeRepositoriesRequest { RegistryId = registryId, MaxResults = 1000 };
                    await foreach (DescribeRepositoriesResponse page in EcrPaginator.DescribeRepositoriesPagesAsync(client, request, cancellationToken).ConfigureAwait(false))
                    {
                        names.AddRange(page.Repositories?.Select(repository => repository.RepositoryName).OfType<string>() ?? Enumerable.Empty<string>());
                        if (names.Count >= ServiceCompletions.MaxItems)
                        {
                            break;
                        }
                    }

                    return names;
                }).Select(name => (name, name)),
                wordToComplete);
    }

    /// <summary>Completes -ImageTag with the tags in the repository named on the command line (ListImages).</summary>
    internal sealed class ImageTagCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completions.Matching(
                ServiceCompletions.FetchForRepository(commandName, fakeBoundParameters, "tags", async (client, repositoryName, registryId, cancellationToken) =>
                {
                    var tags = new List<string>();
                    await foreach (ListImagesResponse page in ImageListings.TaggedImageIdPagesAsync(client, repositoryName, registryId, cancellationToken: cancellationToken).ConfigureAwait(false))
                    {
                        tags.AddRange(page.ImageIds?.Select(id => id.ImageTag).OfType<string>() ?? Enumerable.Empty<string>());
                        if (tags.Count >= ServiceCompletions.MaxItems)
                        {
                            break;
                        }
                    }

                    return tags;
                }).Select(tag => (tag, tag)),
                wordToComplete);
    }

    /// <summary>
    /// Completes -ImageDigest with the digests in the repository named on the command line (ListImages), each shown
    /// with its tags.
    /// </summary>
    internal sealed class ImageDigestCompleter : IArgumentCompleter
    {
        // Each entry is the digest, a space, and the image's tags.
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completions.Matching(
                ServiceCompletions.FetchForRepository(commandName, fakeBoundParameters, "digests", async (client, repositoryName, registryId, cancellationToken) =>
                {
                    var tags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                    var request = new ListImagesRequest { RepositoryName = repositoryName, RegistryId = registryId, MaxResults = 1000 };
                    await foreach (ListImagesResponse page in EcrPaginator.ListImagesPagesAsync(client, request, cancellationToken).ConfigureAwait(false))
                    {
                        foreach (ImageIdentifier id in page.ImageIds ?? new List<ImageIdentifier>())
                        {
                            if (id.ImageDigest is string digest)
                            {
                                if (!tags.TryGetValue(digest, out List<string>? list))
                                {
                                    tags[digest] = list = new List<string>();
                                }

                                if (id.ImageTag is string tag)
                                {
                                    list.Add(tag);
                                }
                            }
                        }

                        if (tags.Count >= ServiceCompletions.MaxItems)
                        {
                            break;
                        }
                    }

                    return tags.Select(image => image.Key + " " + (image.Value.Count == 0 ? "untagged" : string.Join(", ", image.Value))).ToList();
                }).Select(entry => (entry.Substring(0, entry.IndexOf(' ')), entry)),
                wordToComplete);
    }

    /// <summary>
    /// Names fetched from the service for completion, with the credentials, region and endpoint the command line
    /// gives so far; cached for a minute, bounded in count and time, and silent on any failure.
    /// </summary>
    internal static class ServiceCompletions
    {
        public const int MaxItems = 2000;

        private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
        private static readonly ConcurrentDictionary<string, (DateTime Expires, IReadOnlyList<string> Names)> Cache =
            new ConcurrentDictionary<string, (DateTime, IReadOnlyList<string>)>();

        /// <summary>
        /// What the repository the command line names holds (its tags, its digests), fetched as <see cref="Fetch"/>
        /// does; nothing when the command line names no valid repository.
        /// </summary>
        public static IReadOnlyList<string> FetchForRepository(string commandName, IDictionary fakeBoundParameters, string what, Func<IEcrClient, string, string?, CancellationToken, Task<List<string>>> fetch)
        {
            if (!(fakeBoundParameters["RepositoryName"] is string repositoryName) || EcrValidation.RepositoryName(repositoryName) is not null)
            {
                return Array.Empty<string>();
            }

            return Fetch(Completions.WithDefaults(commandName, fakeBoundParameters), what + ":" + repositoryName, (client, registryId, cancellationToken) => fetch(client, repositoryName, registryId, cancellationToken));
        }

        public static IReadOnlyList<string> Fetch(IDictionary bound, string what, Func<IEcrClient, string?, CancellationToken, Task<List<string>>> fetch)
        {
            try
            {
                EcrConnectionSettings settings = new ConnectionResolver().Resolve(ConnectionOptionsBinding.From(bound)).Settings;
                string? registryId = bound["RegistryId"] as string;
                string key = $"{settings.GetHashCode()}|{settings}|{settings.CredentialsKey}|{registryId}|{what}";
                if (Cache.TryGetValue(key, out var cached) && cached.Expires > DateTime.UtcNow)
                {
                    return cached.Names;
                }

                using var cancellation = new CancellationTokenSource(Timeout);
                List<string> names = fetch(EcrClientPool.Get(settings), registryId, cancellation.Token).GetAwaiter().GetResult();
                Cache[key] = (DateTime.UtcNow + CacheFor, names);
                return names;
            }
            catch (Exception exception) when (!(exception is OutOfMemoryException))
            {
                return Array.Empty<string>();
            }
        }
    }

    internal static class Completions
    {
        /// <summary>The connection parameters' aliases (-AK, -StoredCredentials, ...) to their names.</summary>
        private static readonly Dictionary<string, string> ParameterNames = typeof(Commands.EcrCmdlet).GetProperties()
            .SelectMany(property => property.GetCustomAttributes(typeof(AliasAttribute), true).Cast<AliasAttribute>()
                .SelectMany(alias => alias.AliasNames).Select(alias => (Alias: alias, property.Name)))
            .ToDictionary(pair => pair.Alias, pair => pair.Name, StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The parameters of the command line being completed, with the values $PSDefaultParameterValues gives this
        /// command for those it does not name (as the command gets them when it runs): a session that sets
        /// '*-Ecr*:EndpointUrl' or '*-Ecr*:ProfileName' completes against that endpoint or profile. Values that are
        /// script blocks are left out; a failure to read the defaults leaves the command line as it is.
        /// </summary>
        public static IDictionary WithDefaults(string commandName, IDictionary bound)
        {
            var merged = new Hashtable(StringComparer.OrdinalIgnoreCase);
            try
            {
                if (BoundValues.Unwrap(ScriptBlock.Create("$PSDefaultParameterValues").InvokeReturnAsIs()) is IDictionary defaults && !LanguagePrimitives.IsTrue(defaults["Disabled"]))
                {
                    foreach (DictionaryEntry entry in defaults)
                    {
                        object? value = BoundValues.Unwrap(entry.Value);
                        if (entry.Key is string key && key.IndexOf(':') is int colon && colon > 0 && !(value is ScriptBlock)
                            && new WildcardPattern(key.Substring(0, colon).Trim(), WildcardOptions.IgnoreCase).IsMatch(commandName))
                        {
                            string parameter = key.Substring(colon + 1).Trim();
                            merged[ParameterNames.TryGetValue(parameter, out string? name) ? name : parameter] = value;
                        }
                    }
                }
            }
            catch (Exception exception) when (!(exception is OutOfMemoryException))
            {
                merged.Clear();
            }

            foreach (DictionaryEntry entry in bound)
            {
                merged[entry.Key] = entry.Value;
            }

            return merged;
        }

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
