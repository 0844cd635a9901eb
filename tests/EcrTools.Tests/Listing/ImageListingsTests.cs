using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EcrTools.Client.Listing;
using EcrTools.Client.Model;
using Xunit;

namespace EcrTools.Tests.Listing
{
    public class ImageListingsTests
    {
        [Fact]
        public async Task DescribesIdsInBatchesOfOneHundredInTheOrderAsked()
        {
            var client = new InMemoryEcrClient(250);
            var ids = Enumerable.Range(1, 250).Reverse().Select(client.Digest).ToList();

            List<ListingPage<ImageDetail>> pages = await Collect(client, ids);

            Assert.Equal(3, client.Calls);
            Assert.Equal(ids.Select(id => id.ImageDigest), pages.SelectMany(page => page.Items).Select(image => image.ImageDigest));
            Assert.All(pages, page => Assert.Empty(page.MissingIds));
        }

        [Fact]
        public async Task ReturnsEachImageOnceWhenAskedByEveryTag()
        {
            var client = new InMemoryEcrClient(3);
            var ids = new[] { client.Tag(1), new ImageIdentifier { ImageTag = "alias1" }, client.Digest(1), client.Tag(2) };

            List<ListingPage<ImageDetail>> pages = await Collect(client, ids);

            Assert.Equal(new[] { client.Digest(1).ImageDigest, client.Digest(2).ImageDigest }, pages.SelectMany(page => page.Items).Select(image => image.ImageDigest));
        }

        [Fact]
        public async Task SplitsAFailingBatchSoEveryExistingImageIsReturnedAndEachMissingIdReportedOnce()
        {
            var client = new InMemoryEcrClient(100);
            var ids = Enumerable.Range(1, 100).Select(client.Tag).ToList();
            ids.Insert(10, new ImageIdentifier { ImageTag = "missing-a" });
            ids.Add(new ImageIdentifier { ImageTag = "missing-b" });

            List<ListingPage<ImageDetail>> pages = await Collect(client, ids);

            Assert.Equal(Enumerable.Range(1, 100).Select(i => client.Digest(i).ImageDigest), pages.SelectMany(page => page.Items).Select(image => image.ImageDigest));
            Assert.Equal(new[] { "missing-a", "missing-b" }, pages.SelectMany(page => page.MissingIds).Select(id => id.ImageTag));
            // The fake's messages name the missing id: one extra request per missing id.
            Assert.Equal(4, client.Calls);
        }

        [Fact]
        public async Task SplitsInHalvesWhenTheMessageNamesNoId()
        {
            var client = new InMemoryEcrClient(100) { AnonymousNotFound = true };
            var ids = Enumerable.Range(1, 100).Select(client.Tag).ToList();
            ids.Insert(10, new ImageIdentifier { ImageTag = "missing-a" });

            List<ListingPage<ImageDetail>> pages = await Collect(client, ids);

            Assert.Equal(100, pages.SelectMany(page => page.Items).Count());
            Assert.Equal("missing-a", Assert.Single(pages.SelectMany(page => page.MissingIds)).ImageTag);
            Assert.True(client.Calls <= 2 + (2 * 7), $"bisection took {client.Calls} calls");
        }

        [Fact]
        public async Task ReportsTheIdsAnEndpointLeavesOutWithoutAnError()
        {
            var client = new InMemoryEcrClient(5) { OmitsMissing = true };
            var ids = new[] { client.Tag(1), new ImageIdentifier { ImageTag = "missing-a" }, client.Digest(2), client.Tag(2), new ImageIdentifier { ImageDigest = "sha256:" + new string('f', 64) } };

            List<ListingPage<ImageDetail>> pages = await Collect(client, ids);

            Assert.Equal(1, client.Calls);
            Assert.Equal(new[] { client.Digest(1).ImageDigest, client.Digest(2).ImageDigest }, pages.SelectMany(page => page.Items).Select(image => image.ImageDigest));
            Assert.Equal(new[] { ids[1], ids[4] }, pages.SelectMany(page => page.MissingIds));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task ReportsMissingIdsWhereTheyWereAskedForBetweenTheImages(bool anonymous)
        {
            var client = new InMemoryEcrClient(5) { AnonymousNotFound = anonymous };
            var ids = new[] { client.Tag(1), new ImageIdentifier { ImageTag = "missing-a" }, new ImageIdentifier { ImageTag = "missing-b" }, client.Tag(2), client.Tag(3), new ImageIdentifier { ImageTag = "missing-c" } };

            List<ListingPage<ImageDetail>> pages = await Collect(client, ids);

            // Written as the cmdlets write a page: its missing ids, then its images.
            var written = pages.SelectMany(page => page.MissingIds.Select(id => id.ImageTag!).Concat(page.Items.Select(image => image.ImageTags![0])));
            Assert.Equal(new[] { "v1", "missing-a", "missing-b", "v2", "v3", "missing-c" }, written);
            Assert.Equal(client.Calls, pages.Count(page => !page.ContinuesRequest));
            Assert.Equal(Enumerable.Range(1, client.Calls), pages.Where(page => !page.ContinuesRequest).Select(page => page.PageNumber));
        }

        private static async Task<List<ListingPage<ImageDetail>>> Collect(InMemoryEcrClient client, IReadOnlyList<ImageIdentifier> ids)
        {
            var pages = new List<ListingPage<ImageDetail>>();
            await foreach (ListingPage<ImageDetail> page in ImageListings.DescribeImagesByIdAsync(client, "app", null, ids))
            {
                pages.Add(page);
            }

            return pages;
        }
    }
}
