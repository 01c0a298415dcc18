using System.Globalization;
using Parley.Formats.Results;
using Spectre.Console;

namespace Parley.Cli.Output;

/// <summary>Renders a forecast report as text: a summary that fits 100 columns, then (with <c>--paths</c>) the path of positions per iterative model.</summary>
internal static class ForecastTables
{
    /// <summary>The width the summary is laid out for.</summary>
    public const int Width = 100;

    /// <summary>At most this many round columns are shown; longer paths show their start and end.</summary>
    private const int MaxRoundColumns = 12;

    /// <summary>The marks of the flags, in the order of the legend.</summary>
    private static readonly (string Kind, string Mark, string Meaning)[] s_marks =
    [
        ("models_disagree", "D", "the models disagree by more than 15% of the scale"),
        ("cycles", "C", "the model's positions cycle: its forecast depends on where the run stops"),
        ("round_limit", "L", "the model stopped at its round limit before it settled"),
        ("still_moving", "M", "the model was still moving when its fixed rounds ended"),
        ("draws_failed", "F", "the model could not run some input draws"),
    ];

    /// <summary>The summary per issue and model, then, when <paramref name="paths"/> is true, every iterative model's path.</summary>
    public static string Render(ForecastReport report, bool paths = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = CliContext.ConsoleFor(writer, ansi: false);
        console.Profile.Width = Width;
        console.WriteLine(report.Scenario);
        console.WriteLine(Header(report));
        foreach (var note in report.Notes.Where(n => n.Kind == "input"))
        {
            console.WriteLine($"note: {note.Message}");
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var issue in report.Issues)
        {
            console.WriteLine();
            WriteIssue(console, report, issue, used);
            foreach (var note in report.Notes.Where(n => n.Issue == issue.Id && n.Kind != "input"))
            {
                var mark = s_marks.First(m => m.Kind == note.Kind).Mark;
                console.Write(Indented($"{mark}: {note.Message}"));
            }
        }

        if (used.Count > 0)
        {
            console.WriteLine();
            console.WriteLine("Flags: " + string.Join("; ", s_marks.Where(m => used.Contains(m.Kind)).Select(m => $"{m.Mark} = {m.Meaning}")) + ".");
        }

        console.WriteLine(report.Draws > 0
            ? "80% interval: the calibrated forecast interval (how far outcomes have fallen from this model's forecasts, widened by the input draws); '(input)' marks a model without calibration, whose interval is the input sensitivity only."
            : "No input draws (--draws 0): point forecasts only.");
        console.WriteLine("Drivers: actor id, input, and the forecast's swing when that input moves (position ±10% of the scale, salience ±0.1, capability ±25%).");
        if (report.Issues.Any(i => i.Models.Values.Any(r => r.Breakdown is not null)))
        {
            console.WriteLine("No deal (MODEL+veto): share of the input draws in which a veto player prefers the status quo to the deal and blocks it (the forecast is then the status quo); n/a = the issue states no status quo or no veto player with a stance.");
        }

        if (paths)
        {
            RenderPaths(console, report);
        }
        else
        {
            console.WriteLine("Positions round by round: --paths; every number: --format json.");
        }

        return writer.ToString();
    }

    private static string Header(ForecastReport report)
    {
        var parts = new List<string> { $"seed {report.Seed} (rerun with --seed {report.Seed} for the same numbers)" };
        parts.Add(report.Draws > 0 ? $"{report.Draws} input draws" : "no input draws");
        if (report.Calibration is not null)
        {
            parts.Add($"intervals calibrated on {report.Calibration}");
        }

        return string.Join(" · ", parts);
    }

    private static void WriteIssue(IAnsiConsole console, ForecastReport report, IssueReport issue, HashSet<string> used)
    {
        var disagree = report.Notes.Any(n => n.Issue == issue.Id && n.Kind == "models_disagree");
        if (disagree)
        {
            used.Add("models_disagree");
        }

        console.WriteLine($"{issue.Name} [{issue.Id}]{(disagree ? "  D" : string.Empty)}");
        console.Write(Indented($"scale: {ScaleText(issue)}"));
        var scale = new Core.Scenarios.Scale(issue.Minimum, issue.Maximum, [.. issue.Anchors.Select(a => new Core.Scenarios.ScaleAnchor(a.Value, a.Label))]);
        var table = new Table().Border(TableBorder.Simple).Width(Width);
        table.AddColumn(new TableColumn("model").NoWrap());
        table.AddColumn(new TableColumn("forecast").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("80% interval").RightAligned().NoWrap());
        var breakdown = issue.Models.Values.Any(r => r.Breakdown is not null);
        if (breakdown)
        {
            table.AddColumn(new TableColumn("no deal").RightAligned().NoWrap());
        }

        table.AddColumn(new TableColumn("reading").Width(breakdown ? 29 : 36));
        table.AddColumn(new TableColumn("top drivers").Width(22));
        table.AddColumn(new TableColumn("flags").NoWrap());
        foreach (var (model, r) in issue.Models)
        {
            var interval = r.Interval?.GetValueOrDefault("80") is { } fi
                ? $"{Number(fi[0], issue)}–{Number(fi[1], issue)}"
                : r.Sensitivity?.GetValueOrDefault("80") is { } si ? $"{Number(si[0], issue)}–{Number(si[1], issue)} (input)" : "–";
            var marks = s_marks.Where(m => m.Kind != "models_disagree" && r.Flags.Contains(m.Kind)).ToList();
            foreach (var m in marks)
            {
                used.Add(m.Kind);
            }

            var cells = new List<Text> { new(model), new(Number(r.Forecast, issue)), new(interval) };
            if (breakdown)
            {
                cells.Add(new Text(NoDeal(r.Breakdown)));
            }

            cells.Add(new Text(Core.Analysis.ForecastReading.Where(r.Forecast, scale, MaxLabel)));
            cells.Add(new Text(Drivers(issue, r)));
            cells.Add(new Text(string.Join(' ', marks.Select(m => m.Mark))));
            table.AddRow(cells);
        }

        console.Write(table);
    }

