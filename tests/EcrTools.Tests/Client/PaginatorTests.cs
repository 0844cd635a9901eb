using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client;
using EcrTools.Client.Model;
using Xunit;

namespace EcrTools.Tests.Client
{
    public class PaginatorTests
    {
        [Fact]
        public async Task PagesFollowNextTokenWithTheSameOtherParameters()
        {
            var client = new FakeEcrClient((token, index) => ListImagesPage(index, next: index < 2 ? $"token-{index + 1}" : null));
            var filter = new ListImagesFilter { TagStatus = TagStatus.Tagged };
            var request = new ListImagesRequest { RepositoryName = "app", RegistryId = "123456789012", MaxResults = 2, Filter = filter };

            List<ListImagesResponse> pages = await ToListAsync(EcrPaginator.ListImagesPagesAsync(client, request));

            Assert.Equal(3, pages.Count);
            Assert.Equal(new string?[] { null, "token-1", "token-2" }, client.RequestedTokens);
            Assert.All(client.Requests, sent => Assert.Same(request, sent));
            Assert.Equal(("app", "123456789012", 2, filter), (request.RepositoryName, request.RegistryId, request.MaxResults, request.Filter));
            Assert.Null(request.NextToken);
        }

        [Fact]
        public async Task EachPageIsRequestedOnlyWhenTheConsumerAsksForIt()
        {
            var client = new FakeEcrClient((token, index) => ListImagesPage(index, next: $"more-{index}"));
            IAsyncEnumerable<ListImagesResponse> pages = EcrPaginator.ListImagesPagesAsync(client, new ListImagesRequest { RepositoryName = "app" });

            await using IAsyncEnumerator<ListImagesResponse> enumerator = pages.GetAsyncEnumerator();
            Assert.Empty(client.RequestedTokens);
            Assert.True(await enumerator.MoveNextAsync());
            Assert.Single(client.RequestedTokens);
            Assert.True(await enumerator.MoveNextAsync());
            Assert.Equal(2, client.RequestedTokens.Count);
        }

        [Fact]
        public async Task StoppingEarlyStopsTheRequestsAndRestoresTheRequest()
        {
            var client = new FakeEcrClient((token, index) => ListImagesPage(index, next: $"more-{index}"));
            var request = new ListImagesRequest { RepositoryName = "app", NextToken = "resume-here" };

            await foreach (ListImagesResponse page in EcrPaginator.ListImagesPagesAsync(client, request))
            {
                break;
            }

            Assert.Equal(new string?[] { "resume-here" }, client.RequestedTokens);
            Assert.Equal("resume-here", request.NextToken);
        }

        [Fact]
        public async Task AFailedPageSaysHowFarItGotAndWhereToResume()
        {
            var throttled = new EcrServiceException("Rate exceeded") { ErrorCode = "ThrottlingException" };
            var client = new FakeEcrClient((token, index) => index == 2 ? throttled : ListImagesPage(index, next: $"token-{index + 1}"));
            var pages = new List<ListImagesResponse>();

            var exception = await Assert.ThrowsAsync<EcrPagingException>(async () =>
            {
                await foreach (ListImagesResponse page in EcrPaginator.ListImagesPagesAsync(client, new ListImagesRequest { RepositoryName = "app" }))
                {
                    pages.Add(page);
                }
            });

            Assert.Equal(2, pages.Count);
            Assert.Equal("ListImages", exception.Operation);
            Assert.Equal("app", exception.RepositoryName);
            Assert.Equal(2, exception.PagesCompleted);
            Assert.Equal(4, exception.ItemsCompleted);
            Assert.Equal("token-2", exception.ResumeToken);
            Assert.Same(throttled, exception.InnerException);
            Assert.Contains("2 page(s)", exception.Message);
            Assert.Contains("4 item(s)", exception.Message);
            Assert.Contains("Rate exceeded", exception.Message);
            Assert.Contains("ResumeToken", exception.Message);
        }

        [Fact]
        public async Task APageAnsweredWithTheTokenItWasSentEndsTheListingInsteadOfLoopingForever()
        {
            var client = new FakeEcrClient((token, index) => ListImagesPage(index, next: "stuck"));
            var pages = new List<ListImagesResponse>();

            var exception = await Assert.ThrowsAsync<EcrPagingException>(async () =>
            {
                await foreach (ListImagesResponse page in EcrPaginator.ListImagesPagesAsync(client, new ListImagesRequest { RepositoryName = "app" }))
                {
                    pages.Add(page);
                }
            });

            Assert.Equal(new string?[] { null, "stuck" }, client.RequestedTokens);
            Assert.Equal(2, pages.Count);
            Assert.Equal((2, 4L), (exception.PagesCompleted, exception.ItemsCompleted));
            Assert.Null(exception.ResumeToken);
            Assert.IsType<System.IO.InvalidDataException>(exception.InnerException);
            Assert.Contains("the nextToken it was sent", exception.Message);
        }

