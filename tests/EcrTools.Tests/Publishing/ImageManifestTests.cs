using System;
using System.Security.Cryptography;
using System.Text;
using EcrTools.Client.Publishing;
using Xunit;

namespace EcrTools.Tests.Publishing
{
    public class ImageManifestTests
    {
        private const string Oci = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}";

        [Fact]
        public void TheDigestIsTheSha256OfTheExactUtf8Bytes()
        {
            string text = Oci.Replace("[]", "[]   ") + "\n";
            var manifest = ImageManifest.Parse(text, null);
            string expected = "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
            Assert.Equal(expected, manifest.Digest);
            Assert.Equal(text, manifest.Text);
            Assert.NotEqual(ImageManifest.Parse(Oci, null).Digest, manifest.Digest);
        }

        [Theory]
        [InlineData(Oci, null, "application/vnd.oci.image.manifest.v1+json")]
        [InlineData("{\"schemaVersion\":2}", "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.index.v1+json")]
        [InlineData("{\"schemaVersion\":1,\"fsLayers\":[]}", null, ImageManifest.DockerManifestV1Signed)]
        public void TakesTheMediaTypeFromTheParameterOrTheManifest(string text, string? mediaType, string expected)
        {
            Assert.Equal(expected, ImageManifest.Parse(text, mediaType).MediaType);
        }

        [Theory]
        [InlineData("", null, "empty")]
        [InlineData("not json", null, "not valid JSON")]
        [InlineData("[1]", null, "not an object")]
        [InlineData("{\"mediaType\":\"x\"}", null, "schemaVersion")]
        [InlineData("{\"schemaVersion\":2}", null, "declares no mediaType")]
        [InlineData(Oci, "application/vnd.oci.image.index.v1+json", "contradicts")]
        [InlineData("\uFEFF" + Oci, null, "byte order mark")]
        public void RejectsWhatTheServiceWouldRefuse(string text, string? mediaType, string expected)
        {
            var problem = Assert.Throws<FormatException>(() => ImageManifest.Parse(text, mediaType));
            Assert.Contains(expected, problem.Message);
        }

        [Fact]
        public void RejectsAManifestOverFourMebibytes()
        {
            string text = Oci.Replace("[]", "[\"" + new string('x', 4 * 1024 * 1024) + "\"]");
            Assert.Contains("at most 4,194,304", Assert.Throws<FormatException>(() => ImageManifest.Parse(text, null)).Message);
        }

        [Fact]
        public void ReadsFileBytesExactlyAndRejectsAByteOrderMark()
        {
            byte[] bytes = Encoding.UTF8.GetBytes(Oci + "\r\n");
            Assert.Equal(Oci + "\r\n", ImageManifest.FromFile(bytes, null).Text);

            byte[] withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes);
            Assert.Contains("byte order mark", Assert.Throws<FormatException>(() => ImageManifest.FromFile(withBom, null)).Message);
            Assert.Contains("not valid UTF-8", Assert.Throws<FormatException>(() => ImageManifest.FromFile(new byte[] { 0x7B, 0xFF, 0x7D }, null)).Message);
        }

        [Theory]
        [InlineData("utf-16")]      // little endian, with its byte order mark (Windows PowerShell's Out-File and >)
        [InlineData("utf-16BE")]
        [InlineData("utf-16-nobom")]
        public void NamesUtf16WhenAFileIsUtf16(string encoding)
        {
            byte[] bytes = encoding switch
            {
                "utf-16" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Oci)),
                "utf-16BE" => Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(Oci)),
                _ => Encoding.Unicode.GetBytes(Oci),
            };

            string message = Assert.Throws<FormatException>(() => ImageManifest.FromFile(bytes, null)).Message;
            Assert.Contains("UTF-16", message);
            Assert.Contains("Save it as UTF-8 without a BOM", message);
        }
    }

    internal static class ByteArrayExtensions
    {
        public static byte[] Concat(this byte[] first, byte[] second)
        {
            var result = new byte[first.Length + second.Length];
            first.CopyTo(result, 0);
            second.CopyTo(result, first.Length);
            return result;
        }
    }
}
