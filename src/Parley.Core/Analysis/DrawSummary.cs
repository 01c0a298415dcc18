using Parley.Core.Scenarios;

namespace Parley.Core.Analysis;

/// <summary>How a model's forecast spreads over the input draws: the input sensitivity.</summary>
/// <param name="Draws">The number of draws.</param>
/// <param name="Median">The median forecast over the draws.</param>
/// <param name="Intervals">The central 50, 80 and 95% intervals of the forecasts over the draws.</param>
/// <param name="Histogram">The forecasts over the draws, counted in equal bins across the scale.</param>
public sealed record DrawSummary(int Draws, double Median, IReadOnlyList<Interval> Intervals, Histogram Histogram)
{
    /// <summary>The number of histogram bins across a scale.</summary>
    public const int Bins = 20;

    /// <summary>Summarises <paramref name="forecasts"/> (one per draw) on <paramref name="scale"/>.</summary>
    public static DrawSummary Of(ReadOnlySpan<double> forecasts, Scale scale)
    {
        Preconditions.Check(forecasts.Length > 0, nameof(forecasts), "At least one draw is needed.");
        Preconditions.NotNull(scale, nameof(scale));
        var sorted = forecasts.ToArray();
        Array.Sort(sorted);
        var intervals = IntervalLevels.All.Select(p =>
        {
            var (lo, hi) = IntervalLevels.Tails(p);
            return new Interval(p, Quantiles.OfSorted(sorted, lo), Quantiles.OfSorted(sorted, hi));
        }).ToArray();
        return new DrawSummary(sorted.Length, Quantiles.OfSorted(sorted, 0.5), intervals, Histogram.Of(sorted, scale.Minimum, scale.Maximum, Bins));
    }
}

/// <summary>Counts of values in equal bins from <paramref name="Minimum"/> to <paramref name="Maximum"/> (the last bin includes the maximum).</summary>
/// <param name="Minimum">The lower edge of the first bin.</param>
/// <param name="Maximum">The upper edge of the last bin.</param>
/// <param name="Counts">The number of values in each bin.</param>
public sealed record Histogram(double Minimum, double Maximum, IReadOnlyList<int> Counts)
{
    /// <summary>Counts <paramref name="values"/> in <paramref name="bins"/> equal bins over [<paramref name="min"/>, <paramref name="max"/>]; values outside go to the end bins.</summary>
    public static Histogram Of(ReadOnlySpan<double> values, double min, double max, int bins)
    {
        Preconditions.Check(bins > 0, nameof(bins), "A histogram needs at least one bin.");
        Preconditions.Check(max > min, nameof(max), "The histogram's maximum must exceed its minimum.");
        var counts = new int[bins];
        foreach (var v in values)
        {
            var b = (int)Math.Floor((v - min) / (max - min) * bins);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }

        return new Histogram(min, max, counts);
    }
}
