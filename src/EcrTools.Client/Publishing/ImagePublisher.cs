using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client.Listing;
using EcrTools.Client.Model;

namespace EcrTools.Client.Publishing
{
    /// <summary>
    /// PutImage with the safety a publishing tool needs: what a tag names now (for "the tag moves" messages),
    /// fetching a source manifest byte for byte for a retag, and "this tag already names this image" as success.
    /// </summary>
    public static class ImagePublisher
    {
        /// <summary>Up to this many tags are looked up by id; more are found by listing the repository's tags.</summary>
        public const int MaxTagsLookedUpById = 5;

        /// <summary>
        /// The digest each of <paramref name="tags"/> names now; tags that name no image are left out. A few tags are
        /// looked up with DescribeImages (each tag that names nothing costs one more request, as the service fails
        /// the whole call for it); many are found by paging the repository's tags with ListImages, stopping once all
        /// are found. Neither counts as a pull of the image, unlike BatchGetImage.
        /// </summary>
        public static async Task<IReadOnlyDictionary<string, string>> CurrentDigestsAsync(
            IEcrClient client, string repositoryName, string? registryId, IReadOnlyCollection<string> tags, CancellationToken cancellationToken = default)
        {
            var wanted = new HashSet<string>(tags, StringComparer.Ordinal);
            var current = new Dictionary<string, string>(StringComparer.Ordinal);
            if (wanted.Count == 0)
            {
                return current;
            }

            if (wanted.Count <= MaxTagsLookedUpById)
            {
                var ids = wanted.Select(tag => new ImageIdentifier { ImageTag = tag }).ToList();
                await foreach (ListingPage<ImageDetail> page in ImageListings.DescribeImagesByIdAsync(client, repositoryName, registryId, ids, cancellationToken).ConfigureAwait(false))
                {
                    foreach (ImageDetail image in page.Items)
                    {
                        foreach (string tag in image.ImageTags ?? Enumerable.Empty<string>())
                        {
                            if (wanted.Contains(tag) && image.ImageDigest is not null)
                            {
                                current[tag] = image.ImageDigest;
                            }
                        }
                    }
                }

                return current;
            }

            // Every status, as a lookup by tag answers: a tag on an archived image is still taken when it moves.
            await foreach (ListImagesResponse page in ImageListings.TaggedImageIdPagesAsync(client, repositoryName, registryId, ImageStatusFilter.Any, cancellationToken).ConfigureAwait(false))
            {
                foreach (ImageIdentifier id in page.ImageIds ?? Enumerable.Empty<ImageIdentifier>())
                {
                    if (id.ImageTag is not null && id.ImageDigest is not null && wanted.Contains(id.ImageTag))
                    {
                        current[id.ImageTag] = id.ImageDigest;
                    }
                }

                if (current.Count == wanted.Count)
                {
                    break;
                }
            }

            return current;
        }

        /// <summary>
        /// Whether the repository holds the active image <paramref name="digest"/> (DescribeImages by digest, not a
        /// pull): publishing it again without a tag then stores nothing new.
        /// </summary>
        public static async Task<bool> HoldsAsync(
            IEcrClient client, string repositoryName, string? registryId, string digest, CancellationToken cancellationToken = default)
        {
            IReadOnlyList<SourceImage> found = await DescribeAsync(
                client, repositoryName, registryId, new[] { new ImageIdentifier { ImageDigest = digest } }, cancellationToken).ConfigureAwait(false);
            return found[0].Image is not null;
        }

        /// <summary>
        /// The manifests of source images, fetched with BatchGetImage in calls of up to 100 ids, asking for every
        /// manifest media type so that nothing is converted. Each id gets an image or the failure the service gave.
        /// </summary>
        public static async Task<IReadOnlyList<SourceImage>> FetchAsync(
            IEcrClient client, string repositoryName, string? registryId, IReadOnlyList<ImageIdentifier> ids, CancellationToken cancellationToken = default)
        {
            var results = new List<SourceImage>(ids.Count);
            for (int start = 0; start < ids.Count; start += ImageListings.MaxIdsPerRequest)
            {
                List<ImageIdentifier> batch = ids.Skip(start).Take(ImageListings.MaxIdsPerRequest).ToList();
                BatchGetImageResponse response = await client.BatchGetImageAsync(
                    new BatchGetImageRequest
                    {
                        RepositoryName = repositoryName,
                        RegistryId = registryId,
                        ImageIds = batch,
                        AcceptedMediaTypes = ImageManifest.AllMediaTypes.ToList(),
                    },
                    cancellationToken).ConfigureAwait(false);
                foreach (ImageIdentifier id in batch)
                {
                    Image? image = response.Images?.FirstOrDefault(candidate => SameImage(id, candidate.ImageId));
                    ImageFailure? failure = image is null ? response.Failures?.FirstOrDefault(candidate => SameId(id, candidate.ImageId)) : null;
                    results.Add(new SourceImage(id, image, failure));
                }
            }

            return results;
        }

