using System.Collections.Generic;
using System.Text.Json;
using LocalEcr.Protocol;
using LocalEcr.Store;

namespace LocalEcr.Operations;

/// <summary>
/// DescribeImages: one ImageDetail per image. Pages through the filtered images, or looks up imageIds, in which case
/// one missing image fails the whole call and paging parameters are refused. The filter applies to lookups too
/// (without imageStatus only ACTIVE images are returned): an image it leaves out is not returned, and not an error.
/// </summary>
internal sealed class DescribeImagesOperation : IEcrOperation
{
    public string Name => "DescribeImages";

    public void Execute(JsonElement input, OperationContext context)
    {
        var repository = context.RequireRepository(input);
        var filter = ImageFilters.Read(input);
        ImageView[] views;
        Page page;
        if (input.OptionalArray("imageIds") is { } imageIds)
        {
            if (input.Has("nextToken") || input.Has("maxResults"))
            {
                throw EcrErrors.InvalidParameter("imageIds", "imageIds cannot be combined with nextToken or maxResults: a lookup by id does not page");
            }

            views = Lookup(repository, ImageIdentifiers.Read(imageIds), filter, context.Registry.AccountId);
            page = Page.Whole(views);
        }
        else
        {
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

    private static ImageView[] Lookup(Repository repository, List<ImageIdentifier> ids, ImageFilter filter, string registryId)
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

            var tags = image.Tags;
            if (seen.Add(image) && filter.Matches(image, tags.Length))
            {
                found.Add(new ImageView(image, tags));
            }
        }

        return found.ToArray();
    }
}
