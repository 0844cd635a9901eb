using System;
using System.Linq;
using System.Text.Json;

namespace LocalEcr.Protocol;

/// <summary>
/// Checks a request body against its input shape, as ECR does before an operation looks anything up:
/// JSON types that cannot be read are a <c>SerializationException</c>; the first broken constraint (required, length,
/// pattern, range, enum), in the model's member order, is an <c>InvalidParameterException</c> in ECR's wording,
/// <c>Invalid parameter at 'maxResults' failed to satisfy constraint: '...'</c>.
/// Members the model does not know are ignored, and JSON null counts as absent.
/// </summary>
internal static class RequestValidator
{
    public static void Validate(ModelShape inputShape, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw EcrErrors.Serialization("The request body must be a JSON object.");
        }

        CheckStructure(inputShape, body, prefix: "");
    }

    private static void CheckStructure(ModelShape shape, JsonElement value, string prefix)
    {
        foreach (var (memberName, memberShapeName) in shape.Members)
        {
            var path = prefix + memberName;
            if (!value.TryGetProperty(memberName, out var member) || member.ValueKind == JsonValueKind.Null)
            {
                if (shape.Required.Contains(memberName))
                {
                    throw EcrErrors.InvalidParameter(path, "must not be null");
                }

                continue;
            }

            Check(shape.MemberShape(memberShapeName), member, path);
        }
    }

    private static void Check(ModelShape shape, JsonElement value, string path)
    {
        switch (shape.Type)
        {
            case "structure":
                Expect(value, JsonValueKind.Object, "a structure", path);
                CheckStructure(shape, value, path + ".");
                break;

            case "list":
                Expect(value, JsonValueKind.Array, "a list", path);
                CheckBounds(shape, value.GetArrayLength(), path, "length");
                var index = 1;
                foreach (var item in value.EnumerateArray())
                {
                    // AWS names list items 'imageIds.1.member.imageTag' (1-based).
                    var itemPath = $"{path}.{index++}.member";
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        throw EcrErrors.InvalidParameter(itemPath, "must not be null");
                    }

                    Check(shape.ListMember, item, itemPath);
                }

                break;

            case "string":
                Expect(value, JsonValueKind.String, "a string", path);
                var text = Text(value, path);
                CheckBounds(shape, text.Length, path, "length");
                if (shape.PatternRegex is not null && !shape.PatternRegex.IsMatch(text))
                {
                    throw EcrErrors.InvalidParameter(path, $"must satisfy regular expression '{shape.Pattern}'");
                }

                if (shape.Enum is { } allowed && !allowed.Contains(text))
                {
                    throw EcrErrors.InvalidParameter(path, $"must satisfy enum value set: [{string.Join(", ", allowed)}]");
                }

                break;

            case "integer" or "long":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
                {
                    throw EcrErrors.Serialization($"Expected an integer at '{path}' but found {Describe(value)}.");
                }

                CheckBounds(shape, number, path, "value");
                break;

            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw EcrErrors.Serialization($"Expected a boolean at '{path}' but found {Describe(value)}.");
                }

                break;
        }
    }

    /// <summary>A length (of a string or list) or a value (of a number) against the shape's min and max.</summary>
    private static void CheckBounds(ModelShape shape, long measure, string path, string what)
    {
        if (measure < shape.Min)
        {
            throw EcrErrors.InvalidParameter(path, $"must have {what} greater than or equal to {shape.Min}");
        }

        if (measure > shape.Max)
        {
            throw EcrErrors.InvalidParameter(path, $"must have {what} less than or equal to {shape.Max}");
        }
    }

    /// <summary>
    /// A string member's value. Text that is not Unicode (invalid UTF-8, or an escaped half of a surrogate pair) cannot be
    /// read: like other JSON the service cannot read, a SerializationException, not a failure of the service.
    /// </summary>
    private static string Text(JsonElement value, string path)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw EcrErrors.Serialization($"The string at '{path}' is not valid Unicode text.");
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
}
