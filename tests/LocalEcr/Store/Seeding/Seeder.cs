using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using LocalEcr.Auth;
using LocalEcr.Protocol;

namespace LocalEcr.Store.Seeding;

/// <summary>
/// Builds and merges registry state from <see cref="SeedDocument"/>s. Values are checked against the same model
/// the requests are, so a seed cannot create state that ECR could not hold. Problems throw
/// <see cref="InvalidDataException"/> naming the repository and image.
/// </summary>
internal static class Seeder
{
    private static readonly DateTimeOffset DefaultCreatedAt = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A registry with the default credentials and account, then every document applied in order.</summary>
    public static Registry CreateRegistry(IEnumerable<SeedDocument> documents)
    {
        var registry = new Registry();
        var defaults = LocalEcrServer.DefaultCredentials;
        registry.Credentials.Add(new KnownCredentials(defaults.AccessKeyId, defaults.SecretAccessKey, null, Expired: false));
        foreach (var document in documents)
        {
            Apply(registry, document);
        }

        return registry;
    }

    public static void Apply(Registry registry, SeedDocument document)
    {
        if (document.AccountId is { } accountId)
        {
            Require(ServiceModel.Ecr["RegistryId"].PatternRegex!.IsMatch(accountId), $"accountId '{accountId}' is not 12 digits.");
            registry.AccountId = accountId;
        }

        if (document.IncludeDefaultCredentials == false)
        {
            registry.Credentials.Remove(LocalEcrServer.DefaultCredentials.AccessKeyId);
        }

        foreach (var credentials in document.Credentials)
        {
            Require(!string.IsNullOrEmpty(credentials.AccessKeyId) && !string.IsNullOrEmpty(credentials.SecretAccessKey),
                "credentials need an accessKeyId and a secretAccessKey.");
            registry.Credentials.Add(new KnownCredentials(
                credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken, credentials.Expired));
        }

        foreach (var token in document.SsoTokens)
        {
            Require(!string.IsNullOrEmpty(token.AccessToken), "ssoTokens need an accessToken.");
            Require(ServiceModel.Ecr["RegistryId"].PatternRegex!.IsMatch(token.AccountId ?? ""),
                $"ssoTokens: accountId '{token.AccountId}' is not 12 digits.");
            Require(!string.IsNullOrEmpty(token.RoleName), "ssoTokens need a roleName.");
            registry.SsoTokens.Add(token.AccessToken, token.AccountId!, token.RoleName);
        }

        foreach (var seed in document.Repositories)
        {
            ApplyRepository(registry, seed);
        }
    }

    private static void ApplyRepository(Registry registry, SeedRepository seed)
    {
        var nameShape = ServiceModel.Ecr["RepositoryName"];
        Require(seed.Name is { Length: >= 2 and <= 256 } && nameShape.PatternRegex!.IsMatch(seed.Name),
            $"repository name '{seed.Name}' does not satisfy {nameShape.Pattern}.");

        var repository = registry.Find(seed.Name);
        var settings = MergeSettings(repository?.Settings, seed);
        if (repository is null)
        {
            repository = registry.GetOrCreate(seed.Name, settings);
        }
        else
        {
            repository.Settings = settings;
        }

        repository.Write(writer =>
        {
            foreach (var blob in seed.Blobs)
            {
                Require(Digests.IsValid(blob), $"repository '{seed.Name}': blob '{blob}' is not a sha256 digest.");
                writer.AddBlob(blob);
            }

            for (var i = 0; i < seed.Images.Count; i++)
            {
                AddImage(writer, seed.Images[i], $"repository '{seed.Name}', image {i + 1}");
            }

            if (seed.Generate is { } generate)
            {
                ImageGenerator.Generate(writer, seed.Name, generate, settings.CreatedAtMs);
            }

            return true;
        });
    }

    private static RepositorySettings MergeSettings(RepositorySettings? current, SeedRepository seed)
    {
        var where = $"repository '{seed.Name}'";
        current ??= new RepositorySettings { CreatedAtMs = EpochTime.ToUnixMilliseconds(DefaultCreatedAt) };
        var mutability = seed.ImageTagMutability is { } m ? ParseEnum<TagMutability>(m, "ImageTagMutability", where) : current.TagMutability;
        var encryption = seed.EncryptionType ?? current.EncryptionType;
        CheckEnum("EncryptionType", encryption, where);
        return current with
        {
            CreatedAtMs = seed.CreatedAt is { } c ? EpochTime.ToUnixMilliseconds(c) : current.CreatedAtMs,
            TagMutability = mutability,
            TagMutabilityExclusions = seed.ImageTagMutabilityExclusionFilters is { } filters
                ? filters.Select(filter => ExclusionOf(filter, where)).ToArray()
                : current.TagMutabilityExclusions,
            ScanOnPush = seed.ScanOnPush ?? current.ScanOnPush,
            EncryptionType = encryption,
            KmsKey = seed.KmsKey ?? current.KmsKey,
            ImageLimit = seed.ImageLimit ?? current.ImageLimit,
            KmsError = seed.KmsError ?? current.KmsError,
        };
    }

