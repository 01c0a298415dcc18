using Parley.Core.Diagnostics;

namespace Parley.Web.Api;

/// <summary>The answers the endpoints share: problems as <see cref="ProblemDto"/> with their status code.</summary>
internal static class ApiResults
{
    /// <summary>A 4xx answer with a title and diagnostics.</summary>
    public static IResult Problem(int status, string title, IEnumerable<Diagnostic>? diagnostics = null) =>
        TypedResults.Json(new ProblemDto(status, title, DiagnosticDto.All(diagnostics ?? [])), statusCode: status);

    /// <summary>404 for an id that names nothing.</summary>
    public static IResult NotFound(string what) => Problem(StatusCodes.Status404NotFound, what);

    /// <summary>422 for input that was read but is invalid.</summary>
    public static IResult Invalid(string title, IEnumerable<Diagnostic> diagnostics) => Problem(StatusCodes.Status422UnprocessableEntity, title, diagnostics);

    /// <summary>400 for a request that could not be read.</summary>
    public static IResult BadRequest(string title, IEnumerable<Diagnostic>? diagnostics = null) => Problem(StatusCodes.Status400BadRequest, title, diagnostics);
}
