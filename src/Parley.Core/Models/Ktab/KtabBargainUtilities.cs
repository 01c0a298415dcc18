using System.Numerics;

namespace Parley.Core.Models.Ktab;

/// <summary>The utility ν(a, b) of every bargain b to every actor a, and of each actor's status quo (SMP-SPEC §3.9).</summary>
internal static class KtabBargainUtilities
{
    /// <summary>ν bargain-major (nu[b·N + a]) and ν(a, SQ); a failure when one lies outside (0, 1].</summary>
    public static KtabSmpFailure? Compute(KtabSetting setting, KtabSmpState st, KtabBargain[] bargains, out double[] nu, out double[] nuSq)
    {
        int n = setting.N, dd = setting.D, nb = bargains.Length;
        var s = setting.Saliences;
        var initiators = new long[nb];
        var receivers = new long[nb];
        for (var b = 0; b < nb; b++)
        {
            initiators[b] = bargains[b].Initiator;
            receivers[b] = bargains[b].Receiver;
        }

        var nuAll = new double[nb * n];
        var sq = new double[n];
        var own = st.OwnU;
        var failures = new KtabFailureSlots();
        setting.Loops.For(n, a =>
        {
            var qa = st.Q.AsSpan(a * dd, dd);
            var sa = s.AsSpan(a * dd, dd);
            var ra = st.R[a];
            var row = own.AsSpan(a * n, n);
            var acc = 0.0;
            for (var t = 0; t < n; t++)
            {
                acc += row[t];
            }

            var ok = Check(sq[a] = acc / n);
            var first = 0;
            if (Vector.IsHardwareAccelerated)
            {
                // L bargains side by side: each lane is one bargain's own running sum, in the order
                // of §3.9 (its two new positions, then every other actor's utility in index order);
                // lanes skip their initiator and receiver by adding +0, which changes nothing.
                var len = Vector<double>.Count;
                Span<double> start = stackalloc double[len];
                Span<double> sums = stackalloc double[len];
                for (; first <= nb - len; first += len)
                {
                    for (var l = 0; l < len; l++)
                    {
                        var bg = bargains[first + l];
                        var s0 = KtabPrimitives.Util(KtabPrimitives.Dist(qa, bg.YI, sa), ra);
                        s0 += KtabPrimitives.Util(KtabPrimitives.Dist(qa, bg.YJ, sa), ra);
                        start[l] = s0;
                    }

                    var vacc = new Vector<double>(start);
                    var vI = new Vector<long>(initiators, first);
                    var vJ = new Vector<long>(receivers, first);
                    var zero = Vector<double>.Zero;
                    for (var t = 0; t < n; t++)
                    {
                        var vt = new Vector<long>(t);
                        var skip = Vector.BitwiseOr(Vector.Equals(vI, vt), Vector.Equals(vJ, vt));
                        vacc += Vector.ConditionalSelect(skip, zero, new Vector<double>(row[t]));
                    }

                    vacc.CopyTo(sums);
                    for (var l = 0; l < len; l++)
                    {
                        ok &= Check(nuAll[((first + l) * n) + a] = sums[l] / n);
                    }
                }
            }

            for (var b = first; b < nb; b++)
            {
                var bg = bargains[b];
                acc = KtabPrimitives.Util(KtabPrimitives.Dist(qa, bg.YI, sa), ra);
                acc += KtabPrimitives.Util(KtabPrimitives.Dist(qa, bg.YJ, sa), ra);
                for (var t = 0; t < n; t++)
                {
                    if (t != bg.Initiator && t != bg.Receiver)
                    {
                        acc += row[t];
                    }
                }

                ok &= Check(nuAll[(b * n) + a] = acc / n);
            }

            if (!ok)
            {
                failures.Report(a, KtabSmpFailure.Utility("A bargain's utility to the actor is outside (0, 1] (KTAB aborts).", a));
            }
        });
        nu = nuAll;
        nuSq = sq;
        return failures.First;
    }

    private static bool Check(double nu) => nu > 0 && nu <= 1;
}
