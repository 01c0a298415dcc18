using System.Runtime.CompilerServices;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// KTAB's probabilistic Condorcet elections (SMP-SPEC §3.2.4–§3.2.6): coalition strengths,
/// pairwise victory probabilities and the election itself, in the evaluation order of the
/// specification. Every check KTAB aborts on returns a <see cref="KtabSmpFailure"/>; the Markov
/// elections stop after <see cref="KtabSmpFailure.MarkovIterationCap"/> iterations.
/// </summary>
internal static class KtabElection
{
    /// <summary>
    /// The scalar election of §3.2.6 over a utility matrix <paramref name="u"/> (voter-major:
    /// u[k·m + o]) with voter weights <paramref name="w"/>. Writes the m option probabilities to
    /// <paramref name="p"/>. <paramref name="scratch"/> must hold 3·m² + 2·m doubles.
    /// </summary>
    public static KtabSmpFailure? ScalarPce(KtabSmpParameters prm, ReadOnlySpan<double> w, ReadOnlySpan<double> u, int m, Span<double> p, Span<double> scratch)
    {
        var c = scratch[..(m * m)];
        var pos = scratch.Slice(m * m, m);
        var neg = scratch.Slice((m * m) + m, m);
        var rest = scratch[((m * m) + (2 * m))..];
        for (var i = 0; i < m; i++)
        {
            CoalitionRow(prm.VotingRule, w, u, m, i, c, pos, neg);
        }

        return Pce(prm, c, m, p, rest);
    }

