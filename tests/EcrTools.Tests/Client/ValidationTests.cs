using EcrTools.Client;
using Xunit;

namespace EcrTools.Tests.Client
{
    public class ValidationTests
    {
        [Theory]
        [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
        [InlineData("sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
        public void AcceptsTheRegisteredDigestAlgorithms(string digest) => Assert.Null(EcrValidation.ImageDigest(digest));

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("sha256")]
        [InlineData("sha25")]
        [InlineData("sha256:")]
        [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
        [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
        [InlineData("sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
        [InlineData("sha256:0123456789abcdeg0123456789abcdef0123456789abcdef0123456789abcdef")]
        [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n")]
        [InlineData("sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
        [InlineData("SHA256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
        [InlineData("md5:0123456789abcdef0123456789abcdef")]
        [InlineData(" sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
        public void RefusesAnythingElseAsADigest(string? digest) =>
            Assert.Contains("is not valid", EcrValidation.ImageDigest(digest));

        [Fact]
        public void ANameFoundValidBeforeDoesNotMakeAnotherValid()
        {
            Assert.Null(EcrValidation.RepositoryName("team/web"));
            Assert.Null(EcrValidation.RepositoryName("team/web"));
            Assert.NotNull(EcrValidation.RepositoryName("team/Web"));
            Assert.NotNull(EcrValidation.RepositoryName("team/web/"));
            Assert.Null(EcrValidation.RepositoryName("team/web"));
        }
    }
}
