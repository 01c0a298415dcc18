using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Formats.Scenarios;

namespace Parley.Formats;

/// <summary>
/// Reads outcomes files: the recorded outcome of a scenario's issues, kept apart from the scenario
/// (e.g. <c>scenarios/korea-2018.outcomes.yaml</c>) so that the forecast is made without them.
/// YAML or JSON: <c>scenario: FILE</c> (optional, relative to the outcomes file) and
/// <c>outcomes: { ISSUE: { position: P, record: "one sentence of the public record" } }</c>
/// (or <c>ISSUE: P</c>). Never throws for bad input.
/// </summary>
public static class OutcomeFiles
{
    /// <summary>The scenario with the outcomes in <paramref name="content"/> merged in; <paramref name="fileName"/> is used for locations and format detection.</summary>
    public static ReadResult<Scenario> Merge(Scenario scenario, byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var diagnostics = new List<Diagnostic>();
        var root = Parse(content, fileName, diagnostics);
        var merged = root is null ? null : OutcomesDocumentReader.Merge(root, scenario, fileName, diagnostics);
        return Result(merged, diagnostics);
    }

    /// <summary>The scenario with the outcomes in the file at <paramref name="path"/> merged in.</summary>
    public static ReadResult<Scenario> Merge(Scenario scenario, string path)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var content = Load(path, out var error);
        return content is null ? ReadResult<Scenario>.Failure(error!) : Merge(scenario, content, path);
    }

    /// <summary>
    /// Reads the outcomes file at <paramref name="path"/> and the scenario its <c>scenario</c> key
    /// names (relative to the outcomes file), and merges them.
    /// </summary>
    public static ReadResult<Scenario> Read(string path, ScenarioFormat scenarioFormat = ScenarioFormat.Auto)
    {
        var content = Load(path, out var error);
        if (content is null)
        {
            return ReadResult<Scenario>.Failure(error!);
        }

        var diagnostics = new List<Diagnostic>();
        var root = Parse(content, path, diagnostics);
        if (root is null)
        {
            return ReadResult<Scenario>.Failure(diagnostics);
        }

        var scenarioPath = OutcomesDocumentReader.ScenarioPath(root);
        if (scenarioPath is null)
        {
            diagnostics.Add(Diagnostic.Error("The outcomes file names no scenario.", new SourceLocation(path, 1, 1), expected: "a key 'scenario: FILE' with the scenario's path relative to this file"));
            return ReadResult<Scenario>.Failure(diagnostics);
        }

        var full = Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, scenarioPath);
        var scenario = ScenarioFiles.Read(full, scenarioFormat);
        diagnostics.AddRange(scenario.Diagnostics);
        if (!scenario.Succeeded)
        {
            return ReadResult<Scenario>.Failure(diagnostics);
        }

        var merged = OutcomesDocumentReader.Merge(root, scenario.Value!, path, diagnostics);
        return Result(merged, diagnostics);
    }

    private static DocumentNode? Parse(byte[] content, string fileName, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        var utf8 = Utf8Text.WithoutBom(content);
        var text = Utf8Text.Decode(utf8.Span, fileName, diagnostics);
        if (text is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Add(Diagnostic.Error("The file is empty.", new SourceLocation(fileName, 1, 1), expected: "outcomes: { ISSUE: { position: P, record: \"…\" } }"));
            return null;
        }

        return ScenarioFiles.Detect(fileName, text) == ScenarioFormat.Json
            ? JsonDocumentReader.Read(utf8.Span, fileName, diagnostics)
            : YamlDocumentReader.Read(text, fileName, diagnostics);
    }

    private static byte[]? Load(string path, out Diagnostic? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        error = null;
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error = Diagnostic.Error("File not found.", new SourceLocation(path), expected: "the path of an outcomes file (.yaml or .json)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = Diagnostic.Error($"The file cannot be read: {e.Message}", new SourceLocation(path));
        }

        return null;
    }

    private static ReadResult<Scenario> Result(Scenario? merged, List<Diagnostic> diagnostics) =>
        merged is null || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)
            ? ReadResult<Scenario>.Failure(diagnostics)
            : new ReadResult<Scenario>(merged, diagnostics);
}
