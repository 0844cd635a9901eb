using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LocalEcr.Store;

internal enum TagMutability
{
    Mutable,
    Immutable,
    ImmutableWithExclusion,
    MutableWithExclusion,
}

/// <summary>A tag pattern exempt from the repository's tag mutability (<c>WILDCARD</c>: '*' matches any run).</summary>
internal sealed class TagMutabilityExclusion
{
    private readonly Regex _wildcard;

    public TagMutabilityExclusion(string filter)
    {
        Filter = filter;
        _wildcard = new Regex("^" + Regex.Escape(filter).Replace("\\*", ".*", StringComparison.Ordinal) + "\\z", RegexOptions.CultureInvariant);
    }

    public string FilterType => "WILDCARD";

    public string Filter { get; }

    public bool Matches(string tag) => _wildcard.IsMatch(tag);
}

/// <summary>A repository's configuration, as seeded and as DescribeRepositories reports it.</summary>
internal sealed record RepositorySettings
{
    public required long CreatedAtMs { get; init; }

    public TagMutability TagMutability { get; init; } = TagMutability.Mutable;

    public IReadOnlyList<TagMutabilityExclusion> TagMutabilityExclusions { get; init; } = [];

    public bool ScanOnPush { get; init; }

    public string EncryptionType { get; init; } = "AES256";

    public string? KmsKey { get; init; }

    /// <summary>Pushing a new image beyond this many answers LimitExceededException.</summary>
    public int? ImageLimit { get; init; }

    /// <summary>When set, every push answers KmsException with this kmsError.</summary>
    public string? KmsError { get; init; }

    public bool IsTagImmutable(string tag) => TagMutability switch
    {
        TagMutability.Immutable => true,
        TagMutability.ImmutableWithExclusion => !IsExcluded(tag),
        TagMutability.MutableWithExclusion => IsExcluded(tag),
        _ => false,
    };

    private bool IsExcluded(string tag)
    {
        foreach (var exclusion in TagMutabilityExclusions)
        {
            if (exclusion.Matches(tag))
            {
                return true;
            }
        }

        return false;
    }
}
