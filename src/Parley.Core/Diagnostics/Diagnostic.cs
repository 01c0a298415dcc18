using System.Text;

namespace Parley.Core.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The input cannot be used.</summary>
    Error,

    /// <summary>The input can be used, but the user should look at this.</summary>
    Warning,

    /// <summary>Something the user should know about how the input was read (e.g. salience read as 0–100).</summary>
    Info,
}

/// <summary>Where in a file something was found. Line and column are 1-based; null when unknown.</summary>
/// <param name="File">The file name as the user gave it.</param>
/// <param name="Line">1-based line, or null.</param>
/// <param name="Column">1-based column, or null.</param>
public sealed record SourceLocation(string File, int? Line = null, int? Column = null)
{
    /// <summary>Formats as <c>file:line:column</c>, leaving out what is unknown.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(File);
        if (Line is { } line)
        {
            sb.Append(':').Append(line);
            if (Column is { } column)
            {
                sb.Append(':').Append(column);
            }
        }

        return sb.ToString();
    }
}

/// <summary>
/// A problem found in user input, as a value: what is wrong, where (file, line, column, actor,
/// issue) and what would be valid.
/// </summary>
/// <param name="Severity">Error, warning or info.</param>
/// <param name="Message">What is wrong, in plain words.</param>
/// <param name="Location">Where, when known.</param>
/// <param name="ActorId">The actor concerned, if any.</param>
/// <param name="IssueId">The issue concerned, if any.</param>
/// <param name="Expected">What would be valid, if it can be said.</param>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string Message,
    SourceLocation? Location = null,
    string? ActorId = null,
    string? IssueId = null,
    string? Expected = null)
{
    /// <summary>Creates an error.</summary>
    public static Diagnostic Error(string message, SourceLocation? location = null, string? actorId = null, string? issueId = null, string? expected = null) =>
        new(DiagnosticSeverity.Error, message, location, actorId, issueId, expected);

    /// <summary>Creates a warning.</summary>
    public static Diagnostic Warning(string message, SourceLocation? location = null, string? actorId = null, string? issueId = null, string? expected = null) =>
        new(DiagnosticSeverity.Warning, message, location, actorId, issueId, expected);

    /// <summary>Creates an informational note.</summary>
    public static Diagnostic Info(string message, SourceLocation? location = null) =>
        new(DiagnosticSeverity.Info, message, location);

    /// <summary>Formats as <c>file:line:col: error: message (actor 'a', issue 'i'); expected: …</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Location is not null)
        {
            sb.Append(Location).Append(": ");
        }

        sb.Append(Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "note",
        }).Append(": ").Append(Message);
        if (ActorId is not null || IssueId is not null)
        {
            sb.Append(" (");
            if (ActorId is not null)
            {
                sb.Append("actor '").Append(ActorId).Append('\'');
            }

            if (IssueId is not null)
            {
                sb.Append(ActorId is not null ? ", " : string.Empty).Append("issue '").Append(IssueId).Append('\'');
            }

            sb.Append(')');
        }

        if (Expected is not null)
        {
            sb.Append("; expected ").Append(Expected);
        }

        return sb.ToString();
    }
}

/// <summary>The result of reading or validating input: a value when it succeeded, and every diagnostic found.</summary>
/// <typeparam name="T">The value read.</typeparam>
/// <param name="Value">The value, or null when there were errors.</param>
/// <param name="Diagnostics">Every error, warning and note, in file order.</param>
public sealed record ReadResult<T>(T? Value, IReadOnlyList<Diagnostic> Diagnostics) where T : class
{
    /// <summary>True when a value was read and no diagnostic is an error.</summary>
    public bool Succeeded => Value is not null && !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The errors only.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>A failed result with the given diagnostics.</summary>
    public static ReadResult<T> Failure(IReadOnlyList<Diagnostic> diagnostics) => new(null, diagnostics);

    /// <summary>A failed result with one error.</summary>
    public static ReadResult<T> Failure(Diagnostic diagnostic) => new(null, [diagnostic]);
}
