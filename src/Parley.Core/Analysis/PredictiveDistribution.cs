using Parley.Core.Scenarios;

namespace Parley.Core.Analysis;

/// <summary>
/// The distribution of the outcome that a model's forecasts and its past errors imply:
/// Z = F + σ·S·R, where F is the model's forecast on a random input draw, R a past absolute error
/// (in units of the error scale σ, see <see cref="ResidualScale"/>, from
/// <see cref="ModelResiduals"/>), S a fair random sign, and Z
/// is kept on the scale (mass beyond an end sits at the end). The quantiles are computed exactly
/// (bisection on the mixture's distribution function), with no further random numbers; more than
/// <see cref="MaxPoints"/> draws are represented by that many of their quantiles.
/// </summary>
public sealed class PredictiveDistribution
{
    /// <summary>The most forecast points kept; more draws are summarised by their quantiles.</summary>
    public const int MaxPoints = 256;

    /// <summary>Probabilities this close count as equal (shares such as 19/20 are not exact in binary).</summary>
    private const double ProbabilityTolerance = 1e-12;

    private readonly double[] _points;
    private readonly ModelResiduals _residuals;
    private readonly double _min;
    private readonly double _max;
    private readonly double _width;
    private readonly double _errorScale;

    /// <summary>Creates the distribution of <paramref name="forecasts"/> (the point forecast, or one per draw) widened by <paramref name="residuals"/> times <paramref name="errorScale"/>, on <paramref name="scale"/>.</summary>
    public PredictiveDistribution(ReadOnlySpan<double> forecasts, ModelResiduals residuals, Scale scale, double errorScale)
    {
        Preconditions.Check(errorScale > 0 && double.IsFinite(errorScale), nameof(errorScale), "The error scale must be a positive finite number.");
        Preconditions.Check(forecasts.Length > 0, nameof(forecasts), "At least one forecast is needed.");
        _residuals = Preconditions.NotNull(residuals, nameof(residuals));
        Preconditions.NotNull(scale, nameof(scale));
        _min = scale.Minimum;
        _max = scale.Maximum;
        _width = scale.Maximum - scale.Minimum;
        _errorScale = errorScale;
        var sorted = forecasts.ToArray();
        Array.Sort(sorted);
        if (sorted.Length <= MaxPoints)
        {
            _points = sorted;
        }
        else
        {
            _points = new double[MaxPoints];
            for (var i = 0; i < MaxPoints; i++)
            {
                _points[i] = Quantiles.OfSorted(sorted, (i + 0.5) / MaxPoints);
            }
        }
    }

    /// <summary>P(Z ≤ <paramref name="value"/>).</summary>
    public double Cdf(double value)
    {
        if (value >= _max)
        {
            return 1;
        }

        if (value < _min)
        {
            return 0;
        }

        var total = 0.0;
        foreach (var f in _points)
        {
            var e = (value - f) / _errorScale;
            total += e >= 0 ? 0.5 + (0.5 * _residuals.ShareAtOrBelow(e)) : 0.5 * (1 - _residuals.ShareBelow(-e));
        }

        return total / _points.Length;
    }

    /// <summary>P(Z &lt; <paramref name="value"/>).</summary>
    public double CdfBelow(double value)
    {
        if (value > _max)
        {
            return 1;
        }

        if (value <= _min)
        {
            return 0;
        }

        var total = 0.0;
        foreach (var f in _points)
        {
            var e = (value - f) / _errorScale;
            total += e > 0 ? 0.5 + (0.5 * _residuals.ShareBelow(e)) : 0.5 * (1 - _residuals.ShareAtOrBelow(-e));
        }

        return total / _points.Length;
    }

    /// <summary>The largest value v on the scale with P(Z &lt; v) ≤ <paramref name="probability"/>: the lower end of a central interval, the mirror of <see cref="Quantile"/>.</summary>
    public double LowerQuantile(double probability)
    {
        Preconditions.Check(probability is >= 0 and <= 1, nameof(probability), "A probability lies in [0, 1].");
        probability += ProbabilityTolerance;
        if (CdfBelow(_max) <= probability)
        {
            return _max;
        }

        var lo = _min;
        var hi = _max;
        for (var i = 0; i < 200 && hi - lo > 1e-12 * _width; i++)
        {
            var mid = lo + ((hi - lo) / 2);
            if (CdfBelow(mid) <= probability)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The smallest value v on the scale with P(Z ≤ v) ≥ <paramref name="probability"/>.</summary>
    public double Quantile(double probability)
    {
        Preconditions.Check(probability is >= 0 and <= 1, nameof(probability), "A probability lies in [0, 1].");
        probability -= ProbabilityTolerance;
        if (Cdf(_min) >= probability)
        {
            return _min;
        }

        var lo = _min;
        var hi = _max;
        for (var i = 0; i < 200 && hi - lo > 1e-12 * _width; i++)
        {
            var mid = lo + ((hi - lo) / 2);
            if (Cdf(mid) >= probability)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    /// <summary>
    /// The central interval at <paramref name="percent"/>%: from the largest v with P(Z &lt; v) ≤ α/2
    /// to the smallest v with P(Z ≤ v) ≥ 1 − α/2, so that a symmetric distribution gets a symmetric
    /// interval even where it has atoms (as past errors on coarse scales do).
    /// </summary>
    public Interval Central(int percent)
    {
        var (lower, upper) = IntervalLevels.Tails(percent);
        return new Interval(percent, LowerQuantile(lower), Quantile(upper));
    }
}
