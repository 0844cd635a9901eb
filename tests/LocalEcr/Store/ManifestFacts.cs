using System;
using System.Collections.Generic;
using System.Text.Json;

namespace LocalEcr.Store;

/// <summary>What ECR reads from a manifest: its declared media type, the blobs or manifests it needs, sizes, subject.</summary>
internal sealed class ManifestFacts
{
    public int SchemaVersion { get; init; }

    /// <summary>The manifest's own <c>mediaType</c> member, if any.</summary>
    public string? DeclaredMediaType { get; init; }

    /// <summary><c>config.mediaType</c>: ECR reports it as the image's artifactMediaType.</summary>
    public string? ConfigMediaType { get; init; }

    /// <summary>Config and layer digests (schema 1: <c>fsLayers[].blobSum</c>), the blobs the repository must hold.</summary>
    public IReadOnlyList<string> Blobs { get; init; } = [];

    /// <summary><c>manifests[].digest</c> of a manifest list or index.</summary>
    public IReadOnlyList<string> ReferencedManifests { get; init; } = [];

    public long LayerBytes { get; init; }

    public int ManifestBytes { get; init; }

    /// <summary><c>subject.digest</c> of an artifact or referrer.</summary>
    public string? SubjectDigest { get; init; }

    /// <summary>The media type ECR stores when the request names none: the declared one, or schema 1's.</summary>
    public string? ImpliedMediaType =>
        DeclaredMediaType ?? (SchemaVersion == 1 ? MediaTypes.DockerSchema1Signed : null);

    /// <summary>
    /// The sum of the layers for an image; for a list or index, as ECR documents it, "the max size of all manifests in
    /// the list": the largest of the images it names (<paramref name="findStored"/> finds them in the repository). The
    /// manifest's own length when there is nothing to count.
    /// </summary>
    public long SizeInBytes(string mediaType, Func<string, StoredImage?> findStored)
    {
        var size = LayerBytes;
        if (MediaTypes.IsIndex(mediaType))
        {
            size = 0;
            foreach (var digest in ReferencedManifests)
            {
                size = Math.Max(size, findStored(digest)?.SizeInBytes ?? 0);
            }
        }

        return size > 0 ? size : ManifestBytes;
    }

    /// <summary>
    /// Reads what the store needs from a manifest. False with <paramref name="problem"/> null when the text is not JSON,
    /// else with what is wrong with the manifest.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, out ManifestFacts facts, out string? problem)
    {
        facts = new ManifestFacts();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            // Not JSON: EcrErrors.InvalidManifestJson, in ECR's own words.
            problem = null;
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("schemaVersion", out var version) ||
                version.ValueKind != JsonValueKind.Number ||
                !version.TryGetInt32(out var schemaVersion))
            {
                problem = "Invalid manifest: it must be a JSON object with a numeric schemaVersion";
                return false;
            }

            var blobs = new List<string>();
            var config = ObjectMember(root, "config");
            AddDigest(blobs, config, "digest");
            long layerBytes = 0;
            foreach (var layer in ArrayMember(root, "layers"))
            {
                if (layer.ValueKind != JsonValueKind.Object)
                {
                    problem = "Invalid manifest: each member of layers must be a JSON object (a descriptor)";
                    return false;
                }

                // Non-distributable (foreign) layers live elsewhere, so a registry does not require them.
                if (!layer.TryGetProperty("urls", out _))
                {
                    AddDigest(blobs, layer, "digest");
                }

                layerBytes += SizeOf(layer);
            }

            foreach (var layer in ArrayMember(root, "fsLayers"))
            {
                AddDigest(blobs, layer, "blobSum");
            }

            var referenced = new List<string>();
            foreach (var manifest in ArrayMember(root, "manifests"))
            {
                AddDigest(referenced, manifest, "digest");
            }

            facts = new ManifestFacts
            {
                SchemaVersion = schemaVersion,
                DeclaredMediaType = StringMember(root, "mediaType"),
                ConfigMediaType = config is { } c ? StringMember(c, "mediaType") : null,
                Blobs = blobs.Count == 0 ? [] : blobs.ToArray(),
                ReferencedManifests = referenced.Count == 0 ? [] : referenced.ToArray(),
                LayerBytes = layerBytes,
                ManifestBytes = utf8.Length,
                SubjectDigest = ObjectMember(root, "subject") is { } subject ? StringMember(subject, "digest") : null,
            };
            problem = "";
            return true;
        }
    }

    private static JsonElement? ObjectMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement.ArrayEnumerator ArrayMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : default;

    private static long SizeOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("size", out var size)
        && size.ValueKind == JsonValueKind.Number && size.TryGetInt64(out var bytes)
            ? bytes
            : 0;

    private static void AddDigest(List<string> digests, JsonElement? element, string name)
    {
        if (element is { ValueKind: JsonValueKind.Object } e && StringMember(e, name) is { } digest && !digests.Contains(digest))
        {
            digests.Add(digest);
        }
    }
}