    /// <summary>Text indented by two columns, wrapped within the width with the same indent.</summary>
    private static Padder Indented(string text) => new(new Text(text), new Padding(2, 0, 0, 0));

    /// <summary>
    /// The breakdown cell: the share of draws in which a veto player blocks the deal (the point run's
    /// verdict without draws), "n/a" when the issue cannot break down, "–" for a model without a breakdown step.
    /// </summary>
    private static string NoDeal(BreakdownReport? b) => b switch
    {
        null => "–",
        { Possible: false } => "n/a",
        { Probability: { } p } => string.Create(CultureInfo.InvariantCulture, $"{p * 100:0}%"),
        _ => b.Blocked ? "blocked" : "agreed",
    };

    /// <summary>Anchor labels longer than this are cut in tables (the JSON reading has them in full).</summary>
    private const int MaxLabel = 24;

    private static string Drivers(IssueReport issue, ModelIssueReport r) =>
        r.Drivers.Count == 0
            ? "–"
            : string.Join(", ", r.Drivers.Take(2).Select(d => $"{d.Actor} {d.Input} {(d.Effect >= 0 ? "+" : "−")}{Number(Math.Abs(d.Effect), issue)}"));

    private static string ScaleText(IssueReport issue)
    {
        var anchors = issue.Anchors.OrderBy(a => a.Value).ToList();
        return anchors.Count switch
        {
            0 => $"{Number(issue.Minimum, issue)}–{Number(issue.Maximum, issue)}",
            _ => $"{Number(issue.Minimum, issue)}–{Number(issue.Maximum, issue)}; " + string.Join(", ", anchors.Select(a => $"{Number(a.Value, issue)} '{Core.Analysis.ForecastReading.Cut(a.Label, MaxLabel)}'")),
        };
    }

    /// <summary>Every iterative model's path of positions; rounds after which a timed edit struck are marked '*', with the edits below.</summary>
    public static void RenderPaths(IAnsiConsole console, ForecastReport report)
    {
        foreach (var issue in report.Issues)
        {
            foreach (var (model, result) in issue.Models)
            {
                if (result.Rounds.Count <= 1)
                {
                    continue;
                }

                console.WriteLine();
                var shown = ShownRounds(result.Rounds.Count);
                var path = new Table().Border(TableBorder.Simple)
                    .Title(Markup.Escape($"{issue.Name} — {model}: positions by round (forecast {Number(result.Forecast, issue)})"));
                path.AddColumn("actor");
                foreach (var k in shown)
                {
                    path.AddColumn(new TableColumn(k < 0 ? "…" : result.Rounds[k].Round.ToString(CultureInfo.InvariantCulture) + (result.Rounds[k].Shocks is null ? string.Empty : "*")).RightAligned());
                }

                foreach (var actor in result.Rounds[0].Positions.Keys)
                {
                    path.AddRow([Markup.Escape(report.Actors.GetValueOrDefault(actor, actor)), .. shown.Select(k => k < 0 ? "" : Number(result.Rounds[k].Positions[actor], issue))]);
                }

                path.AddRow(["[italic]weighted mean[/]", .. shown.Select(k => k < 0 ? "" : Number(result.Rounds[k].Mean, issue))]);
                console.Write(path);
                foreach (var round in result.Rounds.Where(r => r.Shocks is not null))
                {
                    console.WriteLine($"  * after round {round.Round}: {string.Join("; ", round.Shocks!)}");
                }

                if (result.Note is not null)
                {
                    console.WriteLine($"  {result.Note}");
                }
            }
        }
    }

    /// <summary>The indices of the rounds to show; -1 marks an elided stretch.</summary>
    private static List<int> ShownRounds(int count)
    {
        if (count <= MaxRoundColumns)
        {
            return Enumerable.Range(0, count).ToList();
        }

        var head = Enumerable.Range(0, MaxRoundColumns - 4).ToList();
        head.Add(-1);
        head.AddRange(Enumerable.Range(count - 3, 3));
        return head;
    }

    /// <summary>A number rounded for its scale: whole points on 0–100, more digits on narrow scales.</summary>
    private static string Number(double value, IssueReport issue) =>
        Core.Analysis.ForecastReading.Format(value, new Core.Scenarios.Scale(issue.Minimum, issue.Maximum));
}
