using System.Collections.Generic;
using System.Text.Json;
using LocalEcr.Protocol;
using LocalEcr.Store;

namespace LocalEcr.Operations;

/// <summary>
/// DescribeImages: one ImageDetail per image. Pages through the filtered images, or looks up imageIds, in which case
/// one missing image fails the whole call and paging parameters are refused. Lookups by id find an image whatever
/// its status, so the filter applies to listings only.
/// </summary>
internal sealed class DescribeImagesOperation : IEcrOperation
{
    public string Name => "DescribeImages";

    public void Execute(JsonElement input, OperationContext context)
    {
        var repository = context.RequireRepository(input);
        ImageView[] views;
        Page page;
        if (input.OptionalArray("imageIds") is { } imageIds)
        {
            if (input.Has("nextToken") || input.Has("maxResults"))
            {
                throw EcrErrors.InvalidParameter("imageIds", "imageIds cannot be combined with nextToken or maxResults: a lookup by id does not page");
            }

            views = Lookup(repository, ImageIdentifiers.Read(imageIds), context.Registry.AccountId);
            page = Page.Whole(views);
        }
        else
        {
            var filter = ImageFilters.Read(input);
            views = repository.Index.Images(filter);
            page = context.Pager.Select<ImageView>(
                views,
                input.OptionalString("nextToken"),
                input.OptionalInt32("maxResults"),
                Pager.Fingerprint(Name, context.Registry.AccountId, repository.Name, filter.ToString()));
        }

        var registryId = JsonText.Encode(context.Registry.AccountId);
        var repositoryName = JsonText.Encode(repository.Name);
        page.Write(context.BeginResponse(), Members.ImageDetails, views,
            (writer, view) => ImageJson.WriteImageDetail(writer, registryId, repositoryName, view));
    }

    private static ImageView[] Lookup(Repository repository, List<ImageIdentifier> ids, string registryId)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            if (id.Digest is null && id.Tag is null)
            {
                throw EcrErrors.InvalidParameter($"imageIds.{i + 1}.member", "An image identifier needs an imageDigest or an imageTag");
            }

            if (id.Digest is not null && !Digests.IsValid(id.Digest))
            {
                throw EcrErrors.InvalidParameter($"imageIds.{i + 1}.member.imageDigest", $"Invalid digest '{id.Digest}': expected sha256: and 64 lower-case hex digits");
            }
        }

        var found = new List<ImageView>(ids.Count);
        var seen = new HashSet<StoredImage>();
        var answers = ImageIdentifiers.FindAll(repository, ids);
        for (var i = 0; i < ids.Count; i++)
        {
            if (answers[i] is not (LookupOutcome.Found, { } image))
            {
                throw EcrErrors.ImageNotFound(ids[i].Digest, ids[i].Tag, repository.Name, registryId);
            }

            if (seen.Add(image))
            {
                found.Add(new ImageView(image, image.Tags));
            }
        }

        return found.ToArray();
    }
}
