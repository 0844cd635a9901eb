using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using LocalEcr.Protocol;

namespace LocalEcr.Store.Seeding;

/// <summary>
/// Makes <see cref="SeedGenerate.Count"/> distinct Docker v2 images whose config and layer digests derive from the
/// repository name and the image number, so every run (and every reset) yields the same digests. The manifest facts
/// are known by construction, so nothing is parsed: 100,000 images take about a second.
/// </summary>
internal static class ImageGenerator
{
    private const long DefaultStartMs = 1704067200000; // 2024-01-01T00:00:00Z

    public static void Generate(Repository.Writer writer, string repositoryName, SeedGenerate plan, long createdAtMs)
    {
        if (plan.Count < 0 || plan.TagsPerImage < 1 || plan.UntaggedEvery < 0 || plan.LayersPerImage < 1 ||
            !ImageTag.IsValidName(plan.TagPrefix + "1"))
        {
            throw new InvalidDataException(
                $"Invalid seed: repository '{repositoryName}': generate needs count >= 0, tagsPerImage >= 1, untaggedEvery >= 0, " +
                "layersPerImage >= 1 and a tagPrefix that starts a valid tag.");
        }

        var startMs = plan.PushedAtStart is { } start ? EpochTime.ToUnixMilliseconds(start) : Math.Max(createdAtMs, DefaultStartMs);
        var manifest = new StringBuilder(256 + (160 * plan.LayersPerImage));
        Span<byte> blob = stackalloc byte[32];
        for (var i = 1; i <= plan.Count; i++)
        {
            // One hash per image seeds its blob digests: blob n is that hash with n in its last four bytes.
            SHA256.HashData(Encoding.UTF8.GetBytes($"localecr/{repositoryName}/{i}"), blob);
            manifest.Clear()
                .Append("{\"schemaVersion\":2,\"mediaType\":\"").Append(MediaTypes.DockerManifest)
                .Append("\",\"config\":{\"mediaType\":\"").Append(MediaTypes.DockerImageConfig)
                .Append("\",\"size\":").Append(1400 + (i % 600)).Append(",\"digest\":\"");
            AddBlob(writer, manifest, blob, 0);
            manifest.Append("\"},\"layers\":[");
            long layerBytes = 0;
            for (var layer = 1; layer <= plan.LayersPerImage; layer++)
            {
                var size = 1_000_000L + (((i * 7919L) + (layer * 104729L)) % 30_000_000L);
                layerBytes += size;
                manifest.Append(layer == 1 ? "{" : ",{").Append("\"mediaType\":\"").Append(MediaTypes.DockerLayer)
                    .Append("\",\"size\":").Append(size).Append(",\"digest\":\"");
                AddBlob(writer, manifest, blob, layer);
                manifest.Append("\"}");
            }

            var bytes = Encoding.UTF8.GetBytes(manifest.Append("]}").ToString());
            var digest = Digests.Sha256Of(bytes);
            var facts = new ManifestFacts
            {
                SchemaVersion = 2,
                DeclaredMediaType = MediaTypes.DockerManifest,
                ConfigMediaType = MediaTypes.DockerImageConfig,
                LayerBytes = layerBytes,
                ManifestBytes = bytes.Length,
            };
            var pushedAtMs = startMs + ((i - 1) * plan.PushedAtStepSeconds * 1000L);
            var image = writer.FindByDigest(digest) ?? writer.Add(
                sequence => new StoredImage(sequence, digest, bytes, MediaTypes.DockerManifest, facts, writer.FindByDigest) { PushedAtMs = pushedAtMs });

            if (plan.UntaggedEvery > 0 && i % plan.UntaggedEvery == 0)
            {
                continue;
            }

            var tag = plan.TagPrefix + i.ToString(CultureInfo.InvariantCulture);
            writer.Tag(image, tag);
            for (var alias = 1; alias < plan.TagsPerImage; alias++)
            {
                writer.Tag(image, $"{tag}-alias{alias}");
            }
        }
    }

    /// <summary>Writes blob <paramref name="number"/> of an image into its manifest and makes it known.</summary>
    private static void AddBlob(Repository.Writer writer, StringBuilder manifest, Span<byte> imageHash, int number)
    {
        BinaryPrimitives.WriteInt32BigEndian(imageHash[28..], number);
        writer.AddBlob(Sha256Value.FromBytes(imageHash));
        manifest.Append(Digests.Prefix).Append(Convert.ToHexStringLower(imageHash));
    }
}
