using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Parley.Core.Diagnostics;

namespace Parley.Formats.Scenarios;

/// <summary>One field of a CSV row, trimmed, with the line and column where its text starts.</summary>
internal sealed record CsvField(string Text, int Line, int Column);

/// <summary>One non-blank CSV record with the line it starts on.</summary>
internal sealed record CsvRow(int Line, IReadOnlyList<CsvField> Fields);

/// <summary>A CSV file split into rows by CsvHelper, with a line and column for every field.</summary>
internal sealed class CsvTable
{
    private CsvTable(IReadOnlyList<CsvRow> rows, bool truncated)
    {
        Rows = rows;
        Truncated = truncated;
    }

    /// <summary>The non-blank rows, header first.</summary>
    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>True when reading stopped at the row limit (an error says so).</summary>
    public bool Truncated { get; }

    /// <summary>
    /// Splits <paramref name="text"/>; quoted-field syntax errors are added to <paramref name="diagnostics"/>.
    /// Reading stops with an error at row <paramref name="maxRows"/> + 1 (header included).
    /// </summary>
    public static CsvTable Parse(string text, string fileName, List<Diagnostic> diagnostics, int maxRows = int.MaxValue)
    {
        var rows = new List<CsvRow>();
        string? badField = null;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            IgnoreBlankLines = false,
            Mode = CsvMode.RFC4180,
            DetectColumnCountChanges = false,
            BadDataFound = args => badField ??= args.Field,
        };
        using var parser = new CsvParser(new StringReader(text), configuration);
        var line = 1;
        var truncated = false;
        while (parser.Read())
        {
            var raw = parser.RawRecord;
            var record = parser.Record ?? [];
            var starts = FieldStarts(raw, line);
            if (badField is not null)
            {
                var index = Array.FindIndex(record, f => badField.Contains(f, StringComparison.Ordinal) && f.Length > 0);
                (int Line, int Column) at = index >= 0 && index < starts.Count ? starts[index] : (line, 1);
                diagnostics.Add(Diagnostic.Error(
                    "Malformed quoted field: a field that starts with a double quote must end with one, directly followed by a comma or the end of the line.",
                    new SourceLocation(fileName, at.Line, at.Column),
                    expected: "\"text\" with any quote inside doubled (\"\"), e.g. \"Costa Rica, San Jose\""));
                badField = null;
            }

            if (record.Length > 1 || (record.Length == 1 && record[0].Trim().Length > 0))
            {
                if (rows.Count == maxRows)
                {
                    diagnostics.Add(Diagnostic.Error(
                        string.Create(CultureInfo.InvariantCulture, $"The table has more than {maxRows - 1:#,0} rows below its header; Parley reads at most {maxRows - 1:#,0} (one per actor)."),
                        new SourceLocation(fileName, line, 1),
                        expected: string.Create(CultureInfo.InvariantCulture, $"at most {maxRows - 1:#,0} actor rows (see docs/limits.md)")));
                    truncated = true;
                    break;
                }

                var fields = new List<CsvField>(record.Length);
                for (var i = 0; i < record.Length; i++)
                {
                    var (l, c) = i < starts.Count ? starts[i] : (line, 1);
                    fields.Add(new CsvField(record[i].Trim(), l, c));
                }

                rows.Add(new CsvRow(line, fields));
            }

            line += CountNewlines(raw);
        }

        return new CsvTable(rows, truncated);
    }

    private static int CountNewlines(string raw)
    {
        var count = 0;
        foreach (var ch in raw)
        {
            if (ch == '\n')
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The line and column of the first non-space character of each field in a raw record.</summary>
    private static List<(int Line, int Column)> FieldStarts(string raw, int firstLine)
    {
        var starts = new List<(int Line, int Column)>();
        var line = firstLine;
        var column = 1;
        var inQuotes = false;
        var atFieldStart = true;
        foreach (var ch in raw)
        {
            if (atFieldStart && ch is not (' ' or '\t'))
            {
                starts.Add((line, column));
                atFieldStart = false;
            }

            if (ch == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (ch == ',' && !inQuotes)
            {
                atFieldStart = true;
            }

            if (ch == '\n')
            {
                if (atFieldStart || !inQuotes)
                {
                    break;
                }

                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        if (atFieldStart)
        {
            starts.Add((line, column));
        }

        return starts;
    }
}
