namespace Parley.Core.Models;

/// <summary>Summary statistics of positions on one issue, shared by every model.</summary>
public static class IssueStatistics
{
    /// <summary>The unweighted mean of <paramref name="positions"/>.</summary>
    public static double Mean(ReadOnlySpan<double> positions)
    {
        Preconditions.Check(positions.Length > 0, nameof(positions), "At least one position is needed.");
        var sum = 0.0;
        foreach (var x in positions)
        {
            sum += x;
        }

        return sum / positions.Length;
    }

    /// <summary>The middle position, or the mean of the two middle ones.</summary>
    public static double Median(ReadOnlySpan<double> positions)
    {
        Preconditions.Check(positions.Length > 0, nameof(positions), "At least one position is needed.");
        var sorted = positions.ToArray();
        Array.Sort(sorted);
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>
    /// Σ wᵢxᵢ / Σ wᵢ. When every weight is zero the unweighted mean is returned, so that the
    /// result is never NaN.
    /// </summary>
    public static double WeightedMean(ReadOnlySpan<double> positions, ReadOnlySpan<double> weights)
    {
        Preconditions.Check(positions.Length > 0 && positions.Length == weights.Length, nameof(positions), "Positions and weights must be non-empty and of equal length.");
        double sw = 0, swx = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            sw += weights[i];
            swx += weights[i] * positions[i];
        }

        return sw > 0 ? swx / sw : Mean(positions);
    }

    /// <summary>The capability × salience weighted mean (the compromise model).</summary>
    public static double WeightedMean(ReadOnlySpan<double> positions, ReadOnlySpan<double> capabilities, ReadOnlySpan<double> saliences)
    {
        Span<double> w = positions.Length <= 256 ? stackalloc double[positions.Length] : new double[positions.Length];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = capabilities[i] * saliences[i];
        }

        return WeightedMean(positions, w);
    }

    /// <summary>
    /// The weighted median voter: the actor position x that maximises Σₖ Σᵢ vᵢ(x, xₖ) with
    /// vᵢ(a, b) = wᵢ(|xᵢ − b| − |xᵢ − a|). Since the double sum equals a constant minus
    /// n·Σᵢ wᵢ|xᵢ − x|, this is the actor position that minimises Σᵢ wᵢ|xᵢ − x|, computed in
    /// O(n log n) with prefix sums. Ties go to the actor first in input order.
    /// </summary>
    public static double MedianVoter(ReadOnlySpan<double> positions, ReadOnlySpan<double> weights)
    {
        var n = positions.Length;
        Preconditions.Check(n > 0 && n == weights.Length, nameof(positions), "Positions and weights must be non-empty and of equal length.");
        var order = new int[n];
        var sortedX = new double[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            sortedX[i] = positions[i];
        }

        Array.Sort(sortedX, order);
        // prefix[k] = Σ over the k lowest positions.
        var prefixW = new double[n + 1];
        var prefixWx = new double[n + 1];
        for (var k = 0; k < n; k++)
        {
            var w = weights[order[k]];
            prefixW[k + 1] = prefixW[k] + w;
            prefixWx[k + 1] = prefixWx[k] + (w * sortedX[k]);
        }

        var best = double.PositiveInfinity;
        var bestX = positions[0];
        for (var i = 0; i < n; i++)
        {
            var x = positions[i];
            // Actors strictly below x contribute w(x − xᵢ); those at or above contribute w(xᵢ − x).
            var below = LowerBound(sortedX, x);
            var cost = (x * prefixW[below]) - prefixWx[below]
                + (prefixWx[n] - prefixWx[below]) - (x * (prefixW[n] - prefixW[below]));
            if (cost < best)
            {
                best = cost;
                bestX = x;
            }
        }

        return bestX;
    }

    /// <summary>The capability × salience weighted median voter.</summary>
    public static double MedianVoter(ReadOnlySpan<double> positions, ReadOnlySpan<double> capabilities, ReadOnlySpan<double> saliences)
    {
        var w = new double[positions.Length];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = capabilities[i] * saliences[i];
        }

        return MedianVoter(positions, w);
    }

    /// <summary>The first index in the sorted array whose value is not below <paramref name="value"/>.</summary>
    internal static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
