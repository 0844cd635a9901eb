using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEcr.Auth;
using LocalEcr.Control;
using LocalEcr.Operations;
using LocalEcr.Protocol;
using LocalEcr.Store;
using Microsoft.AspNetCore.Http;

namespace LocalEcr.Hosting;

/// <summary>
/// The path of one ECR request: count it, authenticate it, find the operation, apply faults, validate the body
/// against the model, run the operation, and answer errors in the awsJson1_1 shape. Service time runs from a
/// complete body to a written response, without injected delays.
/// </summary>
internal sealed class EcrRequestHandler(Func<Registry> currentRegistry, LocalEcrStats stats, FaultInjector faults, Pager pager)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<ConnectionUsage>() is { } connection && connection.MarkUsedForEcr())
        {
            stats.CountConnection();
        }

        var operation = EcrOperations.Find(request.Headers["X-Amz-Target"]);
        var operationName = operation?.Name ?? "Unknown";
        stats.CountRequest(operationName);

        using var body = await RequestBody.ReadAsync(request.BodyReader, context.RequestAborted);
        using var output = new ResponseBuffer();
        var started = Stopwatch.GetTimestamp();
        var injectedDelay = TimeSpan.Zero;
        var statusCode = StatusCodes.Status200OK;
        try
        {
            var registry = currentRegistry();
            var (authorization, _) = RequestAuthenticator.AuthenticateAndRecord(request, body.Span, registry.Credentials, stats, operationName);

            if (operation is null || !HttpMethods.IsPost(request.Method) || request.Path != "/")
            {
                throw EcrErrors.UnknownOperation();
            }

            var fault = faults.Decide();
            if (fault.DelayMs > 0)
            {
                var delayStarted = Stopwatch.GetTimestamp();
                try
                {
                    await Task.Delay(fault.DelayMs, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // The client gave up while we hung: there is no one left to answer.
                }
                finally
                {
                    injectedDelay = Stopwatch.GetElapsedTime(delayStarted);
                }
            }

            if (InjectFault(fault.Kind, context))
            {
                return;
            }

            using var document = ParseBody(body);
            RequestValidator.Validate(EcrOperations.InputOf(operation), document.RootElement);
            var operationContext = new OperationContext(registry, pager, authorization.Region, DateTimeOffset.UtcNow, output);
            operation.Execute(document.RootElement, operationContext);
            operationContext.Writer?.Flush();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The body is still only in our buffer, so an error replaces whatever an operation had begun to write.
            var ecrError = error as EcrException ?? EcrErrors.Server($"LocalEcr failed: {error.GetType().Name}: {error.Message}");
            stats.CountFailure();
            statusCode = ecrError.StatusCode;
            EcrResponse.WriteError(output, ecrError);
        }
        finally
        {
            stats.AddServiceTime((Stopwatch.GetElapsedTime(started) - injectedDelay).Ticks);
        }

        await EcrResponse.SendAsync(context.Response, statusCode, output);
    }

    /// <summary>Throws the injected error, or drops the connection and returns true; false when there is no fault.</summary>
    private bool InjectFault(FaultKind kind, HttpContext context)
    {
        switch (kind)
        {
            case FaultKind.Throttle:
                stats.CountThrottle();
                throw EcrErrors.Throttling();
            case FaultKind.ServerException:
                stats.CountServerError();
                throw EcrErrors.Server("The request processing has failed because of an unknown error, exception or failure.");
            case FaultKind.ServiceUnavailable:
                stats.CountServerError();
                throw EcrErrors.ServiceUnavailable();
            case FaultKind.Drop:
                stats.CountDrop();
                stats.CountFailure();
                context.Abort();
                return true;
            default:
                return false;
        }
    }

    private static JsonDocument ParseBody(RequestBody body)
    {
        // AWS reads an empty body as an empty request, so required members are reported as missing.
        if (body.Length == 0)
        {
            return JsonDocument.Parse("{}");
        }

        try
        {
            return JsonDocument.Parse(body.Memory);
        }
        catch (JsonException e)
        {
            throw EcrErrors.Serialization($"The request body is not valid JSON: {e.Message}");
        }
    }
}
