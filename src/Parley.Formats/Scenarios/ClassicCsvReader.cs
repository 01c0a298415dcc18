using System.Globalization;
using System.Text;
using Parley.Core;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;

namespace Parley.Formats.Scenarios;

/// <summary>
/// Reads the classic one-issue table of Bueno de Mesquita's model (header
/// <c>Actor,Capability,Position,Salience</c>, any order and case) into a one-issue scenario.
/// </summary>
internal static class ClassicCsvReader
{
    /// <summary>The header as documented.</summary>
    public const string Header = "Actor,Capability,Position,Salience";

    /// <summary>The id of the single issue.</summary>
    public const string IssueId = "issue";

    private static readonly string[] Columns = ["actor", "capability", "position", "salience"];

    /// <summary>True when the header names an Actor column and at least one other classic column.</summary>
    public static bool Recognises(IReadOnlyList<string> header)
    {
        var names = header.Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
        return names.Contains("actor") && Columns.Skip(1).Any(names.Contains);
    }

    /// <summary>Reads the table; returns null when any error was found.</summary>
    public static Scenario? Read(CsvTable table, string fileName, List<Diagnostic> diagnostics)
    {
        var errorsBefore = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var header = table.Rows[0];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            index.TryAdd(header.Fields[i].Text.ToLowerInvariant(), i);
        }

        var missing = Columns.Where(c => !index.ContainsKey(c)).Select(c => char.ToUpperInvariant(c[0]) + c[1..]).ToList();
        if (missing.Count > 0)
        {
            diagnostics.Add(Diagnostic.Error(
                $"The header lacks the column{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing.Select(m => $"'{m}'"))}.",
                new SourceLocation(fileName, header.Line, 1),
                expected: $"the header '{Header}' (any order, any case)"));
            return null;
        }

        var rows = table.Rows.Skip(1).ToList();
        var names = new List<string>();
        var capabilities = new List<double>();
        var positions = new List<double>();
        var saliences = new List<(double Value, CsvField Field, string Actor)>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var nameField = Field(row, index["actor"]);
            var name = nameField?.Text ?? string.Empty;
            if (name.Length == 0)
            {
                diagnostics.Add(Diagnostic.Error("The actor's name is empty.", new SourceLocation(fileName, row.Line, nameField?.Column ?? 1), expected: "a name in the Actor column"));
                continue;
            }

            if (!seen.TryAdd(name, row.Line))
            {
                diagnostics.Add(Diagnostic.Error($"Duplicate actor name '{name}'; it first appears on line {seen[name]}.", new SourceLocation(fileName, row.Line, nameField!.Column), name, IssueId, "each actor on one row"));
                continue;
            }

            var capability = Number(row, index["capability"], "Capability", name, fileName, diagnostics);
            var position = Number(row, index["position"], "Position", name, fileName, diagnostics);
            var salience = Number(row, index["salience"], "Salience", name, fileName, diagnostics);
            if (capability is { } c && c < 0)
            {
                var field = Field(row, index["capability"])!;
                diagnostics.Add(Diagnostic.Error($"Capability {field.Text} is negative.", new SourceLocation(fileName, field.Line, field.Column), name, IssueId, "a capability ≥ 0"));
                capability = null;
            }

            if (salience is { } s && (s < 0 || s > 100))
            {
                var field = Field(row, index["salience"])!;
                diagnostics.Add(Diagnostic.Error($"Salience {field.Text} lies outside 0–100.", new SourceLocation(fileName, field.Line, field.Column), name, IssueId, "a salience from 0 to 1, or from 0 to 100 for the whole column"));
                salience = null;
            }

            if (capability is null || position is null || salience is null)
            {
                continue;
            }

