using System.Runtime.CompilerServices;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// One round of the model for few actors (at most <see cref="MaxActors"/>), allocation-free, with
/// the same floating-point operations in the same order as <see cref="TableRound"/> and
/// <see cref="VictoryProbabilities"/> — so the two give bit-identical rounds (tested) — but none of
/// their machinery for thousands of actors (blocks, tiles, delegates, pools, parallel loops) and
/// each transcendental function evaluated once per distinct argument.
/// </summary>
/// <remarks>
/// <para>
/// Everything a round computes depends on an actor's position only through the position's value,
/// so the actors are grouped by distinct position (m groups, m ≤ n; after a few rounds many actors
/// share positions) and every table is kept per group: the distances and their logarithms
/// (m(m−1)/2 of each kind instead of n(n−1)/2), the victory probabilities (m² instead of n²), the
/// receiver's utilities Uₛ and U_f (per receiver and group: 2n(m−1) exponentials instead of
/// 2n(n−1)). A group's logarithms depend on its position and the initial range Δ only, so they are
/// kept for the next round for the groups whose positions are still there.
/// </para>
/// <para>
/// Offers a receiver cannot take are skipped before their utilities are computed. Every offer needs
/// b = EUᵢ(j→i) &gt; 0, and with α = (½−½d)^r, β = (½+½d)^r, γ = ½^r, t = sᵢ(1 − P(xⱼ,xᵢ)):
/// b = 4γ·B̂·(h − t), B̂ = (1+d)^r − (1−d)^r &gt; 0, h = (1 − (1−d)^r)/B̂. For r ≥ 1, convexity gives
/// (1+d)^r + (1−d)^r ≥ 2, i.e. h ≤ ½; for r ≤ 1, 2^r − (2^r − 1)(1−d)^r is convex and (1+d)^r
/// concave in d and they agree at d = 0 and d = 1, so h ≤ 2^(−r) = γ. So when t ≥ H + 10⁻⁶ with
/// H = ½ (r ≥ 1) or γ (r &lt; 1), and d ≥ 10⁻⁶, the exact b is at most −4γB̂·10⁻⁶ ≤ −10⁻¹² (γ ≥ ¼,
/// B̂ ≥ d for r ≥ ½), far below the rounding error of the computed b (about 10⁻¹⁴): b ≤ 0 either way,
/// and no offer is made. The risk exponents lie in [½, 2] and d in [0, 1] (positions never leave the
/// initial range), as the bound needs.
/// </para>
/// </remarks>
internal sealed class SmallRound : IRoundStep
{
    /// <summary>The most actors this step handles; above it <see cref="TableRound"/> is used.</summary>
    public const int MaxActors = 32;

    /// <summary>The margin of the offer-skipping bound (see the remarks).</summary>
    private const double SkipMargin = 1e-6;

    [ThreadStatic]
    private static SmallRound? t_cached;

    // Input order, fixed for a run.
    private IssueInput _input = null!;
    private double[] _w = null!;
    private double[] _s = null!;
    private ExpectedUtilityVariant _variant;
    private bool _scholz;
    private double _delta;
    private double _invDelta;
    private OfferRecording _recording;
    private double _origin;
    private bool _skipOffers;
    private int _n;

    // The round's canonical order and groups (by canonical rank t unless said otherwise).
    private readonly int[] _order = new int[MaxActors];          // rank → actor
    private readonly int[] _rankGroup = new int[MaxActors];      // rank → group
    private readonly int[] _group = new int[MaxActors];          // actor → group
    private readonly int[] _groupStart = new int[MaxActors + 1]; // group → its first rank; [m] = n
    private double[] _groupPosition = new double[MaxActors];     // group → position, ascending
    private int _m;

