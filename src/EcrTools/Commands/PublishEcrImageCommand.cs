using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using EcrTools.Binding;
using EcrTools.Client;
using EcrTools.Client.Model;
using EcrTools.Client.Listing;
using EcrTools.Client.Publishing;
using Microsoft.PowerShell.Commands;
using Manifest = EcrTools.Client.Publishing.ImageManifest;

namespace EcrTools.Commands
{
    /// <summary>
    /// Publishes an image from its manifest (ECR PutImage), once per tag: a manifest given as text or as a file,
    /// or the manifest of an image already in the repository (retag from the pipeline). Sources from one repository
    /// are fetched with one BatchGetImage call per 100.
    /// </summary>
    [Cmdlet(VerbsData.Publish, "EcrImage", DefaultParameterSetName = RetagSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EcrPublishedImage))]
    public sealed class PublishEcrImageCommand : EcrCmdlet
    {
        private const string RetagSet = "Retag";
        private const string ManifestSet = "Manifest";
        private const string PathSet = "Path";

        private readonly List<ImageIdentifier> _sources = new List<ImageIdentifier>();

        // Retag sources already taken by this command, by registry, repository and digest: an image piped once per
        // tag (rows of Get-EcrImageId output) is published once.
        private readonly HashSet<string> _sourcesTaken = new HashSet<string>(StringComparer.Ordinal);

        // The image each tag has been given by this command (under -WhatIf, would have been; not when it was declined
        // or PutImage failed), by registry, repository and tag: another image for the same tag is refused instead of
        // moving the tag again.
        private readonly Dictionary<string, string> _tagsGiven = new Dictionary<string, string>(StringComparer.Ordinal);

        // -RepositoryName and -RegistryId with their values, when given on the command line: there they replace the
        // repository and registry that piped images carry.
        private readonly List<string> _locationFromCommandLine = new List<string>();

        private RequestLog? _requestLog;
        private string? _sourceRepository;
        private string? _sourceRegistry;

        // -WhatIf is in effect: ShouldProcess will answer no for every tag.
        private bool _whatIf;

        // ShouldProcess may answer no for any tag (-WhatIf, or a -Confirm prompt): retag sources are described first, and
        // a source's manifest is fetched (a pull of the image) only once a tag of it is to be published.
        private bool _describeSources;

        /// <summary>The repository to publish to (and, for a retag, where the source image is).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRepositoryName]
        [ArgumentCompleter(typeof(RepositoryNameCompleter))]
        public string RepositoryName { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRegistryId(EmptyFromPipeline = true)]
        public string? RegistryId { get; set; }

        /// <summary>The manifest text, sent exactly as given.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ManifestSet)]
        [ValidateNotNullOrEmpty]
        public string ImageManifest { get; set; } = string.Empty;

        /// <summary>A manifest file, read as bytes and sent exactly.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string ManifestPath { get; set; } = string.Empty;

        /// <summary>
        /// For a retag, the image to publish again (from the pipeline by property name). With a manifest, the digest
        /// it must have: a different one is an error and nothing is sent.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = RetagSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ManifestSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateImageDigest]
        [ArgumentCompleter(typeof(ImageDigestCompleter))]
        public string? ImageDigest { get; set; }

        /// <summary>The tags to publish, one PutImage each; without a tag the image is published untagged.</summary>
        [Parameter(Position = 0)]
        [ValidateImageTag]
        [ArgumentCompleter(typeof(ImageTagCompleter))]
        public string[]? ImageTag { get; set; }

        /// <summary>The manifest's media type; by default the manifest's own mediaType.</summary>
        [Parameter(ParameterSetName = ManifestSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? ImageManifestMediaType { get; set; }

        /// <summary>
        /// Publishes without asking, whatever $ConfirmPreference says, as AWS.Tools' -Force does; -WhatIf and an
        /// explicit -Confirm still apply.
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _whatIf = WhatIfInEffect();
            _describeSources = _whatIf || ConfirmInEffect();
            if (MyInvocation.BoundParameters.ContainsKey(nameof(RepositoryName)))
            {
                _locationFromCommandLine.Add($"-RepositoryName '{RepositoryName}'");
            }

            if (MyInvocation.BoundParameters.ContainsKey(nameof(RegistryId)))
            {
                _locationFromCommandLine.Add($"-RegistryId '{RegistryId}'");
            }
        }

        protected override void ProcessRecord()
        {
            RegistryId = BoundValues.NullIfEmpty(RegistryId);
            switch (ParameterSetName)
            {
                case RetagSet:
                    QueueSource();
                    break;
                case ManifestSet:
                    // An error about the manifest names where it was to go: repository:tag, or the repository.
                    PublishChecked(() => Manifest.Parse(ImageManifest, ImageManifestMediaType), ImageTag is { Length: 1 } tags ? $"{RepositoryName}:{tags[0]}" : RepositoryName);
                    break;
                case PathSet:
                    PublishFile();
                    break;
            }
        }

        protected override void EndProcessing()
        {
            FetchAndPublishSources();
            base.EndProcessing();
        }

        /// <summary>Collects retag sources so that one BatchGetImage fetches up to 100 from the same repository.</summary>
        private void QueueSource()
        {
            if (_sources.Count > 0 && (_sourceRepository != RepositoryName || _sourceRegistry != RegistryId))
            {
                FetchAndPublishSources();
            }

            if (!_sourcesTaken.Add($"{RegistryId}/{RepositoryName}@{ImageDigest}"))
            {
                return;
            }

            _sourceRepository = RepositoryName;
            _sourceRegistry = RegistryId;
            _sources.Add(new ImageIdentifier { ImageDigest = ImageDigest });
            if (_sources.Count == ImageListings.MaxIdsPerRequest)
            {
                FetchAndPublishSources();
            }
        }

        /// <summary>
        /// Fetches the queued sources' manifests with BatchGetImage and publishes each. Under -WhatIf nothing is
        /// published, so no manifest is needed: the sources are only looked up with DescribeImages, since BatchGetImage
        /// counts as a pull of each image (it changes the image's lastRecordedPullTime).
        /// </summary>
        private void FetchAndPublishSources()
        {
            if (_sources.Count == 0)
            {
                return;
            }

            string repository = _sourceRepository!;
            string? registry = _sourceRegistry;
            List<ImageIdentifier> ids = _sources.ToList();
            _sources.Clear();

            IReadOnlyList<SourceImage> sources;
            try
            {
                sources = Send(client => _describeSources
                    ? ImagePublisher.DescribeAsync(client, repository, registry, ids, CancellationToken)
                    : ImagePublisher.FetchAsync(client, repository, registry, ids, CancellationToken));
            }
            catch (Exception exception) when (IsRequestFailure(exception))
            {
                WriteRequestError(ErrorRecords.FromException(exception, repository, _describeSources ? "DescribeImages" : "BatchGetImage", repository));
                return;
            }

            foreach (SourceImage source in sources)
            {
                string digest = source.Image?.ImageId?.ImageDigest ?? source.Requested.ImageDigest!;
                if (source.Image is null || (source.Image.ImageManifest is null && !_describeSources))
                {
                    WriteError(SourceUnavailable(repository, source));
                    continue;
                }

                Manifest? manifest = null;
                if (source.Image.ImageManifest is not null && !TryParseSource(source.Image, source.Requested.ImageDigest, out manifest))
                {
                    continue;
                }

                // The image is the one the registry names: a registry that re-serialises manifests (a test double, say)
                // returns bytes with another SHA-256, and PutImage is told the digest they must have.
                Publish(repository, registry, digest, manifest, digest, imageInRepository: true, registryAnswered: source.Image.RegistryId);
            }
        }

        /// <summary>
        /// The manifest of one retag source, fetched with BatchGetImage once a tag of it was confirmed; null after
        /// writing the error when it cannot be fetched.
        /// </summary>
        private Manifest? FetchConfirmedSource(string repository, string? registry, string digest)
        {
            SourceImage source;
            try
            {
                source = Send(client => ImagePublisher.FetchAsync(client, repository, registry, new[] { new ImageIdentifier { ImageDigest = digest } }, CancellationToken))[0];
            }
            catch (Exception exception) when (IsRequestFailure(exception))
            {
                WriteRequestError(ErrorRecords.FromException(exception, repository, "BatchGetImage", repository));
                return null;
            }

            if (source.Image?.ImageManifest is null)
            {
                WriteError(SourceUnavailable(repository, source));
                return null;
            }

            return TryParseSource(source.Image, digest, out Manifest? manifest) ? manifest : null;
        }

        /// <summary>A fetched source's manifest; false after writing an InvalidManifest error when it is not one.</summary>
        private bool TryParseSource(Image image, string? target, out Manifest? manifest)
        {
            try
            {
                manifest = Manifest.Parse(image.ImageManifest!, image.ImageManifestMediaType);
                return true;
            }
            catch (FormatException problem)
            {
                WriteError(new ErrorRecord(problem, "InvalidManifest", ErrorCategory.InvalidData, target));
                manifest = null;
                return false;
            }
        }

        /// <summary>
        /// A retag source the service could not return. When the repository (or registry) was given on the command line
        /// for piped images, an image it does not hold most likely came from another repository: the message says that
        /// a retag publishes within one repository, and what copying to another one takes.
        /// </summary>
        private ErrorRecord SourceUnavailable(string repository, SourceImage source)
        {
            string? digest = source.Requested.ImageDigest;
            string? code = source.Failure?.FailureCode;
            ErrorRecord record = ErrorRecords.SourceImageUnavailable(repository, digest, code, source.Failure?.FailureReason);
            if ((code is null || code == ImageFailureCode.ImageNotFound) && MyInvocation.ExpectingInput && _locationFromCommandLine.Count > 0)
            {
                string given = string.Join(" and ", _locationFromCommandLine);
                bool one = _locationFromCommandLine.Count == 1;
                record.ErrorDetails = new ErrorDetails(
                    $"The repository '{repository}' has no image {digest}. {given} {(one ? "was" : "were")} given on the command line, so {(one ? "it is" : "they are")} used for every piped image " +
                    "in place of the repository the image came from, and a retag publishes an image again within the repository that holds it. " +
                    $"To retag piped images in their own repositories, leave {(one ? "it" : "them")} out. To copy an image to '{repository}', that repository must first " +
                    "hold the image's layers and config (else PutImage fails with LayersNotFound): push the image there with a container tool.")
                {
                    RecommendedAction = $"Leave out {given} to retag each piped image in its own repository.",
                };
            }

            return record;
        }

        /// <summary>
        /// Reads the manifest file -ManifestPath names, then checks and publishes it. A file that cannot be read is an
        /// error that names it, written before any request; the next piped file is still published.
        /// </summary>
        private void PublishFile()
        {
            string path;
            try
            {
                path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ManifestPath, out ProviderInfo provider, out _);
                if (provider.ImplementingType != typeof(FileSystemProvider))
                {
                    WriteError(new ErrorRecord(
                        new ArgumentException($"The manifest path '{ManifestPath}' is on the {provider.Name} provider's drive; a manifest is read from a file."),
                        "ManifestUnreadable",
                        ErrorCategory.ReadError,
                        ManifestPath));
                    return;
                }
            }
            catch (SessionStateException problem)
            {
                // A drive or provider that does not exist: PowerShell's own record (DriveNotFound, ObjectNotFound).
                ErrorRecord record = problem.ErrorRecord;
                record.ErrorDetails = new ErrorDetails($"Cannot read the manifest file '{ManifestPath}': {problem.Message}");
                WriteError(record);
                return;
            }
            catch (Exception problem) when (problem is ArgumentException || problem is NotSupportedException || problem is IOException)
            {
                WriteError(FileError(problem, "ManifestUnreadable", ErrorCategory.ReadError, $"Cannot read the manifest file '{ManifestPath}': {problem.Message}"));
                return;
            }

            if (Directory.Exists(path))
            {
                WriteError(FileError(
                    new IOException($"The manifest path '{path}' is a directory, not a file."),
                    "ManifestUnreadable",
                    ErrorCategory.ReadError,
                    $"The manifest path '{path}' is a directory, not a file. To publish the manifests in it, pipe its files: Get-ChildItem -Path '{path}' -Filter *.json | Publish-EcrImage ..."));
                return;
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception problem) when (problem is IOException || problem is UnauthorizedAccessException || problem is NotSupportedException || problem is ArgumentException)
            {
                // -ManifestPath is literal: a wildcard names no file (on Windows not even a valid one).
                bool wildcards = WildcardPattern.ContainsWildcardCharacters(ManifestPath);
                if (problem is FileNotFoundException || problem is DirectoryNotFoundException || (wildcards && !File.Exists(path)))
                {
                    string hint = wildcards ? " -ManifestPath takes no wildcards: pipe the files from Get-ChildItem instead." : string.Empty;
                    WriteError(FileError(
                        new ItemNotFoundException($"Cannot find the manifest file '{path}'.{hint}", problem),
                        "ManifestFileNotFound",
                        ErrorCategory.ObjectNotFound,
                        null));
                }
                else
                {
                    WriteError(FileError(problem, "ManifestUnreadable", ErrorCategory.ReadError, $"Cannot read the manifest file '{path}': {problem.Message}"));
                }

                return;
            }

            PublishChecked(() => Manifest.FromFile(bytes, ImageManifestMediaType), ManifestPath, path);
        }

        /// <summary>
        /// Checks a manifest given on the command line or read from <paramref name="file"/>, then publishes it. The
        /// messages of a file's problems name the file: several files may come from the pipeline.
        /// </summary>
        private void PublishChecked(Func<Manifest> read, string target, string? file = null)
        {
            Manifest manifest;
            try
            {
                manifest = read();
            }
            catch (FormatException problem)
            {
                WriteError(FileError(problem, "InvalidManifest", ErrorCategory.InvalidData, file is null ? null : $"Manifest file '{file}': {problem.Message}", target));
                return;
            }

            if (ImageDigest is not null && ImageDigest != manifest.Digest && !manifest.MediaType.StartsWith("application/vnd.docker.distribution.manifest.v1", StringComparison.Ordinal))
            {
                string problem = $"The manifest's digest is {manifest.Digest}, not the expected {ImageDigest}. The digest is the SHA-256 of the manifest's exact bytes: a changed byte, such as a trailing newline, is another image.";
                WriteError(FileError(
                    new ArgumentException(problem),
                    "ImageDigestDoesNotMatch",
                    ErrorCategory.InvalidArgument,
                    file is null ? null : $"Manifest file '{file}': {problem}",
                    target));
                return;
            }

            Publish(RepositoryName, RegistryId, manifest.Digest, manifest, ImageDigest, imageInRepository: false);
        }

        /// <summary>An error about a manifest or its file; <paramref name="message"/>, when given, is what the user reads.</summary>
        private ErrorRecord FileError(Exception problem, string id, ErrorCategory category, string? message, string? target = null)
        {
            var record = new ErrorRecord(problem, id, category, target ?? ManifestPath);
            if (message is not null)
            {
                record.ErrorDetails = new ErrorDetails(message);
            }

            return record;
        }

        /// <summary>
        /// One PutImage per tag, each after ShouldProcess with what the tag names now. <paramref name="imageInRepository"/>:
        /// the image is a retag source, so without a tag publishing it changes nothing; for a manifest published without
        /// a tag, DescribeImages tells. <paramref name="manifest"/> is null for a source that was only described: under
        /// -WhatIf nothing is published, and before a -Confirm prompt it is fetched once a tag is confirmed.
        /// <paramref name="registryAnswered"/> is the registry the
        /// service named for the source when <paramref name="registry"/> was left to the default: so an image piped with
        /// its RegistryId and one piped without it (Get-EcrImageId output) count as the same destination.
        /// </summary>
        private void Publish(string repository, string? registry, string digest, Manifest? manifest, string? expectedDigest, bool imageInRepository, string? registryAnswered = null)
        {
            string[] tags = ImageTag ?? Array.Empty<string>();
            IReadOnlyDictionary<string, string> current;
            try
            {
                current = Send(client => ImagePublisher.CurrentDigestsAsync(client, repository, registry, tags, CancellationToken));
                if (tags.Length == 0 && !imageInRepository)
                {
                    // A manifest published again without a tag is only stored again: say so, and report it unchanged.
                    imageInRepository = Send(client => ImagePublisher.HoldsAsync(client, repository, registry, digest, CancellationToken));
                }
            }
            catch (Exception exception) when (IsRequestFailure(exception))
            {
                WriteRequestError(ErrorRecords.FromException(exception, repository, "DescribeImages", repository));
                return;
            }

            string destination = $"{registry ?? registryAnswered}/{repository}";
            foreach (string? tag in tags.Length == 0 ? new string?[] { null } : tags.Cast<string?>())
            {
                string? previous = tag is not null && current.TryGetValue(tag, out string? named) ? named : null;
                string target = tag is null ? $"{repository}@{digest}" : $"{repository}:{tag}";
                string given = tag is null ? $"{destination}@{digest}" : $"{destination}:{tag}";
                if (!MayGive(given, tag, digest, target))
                {
                    continue;
                }

                // The standard ShouldProcess texts, with the reason: under -WhatIf the tag counts as given.
                string action = Describe(tag, digest, previous, imageInRepository);
                ShouldProcessReason reason = ShouldProcessReason.None;
                bool publish = (Force && !_whatIf && !MyInvocation.BoundParameters.ContainsKey("Confirm")) || ShouldProcess(
                    $"Performing the operation \"{action}\" on target \"{target}\".",
                    $"Are you sure you want to perform this action?{Environment.NewLine}Performing the operation \"{action}\" on target \"{target}\".",
                    "Confirm",
                    out reason);
                if (publish || reason == ShouldProcessReason.WhatIf)
                {
                    _tagsGiven[given] = digest;
                }

                if (!publish)
                {
                    continue;
                }

                if (manifest is null)
                {
                    if (_whatIf)
                    {
                        throw new PSInvalidOperationException($"The manifest of image {digest} was not fetched because -WhatIf was in effect, yet ShouldProcess answered yes.");
                    }

                    // A source described before a -Confirm prompt: its manifest is fetched now that a tag was confirmed.
                    manifest = FetchConfirmedSource(repository, registry, digest);
                    if (manifest is null)
                    {
                        _tagsGiven.Remove(given);
                        return;
                    }
                }

                try
                {
                    PublishOutcome outcome = Send(client => ImagePublisher.PutAsync(client, repository, registry, manifest, tag, expectedDigest, imageInRepository, CancellationToken));
                    WriteObject(new EcrPublishedImage
                    {
                        RegistryId = outcome.RegistryId,
                        RepositoryName = outcome.RepositoryName,
                        ImageDigest = outcome.ImageDigest,
                        ImageTag = outcome.ImageTag,
                        ImageManifestMediaType = outcome.ImageManifestMediaType,
                        Changed = outcome.Changed,
                        PreviousImageDigest = previous != outcome.ImageDigest ? previous : null,
                    });
                }
                catch (Exception exception) when (IsRequestFailure(exception))
                {
                    // Not given after all: another image may still have the tag.
                    _tagsGiven.Remove(given);
                    WriteRequestError(ErrorRecords.FromException(exception, target, "PutImage"));
                }
            }
        }

        /// <summary>
        /// Whether this command may give <paramref name="tag"/> (null: publish untagged) to the image: not when it has
        /// already done so (nothing to do again), nor when it gave the tag to another image (an error: the tag would
        /// move again and the last image would win).
        /// </summary>
        private bool MayGive(string given, string? tag, string digest, string target)
        {
            if (!_tagsGiven.TryGetValue(given, out string? givenTo))
            {
                return true;
            }

            if (givenTo != digest)
            {
                WriteError(new ErrorRecord(
                    new PSInvalidOperationException($"The tag '{tag}' was given to image {givenTo} earlier in this command; giving it to image {digest} as well would move it again, and the last image would win. Publish one image per tag."),
                    "TagGivenTwice",
                    ErrorCategory.InvalidOperation,
                    target));
            }

            return false;
        }

        /// <summary>
        /// Waits for requests made through the request log, then writes a verbose line for each request they made,
        /// whether they succeeded or failed.
        /// </summary>
        private T Send<T>(Func<IEcrClient, Task<T>> requests)
        {
            _requestLog ??= new RequestLog(Client);
            try
            {
                return Await(requests(_requestLog));
            }
            finally
            {
                foreach (string line in _requestLog.TakeLines())
                {
                    WriteVerbose(line);
                }
            }
        }

        /// <summary>
        /// Whether ShouldProcess will ask before each tag, as it decides it: -Confirm as bound (from the command line or
        /// $PSDefaultParameterValues), else $ConfirmPreference at or below this cmdlet's impact (Medium), unless -Force.
        /// </summary>
        private bool ConfirmInEffect() =>
            BoundSwitch("Confirm")
            ?? (!Force
                && LanguagePrimitives.TryConvertTo(GetVariableValue("ConfirmPreference"), out ConfirmImpact preference)
                && preference != ConfirmImpact.None
                && preference <= ConfirmImpact.Medium);

        /// <summary>
        /// Whether -WhatIf is in effect, as ShouldProcess decides it: -WhatIf as bound (from the command line or
        /// $PSDefaultParameterValues), else $WhatIfPreference.
        /// </summary>
        private bool WhatIfInEffect() =>
            BoundSwitch("WhatIf") ?? LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>A common switch's value when it is bound (true or false), or null when the preference decides.</summary>
        private bool? BoundSwitch(string name) =>
            MyInvocation.BoundParameters.TryGetValue(name, out object? given)
                ? given is SwitchParameter value ? value.IsPresent : LanguagePrimitives.IsTrue(given)
                : null;

        /// <summary>A failed request, as opposed to a bug, or the user stopping the command.</summary>
        private bool IsRequestFailure(Exception exception) =>
            ErrorRecords.IsRequestFailure(exception) && !CancellationToken.IsCancellationRequested;

        private static string Describe(string? tag, string digest, string? previous, bool imageInRepository)
        {
            if (tag is null)
            {
                return imageInRepository
                    ? $"Publish image {digest} again without a tag (the repository holds it; nothing changes)"
                    : $"Publish image {digest} untagged";
            }

            if (previous is null)
            {
                return $"Publish image {digest} with the new tag '{tag}'";
            }

            return previous == digest
                ? $"Publish image {digest} with tag '{tag}' (the tag already names this image; nothing changes)"
                : $"Move tag '{tag}' from image {previous} to image {digest}";
        }
    }
}
