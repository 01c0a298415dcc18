using System.Globalization;
using Parley.Core.Models;

namespace Parley.Core.Analysis;

/// <summary>Finds what a path of rounds says about a forecast: cycles, unsettled ends, disagreement between models.</summary>
public static class PathDiagnostics
{
    /// <summary>Models whose forecasts lie further apart than this share of the scale are flagged.</summary>
    public const double DisagreementShare = 0.15;

    /// <summary>Two positions closer than this share of the scale count as equal when looking for a cycle.</summary>
    public const double RepeatTolerance = 1e-6;

    /// <summary>A fixed-length run whose forecast moved more than this share of the scale in its last round is flagged as still moving.</summary>
    public const double StillMovingShare = 0.005;

    /// <summary>The longest period looked for.</summary>
    public const int MaxPeriod = 12;

    /// <summary>
    /// The smallest period p ≥ 2 (up to <see cref="MaxPeriod"/>) with which the positions of the last
    /// 2p + 1 rounds repeat (every actor within <see cref="RepeatTolerance"/> × <paramref name="scaleWidth"/>),
    /// or null when they do not cycle (including when they have settled: period 1).
    /// </summary>
    public static int? CyclePeriod(IReadOnlyList<RoundState> rounds, double scaleWidth)
    {
        Preconditions.NotNull(rounds, nameof(rounds));
        var last = rounds.Count - 1;
        var tol = RepeatTolerance * scaleWidth;
        if (last < 1 || Same(rounds[last], rounds[last - 1], tol))
        {
            return null;
        }

        for (var p = 2; p <= MaxPeriod && (2 * p) <= last; p++)
        {
            var repeats = true;
            for (var t = last; t > last - (p + 1) && repeats; t--)
            {
                repeats = Same(rounds[t], rounds[t - p], tol);
            }

            if (repeats)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>The flags of one model's path on one issue: a cycle, a stop at the round limit, or an unsettled end.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="result">The run as reported (its stop reason and rounds).</param>
    /// <param name="extended">A longer run of the same model, for models of fixed length, to look for a cycle beyond the reported end; null when none was made.</param>
    /// <param name="scaleWidth">The issue's scale width.</param>
    public static IReadOnlyList<ForecastFlag> Flags(string model, IssueResult result, IssueResult? extended, double scaleWidth)
    {
        Preconditions.NotNull(result, nameof(result));
        var flags = new List<ForecastFlag>();
        var path = extended ?? result;
        var period = CyclePeriod(path.Rounds, scaleWidth);
        if (period is { } p)
        {
            var tail = path.Rounds.Skip(path.Rounds.Count - p).Select(r => F(r.Mean)).ToArray();
            flags.Add(new ForecastFlag(FlagKind.Cycles, result.IssueId, model,
                $"{model} cycles with a period of {p} rounds (the weighted mean goes round {string.Join(" → ", tail)}), so its forecast depends on where the run stops.", p));
        }

        if (result.Stop == StopReason.RoundLimit)
        {
            flags.Add(new ForecastFlag(FlagKind.RoundLimit, result.IssueId, model,
                $"{model} stopped at its round limit ({result.RoundsRun}) before its stopping rule was met."));
        }
        else if (period is null && result.Stop == StopReason.FixedRounds && result.Rounds.Count >= 2)
        {
            var moved = Math.Abs(result.Rounds[^1].Mean - result.Rounds[^2].Mean);
            if (moved > StillMovingShare * scaleWidth)
            {
                var range = extended is null ? string.Empty : RangeText(extended, result.Rounds.Count - 1);
                flags.Add(new ForecastFlag(FlagKind.StillMoving, result.IssueId, model,
                    $"{model} was still moving when its {result.RoundsRun} rounds ended (the last round moved the forecast by {F(moved)}){range}."));
            }
        }

        return flags;
    }

    /// <summary>A flag when the forecasts of the models on one issue lie further apart than <see cref="DisagreementShare"/> of the scale; null otherwise.</summary>
    public static ForecastFlag? Disagreement(string issueId, IReadOnlyList<(string Model, double Forecast)> forecasts, double scaleWidth)
    {
        Preconditions.NotNull(forecasts, nameof(forecasts));
        if (forecasts.Count < 2)
        {
            return null;
        }

        var low = forecasts.MinBy(f => f.Forecast);
        var high = forecasts.MaxBy(f => f.Forecast);
        var spread = high.Forecast - low.Forecast;
        return spread > DisagreementShare * scaleWidth
            ? new ForecastFlag(FlagKind.ModelsDisagree, issueId, null,
                $"The models disagree by {F(spread)} points ({F(spread / scaleWidth * 100)}% of the scale): {low.Model} {F(low.Forecast)} to {high.Model} {F(high.Forecast)}.")
            : null;
    }

    private static string RangeText(IssueResult extended, int from)
    {
        var means = extended.Rounds.Skip(from).Select(r => r.Mean).ToArray();
        return means.Length < 2 ? string.Empty : $"; run on to round {extended.Rounds.Count - 1}, it ranges over {F(means.Min())}–{F(means.Max())}";
    }

    private static bool Same(RoundState a, RoundState b, double tol)
    {
        for (var i = 0; i < a.Positions.Count; i++)
        {
            if (Math.Abs(a.Positions[i] - b.Positions[i]) > tol)
            {
                return false;
            }
        }

        return true;
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
