using System.Globalization;
using Parley.Core;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Core.Text;

namespace Parley.Formats.Exchange;

/// <summary>
/// Reads the input format of the exchange model (data/exchange/EXCHANGE-SPEC.md §1): TAB-separated
/// records tagged <c>#A</c> (actor), <c>#P</c> (issue), <c>#M</c> (a point on an issue's scale),
/// <c>#D</c> (an actor's position, salience and power on an issue), <c>#/</c> and <c>#O</c>
/// (comments), text optionally in single or double quotes. Every malformed record is a located
/// error; the reader never throws on bad input.
/// </summary>
/// <remarks>
/// The issue's scale runs from its first <c>#M</c> point to its largest (0–100 without any), as the
/// reference reads it; positions become stances on that scale, power the actor's capability on the
/// issue, and an actor without a <c>#D</c> row for an issue has no stance on it. The reference
/// drops or ignores some invalid rows and carries on; Parley rejects them instead (§1.3 asks a
/// re-implementation to): saliences must lie in (0, 1], powers in (0, 100].
/// </remarks>
public static class ExchangeCsvReader
{
    private static readonly string[] s_tags = ["#A", "#P", "#M", "#D", "#/", "#O"];

    /// <summary>True when the first non-blank line is a record of this format: a known tag (quoted or not) followed by a TAB.</summary>
    public static bool LooksLikeExchangeCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
            {
                return false;
            }

            var tag = line[..tab].Trim();
            if (tag.Length >= 2 && tag[0] is '\'' or '"' && tag[^1] == tag[0])
            {
                tag = tag[1..^1];
            }

