using Parley.Core.Simulation;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// Bargain resolution (SMP-SPEC §3.9): each actor's election over its status quo and its bargain
/// list, its choice, and its new position; then the new ideals (§3.10).
/// </summary>
internal static class KtabResolution
{
    /// <summary>What the actors chose in one step.</summary>
    /// <param name="Positions">The new positions, actor-major.</param>
    /// <param name="Chosen">The option each actor took (0 = status quo).</param>
    /// <param name="Probabilities">Each actor's election probabilities over its status quo and list (only when kept).</param>
    /// <param name="Utilities">Each actor's own utility ν of its status quo and of each bargain of its list (only when kept).</param>
    public sealed record Outcome(double[] Positions, int[] Chosen, double[][]? Probabilities, double[][]? Utilities);

    /// <summary>Resolves every actor's list; keeps the election of each when <paramref name="keep"/>.</summary>
    public static KtabSmpFailure? Resolve(KtabSetting setting, KtabSmpState st, KtabBargain[] bargains, int[][] lists, ulong seed, int turn, bool keep, out Outcome outcome)
    {
        int n = setting.N, dd = setting.D;
        outcome = new Outcome(new double[n * dd], new int[n], keep ? new double[n][] : null, keep ? new double[n][] : null);
        if (KtabBargainUtilities.Compute(setting, st, bargains, out var nu, out var nuSq) is { } utilityFailure)
        {
            return utilityFailure;
        }

        var x = st.X;
        var prm = setting.Parameters;
        var c = setting.Capabilities;
        var result = outcome;
        var failures = new KtabFailureSlots();
        setting.Loops.For(n, () => new KtabWorkspace(0), (k, ws) =>
        {
            var list = lists[k];
            var m = list.Length + 1;
            var choice = 0;
            if (m > 1)
            {
                if (ws.U.Length < n * m)
                {
                    ws.U = new double[n * m];
                }

                var need = (3 * m * m) + (4 * m);
                if (ws.Scratch.Length < need)
                {
                    ws.Scratch = new double[need];
                }

                var u = ws.U.AsSpan(0, n * m);
                for (var a = 0; a < n; a++)
                {
                    u[a * m] = nuSq[a];
                    for (var o = 1; o < m; o++)
                    {
                        u[(a * m) + o] = nu[(list[o - 1] * n) + a];
                    }
                }

                var pk = ws.Scratch.AsSpan(0, m);
                if (KtabElection.ScalarPce(prm, c, u, m, pk, ws.Scratch.AsSpan(m)) is { } failure)
                {
                    failures.Report(k, failure);
                    return ws;
                }

                choice = prm.StateTransitions == KtabStateTransitions.Deterministic
                    ? MostProbable(pk)
                    : Drawn(pk, new SeededRandom(seed, ((ulong)(uint)turn << 32) | (uint)k).NextDouble());
            }

            result.Chosen[k] = choice;
            if (keep)
            {
                result.Probabilities![k] = m > 1 ? ws.Scratch.AsSpan(0, m).ToArray() : [1.0];
                var own = new double[m];
                own[0] = nuSq[k];
                for (var o = 1; o < m; o++)
                {
                    own[o] = nu[(list[o - 1] * n) + k];
                }

                result.Utilities![k] = own;
            }

            var dst = result.Positions.AsSpan(k * dd, dd);
            if (choice == 0)
            {
                x.AsSpan(k * dd, dd).CopyTo(dst);
            }
            else
            {
                var bg = bargains[list[choice - 1]];
                (bg.Initiator == k ? bg.YI : bg.YJ).CopyTo(dst);
            }

            return ws;
        });
        return failures.First;
    }

    /// <summary>§3.9.1: the first option of largest probability.</summary>
    private static int MostProbable(ReadOnlySpan<double> p)
    {
        var choice = 0;
        for (var o = 1; o < p.Length; o++)
        {
            if (p[o] > p[choice])
            {
                choice = o;
            }
        }

        return choice;
    }

    /// <summary>§3.9.2: the first option whose running sum of probabilities reaches the draw; the last on round-off.</summary>
    private static int Drawn(ReadOnlySpan<double> p, double draw)
    {
        var cum = 0.0;
        for (var o = 0; o < p.Length; o++)
        {
            cum += p[o];
            if (draw <= cum)
            {
                return o;
            }
        }

        return p.Length - 1;
    }

    /// <summary>§3.10: q_i ← Σ_j A(i,j)·x_j + λ_i·q_i, or the positions themselves when A is the identity.</summary>
    public static double[] NextIdeals(KtabSetting setting, double[] x, double[] q)
    {
        if (setting.Accommodation is not { } a)
        {
            return (double[])x.Clone();
        }

        int n = setting.N, dd = setting.D;
        var next = new double[n * dd];
        var acc = new double[dd];
        for (var i = 0; i < n; i++)
        {
            Array.Clear(acc);
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                var aij = a[(i * n) + j];
                sum += aij;
                for (var d = 0; d < dd; d++)
                {
                    acc[d] += aij * x[(j * dd) + d];
                }
            }

            var lambda = 1 - Math.Min(1, sum);
            for (var d = 0; d < dd; d++)
            {
                next[(i * dd) + d] = acc[d] + (lambda * q[(i * dd) + d]);
            }
        }

        return next;
    }
}
