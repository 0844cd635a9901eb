using System;
using System.Text.Json;
using LocalEcr.Protocol;
using LocalEcr.Store;

namespace LocalEcr.Operations;

/// <summary>What an operation needs besides its input: the state, the pager, who called from where, the response.</summary>
internal sealed class OperationContext(Registry registry, Pager pager, string region, DateTimeOffset now, ResponseBuffer body)
{
    public Registry Registry { get; } = registry;

    public Pager Pager { get; } = pager;

    /// <summary>The region of the request's signature scope: ARNs and URIs name it.</summary>
    public string Region { get; } = region;

    public DateTimeOffset Now { get; } = now;

    public Utf8JsonWriter? Writer { get; private set; }

    /// <summary>Starts the 200 response's body. Call it once every check has passed.</summary>
    public Utf8JsonWriter BeginResponse() => Writer = EcrResponse.Begin(body);

    /// <summary>The registry a request addresses: its registryId, or the account's own when absent.</summary>
    public string RegistryIdOf(JsonElement input) => input.OptionalString("registryId") ?? Registry.AccountId;

    /// <summary>The repository a request names, or RepositoryNotFoundException (also for another account's registry).</summary>
    public Repository RequireRepository(JsonElement input)
    {
        var name = input.OptionalString("repositoryName")!;
        var registryId = RegistryIdOf(input);
        return registryId == Registry.AccountId && Registry.Find(name) is { } repository
            ? repository
            : throw EcrErrors.RepositoryNotFound(name, registryId);
    }
}
