namespace Parley.Core.Scenarios;

/// <summary>How far an input number may be off: a spread around the value the scenario states.</summary>
public abstract record Spread;

/// <summary>A normal spread with the given standard deviation around the stated value; draws are truncated to the number's bounds.</summary>
/// <param name="StandardDeviation">The standard deviation (≥ 0).</param>
public sealed record NormalSpread(double StandardDeviation) : Spread;

/// <summary>A uniform spread over [<paramref name="Low"/>, <paramref name="High"/>].</summary>
/// <param name="Low">The lowest value.</param>
/// <param name="High">The highest value.</param>
public sealed record RangeSpread(double Low, double High) : Spread;
