using Parley.Core.Analysis;

namespace Parley.Core.Backtest;

/// <summary>The forecast calibration fitted on a backtest: every scored model's residuals, each scaled by its issue's error scale.</summary>
public static class BacktestCalibration
{
    /// <summary>
    /// Fits <see cref="ForecastCalibration"/> on <paramref name="result"/>, whose cases are <paramref name="cases"/> in the same
    /// order (one-issue cases, as <see cref="BacktestEngine"/> scores them); <paramref name="source"/> names the data.
    /// </summary>
    public static ForecastCalibration Fit(string source, BacktestResult result, IReadOnlyList<BacktestCase> cases, ResidualScaleKind scale = ResidualScaleKind.PositionSpread)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(cases);
        Preconditions.Check(cases.Count == result.Cases.Count, nameof(cases), "The cases must be those the backtest scored, in its order.");
        return ForecastCalibration.Fit(
            source,
            [.. result.Models.Select(m => m.Model)],
            [.. result.Cases.Select((c, i) => new CalibrationCase(c.ProposalId, c.Outcome, ResidualScale.Of(cases[i].Input, cases[i].Scenario.Issues[0].Scale, scale), c.Forecasts))],
            scale);
    }
}
