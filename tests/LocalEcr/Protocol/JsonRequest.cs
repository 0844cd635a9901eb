using System.Text.Json;

namespace LocalEcr.Protocol;

/// <summary>
/// Typed reads of a request body that <see cref="RequestValidator"/> has already accepted, so types are right
/// and only presence varies (JSON null reads as absent, as AWS treats it).
/// </summary>
internal static class JsonRequest
{
    public static string? OptionalString(this JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? OptionalInt32(this JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    public static JsonElement? OptionalArray(this JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    public static JsonElement? OptionalObject(this JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static bool Has(this JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}
