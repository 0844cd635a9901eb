using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcrTools.Binding;
using EcrTools.Client;
using EcrTools.Client.Listing;
using EcrTools.Client.Model;

namespace EcrTools.Commands
{
    /// <summary>
    /// Describes images (tags, size, push time, scan state) across all pages: ECR DescribeImages. Images asked for
    /// by tag, digest or id are looked up in batches of up to 100 per request, also across pipeline input.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EcrImage", SupportsPaging = true, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(EcrImage))]
    public sealed class GetEcrImageCommand : EcrListingCmdlet<EcrImage>
    {
        private const string InputObjectSet = "InputObject";

        private readonly List<ImageIdentifier> _batch = new List<ImageIdentifier>();

        // Ids already queued, by repository: an image piped once per tag is described once.
        private readonly HashSet<string> _queued = new HashSet<string>(StringComparer.Ordinal);
        private ListingTarget? _batchTarget;

        // -ImageDigest or -ImageTag given on the command line: with the other from the pipeline (or also typed), one
        // of each names one image that carries the tag. Only when both come from one piped object does the digest alone
        // name the image.
        private bool _digestOrTagTyped;

        /// <summary>Tags to describe; wildcards are matched against every image's tags while listing.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = RepositorySet)]
        [SupportsWildcards]
        [ValidateImageTag(EmptyFromPipeline = true)]
        [ArgumentCompleter(typeof(ImageTagCompleter))]
        public string[]? ImageTag { get; set; }

        /// <summary>Digests to describe.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = RepositorySet)]
        [ValidateImageDigest(EmptyFromPipeline = true)]
        [ArgumentCompleter(typeof(ImageDigestCompleter))]
        public string[]? ImageDigest { get; set; }

        /// <summary>
        /// Image ids to describe, in the repository -RepositoryName names: objects or hashtables with ImageDigest
        /// and/or ImageTag, read as the module's own image ids.
        /// </summary>
        [Parameter(ParameterSetName = RepositorySet)]
        [ImageIdTransformation]
        public EcrImageId[]? ImageId { get; set; }

        /// <summary>
        /// Image ids as Get-EcrImageId writes them, each naming its repository: bound by type from the pipeline, so
        /// <c>Get-EcrImageId repo | Get-EcrImage</c> binds one parameter per id instead of four by property name.
        /// </summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public EcrImageId[]? InputObject { get; set; }

        /// <summary>Only images pushed after this time.</summary>
        [Parameter]
        public DateTime? PushedAfter { get; set; }

        /// <summary>Only images pushed before this time.</summary>
        [Parameter]
        public DateTime? PushedBefore { get; set; }

        protected override string Operation => "DescribeImages";

        /// <summary>One batch of ids more may be in flight while the next ids are piped in.</summary>
        protected override int PendingAfterInput => ThrottleLimit;

        protected override string ItemNoun => "images";

