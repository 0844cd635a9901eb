using System;
using System.Collections.Concurrent;
using Amazon;

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

        private static IEcrClient Create(EcrConnectionSettings settings)
        {
            var config = new EcrClientConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region) };
            if (settings.EndpointUrl is not null)
            {
                config.ServiceURL = settings.EndpointUrl;
                // A ServiceURL turns off the region lookup; keep the resolved region in the SigV4 scope.
                config.AuthenticationRegion = settings.Region;
            }

            return new EcrClient(config);
        }
    }
}
