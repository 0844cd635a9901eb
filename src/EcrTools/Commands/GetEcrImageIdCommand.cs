using System.Management.Automation;
using EcrTools.Client.Listing;
using EcrTools.Client.Model;

namespace EcrTools.Commands
{
    /// <summary>Lists the image ids (digest and tag) of repositories across all pages: ECR ListImages.</summary>
    [Cmdlet(VerbsCommon.Get, "EcrImageId", SupportsPaging = true, DefaultParameterSetName = RepositorySet)]
    [OutputType(typeof(EcrImageId))]
    public sealed class GetEcrImageIdCommand : EcrListingCmdlet<EcrImageId>
    {
        protected override string Operation => "ListImages";

        protected override string ItemNoun => "image ids";

        protected override void QueueWork(ListingTarget target)
        {
            if (!FirstWholeListing(target))
            {
                return;
            }

            var request = new ListImagesRequest
            {
                RepositoryName = target.RepositoryName,
                RegistryId = target.RegistryId,
                Filter = EffectiveFilter.ToListImagesFilter(),
                MaxResults = RequestPageSize(filteredHere: false),
                NextToken = NextToken,
            };
            var client = Client;
            Enqueue(cancellationToken => ImageListings.ListImageIdsAsync(client, request, cancellationToken), item => ToOutput(item, target), target);
        }

        private static EcrImageId ToOutput(ImageIdentifier item, ListingTarget target) => new EcrImageId
        {
            RegistryId = target.RegistryId,
            RepositoryName = target.RepositoryName,
            ImageDigest = item.ImageDigest,
            ImageTag = item.ImageTag,
        };
    }
}
