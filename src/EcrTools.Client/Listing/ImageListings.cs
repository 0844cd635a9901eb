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

        // What lookups by id send: images of every status. Without imageStatus the service answers for ACTIVE images
        // only, and an image it leaves out could not be told from one that does not exist.
        private static readonly DescribeImagesFilter EveryStatus = new DescribeImagesFilter { ImageStatus = ImageStatusFilter.Any };

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
        /// Only active images unless <paramref name="imageStatus"/> asks for another status (or ANY).
        /// </summary>
        public static IAsyncEnumerable<ListImagesResponse> TaggedImageIdPagesAsync(
            IEcrClient client, string repositoryName, string? registryId, string? imageStatus = null, CancellationToken cancellationToken = default) =>
            EcrPaginator.ListImagesPagesAsync(
                client,
                new ListImagesRequest
                {
                    RepositoryName = repositoryName,
                    RegistryId = registryId,
                    MaxResults = 1000,
                    Filter = new ListImagesFilter { TagStatus = TagStatus.Tagged, ImageStatus = imageStatus },
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
        /// error for the others. Each request has its page; once a batch is answered, its images and missing ids come
        /// in the order they were asked for: an id that is missing after some images starts another page of the same
        /// request (<see cref="ListingPage{T}.ContinuesRequest"/>), whose missing ids come before its images. Images of
        /// every status are asked for, so a missing id is one that names no image; a caller that wants some statuses
        /// only keeps those.
        /// </summary>
        public static async IAsyncEnumerable<ListingPage<ImageDetail>> DescribeImagesByIdAsync(
            IEcrClient client, string repositoryName, string? registryId, IReadOnlyList<ImageIdentifier> ids, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var seenDigests = new HashSet<string>(StringComparer.Ordinal);
            int number = 0;
            for (int start = 0; start < ids.Count; start += MaxIdsPerRequest)
            {
                var batch = new ImageIdentifier[Math.Min(MaxIdsPerRequest, ids.Count - start)];
                for (int i = 0; i < batch.Length; i++)
                {
                    batch[i] = ids[start + i];
                }

                // What each id of the batch names, by its place in the batch (null: no image), from one request or,
                // when ids are missing, several; each request asks for some of the batch's places.
                var answers = new ImageDetail?[batch.Length];
                var asks = new Stack<List<int>>();
                asks.Push(Enumerable.Range(0, batch.Length).ToList());
                while (asks.Count > 0)
                {
                    List<int> ask = asks.Pop();
                    var askedIds = new List<ImageIdentifier>(ask.Count);
                    foreach (int place in ask)
                    {
                        askedIds.Add(batch[place]);
                    }

                    var request = new DescribeImagesRequest
                    {
                        RepositoryName = repositoryName,
                        RegistryId = registryId,
                        ImageIds = askedIds,
                        Filter = EveryStatus,
                    };
                    var clock = Stopwatch.StartNew();
                    (DescribeImagesResponse? response, ImageNotFoundException? notFound) = await DescribeBatchAsync(client, request, cancellationToken).ConfigureAwait(false);
                    AmazonResponseFacts facts;
                    if (response is not null)
                    {
                        facts = new AmazonResponseFacts(response, clock.Elapsed);
                        Answer(batch, ask, response.ImageDetails ?? new List<ImageDetail>(), answers);
                    }
                    else
                    {
                        facts = new AmazonResponseFacts(notFound!, clock.Elapsed);
                        if (ask.Count > 1 && NamedIn(notFound!.Message, batch, ask) is int named)
                        {
                            // The service named the missing id: it stays unanswered, and the rest are asked again.
                            ask.RemoveAt(named);
                            asks.Push(ask);
                        }
                        else if (ask.Count > 1)
                        {
                            // Split and try the halves; the first half goes first.
                            int half = ask.Count / 2;
                            asks.Push(ask.GetRange(half, ask.Count - half));
                            asks.Push(ask.GetRange(0, half));
                        }
                    }

                    if (asks.Count > 0)
                    {
                        // A request on the way to the batch's answer: its page has nothing to write yet.
                        yield return new ListingPage<ImageDetail>("DescribeImages", repositoryName, ++number, Array.Empty<ImageDetail>(), facts, null);
                        continue;
                    }

                    number++;
                    bool continues = false;
                    foreach ((List<ImageIdentifier> missing, List<ImageDetail> found) in InAskedOrder(batch, answers, seenDigests))
                    {
                        yield return new ListingPage<ImageDetail>("DescribeImages", repositoryName, number, found, facts, null, missing, continues);
                        continues = true;
                    }
                }
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
        /// Where in <paramref name="ask"/> is the one id that an ImageNotFoundException message names (by its quoted
        /// tag or its digest), or null when the message names none or several: then the ids are split instead.
        /// </summary>
        private static int? NamedIn(string message, ImageIdentifier[] batch, List<int> ask)
        {
            int? named = null;
            for (int i = 0; i < ask.Count; i++)
            {
                ImageIdentifier id = batch[ask[i]];
                bool mentioned = (id.ImageDigest is not null && message.IndexOf(id.ImageDigest, StringComparison.Ordinal) >= 0)
                    || (id.ImageDigest is null && id.ImageTag is not null && message.IndexOf("'" + id.ImageTag + "'", StringComparison.Ordinal) >= 0);
                if (mentioned)
                {
                    if (named is not null)
                    {
                        return null;
                    }

                    named = i;
                }
            }

            return named;
        }

        /// <summary>What each asked id names among the images a request answered (null: none), by digest or by tag.</summary>
        private static void Answer(ImageIdentifier[] batch, List<int> ask, List<ImageDetail> images, ImageDetail?[] answers)
        {
            var byDigest = new Dictionary<string, ImageDetail>(images.Count, StringComparer.Ordinal);
            foreach (ImageDetail image in images)
            {
                if (image.ImageDigest is not null && !byDigest.ContainsKey(image.ImageDigest))
                {
                    byDigest.Add(image.ImageDigest, image);
                }
            }

            foreach (int place in ask)
            {
                ImageIdentifier id = batch[place];
                answers[place] = id.ImageDigest is not null
                    ? (byDigest.TryGetValue(id.ImageDigest, out ImageDetail? byId) ? byId : null)
                    : images.FirstOrDefault(image => Identifies(id, image));
            }
        }

        /// <summary>
        /// A batch's answer in the order its ids were asked for, skipping images already returned: runs of missing ids,
        /// each with the images asked for after them; the first run may have no missing id, and there is always one.
        /// </summary>
        private static IEnumerable<(List<ImageIdentifier> Missing, List<ImageDetail> Found)> InAskedOrder(
            ImageIdentifier[] batch, ImageDetail?[] answers, HashSet<string> seenDigests)
        {
            var missing = new List<ImageIdentifier>();
            var found = new List<ImageDetail>();
            for (int place = 0; place < batch.Length; place++)
            {
                ImageDetail? image = answers[place];
                if (image?.ImageDigest is null)
                {
                    if (found.Count > 0)
                    {
                        yield return (missing, found);
                        missing = new List<ImageIdentifier>();
                        found = new List<ImageDetail>();
                    }

                    missing.Add(batch[place]);
                }
                else if (seenDigests.Add(image.ImageDigest))
                {
                    found.Add(image);
                }
            }

            yield return (missing, found);
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
