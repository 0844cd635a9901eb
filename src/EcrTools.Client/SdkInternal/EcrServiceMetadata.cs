using System.Collections.Generic;
using Amazon.Runtime.Internal;

namespace EcrTools.Client.SdkInternal
{
    internal sealed class EcrServiceMetadata : IServiceMetadata
    {
        public string ServiceId => "ECR";

        public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>(0);
    }
}
