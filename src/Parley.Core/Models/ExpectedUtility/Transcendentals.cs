using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// The exponentials and logarithms of the model, four at a time (the runtime's vectorised
/// <see cref="Vector256.Exp(Vector256{double})"/> and <see cref="Vector256.Log(Vector256{double})"/>,
/// within a few units in the last place of <see cref="Math.Exp(double)"/> and <see cref="Math.Log(double)"/>, at
/// about half their cost). Every value, including a single one and the tail of a span, goes
/// through the same lane-wise routine, so equal arguments give equal bits wherever they sit: both
/// ways of computing a round (<see cref="TableRound"/>, <see cref="SmallRound"/>) use these and
/// stay bit-identical. Log(0) = −∞ and Exp(−∞) = 0, as 0^r = 0 needs.
/// </summary>
internal static class Transcendentals
{
    /// <summary>ln ½, for ½^r = exp(r·ln ½).</summary>
    public const double LnHalf = -0.6931471805599453;

    /// <summary>Below this, e^x is computed apart (0 below −745.2, where it underflows).</summary>
    private const double ExpLow = -700;

    /// <summary>Above this, e^x is computed apart.</summary>
    private const double ExpHigh = 700;

    /// <summary>The smallest positive normal double: ln x below it (and at 0) is computed apart.</summary>
    private const double MinNormal = 2.2250738585072014E-308;

    /// <summary>e^<paramref name="x"/>.</summary>
    public static double Exp(double x) => x >= ExpLow && x <= ExpHigh ? Vector256.Exp(Vector256.Create(x)).ToScalar() : ExpApart(x);

    /// <summary>ln <paramref name="x"/>.</summary>
    public static double Log(double x) => x >= MinNormal && x <= double.MaxValue ? Vector256.Log(Vector256.Create(x)).ToScalar() : LogApart(x);

    /// <summary>
    /// Replaces every value of <paramref name="values"/> by its exponential. The runtime's routine
    /// computes a whole vector by another method when one lane is out of its range (e.g. −∞), which
    /// would make a lane's result depend on its neighbours: such lanes are computed apart.
    /// </summary>
    public static void ExpInPlace(Span<double> values)
    {
        ref var start = ref MemoryMarshal.GetReference(values);
        var low = Vector256.Create(ExpLow);
        var high = Vector256.Create(ExpHigh);
        var i = 0;
        for (; i + 4 <= values.Length; i += 4)
        {
            var v = Vector256.LoadUnsafe(ref start, (nuint)i);
            var inside = Vector256.GreaterThanOrEqual(v, low) & Vector256.LessThanOrEqual(v, high);
            if (inside.ExtractMostSignificantBits() == 0b1111)
            {
                Vector256.Exp(v).StoreUnsafe(ref start, (nuint)i);
                continue;
            }

            Vector256.Exp(Vector256.ConditionalSelect(inside, v, Vector256<double>.Zero)).StoreUnsafe(ref start, (nuint)i);
            for (var k = i; k < i + 4; k++)
            {
                if (!(v[k - i] >= ExpLow && v[k - i] <= ExpHigh))
                {
                    values[k] = ExpApart(v[k - i]);
                }
            }
        }

        for (; i < values.Length; i++)
        {
            values[i] = Exp(values[i]);
        }
    }

    /// <summary>Replaces every value of <paramref name="values"/> by its natural logarithm (lanes outside the normal positive numbers apart, as in <see cref="ExpInPlace"/>).</summary>
    public static void LogInPlace(Span<double> values)
    {
        ref var start = ref MemoryMarshal.GetReference(values);
        var low = Vector256.Create(MinNormal);
        var high = Vector256.Create(double.MaxValue);
        var i = 0;
        for (; i + 4 <= values.Length; i += 4)
        {
            var v = Vector256.LoadUnsafe(ref start, (nuint)i);
            var inside = Vector256.GreaterThanOrEqual(v, low) & Vector256.LessThanOrEqual(v, high);
            if (inside.ExtractMostSignificantBits() == 0b1111)
            {
                Vector256.Log(v).StoreUnsafe(ref start, (nuint)i);
                continue;
            }

            Vector256.Log(Vector256.ConditionalSelect(inside, v, Vector256<double>.One)).StoreUnsafe(ref start, (nuint)i);
            for (var k = i; k < i + 4; k++)
            {
                if (!(v[k - i] >= MinNormal && v[k - i] <= double.MaxValue))
                {
                    values[k] = LogApart(v[k - i]);
                }
            }
        }

        for (; i < values.Length; i++)
        {
            values[i] = Log(values[i]);
        }
    }

    /// <summary>e^x outside [−700, 700]: 0 where it underflows, else the scalar routine (never reached by the model's arguments, which lie in about [−80, 0]).</summary>
    private static double ExpApart(double x) => x < -745.2 ? 0 : Math.Exp(x);

    /// <summary>ln x outside the normal positive numbers: −∞ at 0, else the scalar routine.</summary>
    private static double LogApart(double x) => x == 0 ? double.NegativeInfinity : Math.Log(x);
}
