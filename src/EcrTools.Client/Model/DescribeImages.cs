using System.Collections.Generic;
using Amazon.Runtime;

namespace EcrTools.Client.Model
{
    /// <summary>DescribeImages: one page of image details, or the details of the given image ids (which cannot page).</summary>
    public sealed class DescribeImagesRequest : AmazonWebServiceRequest
    {
        public DescribeImagesFilter? Filter { get; set; }

        public List<ImageIdentifier>? ImageIds { get; set; }

        public int? MaxResults { get; set; }

        public string? NextToken { get; set; }

        public string? RegistryId { get; set; }

        public string? RepositoryName { get; set; }
    }

    public sealed class DescribeImagesResponse : AmazonWebServiceResponse
    {
        public List<ImageDetail>? ImageDetails { get; set; }

        public string? NextToken { get; set; }
    }
}
