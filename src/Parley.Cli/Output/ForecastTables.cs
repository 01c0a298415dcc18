using System.Globalization;
using Parley.Formats.Results;
using Spectre.Console;

namespace Parley.Cli.Output;

/// <summary>Renders a forecast report as readable text tables.</summary>
internal static class ForecastTables
{
    /// <summary>At most this many round columns are shown; longer paths show their start and end.</summary>
    private const int MaxRoundColumns = 12;

    /// <summary>The forecasts per issue and model, then the path of positions per iterative model.</summary>
    public static string Render(ForecastReport report)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = CliContext.ConsoleFor(writer, ansi: false);
        console.WriteLine(report.Scenario);
        if (report.Seed is { } seed)
        {
            console.WriteLine($"seed: {seed} (rerun with --seed {seed} for the same numbers)");
        }
        foreach (var note in report.Notes)
        {
            console.WriteLine($"note: {note}");
        }

        console.WriteLine();
        var models = report.Issues.SelectMany(i => i.Models.Keys).Distinct().ToList();
        var summary = new Table().Border(TableBorder.Simple).Title("Forecast per issue and model");
        summary.AddColumn("issue").AddColumn("scale");
        foreach (var m in models)
        {
            summary.AddColumn(new TableColumn(Markup.Escape(m)).RightAligned());
        }

        foreach (var issue in report.Issues)
        {
            var cells = new List<string> { Markup.Escape(issue.Name), $"{Format(issue.Minimum)}–{Format(issue.Maximum)}" };
            cells.AddRange(models.Select(m => issue.Models.TryGetValue(m, out var r) ? Format(r.Forecast) : "–"));
            summary.AddRow(cells.ToArray());
        }

        console.Write(summary);
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
                    .Title(Markup.Escape($"{issue.Name} — {model}: positions by round (forecast {Format(result.Forecast)})"));
                path.AddColumn("actor");
                foreach (var k in shown)
                {
                    path.AddColumn(new TableColumn(k < 0 ? "…" : k.ToString(CultureInfo.InvariantCulture)).RightAligned());
                }

                foreach (var actor in result.Rounds[0].Positions.Keys)
                {
                    path.AddRow([Markup.Escape(actor), .. shown.Select(k => k < 0 ? "" : Format(result.Rounds[k].Positions[actor]))]);
                }

                path.AddRow(["[italic]weighted mean[/]", .. shown.Select(k => k < 0 ? "" : Format(result.Rounds[k].Mean))]);
                console.Write(path);
                if (result.Note is not null)
                {
                    console.WriteLine($"  {result.Note}");
                }
            }
        }

        return writer.ToString();
    }

    /// <summary>The round numbers to show; -1 marks an elided stretch.</summary>
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

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