        protected override void BeginProcessing()
        {
            if (ParameterSetName == InputObjectSet && InputObject is null && !MyInvocation.ExpectingInput)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("Give the repository to read with -RepositoryName, or pipe repository names or the output of Get-EcrImageId."),
                    "RepositoryNameMissing",
                    ErrorCategory.InvalidArgument,
                    null));
            }

            if (PushedAfter is DateTime after && PushedBefore is DateTime before && after.ToUniversalTime() >= before.ToUniversalTime())
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"-PushedAfter ({after:s}) is not earlier than -PushedBefore ({before:s}): no image is pushed after the one and before the other. Swap them, or give one."),
                    "PushedWindowEmpty",
                    ErrorCategory.InvalidArgument,
                    after));
            }

            _digestOrTagTyped = MyInvocation.BoundParameters.ContainsKey(nameof(ImageDigest)) || MyInvocation.BoundParameters.ContainsKey(nameof(ImageTag));
            base.BeginProcessing();
        }

        /// <summary>
        /// An -InputObject id is read as the parameters it stands for: its repository and registry, and its digest, or
        /// its tag when it has no digest (a pattern lists the repository); an id with neither names the whole
        /// repository, as an object with only a RepositoryName property (Import-Csv, for one) does.
        /// </summary>
        protected override void QueueInput()
        {
            if (ParameterSetName != InputObjectSet)
            {
                // From the pipeline, an empty tag or digest (an Import-Csv cell) is not given; an input that names
                // nothing but empty ones is refused rather than read as the whole repository.
                string[]? tags = BoundValues.WithoutEmpty(ImageTag), digests = BoundValues.WithoutEmpty(ImageDigest);
                if ((ImageTag is not null || ImageDigest is not null) && tags is null && digests is null && ImageId is null)
                {
                    string parameter = ImageTag is not null ? nameof(ImageTag) : nameof(ImageDigest);
                    string problem = ImageTag is not null ? EcrValidation.ImageTag(string.Empty)! : EcrValidation.ImageDigest(string.Empty)!;
                    WriteError(ErrorRecords.InvalidArgument(parameter, problem, string.Join(", ", RepositoryName)));
                    return;
                }

                ImageTag = tags;
                ImageDigest = digests;
                base.QueueInput();
                return;
            }

            foreach (EcrImageId? id in InputObject ?? new EcrImageId?[] { null })
            {
                string? problem = id is null ? "The pipeline input is null: give a RepositoryName or an image id." : CheckImageId(id);
                if (problem is not null)
                {
                    WriteError(new ErrorRecord(new ArgumentException(problem), "InvalidImageId", ErrorCategory.InvalidData, id));
                    continue;
                }

                RepositoryName = new[] { id!.RepositoryName };
                RegistryId = BoundValues.NullIfEmpty(id.RegistryId);
                ImageDigest = BoundValues.NullIfEmpty(id.ImageDigest) is string digest ? new[] { digest } : null;
                ImageTag = BoundValues.NullIfEmpty(id.ImageTag) is string tag ? new[] { tag } : null;
                base.QueueInput();
            }
        }

        /// <summary>The same checks as the parameters' own, for an id that arrives as one object; empty means not given.</summary>
        private static string? CheckImageId(EcrImageId id) =>
            EcrValidation.RepositoryName(id.RepositoryName)
            ?? (BoundValues.NullIfEmpty(id.RegistryId) is string registry ? EcrValidation.RegistryId(registry) : null)
            ?? (BoundValues.NullIfEmpty(id.ImageDigest) is string digest ? EcrValidation.ImageDigest(digest) : null)
            ?? (BoundValues.NullIfEmpty(id.ImageTag) is string tag ? EcrValidation.ImageTag(tag) : null);

        protected override void QueueWork(ListingTarget target)
        {
            List<ImageIdentifier> ids = RequestedIds(out List<WildcardPattern> patterns);
            if (patterns.Count > 0)
            {
                // Patterns need every image's tags: list the repository and keep the matches. Literal ids ride along.
                FlushWork();
                target.ExpectedIds.AddRange(ids);
                ListAll(target, image => Matches(image, patterns, ids));
            }
            else if (ids.Count > 0)
            {
                Batch(target, ids);
            }
            else if (FirstWholeListing(target))
            {
                FlushWork();
                ListAll(target, null);
            }
        }

        protected override void FlushWork()
        {
            if (_batchTarget is null || _batch.Count == 0)
            {
                return;
            }

            var client = Client;
            var target = _batchTarget;
            var ids = _batch.ToList();
            Enqueue(cancellationToken => ImageListings.DescribeImagesByIdAsync(client, target.RepositoryName, target.RegistryId, ids, cancellationToken), ToOutput(target), target, eager: true);
            _batch.Clear();
            _batchTarget = null;
        }

        /// <summary>
        /// The conversion of one repository's described images: each image found is struck from the ids the target
        /// expects, then kept if it is in the -PushedAfter/-PushedBefore window and has the tag and image status the
        /// filter asks for. Lookups ask the service for images of every status (see
        /// <see cref="ImageListings.DescribeImagesByIdAsync"/>), so an image asked for by id is found whatever its status
        /// unless -ImageStatus (or the filter) names one, which is applied here. An image
        /// left out is not an error. Runs where the pages arrive, one page at a time.
        /// </summary>
        private Func<ImageDetail, EcrImage?> ToOutput(ListingTarget target)
        {
            DateTime? after = PushedAfter?.ToUniversalTime();
            DateTime? before = PushedBefore?.ToUniversalTime();
            bool? wantTagged = EffectiveFilter.TagStatus?.ToUpperInvariant() switch
            {
                EcrTools.Client.Model.TagStatus.Tagged => true,
                EcrTools.Client.Model.TagStatus.Untagged => false,
                _ => null,
            };
            string? imageStatus = string.Equals(EffectiveFilter.ImageStatus, ImageStatusFilter.Any, StringComparison.OrdinalIgnoreCase) ? null : EffectiveFilter.ImageStatus;
            return item =>
            {
                target.ExpectedIds.RemoveAll(id => ImageListings.Identifies(id, item));
                if ((after.HasValue && !(item.ImagePushedAt > after.Value)) || (before.HasValue && !(item.ImagePushedAt < before.Value)))
                {
                    return null;
                }

                if ((wantTagged.HasValue && wantTagged.Value != (item.ImageTags is { Count: > 0 }))
                    || (imageStatus is not null && !string.Equals(imageStatus, item.ImageStatus ?? EcrTools.Client.Model.ImageStatus.Active, StringComparison.OrdinalIgnoreCase)))
                {
                    return null;
                }

                return ToEcrImage(item, target);
            };
        }

        protected override void OnCompleted(ListingTarget target)
        {
            foreach (ImageIdentifier missing in target.ExpectedIds)
            {
                WriteError(ErrorRecords.ImageNotFound(target.RepositoryName, missing.ImageDigest, missing.ImageTag));
            }
        }

        private static EcrImage ToEcrImage(ImageDetail detail, ListingTarget target) => new EcrImage
        {
            RegistryId = detail.RegistryId ?? target.RegistryId,
            RepositoryName = detail.RepositoryName ?? target.RepositoryName,
            ImageDigest = detail.ImageDigest ?? string.Empty,
            ImageTags = detail.ImageTags?.ToArray() ?? Array.Empty<string>(),
            ImageSizeInBytes = detail.ImageSizeInBytes,
            ImagePushedAt = detail.ImagePushedAt,
            ImageScanStatus = detail.ImageScanStatus is null ? null : new EcrImageScanStatus
            {
                Status = detail.ImageScanStatus.Status,
                Description = detail.ImageScanStatus.Description,
            },
            ImageScanFindingsSummary = detail.ImageScanFindingsSummary is null ? null : new EcrImageScanFindingsSummary
            {
                ImageScanCompletedAt = detail.ImageScanFindingsSummary.ImageScanCompletedAt,
                VulnerabilitySourceUpdatedAt = detail.ImageScanFindingsSummary.VulnerabilitySourceUpdatedAt,
                FindingSeverityCounts = SeverityCounts(detail.ImageScanFindingsSummary.FindingSeverityCounts),
            },
            ImageManifestMediaType = detail.ImageManifestMediaType,
            ArtifactMediaType = detail.ArtifactMediaType,
            LastRecordedPullTime = detail.LastRecordedPullTime,
            SubjectManifestDigest = detail.SubjectManifestDigest,
            ImageStatus = detail.ImageStatus,
            LastArchivedAt = detail.LastArchivedAt,
            LastActivatedAt = detail.LastActivatedAt,
        };

        /// <summary>The counts by severity, with keys that match in any case; a key repeated in another case keeps its last count.</summary>
        private static Dictionary<string, int> SeverityCounts(IDictionary<string, int>? counts)
        {
            var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, int> count in counts ?? new Dictionary<string, int>())
            {
                byName[count.Key] = count.Value;
            }

            return byName;
        }

        private static bool Matches(ImageDetail image, List<WildcardPattern> patterns, List<ImageIdentifier> ids) =>
            (image.ImageTags?.Any(tag => patterns.Any(pattern => pattern.IsMatch(tag))) ?? false)
            || ids.Any(id => ImageListings.Identifies(id, image));

        /// <summary>
        /// The ids this input asks for: -ImageId, -ImageDigest and the literal -ImageTag values. A piped object with a
        /// digest and a tag (a row of Get-EcrImageId output) names its image by the digest, which a tag moved since
        /// does not change. When either was typed on the command line, one digest with one literal tag names one image,
        /// the image with that digest, which must carry that tag (a tag that is not on it is reported, not dropped);
        /// several digests or tags are each looked up.
        /// </summary>
        private List<ImageIdentifier> RequestedIds(out List<WildcardPattern> patterns)
        {
            var ids = (ImageId ?? Array.Empty<EcrImageId>()).Select(id => new ImageIdentifier { ImageDigest = id.ImageDigest, ImageTag = id.ImageTag }).ToList();
            patterns = new List<WildcardPattern>();
            var tags = new List<string>();
            foreach (string tag in ImageTag ?? Array.Empty<string>())
            {
                if (WildcardPattern.ContainsWildcardCharacters(tag))
                {
                    patterns.Add(new WildcardPattern(tag, WildcardOptions.CultureInvariant));
                }
                else
                {
                    tags.Add(tag);
                }
            }

            string[] digests = ImageDigest ?? Array.Empty<string>();
            if (digests.Length > 0 && tags.Count > 0)
            {
                if (!_digestOrTagTyped)
                {
                    tags.Clear();
                }
                else if (digests.Length == 1 && tags.Count == 1)
                {
                    ids.Add(new ImageIdentifier { ImageDigest = digests[0], ImageTag = tags[0] });
                    return ids;
                }
            }

            ids.AddRange(digests.Select(digest => new ImageIdentifier { ImageDigest = digest }));
            ids.AddRange(tags.Select(tag => new ImageIdentifier { ImageTag = tag }));
            return ids;
        }

        /// <summary>Holds ids back so consecutive inputs for one repository share DescribeImages requests.</summary>
        private void Batch(ListingTarget target, List<ImageIdentifier> ids)
        {
            if (_batchTarget is not null
                && (_batchTarget.RepositoryName != target.RepositoryName || _batchTarget.RegistryId != target.RegistryId))
            {
                FlushWork();
            }

            _batchTarget ??= target;
            foreach (ImageIdentifier id in ids)
            {
                if (!_queued.Add($"{target.RegistryId}/{target.RepositoryName}@{id.ImageDigest}:{id.ImageTag}"))
                {
                    continue;
                }

                _batch.Add(id);
                if (_batch.Count == ImageListings.MaxIdsPerRequest)
                {
                    var current = _batchTarget;
                    FlushWork();
                    _batchTarget = current;
                }
            }
        }

        private void ListAll(ListingTarget target, Func<ImageDetail, bool>? keep)
        {
            var request = new DescribeImagesRequest
            {
                RepositoryName = target.RepositoryName,
                RegistryId = target.RegistryId,
                Filter = EffectiveFilter.ToDescribeImagesFilter(),
                MaxResults = RequestPageSize(filteredHere: keep is not null || PushedAfter.HasValue || PushedBefore.HasValue),
                NextToken = NextToken,
            };
            var client = Client;
            Enqueue(cancellationToken => ImageListings.DescribeImagesAsync(client, request, keep, cancellationToken), ToOutput(target), target);
        }
    }
}
