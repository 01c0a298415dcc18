using System.Runtime.CompilerServices;
using System.Numerics;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// SIMD versions of the hot loops. Every lane performs exactly the scalar operations of
/// <see cref="KtabPrimitives"/> in the same order (no fused multiply-add, no reassociation):
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
    /// The third-party votes vn of a challenge (§3.4 step 5) under the Prop voting rule, for every n:
    /// pos[n] = max(vn, 0) and neg[n] = min(vn, 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ThirdPartyVotesProp(
        ReadOnlySpan<double> colI, ReadOnlySpan<double> colJ, ReadOnlySpan<double> diag, ReadOnlySpan<double> w,
        double a0, double b0, KtabThirdPartyCommit tpc, Span<double> pos, Span<double> neg)
    {
        var n = colI.Length;
        var t = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var len = Vector<double>.Count;
            var one = Vector<double>.One;
            var zero = Vector<double>.Zero;
            var va0 = new Vector<double>(a0);
            var vb0 = new Vector<double>(b0);
            for (; t <= n - len; t += len)
            {
                var uni = new Vector<double>(colI[t..]);
                var unj = new Vector<double>(colJ[t..]);
                var unn = new Vector<double>(diag[t..]);
                var wt = new Vector<double>(w[t..]);
                var v = wt * (uni - unj);
                var ci = Vector.ConditionalSelect(Vector.GreaterThan(v, zero), va0 + v, va0);
                var cj = Vector.ConditionalSelect(Vector.LessThan(v, zero), vb0 - v, vb0);
                var pi = ci / (ci + cj);
                var pi2 = one - pi;
                var uni2 = uni + uni;
                var unj2 = unj + unj;
                Vector<double> alpha, beta, gamma, eps;
                if (tpc == KtabThirdPartyCommit.SemiCommit)
                {
                    alpha = uni2 + unn;
                    beta = unj2 + unj;
                    gamma = uni2 + uni;
                    eps = unj2 + unn;
                }
                else if (tpc == KtabThirdPartyCommit.FullCommit)
                {
                    alpha = uni2 + uni;
                    beta = unj2 + unj;
                    gamma = alpha;
                    eps = beta;
                }
                else
                {
                    alpha = uni2 + unn;
                    beta = unj2 + unn;
                    gamma = alpha;
                    eps = beta;
                }

                var joinI = (pi * alpha) + (pi2 * beta);
                var joinJ = (pi * gamma) + (pi2 * eps);
                var vn = wt * (joinI - joinJ);
                Vector.Max(vn, zero).CopyTo(pos[t..]);
                Vector.Min(vn, zero).CopyTo(neg[t..]);
            }
        }

        for (; t < n; t++)
        {
            var uni = colI[t];
            var unj = colJ[t];
            var unn = diag[t];
            var wt = w[t];
            var v = wt * (uni - unj);
            var ci = v > 0 ? a0 + v : a0;
            var cj = v < 0 ? b0 - v : b0;
            var pi = ci / (ci + cj);
            var pi2 = 1.0 - pi;
            double alpha, beta, gamma, eps;
            if (tpc == KtabThirdPartyCommit.SemiCommit)
            {
                alpha = (uni + uni) + unn;
                beta = (unj + unj) + unj;
                gamma = (uni + uni) + uni;
                eps = (unj + unj) + unn;
            }
            else if (tpc == KtabThirdPartyCommit.FullCommit)
            {
                alpha = (uni + uni) + uni;
                beta = (unj + unj) + unj;
                gamma = alpha;
                eps = beta;
            }
            else
            {
                alpha = (uni + uni) + unn;
                beta = (unj + unj) + unn;
                gamma = alpha;
                eps = beta;
            }

            var vn = wt * (((pi * alpha) + (pi2 * beta)) - ((pi * gamma) + (pi2 * eps)));
            pos[t] = vn > 0 ? vn : 0;
            neg[t] = vn < 0 ? vn : 0;
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
