using System.Collections.Generic;
using System.Text.Json;
using LocalEcr.Protocol;
using LocalEcr.Store;

namespace LocalEcr.Operations;

/// <summary>An <c>ImageIdentifier</c> of a request: a digest, a tag, or both.</summary>
internal readonly record struct ImageIdentifier(string? Digest, string? Tag);

internal enum LookupOutcome
{
    Found,
    NotFound,
    TagDoesNotMatchDigest,
}

/// <summary>Reading image identifiers and finding the images they name.</summary>
internal static class ImageIdentifiers
{
    public static List<ImageIdentifier> Read(JsonElement imageIds)
    {
        var ids = new List<ImageIdentifier>(imageIds.GetArrayLength());
        foreach (var item in imageIds.EnumerateArray())
        {
            ids.Add(new ImageIdentifier(item.OptionalString("imageDigest"), item.OptionalString("imageTag")));
        }

        return ids;
    }

    /// <summary>What each id names (see <see cref="Find"/>), all looked up under one hold of the repository's lock.</summary>
    public static (LookupOutcome Outcome, StoredImage? Image)[] FindAll(Repository repository, IReadOnlyList<ImageIdentifier> ids) =>
        repository.Read(reader =>
        {
            var found = new (LookupOutcome, StoredImage?)[ids.Count];
            for (var i = 0; i < ids.Count; i++)
            {
                found[i] = (Find(reader, ids[i], out var image), image);
            }

            return found;
        });

    /// <summary>By digest, by tag, or by both, which must then name the same image.</summary>
    private static LookupOutcome Find(Repository.Reader reader, ImageIdentifier id, out StoredImage? image)
    {
        var byDigest = id.Digest is null ? null : reader.FindByDigest(id.Digest);
        var byTag = id.Tag is null ? null : reader.FindByTag(id.Tag);
        image = id.Digest is null ? byTag : id.Tag is null ? byDigest : byDigest == byTag ? byDigest : null;
        if (image is not null)
        {
            return LookupOutcome.Found;
        }

        return byDigest is not null || byTag is not null ? LookupOutcome.TagDoesNotMatchDigest : LookupOutcome.NotFound;
    }
}
