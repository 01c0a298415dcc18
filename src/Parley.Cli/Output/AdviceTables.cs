using System.Globalization;
using Parley.Core.Advice;
using Parley.Core.Analysis;
using Parley.Core.Scenarios;
using Parley.Formats.Results;
using Spectre.Console;

namespace Parley.Cli.Output;

/// <summary>Renders advice as text: per issue the best move, the alternatives and whom to persuade.</summary>
internal static class AdviceTables
{
    /// <summary>The advice of <paramref name="report"/> on <paramref name="scenario"/>, searched on <paramref name="grid"/>.</summary>
    public static string Render(AdviceReport report, Scenario scenario, AdviceGrid grid)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(grid);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = CliContext.ConsoleFor(writer, ansi: false);
        console.Profile.Width = ForecastTables.Width;
        string Name(string id) => scenario.IndexOfActor(id) is var a and >= 0 ? scenario.Actors[a].Name : id;
        var judged = report.Draws == 0 ? "every move judged by the point forecast (no input draws)"
            : report.InputsCertain ? $"every move judged by the forecast's median over {report.Draws} input draws (no input has a spread, so every draw is the inputs as written)"
            : $"every move judged by the forecast's median over the same {report.Draws} input draws (seed {report.Seed})";
        console.WriteLine($"Advice for {report.ActorName} [{report.Actor}] — {report.Scenario}");
        console.WriteLine($"model {report.Model}; {judged}");
        foreach (var issue in report.Issues)
        {
            var scale = scenario.Issues[scenario.IndexOfIssue(issue.Issue)].Scale;
            string P(double v) => ForecastReading.Format(v, scale);
            string G(double v) => ForecastReading.Format(v, new Scale(0, scale.Width / 10));
            console.WriteLine();
            console.WriteLine($"{issue.IssueName} [{issue.Issue}]");
            console.WriteLine($"  ideal {P(issue.Ideal)}, salience {S(issue.Salience)} as written; forecast {P(issue.BaseForecast)}, {G(issue.BaseDistance)} from the ideal");
            if (issue.Best is { } best)
            {
                console.WriteLine($"  best move: {What(best, issue, P, S)} → forecast {P(best.Forecast)}: {Gain(best, G)}{Robust(best)}");
            }
            else
            {
                console.WriteLine("  best move: hold — no move on the grid brings the forecast nearer the ideal than the stance as written.");
            }

            if (issue.Alternatives.Count > 0)
            {
                var table = new Table().Border(TableBorder.Simple);
                table.AddColumn("alternative");
                table.AddColumn(new TableColumn("forecast").RightAligned());
                table.AddColumn(new TableColumn("gain").RightAligned());
                table.AddColumn(new TableColumn("share").RightAligned());
                table.AddColumn(new TableColumn("helps").RightAligned());
                foreach (var m in issue.Alternatives)
                {
                    table.AddRow(Markup.Escape(What(m, issue, P, S)), P(m.Forecast), Signed(m.Gain, G), m.GainShare is { } s ? Percent(s) : "–", m.Robustness is { } r ? Percent(r) : "–");
                }

                console.Write(table);
            }

            var helpers = issue.Persuade.Where(p => p.Gain > 0).Take(3).ToList();
            console.WriteLine(helpers.Count == 0
                ? $"  whom to persuade: nobody — moving any other actor {G(grid.PersuasionShare * scale.Width)} points toward {P(issue.Ideal)} does not help."
                : $"  whom to persuade (each moved {G(grid.PersuasionShare * scale.Width)} points toward {P(issue.Ideal)}): "
                  + string.Join("; ", helpers.Select(p => $"{Name(p.Actor)} {P(p.From)} → {P(p.To)}: gain {G(p.Gain)}{(p.Robustness is { } r ? $", helps in {Percent(r)} of draws" : string.Empty)}")));
            console.WriteLine($"  ({issue.Evaluated} moves judged{(issue.Skipped > 0 ? $", {issue.Skipped} the model could not run" : string.Empty)})");
        }

        console.WriteLine();
        console.WriteLine($"Grid: positions every {Percent(1.0 / grid.PositionSteps)} of the scale and the ideal, on the ideal's side of the forecast; saliences as written and {string.Join(", ", grid.Saliences.Select(v => S(SalienceUnits.ToFile(v, scenario.SalienceScale))))}; refined by half and quarter steps around the best (docs/advice.md). gain: points nearer the ideal; share: of the distance to it; helps: share of draws in which the move brings that draw's forecast nearer.");
        return writer.ToString();

        string S(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
    }

    private static string What(AdviceMoveReport m, IssueAdviceReport issue, Func<double, string> p, Func<double, string> s)
    {
        var position = m.Position == issue.Ideal ? $"keep position {p(m.Position)}" : $"announce {p(m.Position)}";
        var salience = m.Salience == issue.Salience ? "salience as written" : $"commit salience {s(m.Salience)}";
        return $"{position}, {salience}";
    }

    private static string Gain(AdviceMoveReport m, Func<double, string> g) =>
        $"{g(m.Gain)} points nearer the ideal{(m.GainShare is { } s ? $" ({Percent(s)} of the distance)" : string.Empty)}";

    private static string Robust(AdviceMoveReport m) =>
        m.Robustness is { } r ? $"; helps in {Percent(r)} of the draws, hurts in {Percent(m.Hurts ?? 0)}" : string.Empty;

    private static string Signed(double v, Func<double, string> g) => (v > 0 ? "+" : v < 0 ? "−" : string.Empty) + g(Math.Abs(v));

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
