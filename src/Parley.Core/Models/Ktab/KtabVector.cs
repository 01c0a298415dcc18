using System.Numerics;
using System.Runtime.CompilerServices;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// SIMD versions of the hot loops. Every lane performs exactly the scalar operations of
/// <see cref="KtabPrimitives"/> and <see cref="KtabElection"/> in the same order (no fused multiply-add, no reassociation):
/// vectors only run independent evaluations side by side, never a reordered sum.
/// </summary>
internal static class KtabVector
{
    /// <summary>dst[k] = util(delta[k], r[k]) (§3.2.2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Util(ReadOnlySpan<double> delta, ReadOnlySpan<double> r, Span<double> dst)
    {
        var n = delta.Length;
        var t = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var len = Vector<double>.Count;
            var one = Vector<double>.One;
            for (; t <= n - len; t += len)
            {
                var d = new Vector<double>(delta[t..]);
                var rr = new Vector<double>(r[t..]);
                var omd = one - d;
                var near = omd * (one + (d * rr));
                var far = omd * (one + rr);
                Vector.ConditionalSelect(Vector.LessThanOrEqual(d, one), near, far).CopyTo(dst[t..]);
            }
        }

        for (; t < n; t++)
        {
            dst[t] = KtabPrimitives.Util(delta[t], r[t]);
        }
    }

    /// <summary>dst[k] = util(delta[k], r) for one risk attitude r (§3.2.2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Util(ReadOnlySpan<double> delta, double r, Span<double> dst)
    {
        var n = delta.Length;
        var t = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var len = Vector<double>.Count;
            var one = Vector<double>.One;
            var rr = new Vector<double>(r);
            for (; t <= n - len; t += len)
            {
                var d = new Vector<double>(delta[t..]);
                var omd = one - d;
                var near = omd * (one + (d * rr));
                var far = omd * (one + rr);
                Vector.ConditionalSelect(Vector.LessThanOrEqual(d, one), near, far).CopyTo(dst[t..]);
            }
        }

        for (; t < n; t++)
        {
            dst[t] = KtabPrimitives.Util(delta[t], r);
        }
    }

    /// <summary>
    /// Row i of the coalition matrix under the Prop rule: for every j &lt; i, pos[j] = 1e-8 + Σₖ max(vₖ, 0)
    /// and neg[j] = 1e-8 − Σₖ min(vₖ, 0) with vₖ = wₖ·(u(k,i) − u(k,j)), summed over voters k in order.
    /// Blocks of options j stay in registers while the voters stream past.
    /// </summary>
    public static void CoalitionRowProp(ReadOnlySpan<double> w, ReadOnlySpan<double> u, int m, int i, Span<double> pos, Span<double> neg)
    {
        var n = w.Length;
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var len = Vector<double>.Count;
            var zero = Vector<double>.Zero;
            var floor = new Vector<double>(1e-8);
            for (; j <= i - (2 * len); j += 2 * len)
            {
                var posA = floor;
                var negA = floor;
                var posB = floor;
                var negB = floor;
                for (var k = 0; k < n; k++)
                {
                    var row = u.Slice(k * m, m);
                    var vw = new Vector<double>(w[k]);
                    var vi = new Vector<double>(row[i]);
                    var vA = vw * (vi - new Vector<double>(row[j..]));
                    var vB = vw * (vi - new Vector<double>(row[(j + len)..]));
                    posA += Vector.Max(vA, zero);
                    negA -= Vector.Min(vA, zero);
                    posB += Vector.Max(vB, zero);
                    negB -= Vector.Min(vB, zero);
                }

                posA.CopyTo(pos[j..]);
                negA.CopyTo(neg[j..]);
                posB.CopyTo(pos[(j + len)..]);
                negB.CopyTo(neg[(j + len)..]);
            }
        }

        for (; j < i; j++)
        {
            double p = 1e-8, q = 1e-8;
            for (var k = 0; k < n; k++)
            {
                var v = w[k] * (u[(k * m) + i] - u[(k * m) + j]);
                if (v > 0)
                {
                    p += v;
                }
                else if (v < 0)
                {
                    q -= v;
                }
            }

            pos[j] = p;
            neg[j] = q;
        }
    }
}