        /// <summary>
        /// The source images looked up without their manifests: DescribeImages by digest, up to 100 per request, which
        /// unlike BatchGetImage is not a pull (it leaves the image's lastRecordedPullTime alone). For -WhatIf, which
        /// publishes nothing and so needs no manifest, and for a -Confirm prompt, before which nothing is pulled. Each
        /// id gets its image without a manifest, or the failure BatchGetImage would give: ImageNotFound for an image the
        /// repository does not hold, ImageInaccessible for an image that is not active (archived or being restored).
        /// </summary>
        public static async Task<IReadOnlyList<SourceImage>> DescribeAsync(
            IEcrClient client, string repositoryName, string? registryId, IReadOnlyList<ImageIdentifier> ids, CancellationToken cancellationToken = default)
        {
            var found = new List<ImageDetail>(ids.Count);
            await foreach (ListingPage<ImageDetail> page in ImageListings.DescribeImagesByIdAsync(client, repositoryName, registryId, ids, cancellationToken).ConfigureAwait(false))
            {
                found.AddRange(page.Items);
            }

            var results = new List<SourceImage>(ids.Count);
            foreach (ImageIdentifier id in ids)
            {
                ImageDetail? detail = found.FirstOrDefault(image => ImageListings.Identifies(id, image));
                if (detail is null)
                {
                    results.Add(new SourceImage(id, null, new ImageFailure { ImageId = id, FailureCode = ImageFailureCode.ImageNotFound, FailureReason = "Requested image not found" }));
                }
                else if (detail.ImageStatus is not null && detail.ImageStatus != ImageStatus.Active)
                {
                    string state = detail.ImageStatus == ImageStatus.Archived ? "archived" : "being restored from the archive";
                    results.Add(new SourceImage(id, null, new ImageFailure { ImageId = id, FailureCode = ImageFailureCode.ImageInaccessible, FailureReason = $"The requested image is {state} and cannot be pulled until it is active" }));
                }
                else
                {
                    var image = new Image
                    {
                        ImageId = new ImageIdentifier { ImageDigest = detail.ImageDigest, ImageTag = id.ImageTag },
                        ImageManifestMediaType = detail.ImageManifestMediaType,
                        RegistryId = detail.RegistryId,
                        RepositoryName = detail.RepositoryName,
                    };
                    results.Add(new SourceImage(id, image, null));
                }
            }

            return results;
        }

        /// <summary>
        /// Sends one PutImage; "already exists with this tag" is the same image already published. Without a tag, an
        /// image the repository already holds is only stored again unchanged: <paramref name="imageInRepository"/> (a
        /// retag source, which BatchGetImage has just returned) makes that outcome not a change.
        /// </summary>
        public static async Task<PublishOutcome> PutAsync(
            IEcrClient client, string repositoryName, string? registryId, ImageManifest manifest, string? tag, string? expectedDigest, bool imageInRepository, CancellationToken cancellationToken = default)
        {
            try
            {
                PutImageResponse response = await client.PutImageAsync(
                    new PutImageRequest
                    {
                        RepositoryName = repositoryName,
                        RegistryId = registryId,
                        ImageManifest = manifest.Text,
                        ImageManifestMediaType = manifest.MediaType,
                        ImageTag = tag,
                        ImageDigest = expectedDigest,
                    },
                    cancellationToken).ConfigureAwait(false);
                return new PublishOutcome(
                    response.Image?.RegistryId ?? registryId,
                    response.Image?.RepositoryName ?? repositoryName,
                    response.Image?.ImageId?.ImageDigest ?? manifest.Digest,
                    tag,
                    response.Image?.ImageManifestMediaType ?? manifest.MediaType,
                    changed: tag is not null || !imageInRepository);
            }
            catch (ImageAlreadyExistsException)
            {
                // The image the caller named, when it named one: the registry's digest for it, whatever the bytes hash to.
                return new PublishOutcome(registryId, repositoryName, expectedDigest ?? manifest.Digest, tag, manifest.MediaType, changed: false);
            }
        }

        private static bool SameImage(ImageIdentifier asked, ImageIdentifier? returned) =>
            returned is not null
            && (asked.ImageDigest is null || string.Equals(asked.ImageDigest, returned.ImageDigest, StringComparison.Ordinal))
            && (asked.ImageTag is null || string.Equals(asked.ImageTag, returned.ImageTag, StringComparison.Ordinal));

        private static bool SameId(ImageIdentifier asked, ImageIdentifier? returned) =>
            returned is not null
            && string.Equals(asked.ImageDigest, returned.ImageDigest, StringComparison.Ordinal)
            && string.Equals(asked.ImageTag, returned.ImageTag, StringComparison.Ordinal);
    }

    /// <summary>
    /// A source image for a retag: the image with its manifest (without one when only described, for -WhatIf), or why
    /// the service could not return it.
    /// </summary>
    public sealed class SourceImage
    {
        public SourceImage(ImageIdentifier requested, Image? image, ImageFailure? failure)
        {
            Requested = requested;
            Image = image;
            Failure = failure;
        }

        public ImageIdentifier Requested { get; }

        public Image? Image { get; }

        public ImageFailure? Failure { get; }
    }

    /// <summary>What one PutImage did.</summary>
    public sealed class PublishOutcome
    {
        public PublishOutcome(string? registryId, string repositoryName, string imageDigest, string? imageTag, string mediaType, bool changed)
        {
            RegistryId = registryId;
            RepositoryName = repositoryName;
            ImageDigest = imageDigest;
            ImageTag = imageTag;
            ImageManifestMediaType = mediaType;
            Changed = changed;
        }

        public string? RegistryId { get; }

        public string RepositoryName { get; }

        public string ImageDigest { get; }

        public string? ImageTag { get; }

        public string ImageManifestMediaType { get; }

        /// <summary>
        /// False when nothing changed: the tag already named this image, or an image already in the repository was
        /// published again without a tag.
        /// </summary>
        public bool Changed { get; }
    }
}
