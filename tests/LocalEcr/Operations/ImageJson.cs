using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using LocalEcr.Protocol;
using LocalEcr.Store;

namespace LocalEcr.Operations;

/// <summary>Writers for the image shapes several operations return.</summary>
internal static class ImageJson
{
    /// <summary>An <c>ImageIdentifier</c>; the tag is left out when there is none.</summary>
    public static void WriteImageId(Utf8JsonWriter writer, JsonEncodedText digest, JsonEncodedText? tag)
    {
        writer.WriteStartObject();
        writer.WriteString(Members.ImageDigest, digest);
        if (tag is { } t)
        {
            writer.WriteString(Members.ImageTag, t);
        }

        writer.WriteEndObject();
    }

    /// <summary>An <c>ImageIdentifier</c> as a request gave it, echoed in failures.</summary>
    public static void WriteImageId(Utf8JsonWriter writer, ImageIdentifier id)
    {
        writer.WriteStartObject();
        if (id.Digest is not null)
        {
            writer.WriteString(Members.ImageDigest, id.Digest);
        }

        if (id.Tag is not null)
        {
            writer.WriteString(Members.ImageTag, id.Tag);
        }

        writer.WriteEndObject();
    }

    /// <summary>An <c>Image</c>: the manifest exactly as stored, with its media type.</summary>
    public static void WriteImage(
        Utf8JsonWriter writer, JsonEncodedText registryId, JsonEncodedText repositoryName, StoredImage image, string? tag)
    {
        writer.WriteStartObject();
        writer.WriteString(Members.RegistryId, registryId);
        writer.WriteString(Members.RepositoryName, repositoryName);
        writer.WritePropertyName(Members.ImageId);
        WriteImageId(writer, image.Digest, tag is null ? null : JsonText.Encode(tag));
        writer.WriteString(Members.ImageManifest, image.Manifest);
        writer.WriteString(Members.ImageManifestMediaType, image.MediaType);
        writer.WriteEndObject();
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_detailBuffer;
    [ThreadStatic] private static Utf8JsonWriter? t_detailWriter;

    /// <summary>
    /// An <c>ImageDetail</c>. Its JSON is kept on the image until its tags, pull time or registry change, since
    /// listings page through the same images again and again: most details are then a copy of bytes.
    /// </summary>
    public static void WriteImageDetail(Utf8JsonWriter writer, JsonEncodedText registryId, JsonEncodedText repositoryName, ImageView view)
    {
        var image = view.Image;
        var pulledAt = image.LastPulledAtMs;
        var rendered = image.RenderedDetail;
        if (rendered is null || rendered.Tags != view.Tags || rendered.PulledAtMs != pulledAt || !rendered.RegistryId.Equals(registryId))
        {
            rendered = new RenderedDetail(view.Tags, pulledAt, registryId, RenderImageDetail(registryId, repositoryName, view, pulledAt));
            image.RenderedDetail = rendered;
        }

        writer.WriteRawValue(rendered.Json, skipInputValidation: true);
    }

    private static byte[] RenderImageDetail(JsonEncodedText registryId, JsonEncodedText repositoryName, ImageView view, long? pulledAtMs)
    {
        var buffer = t_detailBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_detailWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.Reset(buffer);
        WriteImageDetailMembers(writer, registryId, repositoryName, view, pulledAtMs);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteImageDetailMembers(
        Utf8JsonWriter writer, JsonEncodedText registryId, JsonEncodedText repositoryName, ImageView view, long? pulledAtMs)
    {
        var image = view.Image;
        writer.WriteStartObject();
        writer.WriteString(Members.RegistryId, registryId);
        writer.WriteString(Members.RepositoryName, repositoryName);
        writer.WriteString(Members.ImageDigest, image.Digest);
        if (view.Tags.Length > 0)
        {
            writer.WriteStartArray(Members.ImageTags);
            foreach (var tag in view.Tags)
            {
                writer.WriteStringValue(tag.Value);
            }

            writer.WriteEndArray();
        }

        writer.WriteNumber(Members.ImageSizeInBytes, image.SizeInBytes);
        EpochTime.Write(writer, Members.ImagePushedAt, image.PushedAtMs);
        if (image.Scan is { } scan)
        {
            WriteScan(writer, scan);
        }

        writer.WriteString(Members.ImageManifestMediaType, image.MediaType);
        if (image.ArtifactMediaType is { } artifactMediaType)
        {
            writer.WriteString(Members.ArtifactMediaType, artifactMediaType);
        }

        if (pulledAtMs is { } pulledAt)
        {
            EpochTime.Write(writer, Members.LastRecordedPullTime, pulledAt);
        }

        if (image.SubjectDigest is { } subject)
        {
            writer.WriteString(Members.SubjectManifestDigest, subject);
        }

        writer.WriteString(Members.ImageStatus, image.Status switch
        {
            ImageStatus.Archived => Members.Archived,
            ImageStatus.Activating => Members.Activating,
            _ => Members.Active,
        });
        if (image.LastArchivedAtMs is { } archivedAt)
        {
            EpochTime.Write(writer, Members.LastArchivedAt, archivedAt);
        }

        if (image.LastActivatedAtMs is { } activatedAt)
        {
            EpochTime.Write(writer, Members.LastActivatedAt, activatedAt);
        }

        writer.WriteEndObject();
    }

    private static void WriteScan(Utf8JsonWriter writer, ImageScan scan)
    {
        if (scan.Status is not null)
        {
            writer.WriteStartObject(Members.ImageScanStatus);
            writer.WriteString(Members.Status, scan.Status);
            if (scan.Description is not null)
            {
                writer.WriteString(Members.Description, scan.Description);
            }

            writer.WriteEndObject();
        }

        if (scan.FindingSeverityCounts is null && scan.CompletedAtMs is null && scan.VulnerabilitySourceUpdatedAtMs is null)
        {
            return;
        }

        writer.WriteStartObject(Members.ImageScanFindingsSummary);
        if (scan.CompletedAtMs is { } completedAt)
        {
            EpochTime.Write(writer, Members.ImageScanCompletedAt, completedAt);
        }

        if (scan.VulnerabilitySourceUpdatedAtMs is { } updatedAt)
        {
            EpochTime.Write(writer, Members.VulnerabilitySourceUpdatedAt, updatedAt);
        }

        if (scan.FindingSeverityCounts is { } counts)
        {
            writer.WriteStartObject(Members.FindingSeverityCounts);
            foreach (var (severity, count) in counts)
            {
                writer.WriteNumber(severity, count);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