            names.Add(name);
            capabilities.Add(capability.Value);
            positions.Add(position.Value);
            saliences.Add((salience.Value, Field(row, index["salience"])!, name));
        }

        if (rows.Count < 2)
        {
            var line = rows.Count == 0 ? header.Line : rows[^1].Line;
            diagnostics.Add(Diagnostic.Error(
                $"The table has {rows.Count} actor row{(rows.Count == 1 ? string.Empty : "s")}; a negotiation needs at least two.",
                new SourceLocation(fileName, line + 1, 1),
                expected: "at least two rows below the header, one per actor"));
        }

        if (diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error) > errorsBefore)
        {
            return null;
        }

        var percent = saliences.Any(s => s.Value > 1);
        if (percent)
        {
            var first = saliences.First(s => s.Value > 1);
            diagnostics.Add(Diagnostic.Info(
                $"Saliences exceed 1 (e.g. {first.Actor}: {first.Field.Text}); the Salience column is read on the 0–100 scale and divided by 100.",
                new SourceLocation(fileName, first.Field.Line, first.Field.Column)));
        }

        var min = positions.Min();
        var max = positions.Max();
        if (min == max)
        {
            // By 1 on each side, or by 2 on one side at the ends of the magnitude limit (exact: |x| ≤ 1e15).
            var (low, high) = max + 1 > Limits.MaxMagnitude ? (min - 2, max) : min - 1 < -Limits.MaxMagnitude ? (min, max + 2) : (min - 1, max + 1);
            diagnostics.Add(Diagnostic.Info(
                $"Every actor holds position {Format(min)}; the issue's scale is widened to {Format(low)}–{Format(high)} so that it is a valid scale.",
                new SourceLocation(fileName, header.Line, 1)));
            (min, max) = (low, high);
        }

        var title = Path.GetFileNameWithoutExtension(fileName);
        var issue = new Issue(IssueId, title, new Scale(min, max));
        var ids = UniqueIds(names);
        var actors = names.Select((n, i) => new Actor(ids[i], n, capabilities[i])).ToList();
        var stances = names.Select((_, i) => new Stance(ids[i], IssueId, positions[i], percent ? saliences[i].Value / 100 : saliences[i].Value)).ToList();
        return new Scenario(title, [issue], actors, stances, sources: [Path.GetFileName(fileName)], salienceScale: percent ? SalienceScale.Percent : SalienceScale.Unit);
    }

    /// <summary>Ids derived from names: lower case, runs of other characters turned into '-', made unique with -2, -3, ….</summary>
    internal static List<string> UniqueIds(IReadOnlyList<string> names)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>(names.Count);
        foreach (var name in names)
        {
            var slug = Slug(name);
            var id = slug;
            for (var k = 2; !used.Add(id); k++)
            {
                id = $"{slug}-{k}";
            }

            ids.Add(id);
        }

        return ids;
    }

    private static string Slug(string name)
    {
        var sb = new StringBuilder();
        foreach (var ch in name)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (ScenarioIds.Fold(ch) is { Length: > 0 } folded)
            {
                sb.Append(folded.ToLowerInvariant());
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark && sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "actor" : slug;
    }

    private static CsvField? Field(CsvRow row, int column) => column < row.Fields.Count ? row.Fields[column] : null;

    private static double? Number(CsvRow row, int column, string columnName, string actor, string fileName, List<Diagnostic> diagnostics)
    {
        var field = Field(row, column);
        if (field is null || field.Text.Length == 0)
        {
            diagnostics.Add(Diagnostic.Error(
                $"{columnName} is missing.",
                new SourceLocation(fileName, field?.Line ?? row.Line, field?.Column ?? (row.Fields.Count > 0 ? row.Fields[^1].Column : 1)),
                actor, IssueId, $"a number in the {columnName} column"));
            return null;
        }

        if (!double.TryParse(field.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            diagnostics.Add(Diagnostic.Error(
                $"{columnName} '{field.Text}' is not a number.",
                new SourceLocation(fileName, field.Line, field.Column),
                actor, IssueId, "a finite number with a '.' decimal point, e.g. 0.75"));
            return null;
        }

        if (!Limits.WithinMagnitude(value))
        {
            diagnostics.Add(Diagnostic.Error(
                $"{columnName} {field.Text} is {RunLimits.MagnitudeProblem(value)}.",
                new SourceLocation(fileName, field.Line, field.Column),
                actor, IssueId, RunLimits.MagnitudeExpected));
            return null;
        }

        return value;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