    private static TagMutabilityExclusion ExclusionOf(SeedTagMutabilityExclusionFilter filter, string where)
    {
        CheckEnum("ImageTagMutabilityExclusionFilterType", filter.FilterType, where);
        var shape = ServiceModel.Ecr["ImageTagMutabilityExclusionFilterValue"];
        Require(shape.PatternRegex!.IsMatch(filter.Filter), $"{where}: exclusion filter '{filter.Filter}' does not satisfy {shape.Pattern}.");
        return new TagMutabilityExclusion(filter.Filter);
    }

    private static void AddImage(Repository.Writer writer, SeedImage seed, string where)
    {
        var manifest = Encoding.UTF8.GetBytes(seed.Manifest);
        Require(ManifestFacts.TryParse(manifest, out var facts, out var problem), $"{where}: {problem ?? "the manifest is not JSON"}.");
        var mediaType = seed.MediaType ?? facts.ImpliedMediaType;
        Require(mediaType is not null, $"{where}: the manifest has no mediaType, so the seed must give one.");
        Require(MediaTypes.IsSupported(mediaType!), $"{where}: '{mediaType}' is not a manifest media type ECR stores.");
        var status = seed.ImageStatus is { } s ? ParseEnum<ImageStatus>(s, "ImageStatus", where) : ImageStatus.Active;
        if (seed.ScanStatus is { } scanStatus)
        {
            CheckEnum("ScanStatus", scanStatus.Status, where);
        }

        foreach (var severity in seed.FindingSeverityCounts?.Keys ?? Enumerable.Empty<string>())
        {
            CheckEnum("FindingSeverity", severity, where);
        }

        foreach (var tag in seed.Tags)
        {
            Require(ImageTag.IsValidName(tag), $"{where}: tag '{tag}' is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]*, at most 300 characters).");
        }

        var digest = Digests.Sha256Of(manifest);
        foreach (var blob in facts.Blobs)
        {
            writer.AddBlob(blob);
        }

        var image = writer.FindByDigest(digest) ?? writer.Add(sequence => new StoredImage(sequence, digest, manifest, mediaType!, facts, writer.FindByDigest)
        {
            PushedAtMs = EpochTime.ToUnixMilliseconds(seed.PushedAt ?? DefaultCreatedAt),
            Status = status,
            LastArchivedAtMs = Milliseconds(seed.LastArchivedAt),
            LastActivatedAtMs = Milliseconds(seed.LastActivatedAt),
            Scan = seed.ScanStatus is null && seed.FindingSeverityCounts is null
                ? null
                : new ImageScan(
                    seed.ScanStatus?.Status,
                    seed.ScanStatus?.Description,
                    Milliseconds(seed.ImageScanCompletedAt),
                    Milliseconds(seed.VulnerabilitySourceUpdatedAt),
                    seed.FindingSeverityCounts?.ToArray()),
        });
        image.LastPulledAtMs = Milliseconds(seed.LastRecordedPullTime) ?? image.LastPulledAtMs;

        foreach (var tag in seed.Tags)
        {
            writer.Tag(image, tag);
        }
    }

    private static long? Milliseconds(DateTimeOffset? value) => value is { } v ? EpochTime.ToUnixMilliseconds(v) : null;

    /// <summary>Parses a model enum value such as IMMUTABLE_WITH_EXCLUSION into the matching C# enum member.</summary>
    private static T ParseEnum<T>(string value, string shape, string where)
        where T : struct, Enum
    {
        CheckEnum(shape, value, where);
        return Enum.Parse<T>(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
    }

    private static void CheckEnum(string shape, string value, string where)
    {
        var allowed = ServiceModel.Ecr[shape].Enum!;
        Require(allowed.Contains(value), $"{where}: '{value}' is not one of {shape} [{string.Join(", ", allowed)}].");
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidDataException("Invalid seed: " + problem);
        }
    }
}
