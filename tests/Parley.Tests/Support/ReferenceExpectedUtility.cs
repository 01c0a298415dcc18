namespace Parley.Tests.Support;

/// <summary>
/// A plain, direct transcription of the expected-utility model from BRIEF.md — O(n³) per round,
/// no sorting, no prefix sums — kept in the tests as the reference the fast implementation must equal.
/// Returns the positions after every round (round 0 = input) and the risk exponents of every round.
/// </summary>
internal static class ReferenceExpectedUtility
{
    public sealed record Run(List<double[]> Positions, List<double[]> Risk);

    /// <summary>
    /// A timed edit for the reference: called after each round with its number and the state reached
    /// (positions, capabilities, saliences); returns the edited arrays (perhaps fewer actors) or null to
    /// leave the state alone. After an edit Δ is widened to the range of the positions when they spread wider.
    /// </summary>
    public delegate (double[] X, double[] C, double[] S)? Shock(int round, double[] x, double[] c, double[] s);

    public static Run Scholz(double[] x0, double[] c, double[] s, int rounds, Shock? shock = null) => Execute(x0, c, s, rounds, bdm: false, shock);

    public static Run Bdm(double[] x0, double[] c, double[] s, int rounds, Shock? shock = null) => Execute(x0, c, s, rounds, bdm: true, shock);

    private static Run Execute(double[] x0, double[] c, double[] s, int rounds, bool bdm, Shock? shock)
    {
        var delta = x0.Max() - x0.Min();
        var x = (double[])x0.Clone();
        var run = new Run([(double[])x.Clone()], []);
        for (var round = 0; round < rounds; round++)
        {
            var n = x.Length;
            var ones = Enumerable.Repeat(1.0, n).ToArray();
            var exposure = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    if (j != i)
                    {
                        exposure[i] += Eu(j, i, 1.0, x, c, s, ones, delta, bdm);
                    }
                }
            }

            var max = exposure.Max();
            var min = exposure.Min();
            var r = new double[n];
            for (var i = 0; i < n; i++)
            {
                var big = max > min ? (2 * exposure[i] - max - min) / (max - min) : 0;
                r[i] = (1 - big / 3) / (1 + big / 3);
            }

            run.Risk.Add(r);
            var next = new double[n];
            for (var i = 0; i < n; i++)
            {
                var kindBest = int.MaxValue;
                var keyBest = double.PositiveInfinity;
                var target = x[i];
                for (var j = 0; j < n; j++)
                {
                    if (x[j] == x[i])
                    {
                        continue;
                    }

                    var a = Eu(i, j, r[i], x, c, s, r, delta, bdm);
                    var b = Eu(j, i, r[i], x, c, s, r, delta, bdm);
                    int kind;
                    double t;
                    if (b > a && a > 0)
                    {
                        kind = 0;
                        t = x[j];
                    }
                    else if (b > 0 && a < 0 && b > Math.Abs(a))
                    {
                        kind = 1;
                        t = x[i] + (x[j] - x[i]) * Math.Abs(a / b);
                    }
                    else if (b > 0 && a < 0 && b < Math.Abs(a))
                    {
                        kind = 2;
                        t = x[j];
                    }
                    else
                    {
                        continue;
                    }

                    double key;
                    if (bdm)
                    {
                        kind = 0;
                        key = Math.Abs(t - x[i]);
                    }
                    else
                    {
                        key = kind == 1 ? (Math.Abs(a) * x[i] + Math.Abs(b) * x[j]) / (Math.Abs(a) + Math.Abs(b)) : Math.Abs(t - x[i]);
                    }

                    if (kind < kindBest || (kind == kindBest && key < keyBest))
                    {
                        kindBest = kind;
                        keyBest = key;
                        target = t;
                    }
                }

                next[i] = target;
            }

            x = next;
            if (shock?.Invoke(round + 1, (double[])x.Clone(), (double[])c.Clone(), (double[])s.Clone()) is { } edited)
            {
                (x, c, s) = edited;
                delta = Math.Max(delta, x.Max() - x.Min());
            }

            run.Positions.Add((double[])x.Clone());
        }

        return run;
    }

    private static double Vote(int k, double a, double b, double[] x, double[] c, double[] s, double[] r, double delta) =>
        c[k] * s[k] * (Math.Pow(Math.Abs(x[k] - b) / delta, r[k]) - Math.Pow(Math.Abs(x[k] - a) / delta, r[k]));

    // D = Σ_k Σ_p Σ_q |v_k(x_p, x_q)| depends only on the round's positions and exponents: computed once per (x, r).
    [ThreadStatic]
    private static (double[] X, double[] C, double[] S, double[] R, double D)? s_lastNormaliser;

    private static double ScholzNormaliser(double[] x, double[] c, double[] s, double[] r, double delta)
    {
        if (s_lastNormaliser is { } cached && cached.X.SequenceEqual(x) && cached.C.SequenceEqual(c) && cached.S.SequenceEqual(s) && cached.R.SequenceEqual(r))
        {
            return cached.D;
        }

        var n = x.Length;
        var d = 0.0;
        for (var k = 0; k < n; k++)
        {
            for (var p = 0; p < n; p++)
            {
                for (var q = 0; q < n; q++)
                {
                    d += Math.Abs(Vote(k, x[p], x[q], x, c, s, r, delta));
                }
            }
        }

        s_lastNormaliser = ((double[])x.Clone(), (double[])c.Clone(), (double[])s.Clone(), (double[])r.Clone(), d);
        return d;
    }

    private static double P(double a, double b, double[] x, double[] c, double[] s, double[] r, double delta, bool bdm)
    {
        if (a == b)
        {
            return 0;
        }

        var n = x.Length;
        double num = 0, den = 0;
        for (var k = 0; k < n; k++)
        {
            var v = Vote(k, a, b, x, c, s, r, delta);
            num += Math.Max(0, v);
            if (bdm)
            {
                den += Math.Abs(v);
            }
        }

        if (!bdm)
        {
            den = ScholzNormaliser(x, c, s, r, delta);
        }

        return den > 0 ? num / den : (bdm ? 0.5 : 0);
    }

    /// <summary>EU seen by an actor with exponent <paramref name="rp"/> of i challenging j.</summary>
    private static double Eu(int i, int j, double rp, double[] x, double[] c, double[] s, double[] r, double delta, bool bdm)
    {
        var d = Math.Abs(x[i] - x[j]) / delta;
        var us = 2 - 4 * Math.Pow(0.5 - 0.5 * d, rp);
        var uf = 2 - 4 * Math.Pow(0.5 + 0.5 * d, rp);
        var usq = 2 - 4 * Math.Pow(0.5, rp);
        var p = P(x[i], x[j], x, c, s, r, delta, bdm);
        return s[j] * (p * us + (1 - p) * uf) + (1 - s[j]) * us - usq;
    }
}
