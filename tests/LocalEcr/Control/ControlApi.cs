using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LocalEcr.Control;

/// <summary>
/// The unauthenticated test API under <c>/_localecr/</c>: stats, reset, faults and seeding. Its calls are not
/// counted in the stats and never see injected faults.
/// </summary>
internal sealed class ControlApi(LocalEcrServer server)
{
    public const string PathPrefix = "/_localecr/";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static bool Handles(HttpRequest request) => request.Path.StartsWithSegments("/_localecr", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var route = (request.Method, request.Path.Value?.TrimEnd('/'));
        try
        {
            switch (route)
            {
                case ("GET", "/_localecr/stats"):
                    await WriteAsync(context, StatusCodes.Status200OK, server.Stats.Snapshot());
                    break;
                case ("POST", "/_localecr/reset"):
                    var restoreState = string.Equals(request.Query["state"], "true", StringComparison.OrdinalIgnoreCase);
                    server.Reset(restoreState);
                    await WriteAsync(context, StatusCodes.Status200OK, new { reset = true, state = restoreState });
                    break;
                case ("GET", "/_localecr/faults"):
                    await WriteAsync(context, StatusCodes.Status200OK, server.Faults);
                    break;
                case ("POST", "/_localecr/faults"):
                    server.Faults = await ReadAsync<FaultSettings>(context) ?? FaultSettings.None;
                    await WriteAsync(context, StatusCodes.Status200OK, server.Faults);
                    break;
                case ("POST", "/_localecr/seed"):
                    var seed = await ReadAsync<SeedDocument>(context, SeedDocument.JsonOptions)
                        ?? throw new InvalidDataException("The seed document is null.");
                    server.Seed(seed);
                    await WriteAsync(context, StatusCodes.Status200OK, new { seeded = true });
                    break;
                default:
                    await WriteAsync(context, StatusCodes.Status404NotFound, new
                    {
                        message = "Unknown control call. Use GET /_localecr/stats, POST /_localecr/reset[?state=true], " +
                                  "GET or POST /_localecr/faults, POST /_localecr/seed.",
                    });
                    break;
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidDataException)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, new { message = e.Message });
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context, JsonSerializerOptions? options = null) =>
        await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options ?? JsonOptions, context.RequestAborted);

    private static Task WriteAsync<T>(HttpContext context, int statusCode, T value)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, JsonOptions, context.RequestAborted);
    }
}
