using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client.Model;

namespace EcrTools.Client.Listing
{
    /// <summary>
    /// The listings behind Get-EcrImageId and Get-EcrImage, as sequences of pages that are requested only as the
    /// consumer asks for them, so stopping early stops the requests.
    /// </summary>
    public static class ImageListings
    {
        /// <summary>DescribeImages accepts at most this many image ids in one request.</summary>
        public const int MaxIdsPerRequest = 100;

        /// <summary>Every image id of a repository (ListImages), page by page.</summary>
        public static async IAsyncEnumerable<ListingPage<ImageIdentifier>> ListImageIdsAsync(
            IEcrClient client, ListImagesRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            int number = 0;
            var pages = EcrPaginator.ListImagesPagesAsync(client, request, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                var clock = Stopwatch.StartNew();
                while (await pages.MoveNextAsync().ConfigureAwait(false))
                {
                    ListImagesResponse page = pages.Current;
                    yield return new ListingPage<ImageIdentifier>(
                        "ListImages", request.RepositoryName!, ++number, (IReadOnlyList<ImageIdentifier>?)page.ImageIds ?? Array.Empty<ImageIdentifier>(), new AmazonResponseFacts(page, clock.Elapsed), page.NextToken);
                    clock.Restart();
                }
            }
            finally
            {
                await pages.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The ids of a repository's tagged images (ListImages with tagStatus TAGGED, 1,000 per request), page by page:
        /// one id per tag, so each tag's digest. For finding tags, which callers stop paging once they have enough.
        /// </summary>
        public static IAsyncEnumerable<ListImagesResponse> TaggedImageIdPagesAsync(
            IEcrClient client, string repositoryName, string? registryId, CancellationToken cancellationToken = default) =>
            EcrPaginator.ListImagesPagesAsync(
                client,
                new ListImagesRequest
                {
                    RepositoryName = repositoryName,
                    RegistryId = registryId,
                    MaxResults = 1000,
                    Filter = new ListImagesFilter { TagStatus = TagStatus.Tagged },
                },
                cancellationToken);

        /// <summary>
        /// Every image of a repository (DescribeImages), page by page, keeping those that <paramref name="keep"/>
        /// accepts (null keeps all).
        /// </summary>
        public static async IAsyncEnumerable<ListingPage<ImageDetail>> DescribeImagesAsync(
            IEcrClient client, DescribeImagesRequest request, Func<ImageDetail, bool>? keep, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            int number = 0;
            var pages = EcrPaginator.DescribeImagesPagesAsync(client, request, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                var clock = Stopwatch.StartNew();
                while (await pages.MoveNextAsync().ConfigureAwait(false))
                {
                    DescribeImagesResponse page = pages.Current;
                    IReadOnlyList<ImageDetail> images = (IReadOnlyList<ImageDetail>?)page.ImageDetails ?? Array.Empty<ImageDetail>();
                    if (keep is not null)
                    {
                        images = images.Where(keep).ToList();
                    }

                    yield return new ListingPage<ImageDetail>("DescribeImages", request.RepositoryName!, ++number, images, new AmazonResponseFacts(page, clock.Elapsed), page.NextToken);
                    clock.Restart();
                }
            }
            finally
            {
                await pages.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The images with the given ids, in the order first asked for, each image once, in DescribeImages requests of
        /// up to 100 ids. The service fails a whole request when one id is missing; the id its message names is set
        /// aside and the rest asked again, and when the message names none the batch is split in halves until the
        /// missing ids stand alone. Every image that exists is returned and each missing id is reported once in
        /// <see cref="ListingPage{T}.MissingIds"/>, also when an endpoint answers with the images it found and no
        /// error for the others.
        /// </summary>
        public static async IAsyncEnumerable<ListingPage<ImageDetail>> DescribeImagesByIdAsync(
            IEcrClient client, string repositoryName, string? registryId, IReadOnlyList<ImageIdentifier> ids, DescribeImagesFilter? filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var seenDigests = new HashSet<string>(StringComparer.Ordinal);
            int number = 0;
            var batches = new Stack<IReadOnlyList<ImageIdentifier>>();
            for (int start = ((ids.Count - 1) / MaxIdsPerRequest) * MaxIdsPerRequest; start >= 0; start -= MaxIdsPerRequest)
            {
                batches.Push(ids.Skip(start).Take(MaxIdsPerRequest).ToList());
            }

            while (batches.Count > 0)
            {
                IReadOnlyList<ImageIdentifier> batch = batches.Pop();
                var request = new DescribeImagesRequest
                {
                    RepositoryName = repositoryName,
                    RegistryId = registryId,
                    ImageIds = batch.ToList(),
                    Filter = filter,
                };
                var clock = Stopwatch.StartNew();
                (DescribeImagesResponse? response, ImageNotFoundException? notFound) = await DescribeBatchAsync(client, request, cancellationToken).ConfigureAwait(false);
                if (response is null)
                {
                    if (batch.Count > 1)
                    {
                        if (NamedIn(notFound!.Message, batch) is ImageIdentifier named)
                        {
                            // The service named the missing id: report it and ask again for the rest.
                            yield return new ListingPage<ImageDetail>("DescribeImages", repositoryName, ++number, Array.Empty<ImageDetail>(), new AmazonResponseFacts(notFound, clock.Elapsed), null, new[] { named });
                            batches.Push(batch.Where(id => !ReferenceEquals(id, named)).ToList());
                            continue;
                        }

                        // Split and try the halves; the first half goes first to keep the order.
                        int half = batch.Count / 2;
                        batches.Push(batch.Skip(half).ToList());
                        batches.Push(batch.Take(half).ToList());
                        continue;
                    }

                    yield return new ListingPage<ImageDetail>("DescribeImages", repositoryName, ++number, Array.Empty<ImageDetail>(), new AmazonResponseFacts(notFound!, clock.Elapsed), null, batch);
                    continue;
                }

                (List<ImageDetail> found, List<ImageIdentifier> missing) = OrderLike(batch, response.ImageDetails ?? new List<ImageDetail>(), seenDigests);
                yield return new ListingPage<ImageDetail>("DescribeImages", repositoryName, ++number, found, new AmazonResponseFacts(response, clock.Elapsed), null, missing);
            }
        }

        /// <summary>One DescribeImages request; the service's "one of these ids does not exist" comes back as a value.</summary>
        private static async Task<(DescribeImagesResponse? Response, ImageNotFoundException? NotFound)> DescribeBatchAsync(
            IEcrClient client, DescribeImagesRequest request, CancellationToken cancellationToken)
        {
            try
            {
                return (await client.DescribeImagesAsync(request, cancellationToken).ConfigureAwait(false), null);
            }
            catch (ImageNotFoundException notFound)
            {
                return (null, notFound);
            }
        }

        /// <summary>
        /// The one id of the batch that an ImageNotFoundException message names (by its quoted tag or its digest), or
        /// null when the message names none or several: then the batch is split instead.
        /// </summary>
        private static ImageIdentifier? NamedIn(string message, IReadOnlyList<ImageIdentifier> batch)
        {
            ImageIdentifier? named = null;
            foreach (ImageIdentifier id in batch)
            {
                bool mentioned = (id.ImageDigest is not null && message.IndexOf(id.ImageDigest, StringComparison.Ordinal) >= 0)
                    || (id.ImageDigest is null && id.ImageTag is not null && message.IndexOf("'" + id.ImageTag + "'", StringComparison.Ordinal) >= 0);
                if (mentioned)
                {
                    if (named is not null)
                    {
                        return null;
                    }

                    named = id;
                }
            }

            return named;
        }

        /// <summary>
        /// The images in the order their ids were asked for, skipping images already returned, and the ids that no
        /// image answered.
        /// </summary>
        private static (List<ImageDetail> Ordered, List<ImageIdentifier> Missing) OrderLike(IReadOnlyList<ImageIdentifier> ids, List<ImageDetail> images, HashSet<string> seenDigests)
        {
            var missing = new List<ImageIdentifier>();
            var ordered = new List<ImageDetail>(images.Count);
            var byDigest = new Dictionary<string, ImageDetail>(images.Count, StringComparer.Ordinal);
            foreach (ImageDetail image in images)
            {
                if (image.ImageDigest is not null && !byDigest.ContainsKey(image.ImageDigest))
                {
                    byDigest.Add(image.ImageDigest, image);
                }
            }

            foreach (ImageIdentifier id in ids)
            {
                ImageDetail? match = id.ImageDigest is not null
                    ? (byDigest.TryGetValue(id.ImageDigest, out ImageDetail? byId) ? byId : null)
                    : images.FirstOrDefault(image => Identifies(id, image));
                if (match?.ImageDigest is null)
                {
                    missing.Add(id);
                }
                else if (seenDigests.Add(match.ImageDigest))
                {
                    ordered.Add(match);
                }
            }

            return (ordered, missing);
        }

        /// <summary>
        /// Whether an id names an image: its digest, and its tag among the image's tags; an id with both needs both, as
        /// the service reads it.
        /// </summary>
        public static bool Identifies(ImageIdentifier id, ImageDetail image) =>
            (id.ImageDigest is not null || id.ImageTag is not null)
            && (id.ImageDigest is null || string.Equals(id.ImageDigest, image.ImageDigest, StringComparison.Ordinal))
            && (id.ImageTag is null || (image.ImageTags is not null && image.ImageTags.Contains(id.ImageTag, StringComparer.Ordinal)));
    }
}
