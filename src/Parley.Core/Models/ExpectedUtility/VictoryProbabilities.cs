using System.Runtime.CompilerServices;
using Parley.Core.Simulation;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// The probabilities P(xᵢ, xⱼ) that actor i's position prevails over actor j's, for every pair,
/// in O(n²) time per round after an O(n log n) sort, instead of the direct O(n³).
/// </summary>
/// <remarks>
/// Voter k votes for a over b with vₖ(a,b) = wₖ[gₖ(b) − gₖ(a)], gₖ(y) = (|xₖ − y|/Δ)^rₖ. The positive
/// votes come exactly from the voters nearer a than b, which for a &lt; b are the voters below the
/// midpoint (a+b)/2 — a prefix of the actors sorted by position (a suffix for a &gt; b). So with one
/// prefix-sum row Fⱼ[m] = Σ_{k among the m lowest} wₖgₖ(xⱼ) per target j, the numerator
/// N(i,j) = Σₖ max(0, vₖ(xᵢ,xⱼ)) is Fⱼ[m] − Fᵢ[m]. For a fixed i, walking j up the sorted order moves
/// the midpoint up, so m is found with a pointer that only moves forward: O(n) per actor.
/// The Scholz normaliser D = Σₖ Σ_p Σ_q |vₖ(x_p, x_q)| needs, per voter, its wₖgₖ values in ascending
/// order, which a walk outwards from the voter's place in the sorted order gives; those values are
/// the ones the table is built from, so no power is computed twice.
/// </remarks>
internal sealed class VictoryProbabilities
{
    private const int ParallelThreshold = 64;

    private readonly int _n;
    private readonly double[] _sorted;      // positions, ascending (canonical order)
    private readonly int[] _order;          // canonical index → actor
    private readonly int[] _rank;           // actor → canonical index
    private readonly double[] _values;      // voter-major [t·n + s] = w_(t) g_(t)(x_(s)), canonical indices
    private readonly double[] _prefix;      // target-major, row s (length n+1): prefix sums over voters of w g(x_(s))
    private readonly double[] _totals;      // row totals F_(s)[n], kept apart so that a pair touches one cache line of the other row
    private readonly double[] _perVoter;
    private readonly double[] _x;
    private ExpectedUtilityVariant _variant;
    private double _normaliser;

    /// <summary>Allocates the tables for <paramref name="n"/> actors.</summary>
    public VictoryProbabilities(int n)
    {
        _n = n;
        _sorted = new double[n];
        _order = new int[n];
        _rank = new int[n];
        _prefix = new double[n * (n + 1)];
        _perVoter = new double[n];
        _totals = new double[n];
        _values = new double[n * n];
        _x = new double[n];
    }

    /// <summary>Actor indices in the canonical order (by position, weight, exponent): sum over actors in this order.</summary>
    public ReadOnlySpan<int> CanonicalOrder => _order;

    /// <summary>The number of receiver blocks of <see cref="ForBlock"/>.</summary>
    public int BlockCount => (_n + BlockSize - 1) / BlockSize;

    /// <summary>Fills the tables for positions <paramref name="x"/>, vote weights <paramref name="w"/> (cₖsₖ) and exponents <paramref name="r"/>.</summary>
    public void Build(double[] x, double[] w, double[] r, double delta, ExpectedUtilityVariant variant)
    {
        var n = _n;
        _variant = variant;
        Array.Copy(x, _x, n);
        for (var t = 0; t < n; t++)
        {
            _order[t] = t;
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
            _rank[_order[t]] = t;
        }

        var invDelta = 1.0 / delta;
        var scholz = variant == ExpectedUtilityVariant.Scholz2011;
        ParallelLoops.For(n, n >= ParallelThreshold, t => Voter(t, w, r, invDelta, scholz));
        TransposeValuesIntoPrefixRows();
        ParallelLoops.For(n, n >= ParallelThreshold, PrefixRow);
        if (scholz)
        {
            var total = 0.0;
            for (var t = 0; t < n; t++)
            {
                total += _perVoter[t];
            }

            _normaliser = total;
        }
    }

    /// <summary>Receivers per block in <see cref="ForBlock"/>: their rows of the table share cache lines.</summary>
    public const int BlockSize = 16;

    /// <summary>
    /// For the receivers at canonical ranks first … first + count − 1 (count ≤ <see cref="BlockSize"/>),
    /// fills <paramref name="forBlock"/>[q·n + j] = P(xᵢ, xⱼ) and <paramref name="againstBlock"/>[q·n + j]
    /// = P(xⱼ, xᵢ) for every actor j (input order), i the q-th receiver; both are 0 where xⱼ = xᵢ.
    /// The receivers of a block are neighbours on the scale, so for one target their midpoints — and
    /// the parts of the target's row they read — lie close together: one cache miss serves the block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ForBlock(int first, int count, double[] forBlock, double[] againstBlock)
    {
        var n = _n;
        var prefix = _prefix;
        var totals = _totals;
        var sorted = _sorted;
        var scholz = _variant == ExpectedUtilityVariant.Scholz2011;
        var inverseNormaliser = _normaliser > 0 ? 1.0 / _normaliser : 0.0;
        Span<int> below = stackalloc int[BlockSize];
        Span<int> atOrBelow = stackalloc int[BlockSize];
        below.Clear();
        atOrBelow.Clear();
        for (var t = 0; t < n; t++)
        {
            var j = _order[t];
            var b = sorted[t];
            var rowJ = t * (n + 1);
            var totalJ = totals[t];
            for (var q = 0; q < count; q++)
            {
                var rank = first + q;
                var a = sorted[rank];
                var slot = (q * n) + j;
                if (b == a)
                {
                    forBlock[slot] = 0;
                    againstBlock[slot] = 0;
                    continue;
                }

                // The midpoint rises with b, so both counts only move forward.
                var mid = a + ((b - a) * 0.5);
                var lo = below[q];
                while (lo < n && sorted[lo] < mid)
                {
                    lo++;
                }

                var hi = atOrBelow[q] < lo ? lo : atOrBelow[q];
                while (hi < n && sorted[hi] <= mid)
                {
                    hi++;
                }

                below[q] = lo;
                atOrBelow[q] = hi;
                var rowI = rank * (n + 1);
                var totalI = totals[rank];
                (forBlock[slot], againstBlock[slot]) = Shares(prefix, rowI, rowJ, totalI, totalJ, lo, hi, a < b, scholz, inverseNormaliser);
            }
        }
    }

