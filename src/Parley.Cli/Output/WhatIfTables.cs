using System.Globalization;
using Parley.Core.Analysis;
using Parley.Core.Scenarios;
using Parley.Formats.Results;
using Spectre.Console;

namespace Parley.Cli.Output;

/// <summary>Renders a what-if report as text: per issue, every model's base forecast beside each what-if's, with the change.</summary>
internal static class WhatIfTables
{
    /// <summary>The tables, then each what-if's edits and notes; with <paramref name="paths"/> the paths of the base case and of every what-if.</summary>
    public static string Render(WhatIfReport report, bool paths = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = CliContext.ConsoleFor(writer, ansi: false);
        // One what-if: its forecast, change and interval in columns of their own. Several: one column each,
        // "forecast (change)", so that three or four what-ifs still fit a terminal; their intervals are in the JSON.
        var compact = report.WhatIfs.Count > 1;
        console.Profile.Width = ForecastTables.Width;
        console.WriteLine(report.Scenario);
        console.WriteLine($"seed {report.Seed} · {(report.Draws > 0 ? $"{report.Draws} input draws" : "no input draws")} · base case and {report.WhatIfs.Count} what-if{(report.WhatIfs.Count == 1 ? string.Empty : "s")}, same seed and draws");
        foreach (var note in report.Base.Notes.Where(n => n.Kind == "input"))
        {
            console.WriteLine($"note: {note.Message}");
        }

        foreach (var issue in report.Base.Issues)
        {
            console.WriteLine();
            console.WriteLine($"{issue.Name} [{issue.Id}]  scale {Number(issue.Minimum, issue)}–{Number(issue.Maximum, issue)}");
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn(new TableColumn("model").NoWrap());
            table.AddColumn(new TableColumn("base").RightAligned().NoWrap());
            table.AddColumn(new TableColumn("80%").RightAligned().NoWrap());
            foreach (var w in report.WhatIfs)
            {
                table.AddColumn(new TableColumn(Markup.Escape(w.Name)).RightAligned().NoWrap());
                if (!compact)
                {
                    table.AddColumn(new TableColumn("change").RightAligned().NoWrap());
                    table.AddColumn(new TableColumn("80%").RightAligned().NoWrap());
                }
            }

            foreach (var (model, r) in issue.Models)
            {
                var row = new List<string> { Markup.Escape(model), Number(r.Forecast, issue), Interval(r, issue) };
                foreach (var w in report.WhatIfs)
                {
                    var change = w.Changes.FirstOrDefault(c => c.Issue == issue.Id && c.Model == model);
                    var variant = w.Forecast.Issues.First(i => i.Id == issue.Id).Models.GetValueOrDefault(model);
                    if (change is null || variant is null)
                    {
                        row.AddRange(compact ? ["failed"] : ["failed", "–", "–"]);
                        continue;
                    }

                    row.AddRange(compact
                        ? [$"{Number(change.WhatIf, issue)} ({Change(change.Change, issue)})"]
                        : [Number(change.WhatIf, issue), Change(change.Change, issue), Interval(variant, issue)]);
                }

                table.AddRow([.. row]);
            }

            // The table takes its natural width (no column squeezed into wrapped digits); text wraps at the usual width.
            console.Profile.Width = 1000;
            console.Write(table);
            console.Profile.Width = ForecastTables.Width;
        }

        foreach (var w in report.WhatIfs)
        {
            console.WriteLine();
            console.WriteLine($"{w.Name}: {string.Join("; ", w.Edits)}");
            if (w.Description is not null)
            {
                console.WriteLine($"  {w.Description}");
            }

            if (w.Rationale is not null)
            {
                console.WriteLine($"  rationale: {w.Rationale}");
            }

            foreach (var note in w.Notes)
            {
                console.WriteLine($"  note: {note}");
            }
        }

        console.WriteLine();
        console.WriteLine(compact
            ? "Each what-if: its point forecast (change from the base case, in scale points). 80%: the base case's calibrated forecast interval, or '(input)' for the input sensitivity of a model without calibration; every what-if's interval: one what-if at a time, or --format json."
            : "change: the what-if's point forecast minus the base case's, in scale points. 80%: the calibrated forecast interval, or '(input)' for the input sensitivity of a model without calibration.");
        if (paths)
        {
            console.WriteLine();
            console.WriteLine("== base case ==");
            ForecastTables.RenderPaths(console, report.Base);
            foreach (var w in report.WhatIfs)
            {
                console.WriteLine();
                console.WriteLine($"== {w.Name} ==");
                ForecastTables.RenderPaths(console, w.Forecast);
            }
        }
        else
        {
            console.WriteLine("Positions round by round (rounds where a timed edit struck marked *): --paths; every number: --format json.");
        }

        return writer.ToString();
    }

    private static string Interval(ModelIssueReport r, IssueReport issue) =>
        r.Interval?.GetValueOrDefault("80") is { } fi
            ? $"{Number(fi[0], issue)}–{Number(fi[1], issue)}"
            : r.Sensitivity?.GetValueOrDefault("80") is { } si ? $"{Number(si[0], issue)}–{Number(si[1], issue)} (input)" : "–";

    /// <summary>A change, signed, with one more digit than the forecasts (a tenth of a point on 0–100).</summary>
    private static string Change(double change, IssueReport issue)
    {
        var text = ForecastReading.Format(Math.Abs(change), new Scale(0, (issue.Maximum - issue.Minimum) / 10));
        return text.Trim('0', '.').Length == 0 ? "0" : (change > 0 ? "+" : "−") + text;
    }

    private static string Number(double value, IssueReport issue) =>
        ForecastReading.Format(value, new Scale(issue.Minimum, issue.Maximum));
}
