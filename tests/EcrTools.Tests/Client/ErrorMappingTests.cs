using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using EcrTools.Client;
using EcrTools.Client.Model;
using Xunit;

namespace EcrTools.Tests.Client
{
    /// <summary>Error responses become the exception for their code, whichever way the code is sent.</summary>
    public class ErrorMappingTests
    {
        public static IEnumerable<object[]> ErrorShapes() =>
            ServiceModel.Instance.ReachableShapes().Where(shape => shape.IsError).Select(shape => new object[] { shape.Name });

        [Theory]
        [MemberData(nameof(ErrorShapes))]
        public async Task EachModelledErrorHasItsException(string errorCode)
        {
            EcrServiceException exception = await ListImagesFailingWith(StubResponse.Error(errorCode, "it failed"));

            Assert.Equal("EcrTools.Client.Model." + errorCode, exception.GetType().FullName);
            Assert.Equal(errorCode, exception.ErrorCode);
            Assert.Equal("it failed", exception.Message);
            Assert.Equal(StubEcrServer.RequestId, exception.RequestId);
            Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        }

        [Theory]
        [InlineData("com.amazonaws.ecr#RepositoryNotFoundException")]
        [InlineData("RepositoryNotFoundException:http://internal.amazon.com/coral/com.amazonaws.ecr/")]
        [InlineData("com.amazonaws.ecr#RepositoryNotFoundException:suffix")]
        public async Task TheCodeIsFoundWithinANamespaceOrBeforeASuffix(string type)
        {
            EcrServiceException exception = await ListImagesFailingWith(StubResponse.Error(type));

            Assert.IsType<RepositoryNotFoundException>(exception);
            Assert.Equal("RepositoryNotFoundException", exception.ErrorCode);
        }

        [Theory]
        [InlineData("{}")]
        [InlineData("")]
        public async Task TheCodeIsReadFromTheErrorTypeHeader(string body)
        {
            var response = new StubResponse(
                HttpStatusCode.BadRequest,
                body,
                new Dictionary<string, string> { ["x-amzn-ErrorType"] = "ImageNotFoundException:http://internal.amazon.com/" });

            EcrServiceException exception = await ListImagesFailingWith(response);

            Assert.IsType<ImageNotFoundException>(exception);
            Assert.Equal(StubEcrServer.RequestId, exception.RequestId);
        }

        [Theory]
        [InlineData("ThrottlingException")]
        [InlineData("ValidationException")]
        [InlineData("UnrecognizedClientException")]
        public async Task AnUnmodelledCodeIsAnEcrServiceExceptionWithThatCode(string errorCode)
        {
            EcrServiceException exception = await ListImagesFailingWith(StubResponse.Error(errorCode, "no"));

            Assert.Equal(typeof(EcrServiceException), exception.GetType());
            Assert.Equal(errorCode, exception.ErrorCode);
            Assert.Equal(StubEcrServer.RequestId, exception.RequestId);
        }

        [Fact]
        public async Task KmsExceptionCarriesTheKmsError()
        {
            var response = new StubResponse(
                HttpStatusCode.BadRequest,
                "{\"__type\":\"KmsException\",\"message\":\"key disabled\",\"kmsError\":\"DisabledException\",\"extra\":{\"kmsError\":\"nested\"}}");

            EcrServiceException exception = await ListImagesFailingWith(response);

            Assert.Equal("DisabledException", Assert.IsType<KmsException>(exception).KmsError);
            Assert.Equal("key disabled", exception.Message);
        }

        [Fact]
        public void TheShortConstructorsSetTheErrorCodeForFakes()
        {
            Assert.Equal("RepositoryNotFoundException", new RepositoryNotFoundException("gone").ErrorCode);
        }

        private static async Task<EcrServiceException> ListImagesFailingWith(StubResponse response)
        {
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(response);
            using EcrClient client = server.CreateClient(maxAttempts: 1);
            return await Assert.ThrowsAnyAsync<EcrServiceException>(() => client.ListImagesAsync(new ListImagesRequest { RepositoryName = "app" }));
        }
    }
}
