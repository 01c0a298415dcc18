using System.Runtime.CompilerServices;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// The primitive functions of SMP-SPEC §3.2, written in exactly the evaluation order the
/// specification gives (no fused multiply-add, no reassociation), so that results are bit-exact.
/// </summary>
internal static class KtabPrimitives
{
    /// <summary>Salience-weighted distance of §3.2.1 between an ideal and a position (difference taken component-wise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dist(ReadOnlySpan<double> ideal, ReadOnlySpan<double> position, ReadOnlySpan<double> salience)
    {
        double num = 0.0, den = 0.0;
        for (var d = 0; d < salience.Length; d++)
        {
            var sd = salience[d];
            var v = ideal[d] - position[d];
            num += (v * sd) * (v * sd);
            den += sd * sd;
        }

        if (!(den > 0))
        {
            throw new KtabSmpException("An actor's saliences are all zero: the salience-weighted distance is undefined (KTAB aborts).");
        }

        return Math.Sqrt(num / den);
    }

    /// <summary>Utility of a distance with risk attitude <paramref name="r"/> (§3.2.2).</summary>
    public static double Util(double delta, double r) =>
        delta <= 1 ? (1 - delta) * (1 + (delta * r)) : (1 - delta) * (1 + r);

    /// <summary>h's estimate of i's risk attitude (§3.2.8).</summary>
    public static double Est(KtabBigRAdjust adjust, double rh, double ri) => adjust switch
    {
        KtabBigRAdjust.None => rh,
        KtabBigRAdjust.OneThird => ((2.0 * rh) + ri) / 3.0,
        KtabBigRAdjust.Half => (rh + ri) / 2,
        KtabBigRAdjust.TwoThirds => (rh + (2.0 * ri)) / 3.0,
        _ => ri,
    };

    /// <summary>The vote of weight <paramref name="w"/> for utility <paramref name="a"/> over <paramref name="b"/> (§3.2.3); the weight is checked by the caller.</summary>
    public static double Vote(KtabVotingRule rule, double w, double a, double b)
    {
        var delta = a - b;
        switch (rule)
        {
            case KtabVotingRule.Prop:
                return w * delta;
            case KtabVotingRule.Binary:
                return w * Clip(delta / 1e-8);
            case KtabVotingRule.PropBin:
                return w * (((1 - 0.2) * delta) + (0.2 * Clip(delta / 1e-8)));
            case KtabVotingRule.PropCbc:
                return w * (((1 - 0.5) * delta) + (0.5 * ((delta * delta) * delta)));
            case KtabVotingRule.Cubic:
                return w * ((delta * delta) * delta);
            default:
                if (delta < 0)
                {
                    return w * delta;
                }

                return delta > 0 ? ((2 * w) * delta) / 3 : 0;
        }
    }

    private static double Clip(double x) => x > 1 ? 1 : x < -1 ? -1 : x;

    /// <summary>Aborts on a non-positive voting weight, as KTAB does at the first vote.</summary>
    public static void CheckWeight(double w)
    {
        if (!(w > 0))
        {
            throw new KtabSmpException("Non-positive voting weight: every actor needs a capability > 0 (KTAB aborts).");
        }
    }

    /// <summary>
    /// The scalar probabilistic Condorcet election of §3.2.6 over a utility matrix
    /// <paramref name="u"/> (voter-major: u[k·m + o]) with voter weights <paramref name="w"/>.
    /// Writes the m option probabilities to <paramref name="p"/>. <paramref name="scratch"/> must hold 3·m² + 2·m doubles.
    /// </summary>
    public static void ScalarPce(in KtabSmpParameters prm, ReadOnlySpan<double> w, ReadOnlySpan<double> u, int m, Span<double> p, Span<double> scratch)
    {
        var n = w.Length;
        var c = scratch[..(m * m)];
        var pos = scratch.Slice(m * m, m);
        var neg = scratch.Slice((m * m) + m, m);
        var rest = scratch[((m * m) + (2 * m))..];
        for (var i = 0; i < m; i++)
        {
            CoalitionRow(prm.VotingRule, w, u, m, i, c, pos, neg);
        }

        Pce(prm, c, m, p, rest);
    }

