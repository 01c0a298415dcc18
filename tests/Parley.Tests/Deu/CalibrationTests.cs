using Parley.Core.Analysis;
using Parley.Core.Backtest;
using Parley.Core.Models;
using Parley.Formats.Calibration;

namespace Parley.Tests.Deu;

/// <summary>
/// The forecast intervals on the DEU III development split: calibrated out of sample, and the
/// calibration that ships with Parley is the one the data give (it cannot go stale).
/// </summary>
public sealed class CalibrationTests
{
    private static readonly Lazy<BacktestResult> s_backtest = new(() =>
        BacktestEngine.Run(DeuData.Dev.ToBacktestCases(), [.. ModelCatalog.All.OfType<IssueModel>()], new BacktestOptions { Draws = 1, Replicates = 100 }));

    [Fact]
    public void Every_one_issue_model_covers_the_outcomes_within_5_points_of_50_80_and_95_percent_out_of_sample()
    {
        var result = s_backtest.Value;
        Assert.NotNull(result.Intervals);
        Assert.Equal(result.Models.Count, result.Intervals!.Count);
        foreach (var score in result.Intervals)
        {
            foreach (var level in IntervalLevels.All)
            {
                var coverage = score.Coverage[level] * 100;
                Assert.True(Math.Abs(coverage - level) <= 5, $"{score.Model}: {coverage:F1}% of outcomes inside the {level}% interval (cross-validated over proposals)");
                Assert.True(score.MeanWidth[level] > 0 && score.MeanWidth[level] <= 100, $"{score.Model}: {level}% interval width {score.MeanWidth[level]}");
            }

            Assert.True(score.MeanWidth[50] < score.MeanWidth[80] && score.MeanWidth[80] < score.MeanWidth[95], score.Model);
        }
    }

    [Fact]
    public void The_shipped_calibration_equals_a_refit_on_the_development_split()
    {
        var result = s_backtest.Value;
        var cases = DeuData.Dev.ToBacktestCases();
        var refit = BacktestCalibration.Fit("refit", result, cases);
        var shipped = ShippedCalibration.Instance;
        Assert.Equal(refit.Models.Select(m => m.Model).Order(), shipped.Models.Select(m => m.Model).Order());
        foreach (var model in refit.Models)
        {
            var ship = shipped.For(model.Model)!;
            Assert.Equal(model.Count, ship.Count);
            Assert.Equal(94, ship.Proposals);
            for (var i = 0; i < model.Count; i++)
            {
                Assert.Equal(model.Values[i], ship.Values[i], 12);
            }
        }

        Assert.StartsWith("DEU III development split (252 issues in 94 proposals", shipped.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Scaling_errors_by_the_positions_spread_calibrates_better_than_by_the_scale_width()
    {
        // The choice documented in docs/validation.md: with the scale width as the error scale, the
        // median-voter model's intervals cover 87% at 80% (outcomes and positions sit on a coarse grid).
        var width = BacktestEngine.Run(DeuData.Dev.ToBacktestCases(), [ModelCatalog.Find("median-voter")!],
            new BacktestOptions { Draws = 1, Replicates = 100, ErrorScale = ResidualScaleKind.ScaleWidth });
        var spread = s_backtest.Value.Intervals!.Single(i => i.Model == "median-voter");
        var byWidth = width.Intervals!.Single(i => i.Model == "median-voter");
        Assert.True(Math.Abs(byWidth.Coverage[80] - 0.8) > Math.Abs(spread.Coverage[80] - 0.8));
    }
}