    // Per group pair [g·m + h], rebuilt each round.
    private readonly double[] _distance = new double[MaxActors * MaxActors];      // |P_g − P_h| · (1/Δ): the votes
    private readonly double[] _utilityDistance = new double[MaxActors * MaxActors]; // |P_g − P_h| / Δ: the utilities
    private double[] _logDistance = new double[MaxActors * MaxActors];            // ln(|P_g − P_h| · (1/Δ))
    private double[] _logSuccess = new double[MaxActors * MaxActors];             // ln(½ − ½d), NaN until needed
    private double[] _logFailure = new double[MaxActors * MaxActors];             // ln(½ + ½d)
    private readonly double[] _for = new double[MaxActors * MaxActors];           // P(P_g, P_h)
    private readonly double[] _against = new double[MaxActors * MaxActors];       // P(P_h, P_g)

    // The previous round's groups and logarithms, kept for the groups still there.
    private double[] _lastPosition = new double[MaxActors];
    private double[] _lastLogDistance = new double[MaxActors * MaxActors];
    private double[] _lastLogSuccess = new double[MaxActors * MaxActors];
    private double[] _lastLogFailure = new double[MaxActors * MaxActors];
    private readonly int[] _lastIndex = new int[MaxActors]; // group → the previous round's group at the same position, or −1
    private int _lastM;

    // Votes: [t·m + g] = w_(t)·g_(t)(P_g); prefix rows per target group [g·(n+1) + t].
    private readonly double[] _values = new double[MaxActors * MaxActors];
    private readonly double[] _prefix = new double[MaxActors * (MaxActors + 1)];
    private readonly double[] _totals = new double[MaxActors];
    private double _normaliser;
    private double _inverseNormaliser;

    // Per actor or per group of one receiver.
    private readonly double[] _exposure = new double[MaxActors];
    private readonly double[] _term = new double[MaxActors];
    private readonly double[] _us = new double[MaxActors];
    private readonly double[] _uf = new double[MaxActors];
    private readonly double[] _b = new double[MaxActors];
    private readonly bool[] _open = new bool[MaxActors];
    private readonly ChosenOffer[] _chosen = new ChosenOffer[MaxActors];

    /// <summary>This thread's step, set up for a run of <paramref name="input"/> (at most <see cref="MaxActors"/> actors).</summary>
    public static SmallRound Rent(IssueInput input, double[] w, ExpectedUtilityVariant variant, double delta, OfferRecording recording, double origin, bool skipOffers)
    {
        Preconditions.Check(input.Count <= MaxActors, nameof(input), $"At most {MaxActors} actors.");
        var step = t_cached ?? new SmallRound();
        t_cached = null;
        step._input = input;
        step._n = input.Count;
        step._w = w;
        step._s = input.Saliences;
        step._variant = variant;
        step._scholz = variant == ExpectedUtilityVariant.Scholz2011;
        step._delta = delta;
        step._invDelta = 1.0 / delta;
        step._recording = recording;
        step._origin = origin;
        step._skipOffers = skipOffers;
        step._lastM = 0;
        for (var i = 0; i < step._n; i++)
        {
            step._order[i] = i;
        }

        return step;
    }

