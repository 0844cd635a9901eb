using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using LocalEcr.Protocol;

namespace LocalEcr.Store;

internal enum ImageStatus
{
    Active,
    Archived,
    Activating,
}

/// <summary>A tag on an image. The sequence orders an image's tags and places list entries for paging.</summary>
internal readonly struct ImageTag
{
    public ImageTag(string value, long sequence, StoredImage image)
    {
        Value = value;
        Sequence = sequence;
        ListEntryJson = ListEntryJsonWriter.Write(image.Digest, JsonText.Encode(value));
    }

    public string Value { get; }

    public long Sequence { get; }

    /// <summary>Docker's tag grammar, which ECR applies within its longer limit of 300 characters.</summary>
    public static bool IsValidName(string tag)
    {
        if (tag.Length is 0 or > 300 || !(char.IsAsciiLetterOrDigit(tag[0]) || tag[0] == '_'))
        {
            return false;
        }

        foreach (var c in tag)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>This tag's ListImages entry, <c>{"imageDigest":"sha256:…","imageTag":"v1"}</c>, written once.</summary>
    public byte[] ListEntryJson { get; }
}

/// <summary>An image's ImageDetail JSON and the state it was written for.</summary>
internal sealed record RenderedDetail(ImageTag[] Tags, long? PulledAtMs, JsonEncodedText RegistryId, byte[] Json);

/// <summary>Scan results as DescribeImages reports them.</summary>
internal sealed record ImageScan(
    string? Status,
    string? Description,
    long? CompletedAtMs,
    long? VulnerabilitySourceUpdatedAtMs,
    IReadOnlyList<KeyValuePair<string, int>>? FindingSeverityCounts);

/// <summary>
/// One image (manifest) of a repository. Everything but the tag set and the pull time is fixed at push.
/// Tags are replaced as a whole, under the repository's lock, so a reader always sees a consistent array.
/// Strings are kept as <see cref="JsonEncodedText"/> so responses copy bytes instead of escaping them again.
/// </summary>
internal sealed class StoredImage
{
    private ImageTag[] _tags = [];
    private long _lastPulledAtMs;
    private byte[]? _untaggedListEntryJson;

    /// <param name="findStored">The repository's images by digest, for the size of a list or index.</param>
    public StoredImage(long sequence, string digest, byte[] manifest, string mediaType, ManifestFacts facts, Func<string, StoredImage?> findStored)
    {
        Sequence = sequence;
        Digest = JsonText.Encode(digest);
        Manifest = manifest;
        MediaTypeValue = mediaType;
        MediaType = JsonText.EncodeShared(mediaType);
        ArtifactMediaType = facts.ConfigMediaType is null ? null : JsonText.EncodeShared(facts.ConfigMediaType);
        SubjectDigest = facts.SubjectDigest is null ? null : JsonText.Encode(facts.SubjectDigest);
        SizeInBytes = facts.SizeInBytes(mediaType, findStored);
    }

    /// <summary>Push order within the repository; never reused, so paging positions survive concurrent pushes.</summary>
    public long Sequence { get; }

    public JsonEncodedText Digest { get; }

    /// <summary>The digest itself: it is ASCII hex, so its encoded form is unchanged.</summary>
    public string DigestValue => Digest.Value;

    /// <summary>The manifest's bytes exactly as pushed: the digest is their SHA-256.</summary>
    public byte[] Manifest { get; }

    public JsonEncodedText MediaType { get; }

    public string MediaTypeValue { get; }

    public JsonEncodedText? ArtifactMediaType { get; }

    public JsonEncodedText? SubjectDigest { get; }

    public long SizeInBytes { get; }

    public required long PushedAtMs { get; init; }

    public ImageStatus Status { get; init; } = ImageStatus.Active;

    public long? LastArchivedAtMs { get; init; }

    public long? LastActivatedAtMs { get; init; }

    public ImageScan? Scan { get; init; }

    public ImageTag[] Tags
    {
        get => Volatile.Read(ref _tags);
        set => Volatile.Write(ref _tags, value);
    }

    /// <summary>Milliseconds since the epoch of the last BatchGetImage that returned the image, or null.</summary>
    public long? LastPulledAtMs
    {
        get => Interlocked.Read(ref _lastPulledAtMs) is var value and > 0 ? value : null;
        set => Interlocked.Exchange(ref _lastPulledAtMs, value ?? 0);
    }

    /// <summary>The last ImageDetail written for the image (see <c>ImageJson.WriteImageDetail</c>).</summary>
    public RenderedDetail? RenderedDetail { get; set; }

    /// <summary>The ListImages entry of the image while untagged, <c>{"imageDigest":"sha256:…"}</c>.</summary>
    public byte[] UntaggedListEntryJson => _untaggedListEntryJson ??= ListEntryJsonWriter.Write(Digest, null);
}