            return s_tags.Contains(tag, StringComparer.Ordinal);
        }

        return false;
    }

    /// <summary>Reads <paramref name="text"/>; <paramref name="fileName"/> names it in diagnostics.</summary>
    public static ReadResult<Scenario> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var diagnostics = new List<Diagnostic>();
        var records = Records(text, fileName, diagnostics);
        var file = new ExchangeFile(fileName, diagnostics);
        foreach (var record in records)
        {
            file.Add(record);
        }

        var scenario = file.Build();
        return diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || scenario is null
            ? ReadResult<Scenario>.Failure(diagnostics)
            : new ReadResult<Scenario>(scenario, diagnostics);
    }

    /// <summary>One field of a record: its text without quotes, the 1-based line and column where it starts, and the column after it.</summary>
    internal sealed record Field(string Text, int Line, int Column, int End);

    /// <summary>The non-blank records of <paramref name="text"/>, split into fields; malformed quoting is reported and the line skipped.</summary>
    internal static List<IReadOnlyList<Field>> Records(string text, string fileName, List<Diagnostic> diagnostics)
    {
        var records = new List<IReadOnlyList<Field>>();
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].EndsWith('\r') ? lines[n][..^1] : lines[n];
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = Split(line, n + 1, fileName, diagnostics);
            if (fields is not null)
            {
                records.Add(fields);
            }
        }

        return records;
    }

    /// <summary>Splits one line at TABs; a field may be wrapped in ' or " (the delimiter allowed inside, the quote doubled).</summary>
    private static List<Field>? Split(string line, int lineNumber, string fileName, List<Diagnostic> diagnostics)
    {
        var fields = new List<Field>();
        var pos = 0;
        while (true)
        {
            var start = pos;
            string value;
            if (pos < line.Length && line[pos] is '\'' or '"')
            {
                var quote = line[pos];
                var sb = new System.Text.StringBuilder();
                pos++;
                while (true)
                {
                    if (pos >= line.Length)
                    {
                        diagnostics.Add(Diagnostic.Error(
                            $"The field opened with {quote} is not closed on this line.",
                            new SourceLocation(fileName, lineNumber, start + 1),
                            expected: $"{quote}text{quote}, a quote inside written twice"));
                        return null;
                    }

                    if (line[pos] == quote)
                    {
                        if (pos + 1 < line.Length && line[pos + 1] == quote)
                        {
                            sb.Append(quote);
                            pos += 2;
                            continue;
                        }

                        pos++;
                        break;
                    }

                    sb.Append(line[pos++]);
                }

                if (pos < line.Length && line[pos] != '\t')
                {
                    diagnostics.Add(Diagnostic.Error(
                        "Text follows the closing quote of a field.",
                        new SourceLocation(fileName, lineNumber, pos + 1),
                        expected: "a TAB or the end of the line after a quoted field"));
                    return null;
                }

                value = sb.ToString();
            }
            else
            {
                var tab = line.IndexOf('\t', pos);
                var end = tab < 0 ? line.Length : tab;
                value = line[pos..end];
                pos = end;
            }

            fields.Add(new Field(value, lineNumber, start + 1, pos + 1));
            if (pos >= line.Length)
            {
                return fields;
            }

            pos++;
        }
    }

    /// <summary>The records of one file, combined into a scenario once all are read (the record order is free, §1.1).</summary>
    private sealed class ExchangeFile(string fileName, List<Diagnostic> diagnostics)
    {
        private readonly List<(string Id, string Name, string? Comment)> _actors = [];
        private readonly Dictionary<string, Field> _actorAt = new(StringComparer.Ordinal);
        private readonly List<(string Id, string? Description)> _issues = [];
        private readonly Dictionary<string, Field> _issueAt = new(StringComparer.Ordinal);
        private readonly List<(Field IssueId, double Value, Field ValueField, string Meaning)> _points = [];
        private readonly List<(Field Actor, Field Issue, double Position, Field PositionField, double Salience, double Power, string? Comment)> _data = [];
        private readonly List<string> _descriptions = [];

        private SourceLocation At(Field f) => new(fileName, f.Line, f.Column);

        public void Add(IReadOnlyList<Field> record)
        {
            var tag = record[0];
            switch (tag.Text)
            {
                case "#A":
                    AddActor(record);
                    break;
                case "#P":
                    AddIssue(record);
                    break;
                case "#M":
                    AddPoint(record);
                    break;
                case "#D":
                    AddData(record);
                    break;
                case "#/":
                    break;
                case "#O":
                    _descriptions.Add(Rest(record, 1));
                    break;
                default:
                    diagnostics.Add(Diagnostic.Error(
                        $"Unknown record type '{tag.Text}'.{DidYouMean.Hint(tag.Text, s_tags)}",
                        At(tag),
                        expected: "a first field #A (actor), #P (issue), #M (scale point), #D (data), #/ or #O (comments)"));
                    break;
            }
        }

        /// <summary>Fields from <paramref name="from"/> on, joined by single spaces (surplus fields go into the last one, §1.1).</summary>
        private static string Rest(IReadOnlyList<Field> record, int from) =>
            string.Join(" ", record.Skip(from).Select(f => f.Text));

        private bool Require(IReadOnlyList<Field> record, int count, string layout)
        {
            if (record.Count >= count)
            {
                return true;
            }

            var last = record[^1];
            diagnostics.Add(Diagnostic.Error(
                $"A {record[0].Text} record needs {count - 1} field(s) after the tag; this one has {record.Count - 1}.",
                new SourceLocation(fileName, last.Line, last.End),
                expected: layout));
            return false;
        }

        private bool Id(Field f, string what)
        {
            if (f.Text.Length > 0)
            {
                return true;
            }

            diagnostics.Add(Diagnostic.Error($"The {what} id is empty.", At(f), expected: $"a non-empty {what} id"));
            return false;
        }

        private void AddActor(IReadOnlyList<Field> r)
        {
            if (!Require(r, 2, "#A, actor id, name, comment (optional)") || !Id(r[1], "actor"))
            {
                return;
            }

            if (_actorAt.TryGetValue(r[1].Text, out var first))
            {
                diagnostics.Add(Diagnostic.Error($"Actor '{r[1].Text}' is defined twice (first on line {first.Line}).", At(r[1]), r[1].Text, expected: "one #A record per actor id"));
                return;
            }

            _actorAt[r[1].Text] = r[1];
            var name = r.Count > 2 && r[2].Text.Length > 0 ? r[2].Text : r[1].Text;
            var comment = r.Count > 3 ? Rest(r, 3) : null;
            _actors.Add((r[1].Text, name, string.IsNullOrWhiteSpace(comment) ? null : comment));
        }

        private void AddIssue(IReadOnlyList<Field> r)
        {
            if (!Require(r, 2, "#P, issue id, description (optional)") || !Id(r[1], "issue"))
            {
                return;
            }

            if (_issueAt.TryGetValue(r[1].Text, out var first))
            {
                diagnostics.Add(Diagnostic.Error($"Issue '{r[1].Text}' is defined twice (first on line {first.Line}).", At(r[1]), issueId: r[1].Text, expected: "one #P record per issue id"));
                return;
            }

            _issueAt[r[1].Text] = r[1];
            var description = r.Count > 2 ? Rest(r, 2) : null;
            _issues.Add((r[1].Text, string.IsNullOrWhiteSpace(description) ? null : description));
        }

        private void AddPoint(IReadOnlyList<Field> r)
        {
            if (!Require(r, 3, "#M, issue id, scale value, meaning (optional)"))
            {
                return;
            }

            if (Number(r[2], "scale value", null, r[1].Text) is { } value)
            {
                _points.Add((r[1], value, r[2], r.Count > 3 ? Rest(r, 3) : string.Empty));
            }
        }

        private void AddData(IReadOnlyList<Field> r)
        {
            if (!Require(r, 6, "#D, actor id, issue id, position, salience, power, comment (optional)"))
            {
                return;
            }

            var actor = r[1].Text;
            var issue = r[2].Text;
            var position = Number(r[3], "position", actor, issue);
            var salience = Number(r[4], "salience", actor, issue);
            var power = Number(r[5], "power", actor, issue);
            if (salience is { } s && !(s > 0 && s <= 1))
            {
                diagnostics.Add(Diagnostic.Error(
                    $"Salience {r[4].Text} is outside (0, 1]; the exchange model divides by saliences and keeps a share 0.1 + 0.4·(1 − salience) of each move.",
                    At(r[4]), actor, issue, "a salience greater than 0 and at most 1"));
                salience = null;
            }

            if (power is { } c && !(c > 0 && c <= 100))
            {
                diagnostics.Add(Diagnostic.Error(
                    $"Power {r[5].Text} is outside (0, 100]; the exchange model divides by powers, and the reference rejects powers above 100.",
                    At(r[5]), actor, issue, "a power greater than 0 and at most 100"));
                power = null;
            }

            if (position is { } x && salience is { } sal && power is { } pow)
            {
                var comment = r.Count > 6 ? Rest(r, 6) : null;
                _data.Add((r[1], r[2], x, r[3], sal, pow, string.IsNullOrWhiteSpace(comment) ? null : comment));
            }
        }

        private double? Number(Field f, string what, string? actor, string? issue)
        {
            var text = f.Text.Trim();
            var end = text.Length == 0 ? -1 : NumberScanner.End(text, 0);
            if (end == text.Length && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                if (Limits.WithinMagnitude(value))
                {
                    return value;
                }

                diagnostics.Add(Diagnostic.Error($"The {what} {f.Text.Trim()} is {RunLimits.MagnitudeProblem(value)}.", At(f), actor, issue, RunLimits.MagnitudeExpected));
                return null;
            }

            diagnostics.Add(Diagnostic.Error(
                text.Length == 0 ? $"The {what} is empty." : $"The {what} '{f.Text}' is not a number.",
                At(f), actor, issue, "a number in plain decimal notation, e.g. 42.5"));
            return null;
        }

        public Scenario? Build()
        {
            var first = new SourceLocation(fileName, 1, 1);
            if (_actors.Count == 0)
            {
                diagnostics.Add(Diagnostic.Error("The file defines no actor.", first, expected: "at least one #A record"));
            }

            if (_issues.Count == 0)
            {
                diagnostics.Add(Diagnostic.Error("The file defines no issue.", first, expected: "at least one #P record"));
            }

            var scales = Scales();
            var stances = Stances(scales);
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return null;
            }

            var issues = _issues.Select(i => new Issue(i.Id, i.Id, scales[i.Id], i.Description)).ToList();
            var actors = new List<Actor>();
            foreach (var (id, name, comment) in _actors)
            {
                var rows = _data.Where(d => d.Actor.Text == id).ToList();
                if (rows.Count == 0)
                {
                    diagnostics.Add(Diagnostic.Warning($"Actor '{id}' has no #D record; it takes part in no issue.", At(_actorAt[id]), id));
                    actors.Add(new Actor(id, name, 0, comment));
                    continue;
                }

                var capability = rows[0].Power;
                var byIssue = rows.Any(d => d.Power != capability) ? rows.ToDictionary(d => d.Issue.Text, d => d.Power, StringComparer.Ordinal) : null;
                actors.Add(new Actor(id, name, capability, comment, byIssue));
            }

            var title = _descriptions.Count > 0 && _descriptions[0].Trim().Length > 0 ? _descriptions[0].Trim() : Path.GetFileNameWithoutExtension(fileName);
            return new Scenario(title, issues, actors, stances, string.Join(Environment.NewLine, _descriptions.Skip(1)), [$"exchange-model input {Path.GetFileName(fileName)}"]);
        }

        /// <summary>§1.4: the first #M point of an issue is its lower bound, the largest its upper bound; 0–100 without any.</summary>
        private Dictionary<string, Scale> Scales()
        {
            var scales = new Dictionary<string, Scale>(StringComparer.Ordinal);
            foreach (var (issueField, _, _, _) in _points.Where(p => !_issueAt.ContainsKey(p.IssueId.Text)))
            {
                diagnostics.Add(Diagnostic.Error(
                    $"The scale point names issue '{issueField.Text}', which no #P record defines.{DidYouMean.Hint(issueField.Text, _issueAt.Keys)}",
                    At(issueField), issueId: issueField.Text, expected: "the id of an issue defined by a #P record"));
            }

            foreach (var (id, _) in _issues)
            {
                var points = _points.Where(p => p.IssueId.Text == id).ToList();
                if (points.Count == 0)
                {
                    scales[id] = Scale.Percent;
                    continue;
                }

                var lower = points[0].Value;
                var ok = true;
                foreach (var p in points.Skip(1).Where(p => p.Value < lower))
                {
                    diagnostics.Add(Diagnostic.Error(
                        $"Scale point {p.ValueField.Text} lies below the issue's first point {points[0].ValueField.Text}; the first #M point of an issue is its lower bound.",
                        At(p.ValueField), issueId: id, expected: "the lowest #M point of each issue first"));
                    ok = false;
                }

                var upper = points.Max(p => p.Value);
                if (ok && !(upper > lower))
                {
                    diagnostics.Add(Diagnostic.Error(
                        $"Issue '{id}' has a scale of no width: every #M point is {points[0].ValueField.Text}.",
                        At(points[0].ValueField), issueId: id, expected: "#M points with a largest value above the first"));
                    ok = false;
                }

                if (ok)
                {
                    var anchors = points.Select(p => new ScaleAnchor(p.Value, p.Meaning.Trim().Length > 0 ? p.Meaning.Trim() : p.ValueField.Text.Trim())).ToList();
                    scales[id] = new Scale(lower, upper, anchors);
                }
            }

            return scales;
        }

        private List<Stance> Stances(Dictionary<string, Scale> scales)
        {
            var stances = new List<Stance>();
            var seen = new Dictionary<(string, string), int>();
            foreach (var d in _data)
            {
                var actor = d.Actor.Text;
                var issue = d.Issue.Text;
                var known = true;
                if (!_actorAt.ContainsKey(actor))
                {
                    diagnostics.Add(Diagnostic.Error(
                        $"The data record names actor '{actor}', which no #A record defines.{DidYouMean.Hint(actor, _actorAt.Keys)}",
                        At(d.Actor), actor, issue, "the id of an actor defined by an #A record"));
                    known = false;
                }

                if (!_issueAt.ContainsKey(issue))
                {
                    diagnostics.Add(Diagnostic.Error(
                        $"The data record names issue '{issue}', which no #P record defines.{DidYouMean.Hint(issue, _issueAt.Keys)}",
                        At(d.Issue), actor, issue, "the id of an issue defined by a #P record"));
                    known = false;
                }

                if (!known)
                {
                    continue;
                }

                if (seen.TryGetValue((actor, issue), out var firstLine))
                {
                    diagnostics.Add(Diagnostic.Error(
                        $"Actor '{actor}' has a second data record for issue '{issue}' (the first is on line {firstLine}).",
                        At(d.Actor), actor, issue, "one #D record per actor and issue"));
                    continue;
                }

                seen[(actor, issue)] = d.Actor.Line;
                if (scales.TryGetValue(issue, out var scale) && !scale.Contains(d.Position))
                {
                    // The reference keeps such a row; §1.3 asks a re-implementation to reject it, and every
                    // other reader does (a position off the scale gives forecasts off the scale).
                    diagnostics.Add(Diagnostic.Error(
                        $"Position {d.PositionField.Text} lies outside the issue's scale {scale.Minimum.ToString(CultureInfo.InvariantCulture)}–{scale.Maximum.ToString(CultureInfo.InvariantCulture)}.",
                        At(d.PositionField), actor, issue, $"a position from {scale.Minimum.ToString(CultureInfo.InvariantCulture)} to {scale.Maximum.ToString(CultureInfo.InvariantCulture)} (the issue's #M points)"));
                    continue;
                }

                stances.Add(new Stance(actor, issue, d.Position, d.Salience, d.Comment));
            }

            foreach (var (id, _) in _issues.Where(i => !seen.Keys.Any(k => k.Item2 == i.Id)))
            {
                diagnostics.Add(Diagnostic.Error(
                    $"Issue '{id}' has no #D record: no actor takes part in it.",
                    At(_issueAt[id]), issueId: id, expected: "at least one #D record for every issue"));
            }

            return stances;
        }
    }
}
