using System.Collections.Generic;
using Amazon.Runtime;

namespace EcrTools.Client.Model
{
    /// <summary>ListImages: one page of image ids, one entry per tag (an untagged image has only a digest).</summary>
    public sealed class ListImagesRequest : AmazonWebServiceRequest
    {
        public ListImagesFilter? Filter { get; set; }

        public int? MaxResults { get; set; }

        public string? NextToken { get; set; }

        public string? RegistryId { get; set; }

        public string? RepositoryName { get; set; }
    }

    public sealed class ListImagesResponse : AmazonWebServiceResponse
    {
        public List<ImageIdentifier>? ImageIds { get; set; }

        public string? NextToken { get; set; }
    }
}
