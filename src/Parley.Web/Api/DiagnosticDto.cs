using Parley.Core.Diagnostics;

namespace Parley.Web.Api;

/// <summary>A diagnostic as the API returns it: the fields of <see cref="Diagnostic"/>, and <c>text</c>, the line <c>parley validate</c> prints.</summary>
/// <param name="Severity">error, warning or note.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="File">The file name used for locations.</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Column">1-based column, when known.</param>
/// <param name="Actor">The actor concerned, if any.</param>
/// <param name="Issue">The issue concerned, if any.</param>
/// <param name="Expected">What would be valid, if it can be said.</param>
/// <param name="Text">The diagnostic as one line, exactly as the command line prints it.</param>
public sealed record DiagnosticDto(string Severity, string Message, string? File, int? Line, int? Column, string? Actor, string? Issue, string? Expected, string Text)
{
    /// <summary>The API form of <paramref name="d"/>.</summary>
    public static DiagnosticDto Of(Diagnostic d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var severity = d.Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "note",
        };
        return new DiagnosticDto(severity, d.Message, d.Location?.File, d.Location?.Line, d.Location?.Column, d.ActorId, d.IssueId, d.Expected, d.ToString());
    }

    /// <summary>The API form of every diagnostic.</summary>
    public static IReadOnlyList<DiagnosticDto> All(IEnumerable<Diagnostic> diagnostics) => [.. diagnostics.Select(Of)];
}

/// <summary>The body of every 4xx answer: what went wrong and, for input, every located diagnostic.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Title">What went wrong, in one sentence.</param>
/// <param name="Diagnostics">Each problem with its location; empty when the title says it all.</param>
public sealed record ProblemDto(int Status, string Title, IReadOnlyList<DiagnosticDto> Diagnostics)
{
    /// <summary>A problem with no diagnostics.</summary>
    public static ProblemDto Of(int status, string title) => new(status, title, []);
}
