namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// The probabilities P(xᵢ, xⱼ) that actor i's position prevails over actor j's, for every pair,
/// computed in O(n² log n) instead of the direct O(n³).
/// </summary>
/// <remarks>
/// Voter k votes for a over b with vₖ(a,b) = wₖ[gₖ(b) − gₖ(a)], gₖ(y) = (|xₖ − y|/Δ)^rₖ. The positive
/// votes come exactly from the voters nearer a than b, which for a &lt; b are the voters below the
/// midpoint (a+b)/2 — a prefix of the actors sorted by position (a suffix for a &gt; b). So with
/// one prefix-sum row Fⱼ[m] = Σ_{k among the m lowest} wₖgₖ(xⱼ) per target j, the numerator
/// N(i,j) = Σₖ max(0, vₖ(xᵢ,xⱼ)) is Fⱼ[m] − Fᵢ[m], found with one binary search. The Scholz
/// normaliser D = Σₖ Σ_p Σ_q |vₖ(x_p, x_q)| is, per voter, the sum of |g_p − g_q| over ordered pairs,
/// which needs the g values sorted; they are sorted by distance from xₖ, which a two-pointer merge
/// of the position order gives in O(n) per voter.
/// </remarks>
internal sealed class VictoryProbabilities
{
    private readonly int _n;
    private readonly double[] _sorted;      // positions, ascending
    private readonly int[] _order;          // sorted index → actor
    private readonly double[] _prefix;      // row j (length n+1): prefix sums of w_k g_k(x_j) in sorted order
    private readonly double[] _x;
    private ExpectedUtilityVariant _variant;
    private double _normaliser;

    /// <summary>Allocates the tables for <paramref name="n"/> actors.</summary>
    public VictoryProbabilities(int n)
    {
        _n = n;
        _sorted = new double[n];
        _order = new int[n];
        _prefix = new double[n * (n + 1)];
        _x = new double[n];
    }

    /// <summary>Fills the tables for positions <paramref name="x"/>, vote weights <paramref name="w"/> (cₖsₖ) and exponents <paramref name="r"/>.</summary>
    public void Build(double[] x, double[] w, double[] r, double delta, ExpectedUtilityVariant variant, bool parallel)
    {
        var n = _n;
        _variant = variant;
        Array.Copy(x, _x, n);
        for (var t = 0; t < n; t++)
        {
            _order[t] = t;
            _sorted[t] = x[t];
        }

        // A canonical order: by position, then by the values that enter the sums (weight, exponent),
        // and only then by input index — which decides nothing, since actors equal in all three add
        // equal terms. Every floating-point sum is thus taken in the same order however the actors
        // are listed, so reordering the input gives bit-identical results.
        Array.Sort(_order, (p, q) =>
        {
            var c = x[p].CompareTo(x[q]);
            if (c == 0)
            {
                c = w[p].CompareTo(w[q]);
            }

            if (c == 0)
            {
                c = r[p].CompareTo(r[q]);
            }

            return c != 0 ? c : p.CompareTo(q);
        });
        for (var t = 0; t < n; t++)
        {
            _sorted[t] = x[_order[t]];
        }

        var invDelta = 1.0 / delta;
        var sorted = _sorted;
        var order = _order;
        var prefix = _prefix;
        void Row(int j)
        {
            var y = x[j];
            var row = j * (n + 1);
            var sum = 0.0;
            prefix[row] = 0;
            for (var t = 0; t < n; t++)
            {
                var k = order[t];
                sum += w[k] * Distance(Math.Abs(sorted[t] - y) * invDelta, r[k]);
                prefix[row + t + 1] = sum;
            }
        }

        if (parallel && n >= 64)
        {
            Parallel.For(0, n, Row);
        }
        else
        {
            for (var j = 0; j < n; j++)
            {
                Row(j);
            }
        }

        _normaliser = variant == ExpectedUtilityVariant.Scholz2011 ? ScholzNormaliser(w, r, invDelta, parallel) : 0;
    }

    /// <summary>Actor indices in the canonical order (by position, weight, exponent): sum over actors in this order.</summary>
    public ReadOnlySpan<int> CanonicalOrder => _order;

    /// <summary>P(xᵢ, xⱼ): the probability that actor i's position prevails over actor j's.</summary>
    public double P(int i, int j)
    {
        if (_x[i] == _x[j])
        {
            return 0;
        }

        var forI = Numerator(i, j);
        if (_variant == ExpectedUtilityVariant.Scholz2011)
        {
            return _normaliser > 0 ? forI / _normaliser : 0;
        }

        var total = forI + Numerator(j, i);
        return total > 0 ? forI / total : 0.5;
    }

    /// <summary>N(i,j) = Σₖ max(0, vₖ(xᵢ, xⱼ)).</summary>
    private double Numerator(int i, int j)
    {
        var a = _x[i];
        var b = _x[j];
        var n = _n;
        var rowI = i * (n + 1);
        var rowJ = j * (n + 1);
        var mid = a + ((b - a) * 0.5);
        double value;
        if (a < b)
        {
            // Voters strictly below the midpoint are nearer a.
            var m = IssueStatistics.LowerBound(_sorted, mid);
            value = _prefix[rowJ + m] - _prefix[rowI + m];
        }
        else
        {
            // Voters strictly above the midpoint are nearer a.
            var m = UpperBound(_sorted, mid);
            value = (_prefix[rowJ + n] - _prefix[rowJ + m]) - (_prefix[rowI + n] - _prefix[rowI + m]);
        }

        return value > 0 ? value : 0;
    }

    /// <summary>D = Σₖ wₖ Σ_p Σ_q |gₖ(x_p) − gₖ(x_q)|, with each voter's g values visited in ascending order.</summary>
    private double ScholzNormaliser(double[] w, double[] r, double invDelta, bool parallel)
    {
        var n = _n;
        var perVoter = new double[n];
        var sorted = _sorted;
        void Voter(int t)
        {
            // Merge outwards from sorted index t: distances ascend on both sides.
            var xk = sorted[t];
            var k = _order[t];
            int left = t - 1, right = t + 1;
            var rank = 1; // the voter itself, g = 0, is rank 0
            var acc = 0.0; // Σ_rank g_(rank) (2·rank − n + 1)
            while (left >= 0 || right < n)
            {
                double dist;
                if (right >= n || (left >= 0 && xk - sorted[left] <= sorted[right] - xk))
                {
                    dist = xk - sorted[left--];
                }
                else
                {
                    dist = sorted[right++] - xk;
                }

                acc += Distance(dist * invDelta, r[k]) * ((2.0 * rank) - n + 1);
                rank++;
            }

            perVoter[t] = w[k] * 2.0 * acc;
        }

        if (parallel && n >= 64)
        {
            Parallel.For(0, n, Voter);
        }
        else
        {
            for (var t = 0; t < n; t++)
            {
                Voter(t);
            }
        }

        var total = 0.0;
        for (var t = 0; t < n; t++)
        {
            total += perVoter[t];
        }

        return total;
    }

    /// <summary>(d)^r, with the exponent-1 case exact and cheap.</summary>
    internal static double Distance(double d, double r) => r == 1.0 ? d : Math.Pow(d, r);

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
