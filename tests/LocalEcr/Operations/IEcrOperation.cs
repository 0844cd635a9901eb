using System;
using System.Collections.Generic;
using System.Text.Json;
using LocalEcr.Protocol;

namespace LocalEcr.Operations;

/// <summary>
/// One ECR operation. <see cref="Execute"/> receives a body already validated against the operation's input shape;
/// it throws <see cref="EcrException"/> for errors, or starts the response and writes it, never both.
/// </summary>
internal interface IEcrOperation
{
    string Name { get; }

    void Execute(JsonElement input, OperationContext context);
}

/// <summary>The operations LocalEcr serves, by X-Amz-Target.</summary>
internal static class EcrOperations
{
    public const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921.";

    private static readonly IEcrOperation[] All =
    [
        new DescribeImagesOperation(),
        new ListImagesOperation(),
        new PutImageOperation(),
        new BatchGetImageOperation(),
        new DescribeRepositoriesOperation(),
    ];

    private static readonly Dictionary<string, IEcrOperation> ByTarget = BuildIndex();

    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(All, operation => operation.Name);

    public static IEcrOperation? Find(string? target) => target is null ? null : ByTarget.GetValueOrDefault(target);

    /// <summary>The model's input shape of an operation: what the request validator checks.</summary>
    public static ModelShape InputOf(IEcrOperation operation) => ServiceModel.Ecr.InputOf(operation.Name);

    private static Dictionary<string, IEcrOperation> BuildIndex()
    {
        var byTarget = new Dictionary<string, IEcrOperation>(StringComparer.Ordinal);
        foreach (var operation in All)
        {
            byTarget.Add(TargetPrefix + operation.Name, operation);
        }

        return byTarget;
    }
}
