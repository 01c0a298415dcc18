using System.Globalization;
using Parley.Core.Backtest;
using Spectre.Console;

namespace Parley.Cli.Output;

/// <summary>Renders a model search: every candidate (lowest error first), then each selection rule scored by cross-validation.</summary>
internal static class SearchTables
{
    /// <summary>The two tables and their legend.</summary>
    public static string Render(SearchResult search, string description, string clusters)
    {
        ArgumentNullException.ThrowIfNull(search);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = CliContext.ConsoleFor(writer, ansi: false);
        var result = search.Candidates;
        var pct = (int)Math.Round(result.Confidence * 100);
        var candidates = new Table().Border(TableBorder.Ascii).Title("Every candidate on every issue")
            .AddColumn("Model")
            .AddColumn(new TableColumn("k").RightAligned());
        BacktestTables.AddScoreColumns(candidates, result);
        foreach (var (m, k) in result.Models.Select((m, i) => (m, search.Complexity[i])).OrderBy(p => p.m.MeanAbsoluteError).ThenBy(p => p.Item2))
        {
            candidates.AddRow(Cells([m.Model, F($"{k}"), .. BacktestTables.ScoreCells(m)]));
        }

        console.Write(candidates);
        writer.WriteLine(description + ".");
        writer.WriteLine("k = complexity (1 per model, +1 per breakdown or win-set step, exponent pair, mixture weight or average). The candidates are fixed (nothing is fitted), so each one's error is also its cross-validated error; the choice among them is what has to be cross-validated.");
        writer.WriteLine();

        var procedures = new Table().Border(TableBorder.Ascii).Title(F($"Selection rules, {search.Folds}-fold cross-validation over {clusters}"))
            .AddColumn("Rule")
            .AddColumn(new TableColumn("CV MAE").RightAligned())
            .AddColumn(new TableColumn(F($"MAE {pct}% CI")).RightAligned())
            .AddColumn(new TableColumn("Δ MAE").RightAligned())
            .AddColumn(new TableColumn(F($"Δ {pct}% CI")).RightAligned())
            .AddColumn("picked on the training folds")
            .AddColumn("picked on all");
        foreach (var p in search.Procedures)
        {
            var s = p.Score;
            var picks = string.Join(", ", p.FoldChoices.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}"));
            procedures.AddRow(Cells(ModelSearch.RuleName(p.Rule), F($"{s.MeanAbsoluteError:F2}"), F($"{s.MaeLow:F2}…{s.MaeHigh:F2}"), Delta(s.DifferenceToReference), F($"{Delta(s.DifferenceLow)}…{Delta(s.DifferenceHigh)}"), picks, p.Chosen));
        }

        console.Write(procedures);
        var reference = result.Models.First(m => m.Model == result.ReferenceModel);
        writer.WriteLine(F($"CV MAE: each fold's issues forecast by the candidate the rule picks on the other folds. {result.ReferenceModel}: {reference.MeanAbsoluteError:F2}; goal ≤ 0.9 × that = {0.9 * reference.MeanAbsoluteError:F2}."));
        writer.WriteLine("simplest-clearly-better: the lowest k whose paired interval of Δ lies below 0 on the training folds (then the lowest MAE); compromise when none. lowest-error: the lowest MAE on the training folds.");
        writer.WriteLine(F($"Δ MAE = MAE − MAE of {result.ReferenceModel} (< 0 is better). Intervals: {pct}% percentile bootstrap, {result.Replicates} replicates resampling {clusters} (paired for Δ)."));
        writer.WriteLine(F($"Seed: {result.Seed}"));
        return writer.ToString();
    }

    private static string Delta(double d) => BacktestTables.Delta(d);

    private static Text[] Cells(params string[] cells) => BacktestTables.Cells(cells);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
