using Parley.Core.Scenarios;
using Parley.Core.Simulation;

namespace Parley.Core.Uncertainty;

/// <summary>
/// Draws one number from a <see cref="Spread"/>, kept within bounds. A normal spread is truncated
/// to the bounds by rejection (at most <see cref="MaxRejections"/> tries; a spread so wide that
/// they all miss is practically uniform on the bounds, which is then drawn instead); a range is
/// uniform on the range intersected with the bounds. How many numbers are taken from the generator
/// depends only on the generator's stream, so draws are reproducible.
/// </summary>
internal static class SpreadSampler
{
    /// <summary>The most normal draws tried before falling back to a uniform draw on the bounds.</summary>
    public const int MaxRejections = 1000;

    /// <summary>A draw around <paramref name="value"/> from <paramref name="spread"/>, within [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static double Draw(SeededRandom rng, Spread spread, double value, double low, double high)
    {
        switch (spread)
        {
            case NormalSpread normal:
                var sd = normal.StandardDeviation;
                if (!(sd > 0))
                {
                    return value;
                }

                for (var attempt = 0; attempt < MaxRejections; attempt++)
                {
                    var x = value + (sd * rng.NextGaussian());
                    if (x >= low && x <= high)
                    {
                        return x;
                    }
                }

                return Uniform(rng, low, high);
            case RangeSpread range:
                return Uniform(rng, Math.Max(low, range.Low), Math.Min(high, range.High));
            default:
                throw new ArgumentException($"Unknown spread type {spread.GetType().Name}.", nameof(spread));
        }
    }

    private static double Uniform(SeededRandom rng, double low, double high) =>
        high > low ? low + ((high - low) * rng.NextDouble()) : low;
}
