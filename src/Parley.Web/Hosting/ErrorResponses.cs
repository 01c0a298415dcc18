using Parley.Web.Api;

namespace Parley.Web.Hosting;

/// <summary>
/// The last line of defence: a request Kestrel refuses (too large, too slow, malformed) gets its
/// 4xx as a <see cref="ProblemDto"/>; a client that goes away is not an error; anything else is a
/// bug, logged, and answered 500 without details.
/// </summary>
internal sealed partial class ErrorResponses(RequestDelegate next, ILogger<ErrorResponses> logger)
{
    /// <summary>Runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e)
        {
            await Answer(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
#pragma warning disable CA1031 // Every other exception is a bug: logged, and answered without its details.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBug(e, context.Request.Method, context.Request.Path);
            await Answer(context, StatusCodes.Status500InternalServerError, "Internal error: this is a bug in Parley; the server log has the details.");
        }
    }

    private static async Task Answer(HttpContext context, int status, string title)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(ProblemDto.Of(status, title));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}.")]
    private partial void LogBug(Exception exception, string method, string path);
}
