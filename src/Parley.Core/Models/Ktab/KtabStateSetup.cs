using System.Runtime.CompilerServices;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// The per-state setup of SMP-SPEC §3.3 (distances, risk-neutral election, risk attitudes, KTAB's
/// sanity checks, own estimated utilities) and the reported winning probabilities of §3.11.
/// </summary>
internal static class KtabStateSetup
{
    /// <summary>Fills the derived quantities of <paramref name="st"/>; a failure when one of KTAB's checks fails.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static KtabSmpFailure? Run(KtabSetting setting, KtabSmpState st)
    {
        int n = setting.N, dd = setting.D;
        var s = setting.Saliences;
        var delta = new double[n * n];
        var deltaT = new double[n * n];
        setting.Loops.For(n, i =>
        {
            var qi = st.Q.AsSpan(i * dd, dd);
            var si = s.AsSpan(i * dd, dd);
            for (var j = 0; j < n; j++)
            {
                delta[(i * n) + j] = KtabPrimitives.Dist(qi, st.X.AsSpan(j * dd, dd), si);
            }
        });
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                deltaT[(j * n) + i] = delta[(i * n) + j];
            }
        }

        st.Delta = delta;
        st.DeltaT = deltaT;

        // Risk-neutral utilities and election over all N positions, weighted by raw capability.
        var u0 = new double[n * n];
        for (var k = 0; k < u0.Length; k++)
        {
            u0[k] = KtabPrimitives.Util(delta[k], 0);
        }

        var p = new double[n];
        if (Election(setting, u0, n, p) is { } failure)
        {
            return failure;
        }

        st.RiskNeutralP = p;
        var r = new double[n];
        st.R = r;
        if (KtabPrimitives.BigR(setting.Parameters.BigRRange, p, r, out var degenerate) is { } bigR)
        {
            return bigR;
        }

        if (degenerate)
        {
            // KTAB would go on with NaN risk attitudes. Parley stops here: R is left at 0
            // (risk-neutral) only to report the state's winning probabilities.
            st.Degenerate = true;
            st.OwnU = (double[])u0.Clone();
            return WinningProbabilities(setting, st);
        }

        // Sanity checks of §3.3 steps 5 and 6. A norm is above 1e-6 as soon as one entry is above
        // 2e-6, so the scans stop at the first such entry (the usual case); only a matrix of tiny
        // differences is summed in full.
        if (SmallDifference(n, (i, j) => u0[(i * n) + j] - KtabPrimitives.Util(delta[(i * n) + j], r[i])))
        {
            return KtabSmpFailure.Utility("Utility values not in valid range: the risk attitudes change no utility (KTAB aborts).");
        }

        var adjust = setting.Parameters.BigRAdjust;
        var bad = new bool[n];
        setting.Loops.For(n, h =>
        {
            bad[h] = SmallDifference(n, (i, j) =>
            {
                var dl = delta[(i * n) + j];
                return KtabPrimitives.Util(dl, KtabPrimitives.Est(adjust, r[h], r[i])) - KtabPrimitives.Util(dl, r[i]);
            });
        });
        if (Array.IndexOf(bad, true) is var hb and >= 0)
        {
            return KtabSmpFailure.Utility("The actor's estimate of the change in utility is out of valid range (KTAB aborts; BigRAdjust=Full always does).", hb);
        }

        var own = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            var e = KtabPrimitives.Est(adjust, r[a], r[a]);
            for (var j = 0; j < n; j++)
            {
                own[(a * n) + j] = KtabPrimitives.Util(delta[(a * n) + j], e);
            }
        }

        st.OwnU = own;
        return WinningProbabilities(setting, st);
    }

    /// <summary>True when the Frobenius norm of the n × n matrix <paramref name="diff"/> is ≤ 1e-6 (KTAB's duTol).</summary>
    private static bool SmallDifference(int n, Func<int, int, double> diff)
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var x = diff(i, j);
                if (Math.Abs(x) > 2e-6)
                {
                    return false;
                }

                sum += x * x;
            }
        }

        return Math.Sqrt(sum) <= 1e-6;
    }

    /// <summary>§3.11: an election over the distinct positions (within 1e-3), each actor's own utilities as votes.</summary>
    private static KtabSmpFailure? WinningProbabilities(KtabSetting setting, KtabSmpState st)
    {
        int n = setting.N, dd = setting.D;
        var x = st.X;
        bool Equivalent(int i, int j)
        {
            var ss = 0.0;
            for (var d = 0; d < dd; d++)
            {
                var diff = x[(i * dd) + d] - x[(j * dd) + d];
                ss += diff * diff;
            }

            return Math.Sqrt(ss) < 1e-3;
        }

        var reps = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var found = false;
            foreach (var rep in reps)
            {
                if (Equivalent(i, rep))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                reps.Add(i);
            }
        }

        var m = reps.Count;
        var u = new double[n * m];
        for (var a = 0; a < n; a++)
        {
            for (var o = 0; o < m; o++)
            {
                u[(a * m) + o] = st.OwnU[(a * n) + reps[o]];
            }
        }

        var pi = new double[m];
        if (Election(setting, u, m, pi) is { } failure)
        {
            return failure;
        }

        var win = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var o = m - 1; o >= 0; o--)
            {
                if (Equivalent(i, reps[o]))
                {
                    win[i] = pi[o];
                    break;
                }
            }
        }

        st.WinProbabilities = win;
        return null;
    }

    /// <summary>The scalar election of §3.2.6 with raw-capability weights; rows of the coalition matrix in parallel when it is large.</summary>
    private static KtabSmpFailure? Election(KtabSetting setting, double[] u, int m, double[] p)
    {
        var c = setting.Capabilities;
        var prm = setting.Parameters;
        var scratch = new double[(3 * m * m) + (3 * m)];
        if ((long)setting.N * m * m < 200_000)
        {
            return KtabElection.ScalarPce(prm, c, u, m, p, scratch);
        }

        // Rows of the coalition matrix are independent and each writes its own slots.
        var matrix = new double[m * m];
        var rule = prm.VotingRule;
        setting.Loops.For(m, () => new double[2 * m], (i, buf) =>
        {
            KtabElection.CoalitionRow(rule, c, u, m, i, matrix, buf.AsSpan(0, m), buf.AsSpan(m, m));
            return buf;
        });
        return KtabElection.Pce(prm, matrix, m, p, scratch);
    }
}