    /// <summary>
    /// Voter at canonical index t: fills its row of wₖgₖ(x_(s)) for every target s (contiguous), and,
    /// for the Scholz normaliser, Σ_p Σ_q |wₖgₖ(x_p) − wₖgₖ(x_q)| from those values in ascending order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Voter(int t, double[] w, double[] r, double invDelta, bool scholz)
    {
        var n = _n;
        var sorted = _sorted;
        var k = _order[t];
        var xk = sorted[t];
        var wk = w[k];
        var rk = r[k];
        var values = _values;
        var row = t * n;
        if (rk == 1.0)
        {
            for (var s = 0; s < n; s++)
            {
                values[row + s] = wk * (Math.Abs(sorted[s] - xk) * invDelta);
            }
        }
        else
        {
            // (d/Δ)^r as exp(r·ln(d/Δ)), cheaper than Math.Pow; exp(r·(−∞)) = 0 at d = 0, as 0^r is.
            for (var s = 0; s < n; s++)
            {
                values[row + s] = wk * Math.Exp(rk * Math.Log(Math.Abs(sorted[s] - xk) * invDelta));
            }
        }

        if (!scholz)
        {
            return;
        }

        // Walk outwards from t: distances — and so the values — ascend on both sides. For values
        // v_(0) ≤ … ≤ v_(n−1), Σ_p Σ_q |v_p − v_q| = 2 Σ_m v_(m) (2m − n + 1).
        int left = t - 1, right = t + 1;
        var rank = 1; // the voter itself, value 0, has rank 0
        var acc = 0.0;
        while (left >= 0 || right < n)
        {
            int s;
            if (right >= n || (left >= 0 && xk - sorted[left] <= sorted[right] - xk))
            {
                s = left--;
            }
            else
            {
                s = right++;
            }

            acc += values[row + s] * ((2.0 * rank) - n + 1);
            rank++;
        }

        _perVoter[t] = 2.0 * acc;
    }

    /// <summary>Copies the voter-major values into the target-major prefix rows, tile by tile so that both sides stay in cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TransposeValuesIntoPrefixRows()
    {
        const int Tile = 32;
        var n = _n;
        var values = _values;
        var prefix = _prefix;
        var tiles = (n + Tile - 1) / Tile;
        ParallelLoops.For(tiles, _n >= ParallelThreshold, tb =>
        {
            var t0 = tb * Tile;
            var t1 = Math.Min(n, t0 + Tile);
            for (var s0 = 0; s0 < n; s0 += Tile)
            {
                var s1 = Math.Min(n, s0 + Tile);
                for (var t = t0; t < t1; t++)
                {
                    for (var s = s0; s < s1; s++)
                    {
                        prefix[(s * (n + 1)) + t + 1] = values[(t * n) + s];
                    }
                }
            }
        });
    }

    /// <summary>Turns row j's values into prefix sums, in canonical order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PrefixRow(int j)
    {
        var row = j * (_n + 1);
        var prefix = _prefix;
        prefix[row] = 0;
        var sum = 0.0;
        for (var t = 1; t <= _n; t++)
        {
            sum += prefix[row + t];
            prefix[row + t] = sum;
        }

        _totals[j] = sum;
    }

    /// <summary>
    /// P(i, j) and P(j, i) from the prefix-sum rows of i and j: the votes for i over j and for j over i among the
    /// voters below the midpoint (<paramref name="lower"/>: xᵢ &lt; xⱼ) or above it, floored at 0; divided by the
    /// global normaliser for Scholz et al. (2011), else by their sum (½ each when both are 0). Shared by the
    /// table round and the small round, so both take the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (double For, double Against) Shares(ReadOnlySpan<double> prefix, int rowI, int rowJ, double totalI, double totalJ, int lo, int hi, bool lower, bool scholz, double inverseNormaliser)
    {
        double nij, nji;
        if (lower)
        {
            // Voters below the midpoint are nearer i; those above it nearer j.
            nij = prefix[rowJ + lo] - prefix[rowI + lo];
            nji = (totalI - prefix[rowI + hi]) - (totalJ - prefix[rowJ + hi]);
        }
        else
        {
            nij = (totalJ - prefix[rowJ + hi]) - (totalI - prefix[rowI + hi]);
            nji = prefix[rowI + lo] - prefix[rowJ + lo];
        }

        nij = nij > 0 ? nij : 0;
        nji = nji > 0 ? nji : 0;
        if (scholz)
        {
            return (nij * inverseNormaliser, nji * inverseNormaliser);
        }

        var total = nij + nji;
        var inverse = total > 0 ? 1.0 / total : 0.0;
        return (total > 0 ? nij * inverse : 0.5, total > 0 ? nji * inverse : 0.5);
    }
}
