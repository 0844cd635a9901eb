using System.Collections.Generic;
using System.Text.Json;
using LocalEcr.Protocol;
using LocalEcr.Store;

namespace LocalEcr.Operations;

/// <summary>
/// BatchGetImage: the stored manifests, byte for byte, with a failure entry per id that cannot be served.
/// A manifest whose media type is not among acceptedMediaTypes is not converted: that id fails as ImageNotFound.
/// An image that is not ACTIVE (archived, or being restored) cannot be pulled: ImageInaccessible.
/// Returning an image records its pull time.
/// </summary>
internal sealed class BatchGetImageOperation : IEcrOperation
{
    public string Name => "BatchGetImage";

    public void Execute(JsonElement input, OperationContext context)
    {
        var repository = context.RequireRepository(input);
        var ids = ImageIdentifiers.Read(input.OptionalArray("imageIds")!.Value);
        HashSet<string>? accepted = null;
        if (input.OptionalArray("acceptedMediaTypes") is { } mediaTypes)
        {
            accepted = [];
            foreach (var mediaType in mediaTypes.EnumerateArray())
            {
                accepted.Add(mediaType.GetString()!);
            }
        }

        var images = new List<(StoredImage Image, string? Tag)>(ids.Count);
        var failures = new List<(ImageIdentifier Id, string Code, string Reason)>();
        // One image per distinct reference: the same id twice returns its image once, while two tags of one image (or
        // its digest and a tag) return it once per reference, each with the imageId it was asked by.
        var returned = new HashSet<(StoredImage Image, string? Tag)>();
        var answers = ImageIdentifiers.FindAll(repository, ids);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            if (Check(id, answers[i], accepted, out var image) is { } failure)
            {
                failures.Add((id, failure.Code, failure.Reason));
            }
            else if (returned.Add((image!, id.Tag)))
            {
                images.Add((image!, id.Tag));
            }
        }

        var pulledAt = context.Now.ToUnixTimeMilliseconds();
        var registryId = JsonText.Encode(context.Registry.AccountId);
        var repositoryName = JsonText.Encode(repository.Name);
        var writer = context.BeginResponse();
        writer.WriteStartObject();
        writer.WriteStartArray(Members.Images);
        foreach (var (image, tag) in images)
        {
            image.LastPulledAtMs = pulledAt;
            ImageJson.WriteImage(writer, registryId, repositoryName, image, tag);
        }

        writer.WriteEndArray();
        writer.WriteStartArray(Members.Failures);
        foreach (var (id, code, reason) in failures)
        {
            writer.WriteStartObject();
            writer.WritePropertyName(Members.ImageId);
            ImageJson.WriteImageId(writer, id);
            writer.WriteString(Members.FailureCode, code);
            writer.WriteString(Members.FailureReason, reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Why an id cannot be served, given what it names in the repository (<paramref name="found"/>), or null.</summary>
    private static (string Code, string Reason)? Check(
        ImageIdentifier id, (LookupOutcome Outcome, StoredImage? Image) found, HashSet<string>? accepted, out StoredImage? image)
    {
        image = null;
        if (id.Digest is null && id.Tag is null)
        {
            return ("MissingDigestAndTag", "Invalid request parameters: image tag and digest cannot both be null");
        }

        if (id.Digest is not null && !Digests.IsValid(id.Digest))
        {
            return ("InvalidImageDigest", "Invalid request parameters: the image digest must be sha256: followed by 64 lower-case hex digits");
        }

        if (id.Tag is not null && !ImageTag.IsValidName(id.Tag))
        {
            return ("InvalidImageTag", "Invalid request parameters: the image tag contains characters that a tag cannot have");
        }

        image = found.Image;
        switch (found.Outcome)
        {
            case LookupOutcome.NotFound:
                return ("ImageNotFound", "Requested image not found");
            case LookupOutcome.TagDoesNotMatchDigest:
                return ("ImageTagDoesNotMatchDigest", "Invalid request parameters: the image tag does not match the image digest");
        }

        if (image!.Status != ImageStatus.Active)
        {
            // An archived image cannot be pulled until it is restored (ImageFailureCode's ImageInaccessible).
            var state = image.Status == ImageStatus.Archived ? "archived" : "being restored from the archive";
            image = null;
            return ("ImageInaccessible", $"The requested image is {state} and cannot be pulled until it is active");
        }

        if (accepted is not null && !accepted.Contains(image.MediaTypeValue))
        {
            var mediaType = image.MediaTypeValue;
            image = null;
            return ("ImageNotFound", $"Requested image not found: there is no manifest of an accepted media type (the image's manifest is {mediaType})");
        }

        return null;
    }
}
