using Parley.Core.Analysis;
using Parley.Core.Scenarios;
using Parley.Core.Simulation;

namespace Parley.Core.Backtest;

/// <summary>How well one model's forecast intervals covered the outcomes in a backtest.</summary>
/// <param name="Model">The model.</param>
/// <param name="Coverage">Level (50, 80, 95) → share of outcomes inside the interval.</param>
/// <param name="MeanWidth">Level → mean width of the interval, in scale points.</param>
/// <param name="SensitivityMeanWidth">Level → mean width of the input-sensitivity interval (0 when no input has a spread).</param>
public sealed record IntervalScore(string Model, IReadOnlyDictionary<int, double> Coverage, IReadOnlyDictionary<int, double> MeanWidth, IReadOnlyDictionary<int, double> SensitivityMeanWidth);

/// <summary>
/// Scores the calibrated forecast intervals honestly: the proposals are dealt into
/// <see cref="BacktestOptions.Folds"/> folds (in an order shuffled by the seed), and every issue's
/// interval is made from the residuals of the other folds only, so that no interval is scored on
/// the issues it was fitted on. Coverage is the share of outcomes inside; width is in scale points.
/// </summary>
internal static class CrossValidatedIntervals
{
    /// <summary>The fold of each case: its proposal's position in a seeded shuffle of the proposals, modulo <paramref name="folds"/>.</summary>
    public static int[] Folds(IReadOnlyList<BacktestCase> cases, int folds, ulong seed)
    {
        var proposals = cases.Select(c => c.ProposalId).Distinct(StringComparer.Ordinal).ToArray();
        var rng = new SeededRandom(seed, 0x466F6C6473UL);
        for (var i = proposals.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (proposals[i], proposals[j]) = (proposals[j], proposals[i]);
        }

        var fold = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < proposals.Length; i++)
        {
            fold[proposals[i]] = i % folds;
        }

        return [.. cases.Select(c => fold[c.ProposalId])];
    }

    /// <summary>Scores every model's intervals.</summary>
    /// <param name="cases">The cases.</param>
    /// <param name="models">Model names.</param>
    /// <param name="points">[case × models + model]: the point forecasts.</param>
    /// <param name="draws">[model][case]: the forecasts over the input draws of each case (NaN for draws the model could not run).</param>
    /// <param name="folds">The fold of each case.</param>
    /// <param name="errorScale">How each case's errors are scaled.</param>
    public static IntervalScore[] Score(IReadOnlyList<BacktestCase> cases, IReadOnlyList<string> models, double[] points, double[][][] draws, int[] folds, ResidualScaleKind errorScale)
    {
        var scales = cases.Select(c => ResidualScale.Of(c.Input, Scale(c), errorScale)).ToArray();
        var n = cases.Count;
        var m = models.Count;
        var foldCount = folds.Max() + 1;
        var scores = new IntervalScore[m];
        for (var k = 0; k < m; k++)
        {
            var inside = IntervalLevels.All.ToDictionary(p => p, _ => 0);
            var width = IntervalLevels.All.ToDictionary(p => p, _ => 0.0);
            var sensitivity = IntervalLevels.All.ToDictionary(p => p, _ => 0.0);
            for (var f = 0; f < foldCount; f++)
            {
                var train = new List<double>();
                var proposals = new HashSet<string>(StringComparer.Ordinal);
                for (var c = 0; c < n; c++)
                {
                    if (folds[c] != f)
                    {
                        train.Add(Math.Abs(cases[c].Outcome - points[(c * m) + k]) / scales[c]);
                        proposals.Add(cases[c].ProposalId);
                    }
                }

                var residuals = new ModelResiduals(models[k], train, proposals.Count, errorScale);
                for (var c = 0; c < n; c++)
                {
                    if (folds[c] != f)
                    {
                        continue;
                    }

                    var valid = draws[k][c].Where(double.IsFinite).ToArray();
                    if (valid.Length == 0)
                    {
                        valid = [points[(c * m) + k]];
                    }

                    var predictive = new PredictiveDistribution(valid, residuals, Scale(cases[c]), scales[c]);
                    var summary = DrawSummary.Of(valid, Scale(cases[c]));
                    foreach (var p in IntervalLevels.All)
                    {
                        var interval = predictive.Central(p);
                        inside[p] += interval.Contains(cases[c].Outcome) ? 1 : 0;
                        width[p] += interval.Width;
                        sensitivity[p] += summary.Intervals.First(i => i.Percent == p).Width;
                    }
                }
            }

            scores[k] = new IntervalScore(
                models[k],
                inside.ToDictionary(p => p.Key, p => p.Value / (double)n),
                width.ToDictionary(p => p.Key, p => p.Value / n),
                sensitivity.ToDictionary(p => p.Key, p => p.Value / n));
        }

        return scores;
    }

    private static Scale Scale(BacktestCase c) => c.Scenario.Issues[0].Scale;
}
