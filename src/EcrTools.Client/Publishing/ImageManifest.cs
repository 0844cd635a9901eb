using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EcrTools.Client.Publishing
{
    /// <summary>
    /// A manifest as it will be sent: the exact text, its digest (SHA-256 of its UTF-8 bytes, as the registry
    /// computes it) and its media type. <see cref="Parse"/> checks what the service would refuse, before any request.
    /// </summary>
    public sealed class ImageManifest
    {
        /// <summary>Every manifest media type; BatchGetImage is asked for all of them so nothing is converted.</summary>
        public static readonly string[] AllMediaTypes =
        {
            DockerManifestV2,
            DockerManifestList,
            OciManifest,
            OciIndex,
            "application/vnd.docker.distribution.manifest.v1+json",
            DockerManifestV1Signed,
        };

        public const string DockerManifestV2 = "application/vnd.docker.distribution.manifest.v2+json";
        public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
        public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
        public const string OciIndex = "application/vnd.oci.image.index.v1+json";
        public const string DockerManifestV1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private ImageManifest(string text, string digest, string mediaType)
        {
            Text = text;
            Digest = digest;
            MediaType = mediaType;
        }

        /// <summary>The manifest exactly as sent.</summary>
        public string Text { get; }

        /// <summary><c>sha256:</c> and the hex SHA-256 of the manifest's UTF-8 bytes.</summary>
        public string Digest { get; }

        public string MediaType { get; }

        public static string ComputeDigest(byte[] utf8)
        {
            using var sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(utf8);
            var hex = new StringBuilder("sha256:", 7 + (hash.Length * 2));
            foreach (byte b in hash)
            {
                hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }

        /// <summary>
        /// Reads a manifest file's bytes exactly: they must be UTF-8 without a byte order mark, since the digest is
        /// of these bytes and a registry would not read a BOM as JSON.
        /// </summary>
        public static ImageManifest FromFile(byte[] bytes, string? mediaType)
        {
            if (Utf8ByteOrderMark.Begins(bytes))
            {
                throw new FormatException("The manifest file starts with a UTF-8 byte order mark, which is not part of a manifest. Save it as UTF-8 without a BOM.");
            }

            if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            {
                throw new FormatException("The manifest file is UTF-16 text (it starts with a UTF-16 byte order mark). Save it as UTF-8 without a BOM.");
            }

            if (Array.IndexOf(bytes, (byte)0) >= 0)
            {
                // JSON text has no NUL characters; UTF-16 text of ASCII characters has one in every other byte.
                throw new FormatException("The manifest file contains NUL bytes, as UTF-16 text does. Save it as UTF-8 without a BOM.");
            }

            string text;
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new FormatException("The manifest file is not valid UTF-8 text.");
            }

            return Parse(text, mediaType, bytes);
        }

        /// <summary>
        /// Checks a manifest: 1 to 4,194,304 characters, JSON with schemaVersion, and a media type from
        /// <paramref name="mediaType"/> or the manifest's own mediaType (which must agree when both are given).
        /// </summary>
        public static ImageManifest Parse(string text, string? mediaType) => Parse(text, mediaType, null);

        private static ImageManifest Parse(string text, string? mediaType, byte[]? utf8)
        {
            if (string.IsNullOrEmpty(text))
            {
                throw new FormatException("The manifest is empty.");
            }

            if (text[0] == '\uFEFF')
            {
                throw new FormatException("The manifest starts with a byte order mark (U+FEFF), which is not part of a manifest: remove it.");
            }

            if (text.Length > EcrValidation.MaxManifestLength)
            {
                throw new FormatException($"The manifest has {text.Length:N0} characters; ECR accepts at most {EcrValidation.MaxManifestLength:N0}.");
            }

            string? declared;
            try
            {
                using JsonDocument document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("The manifest is JSON but not an object.");
                }

                if (!document.RootElement.TryGetProperty("schemaVersion", out JsonElement schemaVersion)
                    || schemaVersion.ValueKind != JsonValueKind.Number
                    || !schemaVersion.TryGetInt32(out int version))
                {
                    throw new FormatException("The manifest has no whole-number schemaVersion; it is not an image manifest.");
                }

                declared = document.RootElement.TryGetProperty("mediaType", out JsonElement type) && type.ValueKind == JsonValueKind.String
                    ? type.GetString()
                    : version == 1 ? DockerManifestV1Signed : null;
            }
            catch (JsonException problem)
            {
                throw new FormatException($"The manifest is not valid JSON: {problem.Message}");
            }

            if (!string.IsNullOrEmpty(mediaType) && declared is not null && !string.Equals(mediaType, declared, StringComparison.Ordinal)
                && !(declared == DockerManifestV1Signed && mediaType!.StartsWith("application/vnd.docker.distribution.manifest.v1", StringComparison.Ordinal)))
            {
                throw new FormatException($"The media type '{mediaType}' contradicts the manifest's own mediaType '{declared}'.");
            }

            string? resolved = string.IsNullOrEmpty(mediaType) ? declared : mediaType;
            if (resolved is null)
            {
                throw new FormatException("The manifest declares no mediaType. Pass -ImageManifestMediaType, for example 'application/vnd.oci.image.manifest.v1+json'.");
            }

            if (Array.IndexOf(AllMediaTypes, resolved) < 0)
            {
                throw new FormatException($"'{resolved}' is not an image manifest media type. ECR stores {string.Join(", ", AllMediaTypes)}.");
            }

            return new ImageManifest(text, ComputeDigest(utf8 ?? Encoding.UTF8.GetBytes(text)), resolved);
        }
    }
}
