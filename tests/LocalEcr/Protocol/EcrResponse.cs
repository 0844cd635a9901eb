using System;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LocalEcr.Protocol;

/// <summary>Writes awsJson1_1 bodies into a <see cref="ResponseBuffer"/> and sends them.</summary>
internal static class EcrResponse
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string RequestIdHeader = "x-amzn-RequestId";

    // Relaxed escaping keeps media types ("v2+json") and manifests readable; the output is still valid JSON.
    // Validation is skipped because the writers are few, fixed and covered by tests.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("__type");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText KmsErrorName = JsonEncodedText.Encode("kmsError");

    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// A writer over <paramref name="body"/>, emptied first. It is cached per thread, so write synchronously and
    /// <see cref="Utf8JsonWriter.Flush"/> before awaiting anything.
    /// </summary>
    public static Utf8JsonWriter Begin(ResponseBuffer body)
    {
        body.Clear();
        var writer = t_writer ??= new Utf8JsonWriter(body, WriterOptions);
        writer.Reset(body);
        return writer;
    }

    public static void WriteError(ResponseBuffer body, EcrException error)
    {
        var writer = Begin(body);
        writer.WriteStartObject();
        writer.WriteString(TypeName, error.Code);
        writer.WriteString(MessageName, error.Message);
        if (error.KmsError is not null)
        {
            writer.WriteString(KmsErrorName, error.KmsError);
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    public static async Task SendAsync(HttpResponse response, int statusCode, ResponseBuffer body)
    {
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.ContentLength = body.WrittenCount;
        await response.BodyWriter.WriteAsync(body.WrittenMemory, response.HttpContext.RequestAborted);
    }
}
