using System;
using System.Collections.Generic;

namespace LocalEcr.Auth;

/// <summary>The SSO bearer tokens LocalEcr's portal accepts, each with the roles (account and name) it may use.</summary>
internal sealed class SsoTokenStore
{
    private readonly Dictionary<string, HashSet<(string AccountId, string RoleName)>> _grants = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public void Add(string accessToken, string accountId, string roleName)
    {
        lock (_gate)
        {
            if (!_grants.TryGetValue(accessToken, out var roles))
            {
                _grants[accessToken] = roles = [];
            }

            roles.Add((accountId, roleName));
        }
    }

    public bool IsKnown(string accessToken)
    {
        lock (_gate)
        {
            return _grants.ContainsKey(accessToken);
        }
    }

    public bool MayUse(string accessToken, string accountId, string roleName)
    {
        lock (_gate)
        {
            return _grants.TryGetValue(accessToken, out var roles) && roles.Contains((accountId, roleName));
        }
    }
}
