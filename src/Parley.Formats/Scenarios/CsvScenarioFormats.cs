using Parley.Core;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;

namespace Parley.Formats.Scenarios;

/// <summary>
/// The CSV scenario formats, told apart by their header. To add one (e.g. KTAB's), add a
/// <see cref="CsvFormat"/> to <see cref="Formats"/> and a <see cref="ScenarioFormat"/> value.
/// </summary>
internal static class CsvScenarioFormats
{
    /// <summary>A CSV format: its name, an example header, how to recognise it and how to read it.</summary>
    internal sealed record CsvFormat(
        ScenarioFormat Format,
        string Name,
        string HeaderExample,
        Func<IReadOnlyList<string>, bool> Recognises,
        Func<CsvTable, string, List<Diagnostic>, Scenario?> Read);

    /// <summary>Every CSV format, in the order they are tried.</summary>
    internal static IReadOnlyList<CsvFormat> Formats { get; } =
    [
        new(ScenarioFormat.ClassicCsv, "classic one-issue table", ClassicCsvReader.Header, ClassicCsvReader.Recognises, ClassicCsvReader.Read),
    ];

    /// <summary>Reads <paramref name="text"/> as the CSV format <paramref name="forced"/>, or as the one its header shows when null.</summary>
    public static Scenario? Read(string text, string fileName, ScenarioFormat? forced, List<Diagnostic> diagnostics)
    {
        var table = CsvTable.Parse(text, fileName, diagnostics, Limits.MaxActors + 1);
        if (table.Rows.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error("The file has no header row.", new SourceLocation(fileName, 1, 1), expected: Recognised()));
            return null;
        }

        if (table.Truncated)
        {
            return null;
        }

        var header = table.Rows[0].Fields.Select(f => f.Text).ToList();
        var format = forced is { } f
            ? Formats.FirstOrDefault(x => x.Format == f)
            : Formats.FirstOrDefault(x => x.Recognises(header));
        if (format is null)
        {
            var first = table.Rows[0].Fields[0];
            diagnostics.Add(Diagnostic.Error(
                $"The CSV header '{string.Join(",", header)}' matches no CSV format that Parley reads.",
                new SourceLocation(fileName, first.Line, first.Column),
                expected: Recognised()));
            return null;
        }

        return format.Read(table, fileName, diagnostics);
    }

    private static string Recognised() =>
        "one of the recognised CSV formats: " + string.Join("; ", Formats.Select(f => $"{f.Name}, header '{f.HeaderExample}'"))
        + "; KTAB SMP table, first line 'name,description,actors,dimensions' then 'Actor,Description,Power,Dim0 Position,Dim0 Salience,…'";
}
