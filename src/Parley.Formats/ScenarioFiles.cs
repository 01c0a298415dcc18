using Parley.Core;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Formats.Exchange;
using Parley.Formats.Ktab;
using Parley.Formats.Scenarios;

namespace Parley.Formats;

/// <summary>Reads scenarios from files or bytes in any supported format, reporting every problem as a diagnostic.</summary>
public static partial class ScenarioFiles
{
    /// <summary>Reads the scenario in the file at <paramref name="path"/>; never throws for bad input.</summary>
    public static ReadResult<Scenario> Read(string path, ScenarioFormat format = ScenarioFormat.Auto) => ScenarioOnly(Load(path, format));

    /// <summary>Reads a scenario from <paramref name="content"/>; <paramref name="fileName"/> is used for locations and format detection.</summary>
    public static ReadResult<Scenario> Parse(byte[] content, string fileName, ScenarioFormat format = ScenarioFormat.Auto) =>
        ScenarioOnly(ParseSource(content, fileName, format));

    /// <summary>
    /// Reads the file at <paramref name="path"/> with what else it sets besides the scenario (the
    /// model parameters and seed of a KTAB XML file); never throws for bad input.
    /// </summary>
    public static ReadResult<ScenarioSource> Load(string path, ScenarioFormat format = ScenarioFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(path);
        var content = BoundedFile.Read(path, out var error);
        if (content is null)
        {
            return ReadResult<ScenarioSource>.Failure(error!);
        }

        return ParseSource(content, path, format);
    }

    /// <summary>Reads <paramref name="content"/> with what else it sets besides the scenario; <paramref name="fileName"/> is used for locations and format detection.</summary>
    public static ReadResult<ScenarioSource> ParseSource(byte[] content, string fileName, ScenarioFormat format = ScenarioFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        if (content.LongLength > Limits.MaxFileBytes)
        {
            return ReadResult<ScenarioSource>.Failure(BoundedFile.TooLarge(fileName, content.LongLength));
        }

        var diagnostics = new List<Diagnostic>();
        var utf8 = Utf8Text.WithoutBom(content);
        var text = Utf8Text.Decode(utf8.Span, fileName, diagnostics);
        if (text is null)
        {
            return ReadResult<ScenarioSource>.Failure(diagnostics);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ReadResult<ScenarioSource>.Failure(Diagnostic.Error("The file is empty.", new SourceLocation(fileName, 1, 1), expected: "a scenario in YAML or JSON, or a CSV table with a header row"));
        }

        var chosen = format == ScenarioFormat.Auto ? Detect(fileName, text) : format;
        if (chosen == ScenarioFormat.Auto && KtabCsvReader.LooksLikeKtabCsv(text))
        {
            chosen = ScenarioFormat.KtabCsv;
        }

        if (chosen == ScenarioFormat.Auto && ExchangeCsvReader.LooksLikeExchangeCsv(text))
        {
            chosen = ScenarioFormat.ExchangeCsv;
        }

        Scenario? scenario = null;
        IReadOnlyDictionary<string, string> parameters = new Dictionary<string, string>();
        ulong? seed = null;
        switch (chosen)
        {
            case ScenarioFormat.KtabCsv or ScenarioFormat.KtabXml:
            {
                var ktab = chosen == ScenarioFormat.KtabCsv ? KtabCsvReader.Parse(text, fileName) : KtabXmlReader.Parse(text, fileName);
                diagnostics.AddRange(ktab.Diagnostics);
                scenario = ktab.Value?.Scenario;
                parameters = ktab.Value?.Parameters ?? parameters;
                seed = ktab.Value?.Seed;
                break;
            }

            case ScenarioFormat.ExchangeCsv:
            {
                var exchange = ExchangeCsvReader.Parse(text, fileName);
                diagnostics.AddRange(exchange.Diagnostics);
                scenario = exchange.Value;
                break;
            }

            case ScenarioFormat.Json:
            {
                var root = JsonDocumentReader.Read(utf8.Span, fileName, diagnostics);
                scenario = root is null || !DocumentLimits.Check(root, fileName, diagnostics) ? null : ScenarioBuilder.Build(root, fileName, diagnostics);
                break;
            }

            case ScenarioFormat.Yaml:
            {
                var root = YamlDocumentReader.Read(text, fileName, diagnostics);
                scenario = root is null || !DocumentLimits.Check(root, fileName, diagnostics) ? null : ScenarioBuilder.Build(root, fileName, diagnostics);
                break;
            }

            default:
                scenario = CsvScenarioFormats.Read(text, fileName, format == ScenarioFormat.Auto ? null : chosen, diagnostics);
                break;
        }

        // A safety net under every reader: a scenario past a limit the reader did not locate is refused here, at the file.
        if (scenario is not null && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            diagnostics.AddRange(RunLimits.CheckScenario(scenario, fileName));
        }

        var ordered = diagnostics
            .Select((d, i) => (d, i))
            .OrderBy(p => p.d.Location?.Line ?? 0)
            .ThenBy(p => p.d.Location?.Column ?? 0)
            .ThenBy(p => p.i)
            .Select(p => p.d)
            .ToList();
        var failed = ordered.Any(d => d.Severity == DiagnosticSeverity.Error) || scenario is null;
        return new ReadResult<ScenarioSource>(failed ? null : new ScenarioSource(scenario!, chosen, parameters, seed), Capped(ordered, fileName));
    }

