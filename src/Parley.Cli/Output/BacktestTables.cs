using System.Globalization;
using Parley.Core.Backtest;
using Spectre.Console;

namespace Parley.Cli.Output;

/// <summary>Renders a backtest: per model its error, its interval against the reference model and, with draws, its interval coverage.</summary>
internal static class BacktestTables
{
    /// <summary>The table and its legend; <paramref name="description"/> names the data, <paramref name="clusters"/> what the bootstrap resamples.</summary>
    public static string Render(BacktestResult result, string description, string clusters)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = CliContext.ConsoleFor(writer, ansi: false);
        var pct = Percent(result);
        var table = new Table().Border(TableBorder.Ascii).AddColumn("Model");
        AddScoreColumns(table, result);
        if (result.Intervals is not null)
        {
            table.AddColumn(new TableColumn("cover 50/80/95").RightAligned()).AddColumn(new TableColumn("width 80").RightAligned());
        }

        foreach (var m in result.Models)
        {
            var cells = new List<string> { m.Model };
            cells.AddRange(ScoreCells(m));
            if (result.Intervals?.FirstOrDefault(i => i.Model == m.Model) is { } iv)
            {
                cells.Add(F($"{iv.Coverage[50] * 100:F0}/{iv.Coverage[80] * 100:F0}/{iv.Coverage[95] * 100:F0}%"));
                cells.Add(F($"{iv.MeanWidth[80]:F1}"));
            }

            table.AddRow(Cells([.. cells]));
        }

        console.Write(table);
        writer.WriteLine(description + ".");
        writer.WriteLine(F($"MAE = mean |forecast − outcome| on 0–100; MdAE = median absolute error; ≤{result.HitThreshold:0.##} = share of issues within {result.HitThreshold:0.##} points."));
        writer.WriteLine(F($"Δ MAE = MAE − MAE of {result.ReferenceModel} (< 0 is better). Intervals: {pct}% percentile bootstrap, {result.Replicates} replicates resampling {clusters} (paired for Δ)."));
        if (result.Intervals is not null)
        {
            writer.WriteLine(F($"cover = share of outcomes inside the model's 50/80/95% forecast interval; width 80 = mean width of its 80% interval. Each issue's interval is calibrated on the other folds only ({BacktestOptions.Default.Folds}-fold cross-validation over proposals, {result.Draws} input draws per issue)."));
        }

        writer.WriteLine(F($"Seed: {result.Seed}"));
        return writer.ToString();
    }

    /// <summary>The columns every score table has after its first: MAE, MdAE, share within the threshold, the MAE's interval, Δ MAE and its paired interval.</summary>
    public static Table AddScoreColumns(Table table, BacktestResult result)
    {
        var pct = Percent(result);
        return table
            .AddColumn(new TableColumn("MAE").RightAligned())
            .AddColumn(new TableColumn("MdAE").RightAligned())
            .AddColumn(new TableColumn(F($"≤{result.HitThreshold:0.##}")).RightAligned())
            .AddColumn(new TableColumn(F($"MAE {pct}% CI")).RightAligned())
            .AddColumn(new TableColumn("Δ MAE").RightAligned())
            .AddColumn(new TableColumn(F($"Δ {pct}% CI")).RightAligned());
    }

    /// <summary>One model's cells for <see cref="AddScoreColumns"/>.</summary>
    public static IEnumerable<string> ScoreCells(ModelScore m) =>
    [
        F($"{m.MeanAbsoluteError:F2}"),
        F($"{m.MedianAbsoluteError:F2}"),
        F($"{m.ShareWithin * 100:F1}%"),
        F($"{m.MaeLow:F2}…{m.MaeHigh:F2}"),
        Delta(m.DifferenceToReference),
        F($"{Delta(m.DifferenceLow)}…{Delta(m.DifferenceHigh)}"),
    ];

    /// <summary>A difference, signed, two decimals.</summary>
    public static string Delta(double d) => d.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    /// <summary>Cells as plain text (no markup).</summary>
    public static Text[] Cells(params string[] cells) => [.. cells.Select(c => new Text(c))];

    private static int Percent(BacktestResult result) => (int)Math.Round(result.Confidence * 100);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