    /// <summary>Row i of the coalition matrix (§3.2.4): C(i,j) and C(j,i) for every j &lt; i, and C(i,i), accumulated over voters in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CoalitionRow(KtabVotingRule rule, ReadOnlySpan<double> w, ReadOnlySpan<double> u, int m, int i, Span<double> c, Span<double> pos, Span<double> neg)
    {
        var n = w.Length;
        if (rule == KtabVotingRule.Prop)
        {
            KtabVector.CoalitionRowProp(w, u, m, i, pos[..i], neg[..i]);
            for (var j = 0; j < i; j++)
            {
                c[(i * m) + j] = pos[j];
                c[(j * m) + i] = neg[j];
            }

            c[(i * m) + i] = 1e-8;
            return;
        }

        pos[..i].Fill(1e-8);
        neg[..i].Fill(1e-8);
        for (var k = 0; k < n; k++)
        {
            var wk = w[k];
            var row = u.Slice(k * m, m);
            var uki = row[i];
            for (var j = 0; j < i; j++)
            {
                var v = Vote(rule, wk, uki, row[j]);
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

        for (var j = 0; j < i; j++)
        {
            c[(i * m) + j] = pos[j];
            c[(j * m) + i] = neg[j];
        }

        c[(i * m) + i] = 1e-8;
    }

    /// <summary>Pairwise victory probabilities (§3.2.5) then the election (§3.2.6) on coalition matrix <paramref name="c"/>; scratch holds 2·m² + m doubles.</summary>
    public static void Pce(in KtabSmpParameters prm, ReadOnlySpan<double> c, int m, Span<double> p, Span<double> scratch)
    {
        var v = scratch[..(m * m)];
        VProb(prm.VictoryProbModel, c, m, v);
        switch (prm.PceModel)
        {
            case KtabPceModel.Conditional:
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
                        throw new KtabSmpException("Conditional PCE: a product of victory probabilities is outside [0, 1] (KTAB aborts).");
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

                break;
            }

            case KtabPceModel.MarkovUniform:
                MarkovUniform(v, m, p, scratch.Slice(m * m, m));
                break;
            default:
                MarkovIncentive(c, v, m, p, scratch.Slice(m * m, m * m), scratch.Slice(2 * m * m, m));
                break;
        }

        CheckSum(p, 1e-8, "PCE");
    }

    private static void CheckSum(ReadOnlySpan<double> p, double tol, string what)
    {
        var sum = 0.0;
        foreach (var x in p)
        {
            sum += x;
        }

        if (!(Math.Abs(sum - 1) < tol))
        {
            throw new KtabSmpException($"{what}: probabilities do not sum to 1 (sum {sum}); KTAB aborts.");
        }
    }

    private static void MarkovUniform(ReadOnlySpan<double> v, int m, Span<double> p, Span<double> q)
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

            CheckSum(p, 1e-6, "Markov-uniform PCE");
            iterations++;
        }

        if (iterations >= 1000)
        {
            throw new KtabSmpException("Markov-uniform PCE needed 1000 or more iterations (KTAB aborts).");
        }
    }

    private static void MarkovIncentive(ReadOnlySpan<double> c, ReadOnlySpan<double> v, int m, Span<double> p, Span<double> g, Span<double> q)
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
                    throw new KtabSmpException("Markov-incentive PCE produced a negative probability (KTAB aborts).");
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

            CheckSum(p, 1e-8, "Markov-incentive PCE");
            iterations++;
        }

        if (iterations >= 1000)
        {
            throw new KtabSmpException("Markov-incentive PCE needed 1000 or more iterations (KTAB aborts).");
        }
    }

    /// <summary>Pairwise victory probabilities V from coalition strengths C (§3.2.5).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VProb(KtabVictoryProbModel vpm, ReadOnlySpan<double> c, int m, Span<double> v)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var s1 = c[(i * m) + j];
                var s2 = c[(j * m) + i];
                if (s1 < 0 || s2 < 0 || (s1 <= 0 && s2 <= 0))
                {
                    throw new KtabSmpException("Victory probability: coalition strengths are negative or both zero (KTAB aborts).");
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
                    {
                        var y1 = ((s1 * s1) * s1) * s1;
                        var y2 = ((s2 * s2) * s2) * s2;
                        x1 = y1 * y1;
                        x2 = y2 * y2;
                        break;
                    }

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
                    throw new KtabSmpException("Victory probabilities are negative or do not sum to 1 (KTAB aborts).");
                }

                v[(i * m) + j] = vij;
                v[(j * m) + i] = vji;
            }

            v[(i * m) + i] = 0.5;
        }
    }

    /// <summary>Risk attitudes from outcome probabilities (§3.2.7); false (and R untouched) when all probabilities are equal, where KTAB's R is NaN.</summary>
    public static bool BigR(KtabBigRRange range, ReadOnlySpan<double> p, Span<double> r)
    {
        double pMin = 1, pMax = 0, sum = 0;
        foreach (var x in p)
        {
            if (x < 0)
            {
                throw new KtabSmpException("Risk attitudes: a negative probability (KTAB aborts).");
            }

            pMin = Math.Min(pMin, x);
            pMax = Math.Max(pMax, x);
            sum += x;
        }

        if (!(Math.Abs(1 - sum) < 1e-8))
        {
            throw new KtabSmpException("Risk attitudes: probabilities do not sum to 1 (KTAB aborts).");
        }

        if (pMax == pMin)
        {
            // Every option is equally likely (e.g. all actors share one position): R is 0/0.
            return false;
        }

        for (var i = 0; i < p.Length; i++)
        {
            r[i] = range switch
            {
                KtabBigRRange.Min => (p[i] - pMin) / (pMax - pMin),
                KtabBigRRange.Mid => ((3 * p[i]) - (pMax + (2 * pMin))) / (2 * (pMax - pMin)),
                _ => ((2 * p[i]) - (pMax + pMin)) / (pMax - pMin),
            };
        }

        return true;
    }
}
