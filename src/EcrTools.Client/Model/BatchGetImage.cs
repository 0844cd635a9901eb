using System.Collections.Generic;
using Amazon.Runtime;

namespace EcrTools.Client.Model
{
    /// <summary>
    /// BatchGetImage: images with their manifests. List every manifest media type you accept in
    /// <see cref="AcceptedMediaTypes"/>, or a manifest list may come back converted.
    /// </summary>
    public sealed class BatchGetImageRequest : AmazonWebServiceRequest
    {
        public List<string>? AcceptedMediaTypes { get; set; }

        public List<ImageIdentifier>? ImageIds { get; set; }

        public string? RegistryId { get; set; }

        public string? RepositoryName { get; set; }
    }

    public sealed class BatchGetImageResponse : AmazonWebServiceResponse
    {
        public List<ImageFailure>? Failures { get; set; }

        public List<Image>? Images { get; set; }
    }
}
