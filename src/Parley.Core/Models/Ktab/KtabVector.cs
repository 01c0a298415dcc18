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
    /// One voter's Prop votes for option i over each option j &lt; i, added to the coalition rows
    /// (§3.2.4): pos[j] += max(v, 0) and neg[j] −= min(v, 0), which equals the branchy update
    /// because the strengths are positive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CoalitionRowProp(double wk, double uki, ReadOnlySpan<double> row, Span<double> pos, Span<double> neg)
    {
        var count = pos.Length;
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var len = Vector<double>.Count;
            var vw = new Vector<double>(wk);
            var vi = new Vector<double>(uki);
            var zero = Vector<double>.Zero;
            for (; j <= count - len; j += len)
            {
                var v = vw * (vi - new Vector<double>(row[j..]));
                (new Vector<double>(pos[j..]) + Vector.Max(v, zero)).CopyTo(pos[j..]);
                (new Vector<double>(neg[j..]) - Vector.Min(v, zero)).CopyTo(neg[j..]);
            }
        }

        for (; j < count; j++)
        {
            var v = wk * (uki - row[j]);
            if (v > 0)
            {
                pos[j] += v;
            }
            else if (v < 0)
            {
                neg[j] -= v;
            }
        }
    }
}
