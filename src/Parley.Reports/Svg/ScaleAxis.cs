namespace Parley.Reports.Svg;

/// <summary>Maps a stretch of an issue's scale onto a stretch of a chart, and draws its ticks.</summary>
/// <param name="Minimum">The lowest value shown.</param>
/// <param name="Maximum">The highest value shown.</param>
/// <param name="Left">The x (or y) of <paramref name="Minimum"/>.</param>
/// <param name="Right">The x (or y) of <paramref name="Maximum"/>.</param>
internal sealed record ScaleAxis(double Minimum, double Maximum, double Left, double Right)
{
    /// <summary>Where <paramref name="value"/> lies on the chart (clamped to the axis).</summary>
    public double At(double value)
    {
        var span = Maximum - Minimum;
        var t = span > 0 ? (Math.Clamp(value, Minimum, Maximum) - Minimum) / span : 0.5;
        return Left + (t * (Right - Left));
    }

    /// <summary>Round tick values across the axis: about <paramref name="count"/> of them at 1, 2 or 5 × a power of ten.</summary>
    public IReadOnlyList<double> Ticks(int count = 5)
    {
        var span = Maximum - Minimum;
        if (!(span > 0))
        {
            return [Minimum];
        }

        var raw = span / Math.Max(1, count);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * power).First(s => s >= raw);
        var ticks = new List<double>();
        for (var v = Math.Ceiling(Minimum / step) * step; v <= Maximum + (step * 1e-9); v += step)
        {
            ticks.Add(Math.Round(v, 10));
        }

        return ticks;
    }

    /// <summary>The axis grown to round numbers around [<paramref name="low"/>, <paramref name="high"/>] with a margin, within the scale.</summary>
    public static (double Low, double High) Around(double low, double high, double scaleMin, double scaleMax)
    {
        var span = Math.Max(high - low, (scaleMax - scaleMin) / 50);
        var lo = Math.Max(scaleMin, low - (span * 0.15));
        var hi = Math.Min(scaleMax, high + (span * 0.15));
        return (lo, hi > lo ? hi : lo + 1);
    }
}
