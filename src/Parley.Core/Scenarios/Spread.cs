namespace Parley.Core.Scenarios;

/// <summary>
/// How uncertain one input number is: the distribution a Monte Carlo draw takes it from. Every
/// draw is kept within the number's bounds (a position on its issue's scale, a salience on 0–1,
/// a capability ≥ 0).
/// </summary>
public abstract record Spread
{
    /// <summary>True when the spread has zero width: the number is known exactly and is not drawn.</summary>
    public abstract bool IsZero { get; }
}

/// <summary>A normal distribution around the stated value, truncated to the number's bounds.</summary>
/// <param name="StandardDeviation">The standard deviation (≥ 0), in the number's own units (core units: saliences on 0–1).</param>
public sealed record NormalSpread(double StandardDeviation) : Spread
{
    /// <inheritdoc />
    public override bool IsZero => StandardDeviation == 0;
}

/// <summary>A uniform distribution on [<paramref name="Low"/>, <paramref name="High"/>], which contains the stated value.</summary>
/// <param name="Low">The lowest value a draw can take.</param>
/// <param name="High">The highest value a draw can take (≥ <paramref name="Low"/>).</param>
public sealed record RangeSpread(double Low, double High) : Spread
{
    /// <inheritdoc />
    public override bool IsZero => Low == High;

    /// <summary>True when <paramref name="value"/> lies in the range (ends included).</summary>
    public bool Contains(double value) => value >= Low && value <= High;
}
