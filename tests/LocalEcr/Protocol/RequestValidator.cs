using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace LocalEcr.Protocol;

/// <summary>
/// Checks a request body against its input shape, as AWS does before an operation looks anything up:
/// JSON types that cannot be read are a <c>SerializationException</c>; every broken constraint (required, length,
/// pattern, range, enum) is collected into one <c>ValidationException</c> with AWS's wording.
/// Members the model does not know are ignored, and JSON null counts as absent.
/// </summary>
internal static class RequestValidator
{
    private const int MaxQuotedValueLength = 1024;

    public static void Validate(ModelShape inputShape, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw EcrErrors.Serialization("The request body must be a JSON object.");
        }

        var violations = new List<string>();
        CheckStructure(inputShape, body, prefix: "", violations);
        if (violations.Count > 0)
        {
            throw EcrErrors.Validation(violations);
        }
    }

    private static void CheckStructure(ModelShape shape, JsonElement value, string prefix, List<string> violations)
    {
        foreach (var (memberName, memberShapeName) in shape.Members)
        {
            var path = prefix + memberName;
            if (!value.TryGetProperty(memberName, out var member) || member.ValueKind == JsonValueKind.Null)
            {
                if (shape.Required.Contains(memberName))
                {
                    violations.Add($"Value null at '{path}' failed to satisfy constraint: Member must not be null");
                }

                continue;
            }

            Check(shape.MemberShape(memberShapeName), member, path, violations);
        }
    }

    private static void Check(ModelShape shape, JsonElement value, string path, List<string> violations)
    {
        switch (shape.Type)
        {
            case "structure":
                Expect(value, JsonValueKind.Object, "a structure", path);
                CheckStructure(shape, value, path + ".", violations);
                break;

            case "list":
                Expect(value, JsonValueKind.Array, "a list", path);
                CheckLength(shape, value.GetArrayLength(), value, path, violations);
                var index = 1;
                foreach (var item in value.EnumerateArray())
                {
                    // AWS names list items 'imageIds.1.member.imageTag' (1-based).
                    var itemPath = $"{path}.{index++}.member";
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        violations.Add($"Value null at '{itemPath}' failed to satisfy constraint: Member must not be null");
                        continue;
                    }

                    Check(shape.ListMember, item, itemPath, violations);
                }

                break;

            case "string":
                Expect(value, JsonValueKind.String, "a string", path);
                var text = value.GetString()!;
                CheckLength(shape, text.Length, value, path, violations);
                if (shape.PatternRegex is not null && !shape.PatternRegex.IsMatch(text))
                {
                    violations.Add(Violation(value, path, $"Member must satisfy regular expression pattern: {shape.Pattern}"));
                }

                if (shape.Enum is { } allowed && !allowed.Contains(text))
                {
                    violations.Add(Violation(value, path, $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]"));
                }

                break;

            case "integer" or "long":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
                {
                    throw EcrErrors.Serialization($"Expected an integer at '{path}' but found {Describe(value)}.");
                }

                if (number < shape.Min)
                {
                    violations.Add(Violation(value, path, $"Member must have value greater than or equal to {shape.Min}"));
                }

                if (number > shape.Max)
                {
                    violations.Add(Violation(value, path, $"Member must have value less than or equal to {shape.Max}"));
                }

                break;

            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw EcrErrors.Serialization($"Expected a boolean at '{path}' but found {Describe(value)}.");
                }

                break;
        }
    }

    private static void CheckLength(ModelShape shape, long length, JsonElement value, string path, List<string> violations)
    {
        if (length < shape.Min)
        {
            violations.Add(Violation(value, path, $"Member must have length greater than or equal to {shape.Min}"));
        }

        if (length > shape.Max)
        {
            violations.Add(Violation(value, path, $"Member must have length less than or equal to {shape.Max}"));
        }
    }

    private static void Expect(JsonElement value, JsonValueKind kind, string expected, string path)
    {
        if (value.ValueKind != kind)
        {
            throw EcrErrors.Serialization($"Expected {expected} at '{path}' but found {Describe(value)}.");
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "a structure",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Violation(JsonElement value, string path, string constraint) =>
        $"Value '{Quote(value)}' at '{path}' failed to satisfy constraint: {constraint}";

    /// <summary>Renders a value the way AWS quotes it: strings bare, lists as [a, b], long values cut short.</summary>
    private static string Quote(JsonElement value)
    {
        var builder = new StringBuilder();
        Render(value, builder);
        return builder.Length > MaxQuotedValueLength
            ? builder.ToString(0, MaxQuotedValueLength) + "..."
            : builder.ToString();
    }

    private static void Render(JsonElement value, StringBuilder builder)
    {
        if (builder.Length > MaxQuotedValueLength)
        {
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                builder.Append(value.GetString());
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    builder.Append(first ? "" : ", ");
                    first = false;
                    Render(item, builder);
                }

                builder.Append(']');
                break;
            case JsonValueKind.Object:
                builder.Append('{');
                var firstMember = true;
                foreach (var member in value.EnumerateObject())
                {
                    builder.Append(firstMember ? "" : ", ").Append(member.Name).Append('=');
                    firstMember = false;
                    Render(member.Value, builder);
                }

                builder.Append('}');
                break;
            default:
                builder.Append(value.GetRawText());
                break;
        }
    }
}
