using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalEcr;

/// <summary>
/// The state LocalEcr starts from, read from <c>--seed file.json</c>, given in-process, or posted to
/// <c>/_localecr/seed</c>. Applying a document merges it into the current state: repositories are created or
/// updated, images added (tags move to them), credentials added or replaced by access key id.
/// </summary>
public sealed class SeedDocument
{
    /// <summary>The registry's account id (12 digits); <c>123456789012</c> when no document sets it.</summary>
    public string? AccountId { get; init; }

    /// <summary>False removes <see cref="LocalEcrServer.DefaultCredentials"/>; null leaves them as they are.</summary>
    public bool? IncludeDefaultCredentials { get; init; }

    public IReadOnlyList<SeedCredentials> Credentials { get; init; } = [];

    /// <summary>Bearer tokens the SSO portal's GetRoleCredentials accepts, each for one account and role.</summary>
    public IReadOnlyList<SeedSsoToken> SsoTokens { get; init; } = [];

    public IReadOnlyList<SeedRepository> Repositories { get; init; } = [];

    /// <summary>How seed JSON is read: camelCase, comments and trailing commas allowed, unknown members refused.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static SeedDocument Parse(string json) =>
        JsonSerializer.Deserialize<SeedDocument>(json, JsonOptions) ?? throw new InvalidDataException("The seed document is null.");

    public static SeedDocument Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The seed file '{path}' is not a valid seed document: {e.Message}", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>An access key LocalEcr accepts.</summary>
public sealed class SeedCredentials
{
    public required string AccessKeyId { get; init; }

    public required string SecretAccessKey { get; init; }

    /// <summary>When set, requests must carry it as X-Amz-Security-Token.</summary>
    public string? SessionToken { get; init; }

    /// <summary>Requests with an expired key answer ExpiredTokenException.</summary>
    public bool Expired { get; init; }
}

/// <summary>
/// An SSO access token (as an SDK finds it in <c>~/.aws/sso/cache</c>) that may get credentials for one role in one
/// account; give several entries with the same token for several roles.
/// </summary>
public sealed class SeedSsoToken
{
    public required string AccessToken { get; init; }

    /// <summary>The account (12 digits) the token may get credentials in.</summary>
    public required string AccountId { get; init; }

    /// <summary>The permission set (role) name the token may get credentials for.</summary>
    public required string RoleName { get; init; }
}

public sealed class SeedRepository
{
    public required string Name { get; init; }

    /// <summary>MUTABLE (default), IMMUTABLE, IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION.</summary>
    public string? ImageTagMutability { get; init; }

    public IReadOnlyList<SeedTagMutabilityExclusionFilter>? ImageTagMutabilityExclusionFilters { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public bool? ScanOnPush { get; init; }

    /// <summary>AES256 (default), KMS or KMS_DSSE.</summary>
    public string? EncryptionType { get; init; }

    public string? KmsKey { get; init; }

    /// <summary>Blob digests the repository holds, so manifests naming them can be pushed.</summary>
    public IReadOnlyList<string> Blobs { get; init; } = [];

    /// <summary>Pushing a new image once the repository holds this many answers LimitExceededException.</summary>
    public int? ImageLimit { get; init; }

    /// <summary>Makes every push answer KmsException: true, or the kmsError code to report.</summary>
    [JsonConverter(typeof(KmsErrorJsonConverter))]
    public string? KmsError { get; init; }

    public IReadOnlyList<SeedImage> Images { get; init; } = [];

    public SeedGenerate? Generate { get; init; }
}

public sealed class SeedTagMutabilityExclusionFilter
{
    public string FilterType { get; init; } = "WILDCARD";

    public required string Filter { get; init; }
}

public sealed class SeedImage
{
    /// <summary>The manifest exactly as stored (its digest is the SHA-256 of its UTF-8 bytes); a JSON object is written compactly.</summary>
    [JsonConverter(typeof(ManifestJsonConverter))]
    public required string Manifest { get; init; }

    /// <summary>The manifest media type when the manifest does not declare one.</summary>
    public string? MediaType { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public DateTimeOffset? PushedAt { get; init; }

    /// <summary>ACTIVE (default), ARCHIVED or ACTIVATING.</summary>
    public string? ImageStatus { get; init; }

    public DateTimeOffset? LastArchivedAt { get; init; }

    public DateTimeOffset? LastActivatedAt { get; init; }

    public SeedScanStatus? ScanStatus { get; init; }

    /// <summary>Severity (INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL, UNDEFINED) to count.</summary>
    public IReadOnlyDictionary<string, int>? FindingSeverityCounts { get; init; }

    public DateTimeOffset? ImageScanCompletedAt { get; init; }

    public DateTimeOffset? VulnerabilitySourceUpdatedAt { get; init; }

    public DateTimeOffset? LastRecordedPullTime { get; init; }
}

public sealed class SeedScanStatus
{
    public required string Status { get; init; }

    public string? Description { get; init; }
}

/// <summary>Many deterministic Docker v2 images, each with its own config and layer blobs.</summary>
public sealed class SeedGenerate
{
    public int Count { get; init; }

    /// <summary>Image i (from 1) is tagged <c>{TagPrefix}{i}</c>.</summary>
    public string TagPrefix { get; init; } = "build-";

    /// <summary>Every n-th image is left untagged; 0 tags them all.</summary>
    public int UntaggedEvery { get; init; }

    /// <summary>More than 1 adds the tags <c>{TagPrefix}{i}-alias1</c>, <c>-alias2</c>, ...</summary>
    public int TagsPerImage { get; init; } = 1;

    public int LayersPerImage { get; init; } = 2;

    public DateTimeOffset? PushedAtStart { get; init; }

    public int PushedAtStepSeconds { get; init; } = 60;
}

/// <summary>Reads a manifest given as a string (kept exactly) or as JSON (written compactly).</summary>
internal sealed class ManifestJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString()!;
        }

        using var document = JsonDocument.ParseValue(ref reader);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Reads <c>kmsError</c> as true (a generic KMS failure), false, null or the error code itself.</summary>
internal sealed class KmsErrorJsonConverter : JsonConverter<string?>
{
    public const string DefaultKmsError = "KMSInvalidStateException";

    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => DefaultKmsError,
            JsonTokenType.False or JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new JsonException("kmsError must be true, false or a KMS error code."),
        };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
