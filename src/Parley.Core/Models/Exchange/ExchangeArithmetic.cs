using System.Numerics;
using Parley.Core.Numerics;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// The number type the exchange engine computes in, with the constants of the model in that type
/// and the conversions at its boundaries. <see cref="ExchangeArithmetic.Binary64"/> is the fast path
/// that forecasts use; <see cref="ExchangeArithmetic.Decimal28"/> is the reference's 28-digit
/// decimal arithmetic (EXCHANGE-SPEC §0.1), to reproduce its outputs digit for digit.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed class ExchangeArithmetic<T>
    where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
        IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
{
    /// <summary>Creates an arithmetic from its conversions and constants.</summary>
    /// <param name="fromInput">How an input number (position, salience, power, scale bound) becomes a <typeparamref name="T"/>.</param>
    /// <param name="toDouble">How a result becomes a double for Parley's result contract.</param>
    /// <param name="exact">The exact value of a double constant (the retention weights and the 1e-10 threshold are binary doubles in the reference).</param>
    /// <param name="crossingTolerance">|T − NBS| at or below this counts as 0 in the NBS crossing test (EXCHANGE-SPEC §9).</param>
    /// <param name="rowOrderSums">True to recompute every adjusted NBS as the reference does (a sum over all actors in row order); false to update the round's sum by the few terms that differ.</param>
    public ExchangeArithmetic(Func<double, T> fromInput, Func<T, double> toDouble, Func<double, T> exact, double crossingTolerance, bool rowOrderSums)
    {
        RowOrderSums = rowOrderSums;
        FromInput = Preconditions.NotNull(fromInput, nameof(fromInput));
        ToDouble = Preconditions.NotNull(toDouble, nameof(toDouble));
        Preconditions.NotNull(exact, nameof(exact));
        Preconditions.Check(crossingTolerance >= 0 && double.IsFinite(crossingTolerance), nameof(crossingTolerance), "The crossing tolerance must be a finite number ≥ 0.");
        Zero = T.AdditiveIdentity;
        One = exact(1);
        Hundred = exact(100);
        RetentionSalience = exact(0.4);
        RetentionFloor = exact(0.1);
        Threshold = exact(1e-10);
        CrossingTolerance = exact(crossingTolerance);
    }

    /// <summary>Converts an input number.</summary>
    public Func<double, T> FromInput { get; }

    /// <summary>Converts a result to a double.</summary>
    public Func<T, double> ToDouble { get; }

    /// <summary>0.</summary>
    public T Zero { get; }

    /// <summary>1.</summary>
    public T One { get; }

    /// <summary>100: the top of the internal scale and the largest move.</summary>
    public T Hundred { get; }

    /// <summary>W_S = 0.4 (as a binary double): the share of a move kept per unit of (1 − salience).</summary>
    public T RetentionSalience { get; }

    /// <summary>W_F = 0.1 (as a binary double): the share of a move always kept.</summary>
    public T RetentionFloor { get; }

    /// <summary>1e-10 (as a binary double): the smallest move and gain that count.</summary>
    public T Threshold { get; }

    /// <summary>|T − NBS| at or below this counts as exactly 0 in the NBS crossing test.</summary>
    public T CrossingTolerance { get; }

    /// <summary>
    /// True when every adjusted NBS is summed over all actors in row order, as the reference does
    /// (O(actors) each; needed to match 28-digit decimals digit for digit). False when it is the
    /// round's sum plus the terms that differ (O(1)); in doubles that changes only the last bits.
    /// </summary>
    public bool RowOrderSums { get; }

    /// <summary>|<paramref name="value"/>|.</summary>
    public T Abs(T value) => value < Zero ? -value : value;
}

/// <summary>The two arithmetics Parley runs the exchange model in.</summary>
public static class ExchangeArithmetic
{
    /// <summary>The crossing tolerance of the double path: it reproduces the reference's exactly-zero NBS crossings (EXCHANGE-SPEC §9).</summary>
    public const double DoubleCrossingTolerance = 1e-9;

    /// <summary>IEEE doubles: the fast path, with a 1e-9 tolerance on the NBS crossing test and updated (not re-summed) NBS sums by default.</summary>
    public static ExchangeArithmetic<double> Binary64(double crossingTolerance = DoubleCrossingTolerance, bool rowOrderSums = false) =>
        new(x => x, x => x, x => x, crossingTolerance, rowOrderSums);

    /// <summary>
    /// The reference's 28-digit decimal arithmetic (EXCHANGE-SPEC §0.1), no tolerance. Input numbers
    /// become the shortest decimal that round-trips to their double (the file's literal whenever it
    /// has at most 15 significant digits); the constants are the exact values of their binary doubles.
    /// </summary>
    public static ExchangeArithmetic<Dec28> Decimal28() =>
        new(Dec28.FromShortest, x => x.ToDouble(), Dec28.FromDouble, 0, rowOrderSums: true);
}
