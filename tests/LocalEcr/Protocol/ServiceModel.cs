using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LocalEcr.Protocol;

/// <summary>The shapes of the embedded ECR service model (botocore's JSON), reduced to what validation needs.</summary>
internal sealed class ServiceModel
{
    private readonly Dictionary<string, ModelShape> _shapes;
    private readonly Dictionary<string, string> _inputShapeByOperation;

    private ServiceModel(Dictionary<string, ModelShape> shapes, Dictionary<string, string> inputShapeByOperation)
    {
        _shapes = shapes;
        _inputShapeByOperation = inputShapeByOperation;
    }

    public static ServiceModel Ecr { get; } = LoadEmbedded();

    public ModelShape InputOf(string operation) => _shapes[_inputShapeByOperation[operation]];

    public ModelShape this[string shapeName] => _shapes[shapeName];

    private static ServiceModel LoadEmbedded()
    {
        using var stream = typeof(ServiceModel).Assembly.GetManifestResourceStream("LocalEcr.ecr-model.json")
            ?? throw new InvalidOperationException("The embedded ECR service model is missing.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;

        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var operation in root.GetProperty("operations").EnumerateObject())
        {
            inputs[operation.Name] = operation.Value.GetProperty("input").GetProperty("shape").GetString()!;
        }

        var shapes = new Dictionary<string, ModelShape>(StringComparer.Ordinal);
        var model = new ServiceModel(shapes, inputs);
        foreach (var shape in root.GetProperty("shapes").EnumerateObject())
        {
            shapes[shape.Name] = ModelShape.FromJson(shape.Name, shape.Value, model);
        }

        return model;
    }
}

/// <summary>One shape: its type and the constraints AWS enforces before an operation runs.</summary>
internal sealed class ModelShape
{
    private readonly ServiceModel _model;
    private readonly string? _listMemberShape;

    private ModelShape(string name, string type, ServiceModel model, string? listMemberShape)
    {
        Name = name;
        Type = type;
        _model = model;
        _listMemberShape = listMemberShape;
    }

    public string Name { get; }

    /// <summary>structure, list, map, string, integer, long, boolean or timestamp.</summary>
    public string Type { get; }

    public long? Min { get; private init; }

    public long? Max { get; private init; }

    /// <summary>The pattern as the model writes it (quoted in messages).</summary>
    public string? Pattern { get; private init; }

    /// <summary>The pattern anchored at both ends: AWS requires a full match.</summary>
    public Regex? PatternRegex { get; private init; }

    public IReadOnlyList<string>? Enum { get; private init; }

    public IReadOnlyList<KeyValuePair<string, string>> Members { get; private init; } = [];

    public IReadOnlySet<string> Required { get; private init; } = new HashSet<string>();

    public ModelShape ListMember => _model[_listMemberShape ?? throw new InvalidOperationException($"{Name} is not a list.")];

    public ModelShape MemberShape(string memberShapeName) => _model[memberShapeName];

    public static ModelShape FromJson(string name, JsonElement json, ServiceModel model)
    {
        var pattern = json.TryGetProperty("pattern", out var p) ? p.GetString() : null;
        var members = new List<KeyValuePair<string, string>>();
        if (json.TryGetProperty("members", out var m))
        {
            foreach (var member in m.EnumerateObject())
            {
                members.Add(new(member.Name, member.Value.GetProperty("shape").GetString()!));
            }
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (json.TryGetProperty("required", out var r))
        {
            foreach (var item in r.EnumerateArray())
            {
                required.Add(item.GetString()!);
            }
        }

        List<string>? values = null;
        if (json.TryGetProperty("enum", out var e))
        {
            values = [];
            foreach (var item in e.EnumerateArray())
            {
                values.Add(item.GetString()!);
            }
        }

        return new ModelShape(
            name,
            json.GetProperty("type").GetString()!,
            model,
            json.TryGetProperty("member", out var listMember) ? listMember.GetProperty("shape").GetString() : null)
        {
            Min = json.TryGetProperty("min", out var min) ? min.GetInt64() : null,
            Max = json.TryGetProperty("max", out var max) ? max.GetInt64() : null,
            Pattern = pattern,
            PatternRegex = pattern is null ? null : new Regex($"^(?:{pattern})\\z", RegexOptions.CultureInvariant | RegexOptions.Compiled),
            Enum = values,
            Members = members,
            Required = required,
        };
    }
}