    /// <summary>Row i of the coalition matrix (§3.2.4): C(i,j) and C(j,i) for every j &lt; i, and C(i,i), accumulated over voters in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CoalitionRow(KtabVotingRule rule, ReadOnlySpan<double> w, ReadOnlySpan<double> u, int m, int i, Span<double> c, Span<double> pos, Span<double> neg)
    {
        var n = w.Length;
        if (rule == KtabVotingRule.Prop)
        {
            KtabVector.CoalitionRowProp(w, u, m, i, pos[..i], neg[..i]);
        }
        else
        {
            pos[..i].Fill(1e-8);
            neg[..i].Fill(1e-8);
            for (var k = 0; k < n; k++)
            {
                var wk = w[k];
                var row = u.Slice(k * m, m);
                var uki = row[i];
                for (var j = 0; j < i; j++)
                {
                    var v = KtabPrimitives.Vote(rule, wk, uki, row[j]);
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

        for (var j = 0; j < i; j++)
        {
            c[(i * m) + j] = pos[j];
            c[(j * m) + i] = neg[j];
        }

        c[(i * m) + i] = 1e-8;
    }

    /// <summary>
    /// Pairwise victory probabilities (§3.2.5) then the election (§3.2.6) on coalition matrix
    /// <paramref name="c"/>; scratch holds 2·m² + m doubles. A Markov election fails after
    /// <paramref name="markovCap"/> iterations (KTAB's limit unless a test lowers it).
    /// </summary>
    public static KtabSmpFailure? Pce(KtabSmpParameters prm, ReadOnlySpan<double> c, int m, Span<double> p, Span<double> scratch, int markovCap = KtabSmpFailure.MarkovIterationCap)
    {
        var v = scratch[..(m * m)];
        var failure = VProb(prm.VictoryProbModel, c, m, v) ?? prm.PceModel switch
        {
            KtabPceModel.Conditional => Conditional(v, m, p),
            KtabPceModel.MarkovUniform => MarkovUniform(v, m, p, scratch.Slice(m * m, m), markovCap),
            _ => MarkovIncentive(c, v, m, p, scratch.Slice(m * m, m * m), scratch.Slice(2 * m * m, m), markovCap),
        };
        return failure ?? CheckSum(p, 1e-8, "PCE");
    }

    private static KtabSmpFailure? Conditional(ReadOnlySpan<double> v, int m, Span<double> p)
    {
        for (var i = 0; i < m; i++)
        {
            var prod = 1.0;
            var row = v.Slice(i * m, m);
            for (var j = 0; j < m; j++)
            {
                prod *= row[j];
            }

            if (!(prod >= 0 && prod <= 1))
            {
                return KtabSmpFailure.Probability("Conditional PCE: a product of victory probabilities is outside [0, 1] (KTAB aborts).");
            }

            p[i] = prod;
        }

        var sum = 0.0;
        for (var i = 0; i < m; i++)
        {
            sum += p[i];
        }

        for (var i = 0; i < m; i++)
        {
            p[i] /= sum;
        }

        return null;
    }

    private static KtabSmpFailure? CheckSum(ReadOnlySpan<double> p, double tol, string what)
    {
        var sum = 0.0;
        foreach (var x in p)
        {
            sum += x;
        }

        return Math.Abs(sum - 1) < tol ? null : KtabSmpFailure.Probability($"{what}: probabilities do not sum to 1 (sum {sum}); KTAB aborts.");
    }

    private static KtabSmpFailure NotConverged(string what, int cap) => new(
        KtabSmpFailureKind.NotConverged,
        $"{what} PCE did not converge within {cap} iterations (KTAB aborts).",
        Expected: "PCEModel=Conditional, or inputs whose Markov election converges");

    private static KtabSmpFailure? MarkovUniform(ReadOnlySpan<double> v, int m, Span<double> p, Span<double> q, int cap)
    {
        p.Fill(1.0 / m);
        var change = 1.0;
        var iterations = 0;
        while (change > 1e-6)
        {
            for (var i = 0; i < m; i++)
            {
                var s = 0.0;
                for (var j = 0; j < m; j++)
                {
                    s += v[(i * m) + j] * (p[i] + p[j]);
                }

                q[i] = s / m;
            }

            change = 0;
            for (var i = 0; i < m; i++)
            {
                change = Math.Max(change, Math.Abs(q[i] - p[i]));
            }

            for (var i = 0; i < m; i++)
            {
                p[i] = (p[i] + q[i]) / 2.0;
            }

            if (CheckSum(p, 1e-6, "Markov-uniform PCE") is { } failure)
            {
                return failure;
            }

            // KTAB aborts after the loop when it took this many iterations or more, so stopping here changes no completed run.
            if (++iterations >= cap)
            {
                return NotConverged("Markov-uniform", cap);
            }
        }

        return null;
    }

    private static KtabSmpFailure? MarkovIncentive(ReadOnlySpan<double> c, ReadOnlySpan<double> v, int m, Span<double> p, Span<double> g, Span<double> q, int cap)
    {
        // I(i,j) = C(i,j)·V(i,j) (+1e-10 on the diagonal); G = I normalised by column.
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var x = c[(i * m) + j] * v[(i * m) + j];
                g[(i * m) + j] = i == j ? x + 1e-10 : x;
            }
        }

        for (var j = 0; j < m; j++)
        {
            var s = 0.0;
            for (var k = 0; k < m; k++)
            {
                s += g[(k * m) + j];
            }

            for (var i = 0; i < m; i++)
            {
                g[(i * m) + j] /= s;
            }
        }

        p.Fill(1.0 / m);
        var change = 1.0;
        var iterations = 0;
        while (change > 1e-8)
        {
            for (var i = 0; i < m; i++)
            {
                var s = 0.0;
                for (var j = 0; j < m; j++)
                {
                    // T(i,j) = p_i·G(j,i) and T(j,i) = p_j·G(i,j).
                    var tij = p[i] * g[(j * m) + i];
                    var tji = p[j] * g[(i * m) + j];
                    s += v[(i * m) + j] * (tij + tji);
                }

                if (s < 0)
                {
                    return KtabSmpFailure.Probability("Markov-incentive PCE produced a negative probability (KTAB aborts).");
                }

                q[i] = s;
            }

            change = 0;
            for (var i = 0; i < m; i++)
            {
                change = Math.Max(change, Math.Abs(q[i] - p[i]));
            }

            for (var i = 0; i < m; i++)
            {
                p[i] = (p[i] + q[i]) / 2.0;
            }

            if (CheckSum(p, 1e-8, "Markov-incentive PCE") is { } failure)
            {
                return failure;
            }

            if (++iterations >= cap)
            {
                return NotConverged("Markov-incentive", cap);
            }
        }

        return null;
    }

    /// <summary>Pairwise victory probabilities V from coalition strengths C (§3.2.5).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static KtabSmpFailure? VProb(KtabVictoryProbModel vpm, ReadOnlySpan<double> c, int m, Span<double> v)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var s1 = c[(i * m) + j];
                var s2 = c[(j * m) + i];
                if (s1 < 0 || s2 < 0 || (s1 <= 0 && s2 <= 0))
                {
                    return KtabSmpFailure.Probability("Victory probability: coalition strengths are negative or both zero (KTAB aborts).");
                }

                double x1, x2;
                switch (vpm)
                {
                    case KtabVictoryProbModel.Linear:
                        x1 = s1;
                        x2 = s2;
                        break;
                    case KtabVictoryProbModel.Square:
                        x1 = s1 * s1;
                        x2 = s2 * s2;
                        break;
                    case KtabVictoryProbModel.Quartic:
                        x1 = ((s1 * s1) * s1) * s1;
                        x2 = ((s2 * s2) * s2) * s2;
                        break;
                    case KtabVictoryProbModel.Octic:
                        var y1 = ((s1 * s1) * s1) * s1;
                        var y2 = ((s2 * s2) * s2) * s2;
                        x1 = y1 * y1;
                        x2 = y2 * y2;
                        break;

                    default:
                        if (s1 >= 1.10 * s2)
                        {
                            x1 = 1;
                            x2 = 1e-6;
                        }
                        else if (s2 >= 1.10 * s1)
                        {
                            x1 = 1e-6;
                            x2 = 1;
                        }
                        else
                        {
                            var r = s1 / (s1 + s2);
                            x1 = ((r * (1.10 + 1.0)) - 1.0) / (1.10 - 1.0);
                            x2 = 1 - x1;
                        }

                        break;
                }

                var vij = x1 / (x1 + x2);
                var vji = x2 / (x1 + x2);
                if (vij < 0 || vji < 0 || !(Math.Abs(vij + vji - 1) < 1e-8))
                {
                    return KtabSmpFailure.Probability("Victory probabilities are negative or do not sum to 1 (KTAB aborts).");
                }

                v[(i * m) + j] = vij;
                v[(j * m) + i] = vji;
            }

            v[(i * m) + i] = 0.5;
        }

        return null;
    }
}