    /// <inheritdoc />
    public void Release()
    {
        _input = null!;
        _w = null!;
        _s = null!;
        t_cached = this;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<Offer>? Run(ReadOnlySpan<double> x, Span<double> next, Span<double> risk)
    {
        // The risk exponents: every r = 1, canonical order by (position, weight, index).
        SortCanonically(x, risk, withExponents: false);
        Group(x);
        Distances();
        LinearValues();
        PrefixRows();
        Probabilities();
        RiskExponents(x, risk);

        // The offers: the round's exponents, canonical order by (position, weight, exponent, index).
        SortCanonically(x, risk, withExponents: true);
        PowerValues(risk);
        PrefixRows();
        Probabilities();
        return Offers(x, risk, next);
    }

    /// <summary>
    /// Insertion sort of the actors by position, then weight (then exponent), then index: a total
    /// order, so the result is the one permutation <see cref="VictoryProbabilities"/> sorts to.
    /// It starts from the last order, which is nearly sorted already.
    /// </summary>
    private void SortCanonically(ReadOnlySpan<double> x, ReadOnlySpan<double> r, bool withExponents)
    {
        var order = _order;
        var w = _w;
        for (var t = 1; t < _n; t++)
        {
            var q = order[t];
            var u = t - 1;
            while (u >= 0 && Before(q, order[u], x, w, r, withExponents))
            {
                order[u + 1] = order[u];
                u--;
            }

            order[u + 1] = q;
        }
    }

    private static bool Before(int p, int q, ReadOnlySpan<double> x, double[] w, ReadOnlySpan<double> r, bool withExponents)
    {
        if (x[p] != x[q])
        {
            return x[p] < x[q];
        }

        if (w[p] != w[q])
        {
            return w[p] < w[q];
        }

        if (withExponents && r[p] != r[q])
        {
            return r[p] < r[q];
        }

        return p < q;
    }

    /// <summary>Groups the sorted actors by distinct position, and finds which groups sat at the same position last round.</summary>
    private void Group(ReadOnlySpan<double> x)
    {
        var n = _n;
        var m = 0;
        for (var t = 0; t < n; t++)
        {
            var a = _order[t];
            if (t == 0 || x[a] != _groupPosition[m - 1])
            {
                _groupPosition[m] = x[a];
                _groupStart[m] = t;
                m++;
            }

            _rankGroup[t] = m - 1;
            _group[a] = m - 1;
        }

        _groupStart[m] = n;
        _m = m;

        // Both position lists ascend: one merge walk pairs the equal ones.
        var last = 0;
        for (var g = 0; g < m; g++)
        {
            var p = _groupPosition[g];
            while (last < _lastM && _lastPosition[last] < p)
            {
                last++;
            }

            _lastIndex[g] = last < _lastM && _lastPosition[last] == p ? last : -1;
        }
    }

    /// <summary>Distances between groups, for the votes (·1/Δ) and the utilities (/Δ); logarithms of the first, taken from the last round where its groups are still there.</summary>
    private void Distances()
    {
        var m = _m;
        var lastM = _lastM;
        for (var g = 0; g < m; g++)
        {
            var gm = g * m;
            _distance[gm + g] = 0;
            _utilityDistance[gm + g] = 0;
            _logSuccess[gm + g] = double.NaN;
            _logFailure[gm + g] = double.NaN;
            var lg = _lastIndex[g];
            for (var h = g + 1; h < m; h++)
            {
                var gap = Math.Abs(_groupPosition[g] - _groupPosition[h]);
                var d = gap * _invDelta;
                var u = gap / _delta;
                var hm = h * m;
                _distance[gm + h] = d;
                _distance[hm + g] = d;
                _utilityDistance[gm + h] = u;
                _utilityDistance[hm + g] = u;
                var lh = _lastIndex[h];
                double logD, logS, logF;
                if (lg >= 0 && lh >= 0)
                {
                    var last = (lg * lastM) + lh;
                    logD = _lastLogDistance[last];
                    logS = _lastLogSuccess[last];
                    logF = _lastLogFailure[last];
                }
                else
                {
                    logD = Math.Log(d);
                    logS = double.NaN;
                    logF = double.NaN;
                }

                _logDistance[gm + h] = logD;
                _logDistance[hm + g] = logD;
                _logSuccess[gm + h] = logS;
                _logSuccess[hm + g] = logS;
                _logFailure[gm + h] = logF;
                _logFailure[hm + g] = logF;
            }
        }
    }

    /// <summary>Votes with every exponent 1: wₖ·(|P_g − xₖ|·(1/Δ)).</summary>
    private void LinearValues()
    {
        var n = _n;
        var m = _m;
        for (var t = 0; t < n; t++)
        {
            var wk = _w[_order[t]];
            var row = _distance.AsSpan(_rankGroup[t] * m, m);
            var values = _values.AsSpan(t * m, m);
            for (var g = 0; g < m; g++)
            {
                values[g] = wk * row[g];
            }
        }
    }

    /// <summary>Votes with the round's exponents: wₖ·exp(rₖ·ln(|P_g − xₖ|·(1/Δ))), 0 at the voter's own position.</summary>
    private void PowerValues(ReadOnlySpan<double> r)
    {
        var n = _n;
        var m = _m;
        for (var t = 0; t < n; t++)
        {
            var k = _order[t];
            var wk = _w[k];
            var rk = r[k];
            var own = _rankGroup[t];
            var values = _values.AsSpan(t * m, m);
            if (rk == 1.0)
            {
                var row = _distance.AsSpan(own * m, m);
                for (var g = 0; g < m; g++)
                {
                    values[g] = wk * row[g];
                }

                continue;
            }

            // exp(r·ln 0) = exp(−∞) = 0 at the voter's own position, as 0^r is.
            var logs = _logDistance.AsSpan(own * m, m);
            for (var g = 0; g < m; g++)
            {
                values[g] = g == own ? wk * 0.0 : wk * Math.Exp(rk * logs[g]);
            }
        }
    }

    /// <summary>Prefix sums over the voters in canonical order, one row per target group; the Scholz normaliser.</summary>
    private void PrefixRows()
    {
        var n = _n;
        var m = _m;
        var stride = n + 1;
        for (var g = 0; g < m; g++)
        {
            var row = g * stride;
            _prefix[row] = 0;
            var sum = 0.0;
            for (var t = 0; t < n; t++)
            {
                sum += _values[(t * m) + g];
                _prefix[row + t + 1] = sum;
            }

            _totals[g] = sum;
        }

        if (!_scholz)
        {
            return;
        }

        // Per voter, Σ_p Σ_q |v_p − v_q| = 2 Σ_m v_(m)(2m − n + 1) over its values in ascending
        // order, walking outwards from the voter (ties to the left), as VictoryProbabilities does.
        var total = 0.0;
        for (var t = 0; t < n; t++)
        {
            var xk = _groupPosition[_rankGroup[t]];
            var values = _values.AsSpan(t * m, m);
            int left = t - 1, right = t + 1;
            var rank = 1;
            var acc = 0.0;
            while (left >= 0 || right < n)
            {
                int s;
                if (right >= n || (left >= 0 && xk - _groupPosition[_rankGroup[left]] <= _groupPosition[_rankGroup[right]] - xk))
                {
                    s = left--;
                }
                else
                {
                    s = right++;
                }

                acc += values[_rankGroup[s]] * ((2.0 * rank) - n + 1);
                rank++;
            }

            total += 2.0 * acc;
        }

        _normaliser = total;
    }

    /// <summary>
    /// P(P_g, P_h) and P(P_h, P_g) for every pair of groups, from the prefix rows: the voters below
    /// the midpoint are nearer the lower position, those above it nearer the higher one.
    /// </summary>
    /// <remarks>
    /// Each unordered pair g &lt; h is computed once: the ordered pair (h, g) takes the same vote
    /// sums as (g, h) with their roles swapped (the same differences of the same prefix entries, and
    /// a sum of two terms does not depend on their order), so P(P_h, P_g) for row h is the bits of
    /// P(P_h, P_g) for row g, and the other way round. That holds when both rows see the same
    /// midpoint: a + (b − a)/2 and b + (a − b)/2 can differ in the last bit, and then row h counts
    /// the voters at its own midpoint, as the table round does.
    /// </remarks>
    private void Probabilities()
    {
        var n = _n;
        var m = _m;
        var stride = n + 1;
        _inverseNormaliser = _normaliser > 0 ? 1.0 / _normaliser : 0.0;
        for (var g = 0; g < m; g++)
        {
            _for[(g * m) + g] = 0;
            _against[(g * m) + g] = 0;

            // Midpoints rise with the target: the first groups at or above, and above, the midpoint only move forward.
            var a = _groupPosition[g];
            var below = g;
            var atOrBelow = g;
            for (var h = g + 1; h < m; h++)
            {
                var b = _groupPosition[h];
                var mid = a + ((b - a) * 0.5);
                while (below < m && _groupPosition[below] < mid)
                {
                    below++;
                }

                if (atOrBelow < below)
                {
                    atOrBelow = below;
                }

                while (atOrBelow < m && _groupPosition[atOrBelow] <= mid)
                {
                    atOrBelow++;
                }

                var (pFor, pAgainst) = Pair(g, h, true, below, atOrBelow, stride);
                _for[(g * m) + h] = pFor;
                _against[(g * m) + h] = pAgainst;
                var mirrored = b + ((a - b) * 0.5);
                if (BitConverter.DoubleToInt64Bits(mirrored) == BitConverter.DoubleToInt64Bits(mid))
                {
                    _for[(h * m) + g] = pAgainst;
                    _against[(h * m) + g] = pFor;
                }
                else
                {
                    var (qFor, qAgainst) = Pair(h, g, false, CountBelow(mirrored, true), CountBelow(mirrored, false), stride);
                    _for[(h * m) + g] = qFor;
                    _against[(h * m) + g] = qAgainst;
                }
            }
        }
    }

    /// <summary>The groups below <paramref name="mid"/> (<paramref name="strict"/>) or at or below it.</summary>
    private int CountBelow(double mid, bool strict)
    {
        var count = 0;
        while (count < _m && (strict ? _groupPosition[count] < mid : _groupPosition[count] <= mid))
        {
            count++;
        }

        return count;
    }

    /// <summary>P(P_g, P_h) and P(P_h, P_g) for row g (<paramref name="lower"/>: P_g &lt; P_h), the first groups at or above and above the midpoint given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (double For, double Against) Pair(int g, int h, bool lower, int below, int atOrBelow, int stride)
    {
        return VictoryProbabilities.Shares(_prefix, g * stride, h * stride, _totals[g], _totals[h], _groupStart[below], _groupStart[atOrBelow], lower, _scholz, _inverseNormaliser);
    }

    /// <summary>
    /// Exposure Eᵢ = Σ_{j≠i} EU(j→i) with r = 1 (summed over j in canonical order), then
    /// Rᵢ = (2Eᵢ − max E − min E)/(max E − min E) and rᵢ = (1 − Rᵢ/3)/(1 + Rᵢ/3).
    /// </summary>
    private void RiskExponents(ReadOnlySpan<double> x, Span<double> risk)
    {
        var n = _n;
        var m = _m;
        var max = double.NegativeInfinity;
        var min = double.PositiveInfinity;
        for (var i = 0; i < n; i++)
        {
            var si = _s[i];
            var gi = _group[i];
            var gm = gi * m;
            for (var h = 0; h < m; h++)
            {
                // With r = 1: Uₛ = 2d, U_f = −2d, U_sq = 0.
                var d = _utilityDistance[gm + h];
                var (us, uf, usq) = (2 - (4 * (0.5 - (0.5 * d))), 2 - (4 * (0.5 + (0.5 * d))), 0.0);
                var p = _against[gm + h];
                _term[h] = (si * ((p * us) + ((1 - p) * uf))) + ((1 - si) * us) - usq;
            }

            var e = 0.0;
            for (var t = 0; t < n; t++)
            {
                var j = _order[t];
                if (j != i)
                {
                    e += _term[_rankGroup[t]];
                }
            }

            _exposure[i] = e;
            max = e > max ? e : max;
            min = e < min ? e : min;
        }

        for (var i = 0; i < n; i++)
        {
            var big = max > min ? ((2 * _exposure[i]) - max - min) / (max - min) : 0;
            risk[i] = (1 - (big / 3)) / (1 + (big / 3));
        }
    }

    /// <summary>Every receiver's best offer and next position; the offers as recorded.</summary>
    private List<Offer>? Offers(ReadOnlySpan<double> x, ReadOnlySpan<double> r, Span<double> next)
    {
        var n = _n;
        var m = _m;
        var s = _s;
        var all = _recording == OfferRecording.All ? new List<Offer>?[n] : null;
        for (var i = 0; i < n; i++)
        {
            var xi = x[i];
            var ri = r[i];
            var si = s[i];
            var gi = _group[i];
            var gm = gi * m;
            var half = Math.Pow(0.5, ri);
            var usq = 2 - (4 * half);
            var bound = (ri >= 1 ? 0.5 : half) + SkipMargin;

            // Per group: is an offer from there possible at all (b > 0)? b depends on the group only.
            var any = false;
            for (var h = 0; h < m; h++)
            {
                _open[h] = false;
                if (h == gi)
                {
                    continue;
                }

                var pji = _against[gm + h];
                if (_skipOffers && si * (1 - pji) >= bound && _utilityDistance[gm + h] >= SkipMargin)
                {
                    continue;
                }

                // Uₛ = 2 − 4(0.5 − 0.5d)^rᵢ and U_f = 2 − 4(0.5 + 0.5d)^rᵢ, as exp(rᵢ·ln(…)).
                var pair = gm + h;
                var logS = _logSuccess[pair];
                if (double.IsNaN(logS))
                {
                    var d = _utilityDistance[pair];
                    logS = Math.Log(0.5 - (0.5 * d));
                    var logF = Math.Log(0.5 + (0.5 * d));
                    var mirror = (h * m) + gi;
                    _logSuccess[pair] = logS;
                    _logSuccess[mirror] = logS;
                    _logFailure[pair] = logF;
                    _logFailure[mirror] = logF;
                }

                var us = 2 - (4 * Math.Exp(ri * logS));
                var uf = 2 - (4 * Math.Exp(ri * _logFailure[pair]));
                var b = (si * ((pji * us) + ((1 - pji) * uf))) + ((1 - si) * us) - usq;
                if (b > 0)
                {
                    _us[h] = us;
                    _uf[h] = uf;
                    _b[h] = b;
                    _open[h] = true;
                    any = true;
                }
            }

            var best = ChosenOffer.None;
            if (any)
            {
                for (var j = 0; j < n; j++)
                {
                    var h = _group[j];
                    if (!_open[h])
                    {
                        continue;
                    }

                    var us = _us[h];
                    var uf = _uf[h];
                    var pij = _for[gm + h];
                    var xj = x[j];
                    var a = (s[j] * ((pij * us) + ((1 - pij) * uf))) + ((1 - s[j]) * us) - usq;

                    // EUᵢ(j→i) depends on j's group only: the value found open above.
                    var b = _b[h];
                    if (!OfferRules.Classify(a, b, xi, xj, out var kind, out var target))
                    {
                        continue;
                    }

                    if (all is not null)
                    {
                        (all[i] ??= []).Add(new Offer(kind, _input.ActorIds[j], _input.ActorIds[i], a, b, target + _origin, false));
                    }

                    var candidate = new ChosenOffer(j, kind, a, b, target, xj);
                    if (OfferRules.Better(candidate, best, xi, _variant))
                    {
                        best = candidate;
                    }
                }
            }

            _chosen[i] = best;
            next[i] = best.From >= 0 ? best.Target : xi;
        }

        KeepLogs();
        return OfferRules.Record(_recording, _chosen.AsSpan(0, n), all, _input.ActorIds, _origin);
    }

    /// <summary>Keeps this round's groups and logarithms for the next round (by swapping the buffers).</summary>
    private void KeepLogs()
    {
        (_lastPosition, _groupPosition) = (_groupPosition, _lastPosition);
        (_lastLogDistance, _logDistance) = (_logDistance, _lastLogDistance);
        (_lastLogSuccess, _logSuccess) = (_logSuccess, _lastLogSuccess);
        (_lastLogFailure, _logFailure) = (_logFailure, _lastLogFailure);
        _lastM = _m;
    }
}
