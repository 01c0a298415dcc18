using System.Globalization;
using System.Text;
using Parley.Core;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;

namespace Parley.Formats.Ktab;

/// <summary>
/// Reads KTAB's SMP scenario CSV (the <c>smpc --csv</c> format, SMP-SPEC §1.1–§1.4), with KTAB's
/// tokenizer rules and validation. Every problem is a <see cref="Diagnostic"/> with its line and column.
/// </summary>
public static class KtabCsvReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static ReadResult<KtabScenario> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = BoundedFile.Read(path, out var error);
        if (bytes is null)
        {
            return ReadResult<KtabScenario>.Failure(error!);
        }

        return Parse(Decode(bytes), path);
    }

    /// <summary>Decodes file bytes as UTF-8, dropping a byte-order mark the way KTAB does.</summary>
    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        // KTAB's quirk: the first three bytes go if any of them matches its BOM byte.
        var skip = bytes.Length >= 3 && (bytes[0] == 0xEF || bytes[1] == 0xBB || bytes[2] == 0xBF) ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip);
    }

    /// <summary>True when <paramref name="text"/> looks like a KTAB SMP CSV: a header line whose third and fourth fields are the actor and dimension counts, and a column line long enough for them.</summary>
    public static bool LooksLikeKtabCsv(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var lines = SplitLines(text, 3);
        if (lines.Count < 3)
        {
            return false;
        }

        var header = Tokenize(lines[0], 4);
        if (header.Count < 4 || !TryParseCount(header[2].Text, out var n) || !TryParseCount(header[3].Text, out var d) || n < 1 || d < 1)
        {
            return false;
        }

        return d <= 1000 && Tokenize(lines[1], 3 + (2 * d)).Count >= 3 + (2 * d);
    }

    /// <summary>Parses KTAB CSV <paramref name="text"/>; <paramref name="file"/> names it in diagnostics.</summary>
    public static ReadResult<KtabScenario> Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var diags = new List<Diagnostic>();
        // Only the lines the header announces are split (the rest is ignored, as KTAB does).
        var lines = SplitLines(text, 1);
        SourceLocation At(int line, int column) => new(file, line, column);
        SourceLocation AtLine(int line) => new(file, line);

        if (lines.Count == 0 || lines[0].Length == 0)
        {
            return ReadResult<KtabScenario>.Failure(Diagnostic.Error("The file is empty; a KTAB CSV starts with a header line.", AtLine(1), expected: "name,description,actor count,dimension count"));
        }

        var header = Tokenize(lines[0], 4);
        var name = Field(header, 0).Text;
        var desc = Field(header, 1).Text;
        CheckLength(diags, name, 512, "The scenario name", At(1, Field(header, 0).Column));
        CheckLength(diags, desc, 512, "The scenario description", At(1, Field(header, 1).Column));
        var nField = Field(header, 2);
        var dField = Field(header, 3);
        var nOk = TryParseCount(nField.Text, out var n);
        var dOk = TryParseCount(dField.Text, out var dims);
        if (!nOk)
        {
            diags.Add(Diagnostic.Error($"The number of actors '{nField.Text}' is not an unsigned integer.", At(1, nField.Column), expected: "an integer from 3 to 250 in field 3 of the header line"));
        }
        else if (n < 3 || n > 250)
        {
            diags.Add(Diagnostic.Error($"The number of actors is {n}; KTAB accepts 3 to 250.", At(1, nField.Column), expected: "3 ≤ actors ≤ 250"));
        }

        if (!dOk)
        {
            diags.Add(Diagnostic.Error($"The number of dimensions '{dField.Text}' is not an unsigned integer.", At(1, dField.Column), expected: "an integer ≥ 1 in field 4 of the header line"));
        }
        else if (dims < 1 || dims > 1000)
        {
            diags.Add(Diagnostic.Error($"The number of dimensions is {dims}.", At(1, dField.Column), expected: "1 ≤ dimensions ≤ 1000"));
        }
        else if (dims > Limits.MaxIssues)
        {
            diags.Add(Diagnostic.Error($"The number of dimensions is {dims}; Parley reads at most {Limits.MaxIssues} issues.", At(1, dField.Column), expected: $"at most {Limits.MaxIssues} dimensions (see docs/limits.md)"));
        }
        else if (nOk && (long)n * dims > Limits.MaxStances)
        {
            diags.Add(Diagnostic.Error($"{n} actors × {dims} dimensions make {n * dims} stances; Parley reads at most {Limits.MaxStances}.", At(1, dField.Column), expected: $"at most {Limits.MaxStances} actor × dimension pairs (see docs/limits.md)"));
        }

        if (diags.Any(x => x.Severity == DiagnosticSeverity.Error))
        {
            return ReadResult<KtabScenario>.Failure(diags);
        }

        lines = SplitLines(text, n + 2);
        var fieldCount = 3 + (2 * dims);

        // Column line: dimension names from the position columns.
        var columns = lines.Count > 1 ? Tokenize(lines[1], fieldCount) : [];
        var issues = new List<Issue>();
        var issueIds = new ScenarioIds();
        var dimensionNames = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < dims; d++)
        {
            var f = Field(columns, 3 + (2 * d));
            CheckLength(diags, f.Text, 256, $"The name of dimension {d + 1}", At(2, f.Column));
            // The id drops the conventional " Position" suffix of the column header; the name keeps the text as KTAB prints it.
            var dimension = f.Text.Trim();
            if (dimension.EndsWith(" Position", StringComparison.OrdinalIgnoreCase) && dimension.Length > " Position".Length)
            {
                dimension = dimension[..^" Position".Length].TrimEnd();
            }

            var fresh = dimensionNames.Add(dimension);
            var id = issueIds.For(fresh ? dimension : string.Empty, $"dim{d}");
            if (dimension.Length > 0 && id != dimension)
            {
                var why = !fresh ? "used twice" : ScenarioIds.IsValid(dimension) ? "taken as an id already" : "not a valid id";
                diags.Add(Diagnostic.Warning($"Dimension name '{dimension}' is {why}; this dimension gets the id '{id}'.", At(2, f.Column), issueId: id, expected: "a dimension name of letters, digits, '.', '_' and '-', used once"));
            }

            issues.Add(new Issue(id, f.Text.Length > 0 ? f.Text : id, Scale.Percent));
        }

        var actors = new List<Actor>();
        var stances = new List<Stance>();
        var actorIds = new ScenarioIds();
        var actorNames = new HashSet<string>(StringComparer.Ordinal);
        for (var a = 0; a < n; a++)
        {
            var lineNo = a + 3;
            if (lineNo > lines.Count)
            {
                diags.Add(Diagnostic.Error($"The file ends after {lines.Count} lines, but the header announces {n} actors (rows 3 to {n + 2}).", AtLine(lines.Count + 1), expected: $"{n} actor rows"));
                break;
            }

            var row = Tokenize(lines[lineNo - 1], fieldCount);
            var nameF = Field(row, 0);
            var actorName = nameF.Text;
            var nameBytes = Encoding.UTF8.GetByteCount(actorName);
            if (nameBytes < 1 || nameBytes > 25)
            {
                diags.Add(Diagnostic.Error(nameBytes < 1 ? "The actor name is empty." : $"The actor name '{actorName}' is {nameBytes} bytes long.", At(lineNo, nameF.Column), expected: "an actor name of 1 to 25 bytes"));
            }

            var trimmed = actorName.Trim();
            var id = actorIds.For(trimmed, $"actor{a}");
            if (trimmed.Length > 0 && id != trimmed)
            {
                var why = actorNames.Contains(trimmed) ? "used twice" : ScenarioIds.IsValid(trimmed) ? "taken as an id already" : "not a valid id";
                diags.Add(Diagnostic.Warning($"Actor name '{trimmed}' is {why}; this actor gets the id '{id}' (its name is kept).", At(lineNo, nameF.Column), actorId: id, expected: "an actor name of letters, digits, '.', '_' and '-', used once"));
            }

            actorNames.Add(trimmed);

            var descF = Field(row, 1);
            CheckLength(diags, descF.Text, 256, "The actor description", At(lineNo, descF.Column));
            var capF = Field(row, 2);
            var cap = Number(diags, capF, At(lineNo, capF.Column), id, null, "the actor's power (capability)", 0, 1e8, "0 ≤ power ≤ 1e8");
            if (cap == 0)
            {
                diags.Add(Diagnostic.Error("The actor's power is 0; KTAB accepts it but aborts at the first vote (non-positive voting weight).", At(lineNo, capF.Column), id, expected: "power > 0"));
            }

            var salSum = 0.0;
            var salOk = true;
            var anySalience = false;
            var rowStances = new List<Stance>();
            for (var d = 0; d < dims; d++)
            {
                var issueId = issues[d].Id;
                var pf = Field(row, 3 + (2 * d));
                var sf = Field(row, 4 + (2 * d));
                var pos = Number(diags, pf, At(lineNo, pf.Column), id, issueId, "the position", 0, 100, "0 ≤ position ≤ 100");
                var sal = Number(diags, sf, At(lineNo, sf.Column), id, issueId, "the salience", 0, 100, "0 ≤ salience ≤ 100");
                if (pos is null || sal is null)
                {
                    salOk = false;
                    continue;
                }

                salSum += sal.Value;
                anySalience |= sal.Value > 0;
                if (salSum > 100 && salOk)
                {
                    diags.Add(Diagnostic.Error($"The actor's saliences add up to {salSum.ToString(CultureInfo.InvariantCulture)} by this dimension; KTAB needs each actor's saliences to total at most 100.", At(lineNo, sf.Column), id, issueId, "a salience total ≤ 100"));
                    salOk = false;
                }

                rowStances.Add(new Stance(id, issueId, pos.Value, sal.Value / 100.0));
            }

            if (salOk && !anySalience && rowStances.Count == dims)
            {
                diags.Add(Diagnostic.Error("All of the actor's saliences are 0; KTAB aborts at the first distance computation.", AtLine(lineNo), id, expected: "at least one salience > 0"));
            }

            actors.Add(new Actor(id, actorName, cap ?? 0, descF.Text.Length > 0 ? descF.Text : null));
            stances.AddRange(rowStances);
        }

        if (diags.Any(x => x.Severity == DiagnosticSeverity.Error))
        {
            return ReadResult<KtabScenario>.Failure(diags);
        }

        var scenario = new Scenario(name.Length > 0 ? name : Path.GetFileNameWithoutExtension(file), issues, actors, stances, desc, [$"KTAB CSV {Path.GetFileName(file)}"], SalienceScale.Percent);
        return new ReadResult<KtabScenario>(new KtabScenario(scenario, new Dictionary<string, string>()), diags);
    }

    private static void CheckLength(List<Diagnostic> diags, string text, int max, string what, SourceLocation at)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > max)
        {
            diags.Add(Diagnostic.Error($"{what} is {bytes} bytes long.", at, expected: $"at most {max} bytes"));
        }
    }

    private static double? Number(List<Diagnostic> diags, CsvField f, SourceLocation at, string actor, string? issue, string what, double min, double max, string valid)
    {
        if (!TryParseDouble(f.Text, out var x, out var rest))
        {
            var shown = f.Text.Length == 0 ? "is empty" : $"'{f.Text}' is not a number";
            diags.Add(Diagnostic.Error($"{char.ToUpperInvariant(what[0])}{what[1..]} {shown}.", at, actor, issue, valid));
            return null;
        }

        if (rest.Trim().Length > 0)
        {
            diags.Add(Diagnostic.Warning($"Text after the number in '{f.Text}' is ignored (as KTAB does).", at, actor, issue));
        }

        if (!(x >= min && x <= max))
        {
            diags.Add(Diagnostic.Error($"{char.ToUpperInvariant(what[0])}{what[1..]} {x.ToString("R", CultureInfo.InvariantCulture)} is out of range.", at, actor, issue, valid));
            return null;
        }

        if (!Limits.WithinMagnitude(x))
        {
            diags.Add(Diagnostic.Error($"{char.ToUpperInvariant(what[0])}{what[1..]} {x.ToString("R", CultureInfo.InvariantCulture)} is {RunLimits.MagnitudeProblem(x)}.", at, actor, issue, RunLimits.MagnitudeExpected));
            return null;
        }

        return x;
    }

    /// <summary>One tokenized field: its text and 1-based start column.</summary>
    internal readonly record struct CsvField(string Text, int Column);

    private static CsvField Field(List<CsvField> fields, int index) =>
        index < fields.Count ? fields[index] : new CsvField(string.Empty, fields.Count == 0 ? 1 : fields[^1].Column + fields[^1].Text.Length + 1);

    /// <summary>Splits into lines at LF; a CR ends the line's content (so CRLF works).</summary>
    internal static List<string> SplitLines(string text, int max)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length && lines.Count < max)
        {
            var lf = text.IndexOf('\n', start);
            var end = lf < 0 ? text.Length : lf;
            var line = text[start..end];
            var cr = line.IndexOf('\r', StringComparison.Ordinal);
            lines.Add(cr >= 0 ? line[..cr] : line);
            if (lf < 0)
            {
                break;
            }

            start = lf + 1;
        }

        return lines;
    }

    /// <summary>KTAB's tokenizer (SMP-SPEC §1.2) on one line: its first <paramref name="maxFields"/> fields (the rest is ignored).</summary>
    internal static List<CsvField> Tokenize(string line, int maxFields = int.MaxValue)
    {
        var fields = new List<CsvField>();
        var pos = 0;
        while (fields.Count < maxFields)
        {
            var start = pos;
            var inQuotes = false;
            var quotedOnce = false;
            while (pos < line.Length)
            {
                var ch = line[pos];
                if (ch == '"' && pos == start && !quotedOnce)
                {
                    inQuotes = true;
                    quotedOnce = true;
                }
                else if (ch == '"' && inQuotes)
                {
                    inQuotes = false;
                }
                else if (ch == ',' && !inQuotes)
                {
                    break;
                }

                pos++;
            }

            var raw = line[start..pos].Replace("$$", ",", StringComparison.Ordinal).Trim('"').Replace("&quot;", "\"", StringComparison.Ordinal);
            fields.Add(new CsvField(raw, start + 1));
            if (pos >= line.Length)
            {
                break;
            }

            pos++; // skip the comma
        }

        return fields;
    }

    /// <summary>Parses an unsigned count like a C++ stream: leading whitespace, then the longest run of digits.</summary>
    internal static bool TryParseCount(string text, out int value)
    {
        value = 0;
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '+')
        {
            i++;
        }

        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > start && int.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a real like a C++ stream: leading whitespace, then the longest valid numeric prefix; <paramref name="rest"/> is what follows.</summary>
    internal static bool TryParseDouble(string text, out double value, out string rest)
    {
        value = 0;
        rest = string.Empty;
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        var start = i;
        i = NumberScanner.End(text, start);
        if (i < 0)
        {
            return false;
        }

        rest = text[i..];
        return double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
