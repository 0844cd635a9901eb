using System;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace EcrTools.Client.SdkInternal
{
    /// <summary>
    /// The defaults modes (AWS_DEFAULTS_MODE, defaults_mode) with the values generated v4 clients give them:
    /// standard retries everywhere, connect and TLS timeouts by mode.
    /// </summary>
    internal static class EcrDefaultConfigurations
    {
        internal static IDefaultConfigurationProvider CreateProvider() => new DefaultConfigurationProvider(new[]
        {
            Create(DefaultConfigurationMode.Standard, TimeSpan.FromMilliseconds(3100)),
            Create(DefaultConfigurationMode.InRegion, TimeSpan.FromMilliseconds(1100)),
            Create(DefaultConfigurationMode.CrossRegion, TimeSpan.FromMilliseconds(3100)),
            Create(DefaultConfigurationMode.Mobile, TimeSpan.FromMilliseconds(30000)),
            Create(DefaultConfigurationMode.Auto, TimeSpan.FromMilliseconds(1100)),
        });

        private static IDefaultConfiguration Create(DefaultConfigurationMode mode, TimeSpan connectTimeout) => new DefaultConfiguration
        {
            Name = mode,
            RetryMode = RequestRetryMode.Standard,
            ConnectTimeout = connectTimeout,
            TlsNegotiationTimeout = connectTimeout,
        };
    }
}
