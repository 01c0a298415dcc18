namespace Parley.Core.Models.Ktab;

/// <summary>
/// Target selection (SMP-SPEC §3.5), bargain formation (§3.7) and the bargain lists (§3.8): what
/// each actor proposes in a step, and which bargains each actor then chooses among.
/// </summary>
internal static class KtabBargaining
{
    /// <summary>Every actor's proposals (none, one, or two under InitRcvrInterp), indexed by initiator.</summary>
    public static KtabBargain[]?[] Propose(KtabSetting setting, KtabSmpState st, out KtabSmpFailure? failure)
    {
        var n = setting.N;
        var proposals = new KtabBargain[]?[n];
        var failures = new KtabFailureSlots();
        setting.Loops.For(n, () => new KtabWorkspace(n), (i, ws) =>
        {
            failures.Report(i, Propose(setting, st, i, ws, out proposals[i]));
            return ws;
        });
        failure = failures.First;
        return proposals;
    }

    /// <summary>Initiator i's target and bargain(s); <paramref name="proposal"/> is null when no challenge is worth making.</summary>
    private static KtabSmpFailure? Propose(KtabSetting setting, KtabSmpState st, int i, KtabWorkspace ws, out KtabBargain[]? proposal)
    {
        proposal = null;
        if (SelectTarget(setting, st, i, ws, out var target, out var best, out var pBest) is { } failure)
        {
            return failure;
        }

        if (target < 0)
        {
            return null;
        }

        var dd = setting.D;
        var x = st.X;
        var b1i = new double[dd];
        var b1j = new double[dd];
        Interpolate(setting, x, i, target, pBest, 1 - pBest, b1i, b1j);
        var model = setting.Parameters.BargnModel;
        if (model == KtabBargnModel.InitOnlyInterp)
        {
            proposal = [new KtabBargain(i, target, best, pBest, b1i, b1j)];
            return null;
        }

        // The receiver's estimate of the initiator's gain, E(j, i, i, j): KTAB interpolates with
        // the gain where the probability belongs (the quirk of §3.7), and so does Parley.
        KtabChallenge.BuildEstimates(setting, st, target, ws);
        if (KtabChallenge.Evaluate(setting, ws, i, i, target, out _, out var g) is { } receiverFailure)
        {
            return receiverFailure;
        }

        var b2i = new double[dd];
        var b2j = new double[dd];
        Interpolate(setting, x, i, target, g, 1 - g, b2i, b2j);
        if (model == KtabBargnModel.InitRcvrInterp)
        {
            proposal = [new KtabBargain(i, target, best, pBest, b1i, b1j), new KtabBargain(i, target, best, pBest, b2i, b2j)];
            return null;
        }

        // PWCompInterp: both weights use the initiator's capability (KTAB's quirk).
        var c = setting.Capabilities;
        var sTotal = setting.SalienceTotals;
        var wI = c[i] * sTotal[i];
        var wJ = c[i] * sTotal[target];
        var yi = new double[dd];
        var yj = new double[dd];
        for (var d = 0; d < dd; d++)
        {
            yi[d] = ((wI * b1i[d]) + (wJ * b2i[d])) / (wI + wJ);
            yj[d] = ((wI * b1j[d]) + (wJ * b2j[d])) / (wI + wJ);
        }

        proposal = [new KtabBargain(i, target, best, pBest, yi, yj)];
        return null;
    }

    /// <summary>§3.5: the receiver j ≠ i of largest gain above 1e-5 (lowest j on ties), or −1.</summary>
    private static KtabSmpFailure? SelectTarget(KtabSetting setting, KtabSmpState st, int i, KtabWorkspace ws, out int target, out double best, out double pBest)
    {
        var n = setting.N;
        var gains = ws.Gains;
        var phis = ws.Phis;
        target = -1;
        best = -1.0;
        pBest = 0.0;
        if (KtabTargetKernel.Applies(setting))
        {
            if (KtabTargetKernel.Gains(setting, st, i, ws) is { } failure)
            {
                return failure;
            }
        }
        else
        {
            KtabChallenge.BuildEstimates(setting, st, i, ws);
            for (var j = 0; j < n; j++)
            {
                if (j != i && KtabChallenge.Evaluate(setting, ws, i, i, j, out phis[j], out gains[j]) is { } failure)
                {
                    return failure;
                }
            }
        }

        for (var j = 0; j < n; j++)
        {
            if (j == i)
            {
                continue;
            }

            var gain = gains[j];
            if (gain > 1e-5 && gain > best)
            {
                best = gain;
                target = j;
                pBest = phis[j];
            }
        }

        return null;
    }

    /// <summary>Interpolation of §3.7 between the current positions of i and j.</summary>
    private static void Interpolate(KtabSetting setting, double[] x, int i, int j, double pI, double pJ, double[] yi, double[] yj)
    {
        var dd = setting.D;
        var s = setting.Saliences;
        var kind = setting.Parameters.InterVecBrgn;
        for (var d = 0; d < dd; d++)
        {
            var ti = x[(i * dd) + d];
            var tj = x[(j * dd) + d];
            var si = s[(i * dd) + d];
            var sj = s[(j * dd) + d];
            if (kind == KtabInterVecBrgn.S2PMax)
            {
                var gi = pJ > pI ? pJ - pI : 0;
                var gj = pI > pJ ? pI - pJ : 0;
                var si2 = si * si;
                var sj2 = sj * sj;
                var fi = (gi * sj2) / (((gi * sj2) + 1e-6) + ((1 - gi) * si2));
                var fj = (gj * si2) / (((gj * si2) + 1e-6) + ((1 - gj) * sj2));
                yi[d] = ti + (fi * (tj - ti));
                yj[d] = tj + (fj * (ti - tj));
                continue;
            }

            double wi, wj;
            if (kind == KtabInterVecBrgn.S2P2)
            {
                wi = (si * si) * (pI * pI);
                wj = (sj * sj) * (pJ * pJ);
            }
            else
            {
                wi = si * pI;
                wj = sj * pJ;
            }

            var big = (wi + 1e-6) + wj;
            yi[d] = Round4((((wi + 1e-6) * ti) + (wj * tj)) / big);
            yj[d] = Round4(((wi * ti) + ((1e-6 + wj) * tj)) / big);
        }
    }

    private static double Round4(double y) => Math.Truncate(0.5 + (y * 10000.0)) / 10000.0;

    /// <summary>§3.8: the bargains in canonical order (by initiator), and each actor's list of the bargains it is part of.</summary>
    public static (KtabBargain[] Bargains, int[][] Lists) Lists(KtabBargain[]?[] proposals)
    {
        var n = proposals.Length;
        var bargains = new List<KtabBargain>();
        foreach (var list in proposals)
        {
            if (list is not null)
            {
                bargains.AddRange(list);
            }
        }

        var lists = new List<int>[n];
        for (var k = 0; k < n; k++)
        {
            lists[k] = [];
        }

        for (var b = 0; b < bargains.Count; b++)
        {
            lists[bargains[b].Initiator].Add(b);
            lists[bargains[b].Receiver].Add(b);
        }

        return ([.. bargains], [.. lists.Select(l => l.ToArray())]);
    }
}
