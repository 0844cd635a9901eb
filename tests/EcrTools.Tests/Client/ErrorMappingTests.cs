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
        [InlineData(HttpStatusCode.BadRequest, "RepositoryNotFoundException", typeof(RepositoryNotFoundException))]
        [InlineData(HttpStatusCode.BadRequest, "com.amazonaws.ecr#ImageAlreadyExistsException:suffix", typeof(ImageAlreadyExistsException))]
        [InlineData(HttpStatusCode.BadRequest, "ThrottlingException", typeof(EcrServiceException))]
        public async Task AnHtmlBodyStillGetsTheCodeOfTheErrorTypeHeader(HttpStatusCode status, string errorType, System.Type expected)
        {
            var response = new StubResponse(
                status,
                "<html><body><h1>Request refused</h1></body></html>",
                new Dictionary<string, string> { ["x-amzn-ErrorType"] = errorType, ["Content-Type"] = "text/html" });

            EcrServiceException exception = await ListImagesFailingWith(response);

            Assert.Equal(expected, exception.GetType());
            Assert.Equal(expected == typeof(EcrServiceException) ? errorType : expected.Name, exception.ErrorCode);
            Assert.Equal(StubEcrServer.RequestId, exception.RequestId);
        }

        [Theory]
        [InlineData(HttpStatusCode.BadGateway, "<html><body>\n  <h1>502 Bad Gateway</h1>\n</body></html>", "HTTP 502 (BadGateway), text/html: <html><body> <h1>502 Bad Gateway</h1> </body></html>")]
        [InlineData(HttpStatusCode.Forbidden, "", "HTTP 403 (Forbidden), text/html, with an empty body.")]
        public async Task ABodyWithoutACodeOrMessageIsDescribedByWhatCameBack(HttpStatusCode status, string body, string message)
        {
            var response = new StubResponse(status, body, new Dictionary<string, string> { ["Content-Type"] = "text/html" });

            EcrServiceException exception = await ListImagesFailingWith(response);

            Assert.Equal(typeof(EcrServiceException), exception.GetType());
            Assert.Null(exception.ErrorCode);
            Assert.Equal(message, exception.Message);
            Assert.Equal(status, exception.StatusCode);
        }

        [Fact]
        public async Task ALongBodyIsShortenedInTheMessage()
        {
            var response = new StubResponse(HttpStatusCode.BadGateway, new string('x', 500), new Dictionary<string, string> { ["Content-Type"] = "text/plain" });

            EcrServiceException exception = await ListImagesFailingWith(response);

            Assert.Equal("HTTP 502 (BadGateway), text/plain: " + new string('x', 200) + "...", exception.Message);
        }

        [Theory]
        [InlineData("oops")]
        [InlineData("\uFEFF{\"__type\":\"KmsException\",\"message\":\"key disabled\",\"kmsError\":\"DisabledException\"}")]
        public async Task AKmsExceptionWhoseBodyIsNotPlainJsonIsStillAKmsException(string body)
        {
            var response = new StubResponse(HttpStatusCode.BadRequest, body, new Dictionary<string, string> { ["x-amzn-ErrorType"] = "KmsException" });

            EcrServiceException exception = await ListImagesFailingWith(response);

            Assert.IsType<KmsException>(exception);
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
