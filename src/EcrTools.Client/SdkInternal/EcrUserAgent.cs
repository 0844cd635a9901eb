using Amazon.Util.Internal;

namespace EcrTools.Client.SdkInternal
{
    internal static class EcrUserAgent
    {
        /// <summary>Core's agent (SDK, OS, runtime, <c>api/ECR</c>) plus this library and its version.</summary>
        internal static readonly string Value =
            InternalSDKUtils.BuildUserAgentString("ECR", string.Empty) + " lib/EcrTools#" + typeof(EcrUserAgent).Assembly.GetName().Version!.ToString(3);
    }
}
