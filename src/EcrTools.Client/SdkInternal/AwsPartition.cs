using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace EcrTools.Client.SdkInternal
{
    /// <summary>The partition facts the endpoint rules use, from Core's partition data.</summary>
    internal sealed class AwsPartition
    {
        private AwsPartition(Partition partition)
        {
            DnsSuffix = partition.dnsSuffix;
            DualStackDnsSuffix = partition.dualStackDnsSuffix;
            SupportsFips = partition.supportsFIPS;
            SupportsDualStack = partition.supportsDualStack;
        }

        public string DnsSuffix { get; }

        public string DualStackDnsSuffix { get; }

        public bool SupportsFips { get; }

        public bool SupportsDualStack { get; }

        /// <summary>The partition of a region, by name or by the partition's region pattern; aws when none matches.</summary>
        public static AwsPartition ForRegion(string region) => new AwsPartition(Fn.Partition(region));
    }
}