    /// <summary>The first <see cref="Limits.MaxReportedErrors"/> errors (with the warnings and notes among them), then one line saying how many were left out.</summary>
    internal static IReadOnlyList<Diagnostic> Capped(IReadOnlyList<Diagnostic> diagnostics, string fileName)
    {
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (errors <= Limits.MaxReportedErrors)
        {
            return diagnostics;
        }

        var kept = new List<Diagnostic>();
        var shown = 0;
        foreach (var d in diagnostics)
        {
            if (d.Severity == DiagnosticSeverity.Error && ++shown > Limits.MaxReportedErrors)
            {
                break;
            }

            kept.Add(d);
        }

        kept.Add(Diagnostic.Error($"{errors - Limits.MaxReportedErrors} more errors are not shown (Parley lists the first {Limits.MaxReportedErrors}).", new SourceLocation(fileName), expected: "the errors above fixed first"));
        return kept;
    }

    private static ReadResult<Scenario> ScenarioOnly(ReadResult<ScenarioSource> source) =>
        new(source.Value?.Scenario, source.Diagnostics);

    /// <summary>
    /// The format for <paramref name="fileName"/>: by extension, else by content (a first line that
    /// is a TAB-separated #A/#P/#M/#D/#//#O record is the exchange model's format, a leading '{' is
    /// JSON, a first line with commas and no colon is CSV, anything else YAML). CSV files are
    /// <see cref="ScenarioFormat.Auto"/> here and told apart by their header.
    /// </summary>
    internal static ScenarioFormat Detect(string fileName, string text)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        switch (extension)
        {
            case ".yaml" or ".yml":
                return ScenarioFormat.Yaml;
            case ".json":
                return ScenarioFormat.Json;
            case ".csv":
                return ScenarioFormat.Auto;
            case ".xml":
                return ScenarioFormat.KtabXml;
        }

        if (ExchangeCsvReader.LooksLikeExchangeCsv(text))
        {
            return ScenarioFormat.ExchangeCsv;
        }

        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            return ScenarioFormat.Json;
        }

        if (trimmed.StartsWith('<'))
        {
            return ScenarioFormat.KtabXml;
        }

        var firstLine = trimmed.Split('\n', 2)[0];
        return firstLine.Contains(',', StringComparison.Ordinal) && !firstLine.Contains(':', StringComparison.Ordinal)
            ? ScenarioFormat.Auto
            : ScenarioFormat.Yaml;
    }

    /// <summary>The JSON Schema of the scenario format (draft 2020-12), as shipped in schema/parley-scenario.schema.json.</summary>
    public static string JsonSchemaText => SchemaValidator.SchemaText;
}
