using System;
using System.Collections.Generic;
using System.Text.Json;
using LocalEcr.Protocol;
using LocalEcr.Store;

namespace LocalEcr.Operations;

/// <summary>
/// DescribeRepositories: the named repositories (one missing fails the call; names cannot page), or every
/// repository in creation order, paged. ARNs and URIs use the region the request was signed for.
/// </summary>
internal sealed class DescribeRepositoriesOperation : IEcrOperation
{
    public string Name => "DescribeRepositories";

    public void Execute(JsonElement input, OperationContext context)
    {
        var registryId = context.RegistryIdOf(input);
        var isOwnRegistry = registryId == context.Registry.AccountId;
        Repository[] repositories;
        Page page;
        if (input.OptionalArray("repositoryNames") is { } names)
        {
            if (input.Has("nextToken") || input.Has("maxResults"))
            {
                throw EcrErrors.InvalidParameter("repositoryNames", "repositoryNames cannot be combined with nextToken or maxResults");
            }

            var found = new List<Repository>();
            foreach (var item in names.EnumerateArray())
            {
                var name = item.GetString()!;
                var repository = isOwnRegistry ? context.Registry.Find(name) : null;
                if (repository is null)
                {
                    throw EcrErrors.RepositoryNotFound(name, registryId);
                }

                if (!found.Contains(repository))
                {
                    found.Add(repository);
                }
            }

            repositories = found.ToArray();
            page = Page.Whole(repositories);
        }
        else
        {
            // Another account's registry shows nothing here: listing it needs no repository name to report.
            repositories = isOwnRegistry ? context.Registry.Repositories : [];
            page = context.Pager.Select<Repository>(
                repositories, input.OptionalString("nextToken"), input.OptionalInt32("maxResults"), Pager.Fingerprint(Name, registryId));
        }

        var accountId = context.Registry.AccountId;
        page.Write(context.BeginResponse(), Members.Repositories, repositories,
            (writer, repository) => WriteRepository(writer, repository, accountId, context.Region));
    }

    private static void WriteRepository(Utf8JsonWriter writer, Repository repository, string accountId, string region)
    {
        var settings = repository.Settings;
        var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        var partition = region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
        writer.WriteStartObject();
        writer.WriteString(Members.RepositoryArn, $"arn:{partition}:ecr:{region}:{accountId}:repository/{repository.Name}");
        writer.WriteString(Members.RegistryId, accountId);
        writer.WriteString(Members.RepositoryName, repository.Name);
        writer.WriteString(Members.RepositoryUri, $"{accountId}.dkr.ecr.{region}.{domain}/{repository.Name}");
        EpochTime.Write(writer, Members.CreatedAt, settings.CreatedAtMs);
        writer.WriteString(Members.ImageTagMutability, settings.TagMutability switch
        {
            TagMutability.Immutable => "IMMUTABLE",
            TagMutability.ImmutableWithExclusion => "IMMUTABLE_WITH_EXCLUSION",
            TagMutability.MutableWithExclusion => "MUTABLE_WITH_EXCLUSION",
            _ => "MUTABLE",
        });
        if (settings.TagMutabilityExclusions.Count > 0)
        {
            writer.WriteStartArray(Members.ImageTagMutabilityExclusionFilters);
            foreach (var exclusion in settings.TagMutabilityExclusions)
            {
                writer.WriteStartObject();
                writer.WriteString(Members.FilterType, exclusion.FilterType);
                writer.WriteString(Members.Filter, exclusion.Filter);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteStartObject(Members.ImageScanningConfiguration);
        writer.WriteBoolean(Members.ScanOnPush, settings.ScanOnPush);
        writer.WriteEndObject();
        writer.WriteStartObject(Members.EncryptionConfiguration);
        writer.WriteString(Members.EncryptionType, settings.EncryptionType);
        if (settings.KmsKey is not null)
        {
            writer.WriteString(Members.KmsKey, settings.KmsKey);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
