using System;
using System.Collections.Generic;
using System.Threading;
using LocalEcr.Auth;

namespace LocalEcr.Store;

/// <summary>One account's registry: its repositories, the credentials allowed to call it and the SSO tokens that may get some.</summary>
internal sealed class Registry
{
    public const string DefaultAccountId = "123456789012";

    private readonly object _gate = new();
    private readonly Dictionary<string, Repository> _byName = new(StringComparer.Ordinal);
    private Repository[] _inCreationOrder = [];
    private string _accountId = DefaultAccountId;

    public string AccountId
    {
        get => Volatile.Read(ref _accountId);
        set => Volatile.Write(ref _accountId, value);
    }

    public CredentialStore Credentials { get; } = new();

    public SsoTokenStore SsoTokens { get; } = new();

    /// <summary>Every repository in creation order: a snapshot that later creations do not change.</summary>
    public Repository[] Repositories => Volatile.Read(ref _inCreationOrder);

    public Repository? Find(string name)
    {
        lock (_gate)
        {
            return _byName.GetValueOrDefault(name);
        }
    }

    public Repository GetOrCreate(string name, RepositorySettings settings)
    {
        lock (_gate)
        {
            if (_byName.TryGetValue(name, out var existing))
            {
                return existing;
            }

            var repository = new Repository(name, _inCreationOrder.Length + 1, settings);
            _byName.Add(name, repository);
            Volatile.Write(ref _inCreationOrder, [.. _inCreationOrder, repository]);
            return repository;
        }
    }
}
