using System.Collections.Generic;
using Amazon.Runtime;

namespace EcrTools.Client.Model
{
    /// <summary>DescribeRepositories: one page of a registry's repositories, or the named ones.</summary>
    public sealed class DescribeRepositoriesRequest : AmazonWebServiceRequest
    {
        public int? MaxResults { get; set; }

        public string? NextToken { get; set; }

        public string? RegistryId { get; set; }

        public List<string>? RepositoryNames { get; set; }
    }

    public sealed class DescribeRepositoriesResponse : AmazonWebServiceResponse
    {
        public string? NextToken { get; set; }

        public List<Repository>? Repositories { get; set; }
    }
}
