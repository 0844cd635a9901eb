using System;
using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;

namespace EcrTools.Client.Connection
{
    /// <summary>
    /// One <see cref="EcrClient"/> per distinct connection settings for the whole process, so pipeline items,
    /// cmdlet invocations and runspaces reuse the client and its HTTP connections. Clients are thread-safe.
    /// </summary>
    public static class EcrClientPool
    {
        private static readonly ConcurrentDictionary<EcrConnectionSettings, Lazy<IEcrClient>> Clients =
            new ConcurrentDictionary<EcrConnectionSettings, Lazy<IEcrClient>>();

        public static IEcrClient Get(EcrConnectionSettings settings)
        {
            if (settings is null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            return Clients.GetOrAdd(settings, s => new Lazy<IEcrClient>(() => Create(s))).Value;
        }

        /// <summary>The configuration a client for these settings gets.</summary>
        public static EcrClientConfig CreateConfig(EcrConnectionSettings settings)
        {
            // Request metrics print the canonical request, session token included: never log them.
            var config = new EcrClientConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region), LogMetrics = false };
            if (settings.ProfileName is not null)
            {
                config.Profile = new Profile(settings.ProfileName, settings.ProfileLocation);
            }

            if (settings.EndpointUrl is not null)
            {
                // The resolver already chose this endpoint from -EndpointUrl, the environment or the profile. A
                // ServiceURL turns off the region lookup: keep the resolved region in the SigV4 scope.
                config.ServiceURL = settings.EndpointUrl;
                config.AuthenticationRegion = settings.Region;
            }

            if (settings.MaxAttempts is int attempts)
            {
                config.MaxErrorRetry = Math.Max(0, attempts - 1);
                // The SDK also retries a request whose pooled connection went stale, outside MaxErrorRetry;
                // the attempts setting bounds those too.
                config.MaxStaleConnectionRetries = Math.Min(config.MaxStaleConnectionRetries, Math.Max(0, attempts - 1));
            }

            if (settings.RetryMode is RequestRetryMode mode)
            {
                config.RetryMode = mode;
            }

            if (settings.UseFips is bool fips)
            {
                config.UseFIPSEndpoint = fips;
            }

            if (settings.UseDualStack is bool dualStack)
            {
                config.UseDualstackEndpoint = dualStack;
            }

            if (settings.Timeout is TimeSpan timeout)
            {
                config.Timeout = timeout;
            }

            return config;
        }

        private static IEcrClient Create(EcrConnectionSettings settings)
        {
            EcrClientConfig config = CreateConfig(settings);
            return settings.Credentials is null ? new EcrClient(config) : new EcrClient(settings.Credentials, config);
        }
    }
}
