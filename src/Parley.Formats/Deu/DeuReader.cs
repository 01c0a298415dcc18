using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Parley.Core;
using Parley.Core.Diagnostics;
using Parley.Core.Models.Breakdown;
using Parley.Core.Scenarios;

namespace Parley.Formats.Deu;

/// <summary>
/// Reads the DEU III format (tab-separated, one header line, a capability row, then one row per
/// controversial issue; see <c>data/deu3/README.md</c>). Every problem is returned as a
/// <see cref="Diagnostic"/> with file, line, column (1-based field number) and column name; the
/// reader never throws on bad input.
/// </summary>
public static class DeuReader
{
    /// <summary>Number of fields of every row.</summary>
    public const int FieldCount = 75;

    private const int ProposalColumn = 0;
    private const int IssueNumberColumn = 1;
    private const int ProposalIdColumn = 2;
    private const int ProposalNameColumn = 3;
    private const int IssueIdColumn = 4;
    private const int ProcedureColumn = 7;
    private const int VotingColumn = 8;
    private const int FirstPositionColumn = 13;
    private const int FirstSalienceColumn = 43;
    private const int ActorCount = 30;
    private const int ReferencePointColumn = 73;
    private const int OutcomeColumn = 74;

    private static readonly Dictionary<string, string> s_actorNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["com"] = "European Commission",
        ["ep"] = "European Parliament",
        ["at"] = "Austria",
        ["be"] = "Belgium",
        ["bu"] = "Bulgaria",
        ["cr"] = "Croatia",
        ["cy"] = "Cyprus",
        ["cz"] = "Czech Republic",
        ["dk"] = "Denmark",
        ["ee"] = "Estonia",
        ["fi"] = "Finland",
        ["fr"] = "France",
        ["de"] = "Germany",
        ["el"] = "Greece",
        ["hu"] = "Hungary",
        ["ie"] = "Ireland",
        ["it"] = "Italy",
        ["lv"] = "Latvia",
        ["lt"] = "Lithuania",
        ["lu"] = "Luxembourg",
        ["mt"] = "Malta",
        ["nl"] = "Netherlands",
        ["pl"] = "Poland",
        ["pt"] = "Portugal",
        ["ro"] = "Romania",
        ["si"] = "Slovenia",
        ["sk"] = "Slovakia",
        ["es"] = "Spain",
        ["se"] = "Sweden",
        ["uk"] = "United Kingdom",
    };

    /// <summary>Reads the DEU file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Whether to skip malformed rows; null for the defaults.</param>
    public static ReadResult<DeuDataset> ReadFile(string path, DeuReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = BoundedFile.Read(path, out var error);
        if (bytes is null)
        {
            return ReadResult<DeuDataset>.Failure(error!);
        }

        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, options);
    }

    /// <summary>Reads DEU text from <paramref name="reader"/>.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="fileName">The name to use in diagnostics.</param>
    /// <param name="options">Whether to skip malformed rows; null for the defaults.</param>
    public static ReadResult<DeuDataset> Read(TextReader reader, string fileName, DeuReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        options ??= DeuReadOptions.Default;

        var badQuoteLines = new HashSet<int>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = "\t",
            HasHeaderRecord = false,
            Mode = CsvMode.RFC4180,
            IgnoreBlankLines = true,
            WhiteSpaceChars = [' '],
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
            BadDataFound = args => badQuoteLines.Add(args.Context.Parser?.RawRow ?? 0),
        };

        var diagnostics = new List<Diagnostic>();
        using var parser = new CsvParser(reader, config);

        // Header.
        if (!parser.Read())
        {
            return ReadResult<DeuDataset>.Failure(Diagnostic.Error("The file is empty; a header line is expected.", new SourceLocation(fileName, 1)));
        }

        var header = parser.Record ?? [];
        var codes = ReadHeader(header, fileName, parser.RawRow, diagnostics);
        if (codes is null)
        {
            return ReadResult<DeuDataset>.Failure(diagnostics);
        }

        // Capabilities.
        if (!parser.Read())
        {
            diagnostics.Add(Diagnostic.Error("The file ends after the header; a row of capabilities is expected on line 2.", new SourceLocation(fileName, 2)));
            return ReadResult<DeuDataset>.Failure(diagnostics);
        }

        var capabilityRow = parser.Record ?? [];
        var capabilities = ReadCapabilities(capabilityRow, header, fileName, parser.RawRow, diagnostics);
        if (badQuoteLines.Count > 0)
        {
            diagnostics.Add(Diagnostic.Error("The header or the capability row has a malformed quoted field.", new SourceLocation(fileName, badQuoteLines.Min())));
            return ReadResult<DeuDataset>.Failure(diagnostics);
        }

        if (capabilities is null)
        {
            return ReadResult<DeuDataset>.Failure(diagnostics);
        }

        var issues = new List<DeuIssue>();
        var seenIssueNumbers = new Dictionary<int, int>();
        int withoutOutcome = 0, invalid = 0, reported = 0;
        while (parser.Read())
        {
            if (reported >= Limits.MaxReportedErrors && !options.SkipInvalid)
            {
                diagnostics.Add(Diagnostic.Error($"Reading stopped after {Limits.MaxReportedErrors} errors; the rows from line {parser.RawRow} on were not read.", new SourceLocation(fileName, parser.RawRow), expected: "the errors above fixed first"));
                break;
            }

            var line = parser.RawRow;
            var record = parser.Record ?? []; // CsvHelper reports bad quoting only when the fields are read.
            var rowErrors = new List<Diagnostic>();
            var issue = badQuoteLines.Contains(line)
                ? Bad(rowErrors, Diagnostic.Error("The row has a malformed quoted field (a double quote inside an unquoted field, or an unclosed quote).", new SourceLocation(fileName, line)))
                : ReadIssue(record, header, codes, capabilities, fileName, line, rowErrors);

            if (rowErrors.Count == 0 && issue is not null && seenIssueNumbers.TryGetValue(issue.IssueNumber, out var firstLine))
            {
                rowErrors.Add(Diagnostic.Error(
                    $"Column 'isnrnmc': issue number {issue.IssueNumber} was already used on line {firstLine}.",
                    new SourceLocation(fileName, line, IssueNumberColumn + 1),
                    issueId: issue.IssueId,
                    expected: "a unique issue number"));
            }

            if (rowErrors.Count > 0)
            {
                reported += rowErrors.Count;
                if (options.SkipInvalid)
                {
                    invalid++;
                    if (reported <= Limits.MaxReportedErrors)
                    {
                        diagnostics.AddRange(rowErrors.Select(d => d with { Severity = DiagnosticSeverity.Warning, Message = d.Message + " The row was skipped." }));
                    }
                }
                else
                {
                    diagnostics.AddRange(rowErrors);
                }

                continue;
            }

            if (issue is null)
            {
                withoutOutcome++;
                continue;
            }

            seenIssueNumbers.Add(issue.IssueNumber, line);
            issues.Add(issue);
        }

        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return ReadResult<DeuDataset>.Failure(diagnostics);
        }

        if (reported > Limits.MaxReportedErrors && options.SkipInvalid)
        {
            diagnostics.Add(Diagnostic.Warning($"{invalid} malformed rows were skipped; the warnings of the first {Limits.MaxReportedErrors} problems are listed.", new SourceLocation(fileName)));
        }

        if (withoutOutcome > 0)
        {
            diagnostics.Add(Diagnostic.Info($"{withoutOutcome} row(s) without an outcome were skipped.", new SourceLocation(fileName)));
        }

        if (issues.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error("The file has no issue with an outcome.", new SourceLocation(fileName)));
            return ReadResult<DeuDataset>.Failure(diagnostics);
        }

        return new ReadResult<DeuDataset>(new DeuDataset(fileName, issues, withoutOutcome, invalid), diagnostics);
    }

    private static DeuIssue? Bad(List<Diagnostic> errors, Diagnostic diagnostic)
    {
        errors.Add(diagnostic);
        return null;
    }

    private static string[]? ReadHeader(string[] header, string fileName, int line, List<Diagnostic> diagnostics)
    {
        if (header.Length != FieldCount)
        {
            diagnostics.Add(Diagnostic.Error(
                $"The header has {header.Length} field(s).",
                new SourceLocation(fileName, line),
                expected: $"{FieldCount} tab-separated column names (prnrnmc, isnrnmc, …, pcom … puk, scom … suk, rp, out)"));
            return null;
        }

        void Expect(int column, string name)
        {
            if (!string.Equals(header[column], name, StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(Diagnostic.Error($"Column {column + 1} of the header is '{header[column]}'.", new SourceLocation(fileName, line, column + 1), expected: $"'{name}'"));
            }
        }

        Expect(ProposalColumn, "prnrnmc");
        Expect(IssueNumberColumn, "isnrnmc");
        Expect(ProposalIdColumn, "prnr");
        Expect(ProposalNameColumn, "prname");
        Expect(IssueIdColumn, "isnr");
        Expect(ReferencePointColumn, "rp");
        Expect(OutcomeColumn, "out");
        var codes = new string[ActorCount];
        for (var a = 0; a < ActorCount; a++)
        {
            var p = header[FirstPositionColumn + a];
            var s = header[FirstSalienceColumn + a];
            if (p.Length < 2 || char.ToLowerInvariant(p[0]) != 'p')
            {
                diagnostics.Add(Diagnostic.Error($"Column {FirstPositionColumn + a + 1} of the header is '{p}'.", new SourceLocation(fileName, line, FirstPositionColumn + a + 1), expected: "a position column 'p' + actor code, e.g. 'pcom'"));
                continue;
            }

            codes[a] = p[1..].ToLowerInvariant();
            Expect(FirstSalienceColumn + a, "s" + codes[a]);
        }

        if (codes.Distinct().Count() != ActorCount && diagnostics.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error("The header names an actor twice.", new SourceLocation(fileName, line), expected: "30 distinct actor codes"));
        }

        return diagnostics.Count == 0 ? codes : null;
    }

    private static double[]? ReadCapabilities(string[] row, string[] header, string fileName, int line, List<Diagnostic> diagnostics)
    {
        if (row.Length != FieldCount)
        {
            diagnostics.Add(Diagnostic.Error($"The capability row has {row.Length} field(s).", new SourceLocation(fileName, line), expected: $"{FieldCount} fields"));
            return null;
        }

        var capabilities = new double[ActorCount];
        for (var a = 0; a < ActorCount; a++)
        {
            var column = FirstPositionColumn + a;
            var text = row[column].Trim();
            if (TryNumber(text, out var big) && !Limits.WithinMagnitude(big))
            {
                diagnostics.Add(Diagnostic.Error(
                    $"Column '{header[column]}': capability {text} is {RunLimits.MagnitudeProblem(big)}.",
                    new SourceLocation(fileName, line, column + 1),
                    expected: RunLimits.MagnitudeExpected));
                continue;
            }

            if (!TryNumber(text, out var c) || c < 0)
            {
                diagnostics.Add(Diagnostic.Error(
                    text.Length == 0 ? $"Column '{header[column]}': the capability is missing." : $"Column '{header[column]}': capability '{text}' is not a number of at least 0.",
                    new SourceLocation(fileName, line, column + 1),
                    expected: "a number ≥ 0"));
                continue;
            }

            capabilities[a] = c;
        }

        return diagnostics.Count == 0 ? capabilities : null;
    }

    /// <summary>Reads one issue row. Returns null with no errors when the outcome is empty.</summary>
    private static DeuIssue? ReadIssue(
        string[] row,
        string[] header,
        string[] codes,
        double[] capabilities,
        string fileName,
        int line,
        List<Diagnostic> errors)
    {
        if (row.Length != FieldCount)
        {
            errors.Add(Diagnostic.Error($"The row has {row.Length} field(s).", new SourceLocation(fileName, line), expected: $"{FieldCount} tab-separated fields, as in the header"));
            return null;
        }

        SourceLocation At(int column) => new(fileName, line, column + 1);

        int Integer(int column)
        {
            var text = row[column].Trim();
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors.Add(Diagnostic.Error(
                text.Length == 0 ? $"Column '{header[column]}' is empty." : $"Column '{header[column]}': '{text}' is not a whole number.",
                At(column),
                expected: "a whole number"));
            return 0;
        }

        double? Percent(int column, string what, string? actor = null)
        {
            var text = row[column].Trim();
            if (text.Length == 0)
            {
                return null;
            }

            if (!TryNumber(text, out var value))
            {
                errors.Add(Diagnostic.Error($"Column '{header[column]}': {what} '{text}' is not a number.", At(column), actorId: actor, expected: "a number from 0 to 100, or empty"));
                return null;
            }

            if (value is < 0 or > 100)
            {
                errors.Add(Diagnostic.Error($"Column '{header[column]}': {what} {text} lies outside 0–100.", At(column), actorId: actor, expected: "a number from 0 to 100, or empty"));
                return null;
            }

            if (!Limits.WithinMagnitude(value))
            {
                errors.Add(Diagnostic.Error($"Column '{header[column]}': {what} {text} is {RunLimits.MagnitudeProblem(value)}.", At(column), actorId: actor, expected: RunLimits.MagnitudeExpected));
                return null;
            }

            return value;
        }

        var proposal = Integer(ProposalColumn);
        var issueNumber = Integer(IssueNumberColumn);
        // The id as the file writes it, for output; the scenario's issue gets a valid id made from it.
        var issueId = row[IssueIdColumn].Trim();
        if (issueId.Length == 0)
        {
            issueId = issueNumber.ToString(CultureInfo.InvariantCulture);
        }

        var scenarioIssueId = new ScenarioIds().For(issueId, "issue");

        var positions = new double?[ActorCount];
        var saliences = new double?[ActorCount];
        for (var a = 0; a < ActorCount; a++)
        {
            positions[a] = Percent(FirstPositionColumn + a, "position", codes[a]);
            saliences[a] = Percent(FirstSalienceColumn + a, "salience", codes[a]);
        }

        var referencePoint = Percent(ReferencePointColumn, "reference point");
        var outcome = Percent(OutcomeColumn, "outcome");
        if (errors.Count > 0)
        {
            return null;
        }

        if (outcome is null)
        {
            return null;
        }

        var actors = new List<Actor>();
        var stances = new List<Stance>();
        var actorIds = new ScenarioIds();
        for (var a = 0; a < ActorCount; a++)
        {
            var id = actorIds.For(codes[a], $"actor{a + 1}");
            if (positions[a] is not { } x)
            {
                continue;
            }

            actors.Add(new Actor(id, s_actorNames.TryGetValue(codes[a], out var name) ? name : codes[a].ToUpperInvariant(), capabilities[a]));
            stances.Add(new Stance(id, scenarioIssueId, x, (saliences[a] ?? 0) / 100));
        }

        if (actors.Count == 0)
        {
            errors.Add(Diagnostic.Error("The issue has an outcome but no actor has a position.", new SourceLocation(fileName, line, FirstPositionColumn + 1), issueId: issueId, expected: "at least one position in columns pcom … puk"));
            return null;
        }

        var proposalId = row[ProposalIdColumn].Trim();
        var proposalName = row[ProposalNameColumn].Trim();
        var procedureText = row[ProcedureColumn].Trim();
        var votingText = row[VotingColumn].Trim();
        var vetoes = EuVetoRule.VetoPlayers(EuVetoRule.ParseProcedure(procedureText), EuVetoRule.ParseVoting(votingText), [.. actors.Select(a => a.Id)]);
        var issue = new Issue(
            scenarioIssueId,
            $"{proposalName} ({proposalId}), issue {issueId}",
            Scale.Percent,
            StatusQuo: referencePoint is { } rp ? new StatusQuo(rp, "Column 'rp': the reference point.") : null,
            VetoPlayers: [.. vetoes.Select(v => new VetoPlayer(v.ActorId, v.Reason))]);
        var scenario = new Scenario(
            $"DEU proposal {proposal} ({proposalId} {proposalName}), issue {issueNumber}",
            [issue],
            actors,
            stances,
            sources: [$"{fileName}:{line}"],
            salienceScale: SalienceScale.Percent);
        return new DeuIssue(line, proposal, issueNumber, proposalId, proposalName, issueId, outcome.Value, referencePoint, scenario)
        {
            Procedure = procedureText,
            CouncilVoting = votingText,
        };
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
