namespace Parley.Core.Analysis;

/// <summary>
/// How far real outcomes have fallen from one model's forecasts: the absolute errors
/// |outcome − forecast| of a backtest, each divided by its issue's error scale
/// (<see cref="ResidualScale"/>), sorted. This is what a calibrated forecast interval is made from
/// (see <see cref="ForecastCalibration"/>).
/// </summary>
public sealed class ModelResiduals
{
    private readonly double[] _sorted;

    /// <summary>Creates the residuals of <paramref name="model"/> from scaled absolute errors (each finite and ≥ 0).</summary>
    public ModelResiduals(string model, IEnumerable<double> errorShares, int proposals, ResidualScaleKind scale = ResidualScaleKind.PositionSpread)
    {
        Model = Preconditions.NotNull(model, nameof(model));
        _sorted = [.. Preconditions.NotNull(errorShares, nameof(errorShares))];
        Preconditions.Check(_sorted.Length > 0, nameof(errorShares), "At least one residual is needed.");
        Preconditions.Check(_sorted.All(e => double.IsFinite(e) && e >= 0), nameof(errorShares), "Residuals must be finite and ≥ 0.");
        Array.Sort(_sorted);
        Proposals = proposals;
        Scale = scale;
    }

    /// <summary>How each issue's errors were scaled; forecasts must scale theirs the same way.</summary>
    public ResidualScaleKind Scale { get; }

    /// <summary>The model's name.</summary>
    public string Model { get; }

    /// <summary>The scaled absolute errors, ascending.</summary>
    public ReadOnlySpan<double> Sorted => _sorted;

    /// <summary>The residuals as a list, ascending (for serialisation).</summary>
    public IReadOnlyList<double> Values => _sorted;

    /// <summary>The number of issues they come from.</summary>
    public int Count => _sorted.Length;

    /// <summary>The number of proposals (independent negotiations) they come from.</summary>
    public int Proposals { get; }

    /// <summary>P(|E| ≤ <paramref name="share"/>) under the empirical distribution.</summary>
    public double ShareAtOrBelow(double share) => Quantiles.ShareAtOrBelow(_sorted, share);

    /// <summary>P(|E| &lt; <paramref name="share"/>) under the empirical distribution.</summary>
    public double ShareBelow(double share)
    {
        var lo = 0;
        var hi = _sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_sorted[mid] < share)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo / (double)_sorted.Length;
    }
}
