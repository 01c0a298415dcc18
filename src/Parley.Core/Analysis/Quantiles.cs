namespace Parley.Core.Analysis;

/// <summary>Quantiles of samples, interpolating linearly between order statistics (Hyndman–Fan type 7, as R's default).</summary>
public static class Quantiles
{
    /// <summary>The <paramref name="probability"/> quantile of <paramref name="sorted"/> (ascending, at least one value).</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double probability)
    {
        Preconditions.Check(sorted.Length > 0, nameof(sorted), "At least one value is needed.");
        Preconditions.Check(probability >= 0 && probability <= 1, nameof(probability), "The probability must lie in [0, 1].");
        var h = (sorted.Length - 1) * probability;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The share of <paramref name="sorted"/> (ascending) at or below <paramref name="value"/>.</summary>
    public static double ShareAtOrBelow(ReadOnlySpan<double> sorted, double value)
    {
        var lo = 0;
        var hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return sorted.Length == 0 ? 0 : lo / (double)sorted.Length;
    }
}
