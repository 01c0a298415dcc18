namespace Parley.Core.Analysis;

/// <summary>The central intervals Parley reports: 50, 80 and 95 percent.</summary>
public static class IntervalLevels
{
    /// <summary>The levels, in percent, narrowest first.</summary>
    public static IReadOnlyList<int> All { get; } = [50, 80, 95];

    /// <summary>The lower and upper tail probabilities of the central <paramref name="percent"/>% interval.</summary>
    public static (double Lower, double Upper) Tails(int percent)
    {
        Preconditions.Check(percent is > 0 and < 100, nameof(percent), "An interval level lies strictly between 0 and 100 percent.");
        var alpha = (100 - percent) / 200.0;
        return (alpha, 1 - alpha);
    }
}

/// <summary>A central interval [<paramref name="Low"/>, <paramref name="High"/>] at <paramref name="Percent"/>%.</summary>
/// <param name="Percent">The level: 50, 80 or 95.</param>
/// <param name="Low">The lower end.</param>
/// <param name="High">The upper end.</param>
public sealed record Interval(int Percent, double Low, double High)
{
    /// <summary>The interval's width.</summary>
    public double Width => High - Low;

    /// <summary>True when <paramref name="value"/> lies in the interval (ends included).</summary>
    public bool Contains(double value) => value >= Low && value <= High;
}