        [Theory]
        [InlineData("stale-token", 0)]
        [InlineData(null, 2)]
        public async Task APageTheServiceRefusesAsInvalidHasNoResumeToken(string? startToken, int failingPage)
        {
            var refused = new EcrServiceException("Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken'") { ErrorCode = "InvalidParameterException" };
            var client = new FakeEcrClient((token, index) => index == failingPage ? refused : ListImagesPage(index, next: $"token-{index + 1}"));
            var request = new ListImagesRequest { RepositoryName = "app", NextToken = startToken };

            var exception = await Assert.ThrowsAsync<EcrPagingException>(() => ToListAsync(EcrPaginator.ListImagesPagesAsync(client, request)));

            Assert.Null(exception.ResumeToken);
            Assert.Equal(failingPage, exception.PagesCompleted);
            Assert.Same(refused, exception.InnerException);
            Assert.Contains("Run the listing again from the start", exception.Message);
            Assert.Equal(startToken, request.NextToken);
        }

        [Fact]
        public async Task AFailedFirstPageHasNoResumeToken()
        {
            var client = new FakeEcrClient((token, index) => new RepositoryNotFoundException("gone"));

            var exception = await Assert.ThrowsAsync<EcrPagingException>(() => ToListAsync(EcrPaginator.ListImagesPagesAsync(client, new ListImagesRequest { RepositoryName = "app" })));

            Assert.Null(exception.ResumeToken);
            Assert.Equal(0, exception.PagesCompleted);
            Assert.IsType<RepositoryNotFoundException>(exception.InnerException);
        }

        [Fact]
        public async Task CancellationIsNotWrapped()
        {
            using var cancellation = new CancellationTokenSource();
            var client = new FakeEcrClient((token, index) =>
            {
                cancellation.Cancel();
                return new OperationCanceledException(cancellation.Token);
            });

            await Assert.ThrowsAsync<OperationCanceledException>(() =>
                ToListAsync(EcrPaginator.ListImagesPagesAsync(client, new ListImagesRequest { RepositoryName = "app" }, cancellation.Token)));
        }

        [Fact]
        public async Task DescribeImagesAndDescribeRepositoriesPageTheSameWay()
        {
            var images = new FakeEcrClient((token, index) => new DescribeImagesResponse
            {
                ImageDetails = new List<ImageDetail> { new ImageDetail() },
                NextToken = index == 0 ? "images-2" : null,
            });
            var repositories = new FakeEcrClient((token, index) => index == 1
                ? new ServerException("down")
                : new DescribeRepositoriesResponse { Repositories = new List<Repository> { new Repository(), new Repository() }, NextToken = "repositories-2" });

            List<DescribeImagesResponse> imagePages = await ToListAsync(EcrPaginator.DescribeImagesPagesAsync(images, new DescribeImagesRequest { RepositoryName = "app" }));
            var failure = await Assert.ThrowsAsync<EcrPagingException>(() => ToListAsync(EcrPaginator.DescribeRepositoriesPagesAsync(repositories, new DescribeRepositoriesRequest())));

            Assert.Equal(new string?[] { null, "images-2" }, images.RequestedTokens);
            Assert.Equal(2, imagePages.Count);
            Assert.Equal(("DescribeRepositories", null, 1, 2L, "repositories-2"), (failure.Operation, failure.RepositoryName, failure.PagesCompleted, failure.ItemsCompleted, failure.ResumeToken));
        }

        [Fact]
        public void ArgumentsAreCheckedAtOnce()
        {
            Assert.Throws<ArgumentNullException>(() => EcrPaginator.ListImagesPagesAsync(null!, new ListImagesRequest()));
            Assert.Throws<ArgumentNullException>(() => EcrPaginator.ListImagesPagesAsync(new FakeEcrClient((token, index) => new ListImagesResponse()), null!));
        }

        private static ListImagesResponse ListImagesPage(int index, string? next) => new ListImagesResponse
        {
            ImageIds = new List<ImageIdentifier> { new ImageIdentifier { ImageTag = $"a{index}" }, new ImageIdentifier { ImageTag = $"b{index}" } },
            NextToken = next,
        };

        private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
        {
            var list = new List<T>();
            await foreach (T item in source)
            {
                list.Add(item);
            }

            return list;
        }
    }
}
