using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using LocalEcr.Protocol;
using LocalEcr.Store;

namespace LocalEcr.Operations;

/// <summary>
/// PutImage: stores a manifest exactly as received (its digest is the SHA-256 of its UTF-8 bytes) and moves the tag
/// to it. Everything is checked before anything changes, and the checks against the repository's contents run
/// under its write lock, so concurrent pushes cannot both take a tag or pass the image limit.
/// </summary>
internal sealed class PutImageOperation : IEcrOperation
{
    public string Name => "PutImage";

    public void Execute(JsonElement input, OperationContext context)
    {
        var repository = context.RequireRepository(input);
        var registryId = context.Registry.AccountId;
        var manifestText = input.OptionalString("imageManifest")!;
        var requestedMediaType = input.OptionalString("imageManifestMediaType");
        var tag = input.OptionalString("imageTag");
        var givenDigest = input.OptionalString("imageDigest");

        if (tag is not null && !ImageTag.IsValidName(tag))
        {
            throw EcrErrors.InvalidParameter("imageTag", $"Invalid tag '{tag}': a tag starts with a letter, digit or '_' and holds only letters, digits, '_', '.' and '-'");
        }

        if (givenDigest is not null && !Digests.IsValid(givenDigest))
        {
            throw EcrErrors.InvalidParameter("imageDigest", $"Invalid digest '{givenDigest}': expected sha256: and 64 lower-case hex digits");
        }

        // The JSON string is decoded by the parser; re-encoding it as UTF-8 gives the bytes the client hashed.
        var manifest = Encoding.UTF8.GetBytes(manifestText);
        var digest = Digests.Sha256Of(manifest);
        if (givenDigest is not null && givenDigest != digest)
        {
            throw EcrErrors.ImageDigestDoesNotMatch(givenDigest, digest);
        }

        if (!ManifestFacts.TryParse(manifest, out var facts, out var problem))
        {
            throw problem is null ? EcrErrors.InvalidManifestJson() : EcrErrors.InvalidParameter("imageManifest", problem);
        }

        var mediaType = ResolveMediaType(requestedMediaType, facts);
        var settings = repository.Settings;

        var image = repository.Write(writer =>
        {
            var existing = writer.FindByDigest(digest);
            var holder = tag is null ? null : writer.FindByTag(tag);
            if (existing is not null && (tag is null || holder == existing))
            {
                // Untagged re-push of a stored manifest succeeds unchanged; the same tag again is an error.
                return tag is null ? existing : throw EcrErrors.ImageAlreadyExists(digest, tag, repository.Name, registryId);
            }

            if (holder is not null && settings.IsTagImmutable(tag!))
            {
                throw EcrErrors.ImageTagAlreadyExists(tag!, repository.Name);
            }

            if (existing is null)
            {
                CheckReferences(writer, facts, mediaType, repository.Name, registryId);
                if (settings.ImageLimit is { } limit && writer.ImageCount >= limit)
                {
                    throw EcrErrors.LimitExceeded(limit, repository.Name);
                }
            }

            if (settings.KmsError is { } kmsError)
            {
                throw EcrErrors.Kms(kmsError);
            }

            var stored = existing ?? writer.Add(sequence => new StoredImage(sequence, digest, manifest, mediaType, facts, writer.FindByDigest)
            {
                PushedAtMs = context.Now.ToUnixTimeMilliseconds(),
            });
            if (tag is not null)
            {
                writer.Tag(stored, tag);
            }

            return stored;
        });

        var output = context.BeginResponse();
        output.WriteStartObject();
        output.WritePropertyName(Members.Image);
        ImageJson.WriteImage(output, JsonText.Encode(registryId), JsonText.Encode(repository.Name), image, tag);
        output.WriteEndObject();
    }

    /// <summary>imageManifestMediaType when given, else the manifest's own mediaType (or the one its shape implies).</summary>
    private static string ResolveMediaType(string? requested, ManifestFacts facts)
    {
        // ECR answers a manifest without a media type, and without imageManifestMediaType, as it answers one that is
        // not JSON (the answer clients such as container tools recognise and fall back on).
        var mediaType = requested ?? facts.ImpliedMediaType ?? throw EcrErrors.InvalidManifestJson();
        return MediaTypes.IsSupported(mediaType)
            ? mediaType
            : throw EcrErrors.InvalidParameter("imageManifestMediaType", $"Unsupported manifest media type '{mediaType}'");
    }

    /// <summary>An image's blobs, or a list's or index's images, must already be in the repository.</summary>
    private static void CheckReferences(
        Repository.Writer writer, ManifestFacts facts, string mediaType, string repositoryName, string registryId)
    {
        var missing = new List<string>();
        if (MediaTypes.IsIndex(mediaType))
        {
            foreach (var referenced in facts.ReferencedManifests)
            {
                if (writer.FindByDigest(referenced) is null)
                {
                    missing.Add(referenced);
                }
            }

            if (missing.Count > 0)
            {
                throw EcrErrors.ReferencedImagesNotFound(missing, repositoryName, registryId);
            }

            return;
        }

        foreach (var blob in facts.Blobs)
        {
            if (!writer.HasBlob(blob))
            {
                missing.Add(blob);
            }
        }

        if (missing.Count > 0)
        {
            throw EcrErrors.LayersNotFound(missing, repositoryName, registryId);
        }
    }
}
