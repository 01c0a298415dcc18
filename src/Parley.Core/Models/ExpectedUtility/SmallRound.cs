using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// One round of the model for few actors (at most <see cref="MaxActors"/>), allocation-free, with
/// the same floating-point operations in the same order as <see cref="TableRound"/> and
/// <see cref="VictoryProbabilities"/> — so the two give bit-identical rounds (tested) — but none of
/// their machinery for thousands of actors (blocks, tiles, delegates, pools, parallel loops), each
/// transcendental function evaluated once per distinct argument and in batches of four.
/// </summary>
/// <remarks>
/// <para>
/// <b>Groups.</b> Everything a round computes depends on an actor's position only through its
/// value, so the actors are grouped by distinct position (m groups, m ≤ n; after a few rounds many
/// actors share positions) and the tables are kept per group: distances and their logarithms
/// (m(m−1)/2 instead of n(n−1)/2), victory probabilities (m² instead of n²), each receiver's
/// utilities Uₛ and U_f (per receiver and group). A pair's logarithms depend on the two positions
/// and Δ only, so they are kept for the next round where both positions are still there.
/// </para>
/// <para>
/// <b>Offers that cannot be made</b> are skipped before their utilities are computed. Write
/// α = (½−½d)^r, β = (½+½d)^r, γ = ½^r (r the receiver's exponent), tᵢ = sᵢ(1 − P(xⱼ,xᵢ)),
/// tⱼ = sⱼ(1 − P(xᵢ,xⱼ)), B̂ = (1+d)^r − (1−d)^r &gt; 0 and h = (1 − (1−d)^r)/B̂. Then
/// b = EUᵢ(j→i) = 4γB̂(h − tᵢ) and a − b = 4γB̂(tᵢ − tⱼ). Every offer needs b &gt; 0, and none is
/// possible when a &gt; b (then a &gt; 0 too). For r ≥ 1, convexity gives (1+d)^r + (1−d)^r ≥ 2,
/// i.e. h ≤ ½; for r ≤ 1, 2^r − (2^r − 1)(1−d)^r is convex and (1+d)^r concave in d and they
/// agree at d = 0 and d = 1, so h ≤ 2^(−r), itself below its chord between r = ½ and r = 1. So
/// with H that bound and d ≥ 10⁻⁶, tᵢ ≥ H + 10⁻⁶ makes the exact b at most −4γB̂·10⁻⁶ ≤ −10⁻¹²
/// (γ ≥ ¼ and B̂ ≥ d for ½ ≤ r ≤ 2), and tⱼ ≤ tᵢ − 10⁻⁶ makes a − b at least 10⁻¹²: both far beyond
/// the rounding error of the computed a and b (about 10⁻¹⁴), so the computed values say "no offer"
/// too. The risk exponents lie in [½, 2] and d in [0, 1] (positions never leave the initial
/// range), as the bounds need.
/// </para>
/// </remarks>
internal sealed class SmallRound : IRoundStep
{
    /// <summary>The most actors this step handles; above it <see cref="TableRound"/> is used.</summary>
    public const int MaxActors = 32;

    /// <summary>The margin of the offer-skipping bounds (see the remarks).</summary>
    private const double SkipMargin = 1e-6;

    private const int Pairs = MaxActors * MaxActors;
    internal static int ExtraPhase = -1;
    internal static int ExtraTimes;

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
    private int _actorStride; // n rounded up to a multiple of 4

    // The round's canonical order and groups.
    private readonly int[] _order = new int[MaxActors];             // rank → actor
    private readonly int[] _rankGroup = new int[MaxActors];         // rank → group
    private readonly int[] _group = new int[MaxActors];             // actor → group
    private readonly int[] _groupStart = new int[MaxActors + 1];    // group → its first rank; [m] = n
    private readonly int[] _members = new int[MaxActors];           // actors by group, each group in input order
    private readonly int[] _memberStart = new int[MaxActors + 1];
    private readonly double[] _maxSalience = new double[MaxActors]; // group → its largest salience
    private double[] _groupPosition = new double[MaxActors];        // group → position, ascending
    private int _m;
    private int _stride; // m rounded up to a multiple of 4: the row length of every group table

    // Per group pair [g·stride + h].
    private readonly double[] _distance = new double[Pairs];        // |P_g − P_h| · (1/Δ): the votes
    private readonly double[] _utilityDistance = new double[Pairs]; // |P_g − P_h| / Δ: the utilities
    private readonly double[] _for = new double[Pairs];             // P(P_g, P_h)
    private readonly double[] _against = new double[Pairs];         // P(P_h, P_g)
    private double[] _logDistance = new double[Pairs];              // ln(|P_g − P_h| · (1/Δ)); −∞ on the diagonal
    private double[] _logSuccess = new double[Pairs];               // ln(½ − ½d), NaN until needed
    private double[] _logFailure = new double[Pairs];               // ln(½ + ½d)

    // The previous round's groups and logarithms.
    private double[] _lastPosition = new double[MaxActors];
    private double[] _lastLogDistance = new double[Pairs];
    private double[] _lastLogSuccess = new double[Pairs];
    private double[] _lastLogFailure = new double[Pairs];
    private readonly int[] _lastIndex = new int[MaxActors]; // group → the last round's group at its position, or −1
    private int _lastM;
    private int _lastStride;

    // Votes [t·stride + g] = w_(t)·g_(t)(P_g); prefix sums [t·stride + g] over the first t voters (t = 0 … n).
    private readonly double[] _values = new double[Pairs];
    private readonly double[] _prefix = new double[(MaxActors + 1) * MaxActors];
    private double _normaliser;

    // Exposure terms [h·actorStride + i] and sums.
    private readonly double[] _terms = new double[Pairs];
    private readonly double[] _exposure = new double[MaxActors];

    // Offers: per receiver, the utility of the status quo; per open (receiver, group) pair, its utilities.
    private readonly double[] _usq = new double[MaxActors];
    private readonly int[] _openReceiver = new int[Pairs];
    private readonly int[] _openGroup = new int[Pairs];
    private readonly double[] _openArgs = new double[2 * Pairs]; // rᵢ·ln(½ − ½d), then rᵢ·ln(½ + ½d): their exponentials after
    private readonly int[] _pendingLogs = new int[Pairs];   // the pair, and its mirror [h·stride + g]
    private readonly int[] _pendingMirror = new int[Pairs];
    private readonly double[] _logArgs = new double[2 * Pairs];
    private readonly int[] _firstOpen = new int[MaxActors + 1]; // receiver → its first open pair
    private readonly int[] _candidates = new int[MaxActors];
    private readonly ChosenOffer[] _chosen = new ChosenOffer[MaxActors];

    /// <summary>This thread's step, set up for a run of <paramref name="input"/> (at most <see cref="MaxActors"/> actors).</summary>
    public static SmallRound Rent(IssueInput input, double[] w, ExpectedUtilityVariant variant, double delta, OfferRecording recording, double origin, bool skipOffers)
    {
        Preconditions.Check(input.Count <= MaxActors, nameof(input), $"At most {MaxActors} actors.");
        var step = t_cached ?? new SmallRound();
        t_cached = null;
        step._input = input;
        step._n = input.Count;
        step._actorStride = (input.Count + 3) & ~3;
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
    public List<Offer>? Run(ReadOnlySpan<double> x, Span<double> next, Span<double> risk)
    {
        // The risk exponents: every r = 1, canonical order by (position, weight, index).
        SortCanonically(x, risk, withExponents: false);
        Group(x);
        Distances();
        LinearValues();
        PrefixRows();
        Probabilities();
        RiskExponents(risk);

        // The offers: the round's exponents, canonical order by (position, weight, exponent, index).
        SortCanonically(x, risk, withExponents: true);
        PowerValues(risk);
        PrefixRows();
        Probabilities();
        var offers = Offers(x, risk, next);
        Span<double> scratch = stackalloc double[MaxActors];
        for (var rep = 0; rep < ExtraTimes; rep++)
        {
            switch (ExtraPhase)
            {
                case 0: SortCanonically(x, risk, withExponents: true); break;
                case 1: Group(x); break;
                case 2: Distances(); break;
                case 3: LinearValues(); break;
                case 4: PrefixRows(); break;
                case 5: Probabilities(); break;
                case 6: RiskExponents(scratch); break;
                case 7: PowerValues(risk); break;
                case 8: Offers(x, risk, scratch); break;
            }
        }

        KeepLogs();
        return offers;
    }

    /// <summary>
    /// Insertion sort of the actors by position, then weight (then exponent), then index: a total
    /// order, so the result is the one permutation <see cref="VictoryProbabilities"/> sorts to.
    /// It starts from the last order, which is nearly sorted already.
    /// </summary>
    private void SortCanonically(ReadOnlySpan<double> x, ReadOnlySpan<double> r, bool withExponents)
    {
        var order = _order.AsSpan(0, _n);
        var w = _w;
        for (var t = 1; t < order.Length; t++)
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

    /// <summary>Groups the sorted actors by distinct position; lists each group's actors in input order; finds which groups sat at the same position last round.</summary>
    private void Group(ReadOnlySpan<double> x)
    {
        var n = _n;
        var m = 0;
        var s = _s;
        for (var t = 0; t < n; t++)
        {
            var a = _order[t];
            if (t == 0 || x[a] != _groupPosition[m - 1])
            {
                _groupPosition[m] = x[a];
                _groupStart[m] = t;
                _maxSalience[m] = s[a];
                m++;
            }
            else if (s[a] > _maxSalience[m - 1])
            {
                _maxSalience[m - 1] = s[a];
            }

            _rankGroup[t] = m - 1;
            _group[a] = m - 1;
        }

        _groupStart[m] = n;
        _m = m;
        _stride = (m + 3) & ~3;

        // Members by group in input order: count, then place.
        for (var g = 0; g <= m; g++)
        {
            _memberStart[g] = 0;
        }

        for (var i = 0; i < n; i++)
        {
            _memberStart[_group[i] + 1]++;
        }

        for (var g = 0; g < m; g++)
        {
            _memberStart[g + 1] += _memberStart[g];
        }

        Span<int> fill = stackalloc int[MaxActors];
        for (var i = 0; i < n; i++)
        {
            var g = _group[i];
            _members[_memberStart[g] + fill[g]++] = i;
        }

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

    /// <summary>
    /// Distances between groups, for the votes (·1/Δ) and the utilities (/Δ), and the logarithms of
    /// the first: taken from the last round where both groups are still there, the others in one batch.
    /// Padding columns (h ≥ m) hold 0 and −∞, so that rows can be processed four at a time.
    /// </summary>
    private void Distances()
    {
        var m = _m;
        var stride = _stride;
        var lastStride = _lastStride;
        var position = _groupPosition;
        var pending = 0;
        for (var g = 0; g < m; g++)
        {
            var gs = g * stride;
            _distance[gs + g] = 0;
            _utilityDistance[gs + g] = 0;
            _logDistance[gs + g] = double.NegativeInfinity;
            _logSuccess[gs + g] = double.NaN;
            _logFailure[gs + g] = double.NaN;
            for (var h = m; h < stride; h++)
            {
                _distance[gs + h] = 0;
                _utilityDistance[gs + h] = 0;
                _logDistance[gs + h] = double.NegativeInfinity;
            }

            var lg = _lastIndex[g];
            for (var h = g + 1; h < m; h++)
            {
                var gap = Math.Abs(position[g] - position[h]);
                var d = gap * _invDelta;
                var u = gap / _delta;
                var hs = h * stride;
                _distance[gs + h] = d;
                _distance[hs + g] = d;
                _utilityDistance[gs + h] = u;
                _utilityDistance[hs + g] = u;
                var lh = _lastIndex[h];
                if (lg >= 0 && lh >= 0)
                {
                    var last = (lg * lastStride) + lh;
                    _logDistance[gs + h] = _lastLogDistance[last];
                    _logDistance[hs + g] = _lastLogDistance[last];
                    _logSuccess[gs + h] = _logSuccess[hs + g] = _lastLogSuccess[last];
                    _logFailure[gs + h] = _logFailure[hs + g] = _lastLogFailure[last];
                }
                else
                {
                    _logArgs[pending] = d;
                    _pendingMirror[pending] = hs + g;
                    _pendingLogs[pending++] = gs + h;
                    _logSuccess[gs + h] = _logSuccess[hs + g] = double.NaN;
                    _logFailure[gs + h] = _logFailure[hs + g] = double.NaN;
                }
            }
        }

        Transcendentals.LogInPlace(_logArgs.AsSpan(0, pending));
        for (var q = 0; q < pending; q++)
        {
            _logDistance[_pendingLogs[q]] = _logArgs[q];
            _logDistance[_pendingMirror[q]] = _logArgs[q];
        }
    }

    /// <summary>Votes with every exponent 1: wₖ·(|P_g − xₖ|·(1/Δ)).</summary>
    private void LinearValues()
    {
        var n = _n;
        var stride = _stride;
        for (var t = 0; t < n; t++)
        {
            Scale(_w[_order[t]], _distance.AsSpan(_rankGroup[t] * stride, stride), _values.AsSpan(t * stride, stride));
        }
    }

    /// <summary>Votes with the round's exponents: wₖ·exp(rₖ·ln(|P_g − xₖ|·(1/Δ))), 0 at the voter's own position (exp(−∞) = 0, as 0^r is).</summary>
    private void PowerValues(ReadOnlySpan<double> r)
    {
        var n = _n;
        var stride = _stride;
        for (var t = 0; t < n; t++)
        {
            var k = _order[t];
            var wk = _w[k];
            var rk = r[k];
            var own = _rankGroup[t] * stride;
            var values = _values.AsSpan(t * stride, stride);
            if (rk == 1.0)
            {
                Scale(wk, _distance.AsSpan(own, stride), values);
                continue;
            }

            Scale(rk, _logDistance.AsSpan(own, stride), values);
            Transcendentals.ExpInPlace(values);
            Scale(wk, values, values);
        }
    }

    /// <summary>target[i] = factor · source[i], four at a time (lengths are multiples of 4).</summary>
    private static void Scale(double factor, ReadOnlySpan<double> source, Span<double> target)
    {
        var f = Vector256.Create(factor);
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(target);
        for (nuint i = 0; i < (nuint)target.Length; i += 4)
        {
            (f * Vector256.LoadUnsafe(ref from, i)).StoreUnsafe(ref to, i);
        }
    }

    /// <summary>Prefix sums over the voters in canonical order, for every target group at once; the Scholz normaliser.</summary>
    private void PrefixRows()
    {
        var n = _n;
        var stride = _stride;
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref var prefix = ref MemoryMarshal.GetArrayDataReference(_prefix);
        for (nuint g = 0; g < (nuint)stride; g += 4)
        {
            // Row 0 is 0; row t + 1 adds voter t, in the order of VictoryProbabilities' prefix rows.
            var sum = Vector256<double>.Zero;
            sum.StoreUnsafe(ref prefix, g);
            for (var t = 0; t < n; t++)
            {
                sum += Vector256.LoadUnsafe(ref values, ((nuint)t * (nuint)stride) + g);
                sum.StoreUnsafe(ref prefix, ((nuint)(t + 1) * (nuint)stride) + g);
            }
        }

        if (!_scholz)
        {
            return;
        }

        // Per voter, Σ_p Σ_q |v_p − v_q| = 2 Σ_m v_(m)(2m − n + 1) over its values in ascending
        // order, walking outwards from the voter (ties to the left), as VictoryProbabilities does.
        var total = 0.0;
        var position = _groupPosition;
        for (var t = 0; t < n; t++)
        {
            var xk = position[_rankGroup[t]];
            var row = _values.AsSpan(t * stride, stride);
            int left = t - 1, right = t + 1;
            var rank = 1;
            var acc = 0.0;
            while (left >= 0 || right < n)
            {
                int s;
                if (right >= n || (left >= 0 && xk - position[_rankGroup[left]] <= position[_rankGroup[right]] - xk))
                {
                    s = left--;
                }
                else
                {
                    s = right++;
                }

                acc += row[_rankGroup[s]] * ((2.0 * rank) - n + 1);
                rank++;
            }

            total += 2.0 * acc;
        }

        _normaliser = total;
    }

    /// <summary>
    /// P(P_g, P_h) and P(P_h, P_g) for every pair of groups, from the prefix sums: the voters below
    /// the midpoint are nearer the lower position, those above it nearer the higher one. The two
    /// receivers of a pair find the same midpoint in all but rare roundings, and then the same two
    /// numerators swapped (the same expressions), so a pair is computed once.
    /// </summary>
    private void Probabilities()
    {
        var m = _m;
        var stride = _stride;
        var scholz = _scholz;
        var inverseNormaliser = _normaliser > 0 ? 1.0 / _normaliser : 0.0;
        var position = _groupPosition.AsSpan(0, m);
        var pFor = _for;
        var pAgainst = _against;
        for (var g = 0; g < m; g++)
        {
            var a = position[g];
            var gs = g * stride;
            pFor[gs + g] = 0;
            pAgainst[gs + g] = 0;

            // The midpoint rises with the target: the counts of groups below it, and at or below it, only move forward.
            var below = g;
            var atOrBelow = g;
            for (var h = g + 1; h < m; h++)
            {
                var b = position[h];
                var mid = a + ((b - a) * 0.5);
                while (below < m && position[below] < mid)
                {
                    below++;
                }

                if (atOrBelow < below)
                {
                    atOrBelow = below;
                }

                while (atOrBelow < m && position[atOrBelow] <= mid)
                {
                    atOrBelow++;
                }

                // Receiver g (a < b), target h.
                var (pgh, phg) = Pair(g, h, _groupStart[below], _groupStart[atOrBelow], scholz, inverseNormaliser);
                var hs = h * stride;
                pFor[gs + h] = pgh;
                pAgainst[gs + h] = phg;

                // Receiver h (b > a), target g: the numerators swapped, or computed apart when its midpoint differs.
                var midBack = b + ((a - b) * 0.5);
                if (midBack == mid)
                {
                    pFor[hs + g] = phg;
                    pAgainst[hs + g] = pgh;
                }
                else
                {
                    var (back, forth) = Pair(g, h, _groupStart[CountBelow(position, midBack, strict: true)], _groupStart[CountBelow(position, midBack, strict: false)], scholz, inverseNormaliser);
                    pFor[hs + g] = forth;
                    pAgainst[hs + g] = back;
                }
            }
        }
    }

    /// <summary>
    /// For groups g &lt; h whose midpoint has <paramref name="lo"/> voters below it and
    /// <paramref name="hi"/> at or below it: (P(P_g, P_h), P(P_h, P_g)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (double Lower, double Upper) Pair(int g, int h, int lo, int hi, bool scholz, double inverseNormaliser)
    {
        var prefix = _prefix;
        var stride = _stride;
        var rowLo = lo * stride;
        var rowHi = hi * stride;
        var rowAll = _n * stride;
        var nLow = prefix[rowLo + h] - prefix[rowLo + g];
        var nHigh = (prefix[rowAll + g] - prefix[rowHi + g]) - (prefix[rowAll + h] - prefix[rowHi + h]);
        nLow = nLow > 0 ? nLow : 0;
        nHigh = nHigh > 0 ? nHigh : 0;
        if (scholz)
        {
            return (nLow * inverseNormaliser, nHigh * inverseNormaliser);
        }

        var sum = nLow + nHigh;
        var inverse = sum > 0 ? 1.0 / sum : 0.0;
        return sum > 0 ? (nLow * inverse, nHigh * inverse) : (0.5, 0.5);
    }

    /// <summary>The first group whose position is not below (<paramref name="strict"/>) or not at or below <paramref name="mid"/>.</summary>
    private static int CountBelow(ReadOnlySpan<double> position, double mid, bool strict)
    {
        var u = 0;
        while (u < position.Length && (strict ? position[u] < mid : position[u] <= mid))
        {
            u++;
        }

        return u;
    }

    /// <summary>
    /// Exposure Eᵢ = Σ_{j≠i} EU(j→i) with r = 1, summed over j in canonical order (all receivers at
    /// once, four at a time, adding 0 for j = i, which changes no sum), then
    /// Rᵢ = (2Eᵢ − max E − min E)/(max E − min E) and rᵢ = (1 − Rᵢ/3)/(1 + Rᵢ/3).
    /// </summary>
    private void RiskExponents(Span<double> risk)
    {
        var n = _n;
        var m = _m;
        var stride = _stride;
        var actors = _actorStride;
        var terms = _terms;
        for (var i = 0; i < n; i++)
        {
            var si = _s[i];
            var gs = _group[i] * stride;
            for (var h = 0; h < m; h++)
            {
                // With r = 1: Uₛ = 2d, U_f = −2d, U_sq = 0.
                var d = _utilityDistance[gs + h];
                var (us, uf, usq) = (2 - (4 * (0.5 - (0.5 * d))), 2 - (4 * (0.5 + (0.5 * d))), 0.0);
                var p = _against[gs + h];
                terms[(h * actors) + i] = (si * ((p * us) + ((1 - p) * uf))) + ((1 - si) * us) - usq;
            }
        }

        for (var h = 0; h < m; h++)
        {
            for (var i = n; i < actors; i++)
            {
                terms[(h * actors) + i] = 0;
            }
        }

        ref var termStart = ref MemoryMarshal.GetArrayDataReference(terms);
        ref var exposure = ref MemoryMarshal.GetArrayDataReference(_exposure);
        var lanes = Vector256.Create(0L, 1L, 2L, 3L);
        for (nuint i = 0; i < (nuint)actors; i += 4)
        {
            var e = Vector256<double>.Zero;
            var lane = lanes + Vector256.Create((long)i);
            for (var t = 0; t < n; t++)
            {
                var row = Vector256.LoadUnsafe(ref termStart, ((nuint)_rankGroup[t] * (nuint)actors) + i);
                var self = Vector256.Equals(lane, Vector256.Create((long)_order[t])).AsDouble();
                e += Vector256.AndNot(row, self);
            }

            e.StoreUnsafe(ref exposure, i);
        }

        var max = double.NegativeInfinity;
        var min = double.PositiveInfinity;
        for (var i = 0; i < n; i++)
        {
            var e = _exposure[i];
            max = e > max ? e : max;
            min = e < min ? e : min;
        }

        for (var i = 0; i < n; i++)
        {
            var big = max > min ? ((2 * _exposure[i]) - max - min) / (max - min) : 0;
            risk[i] = (1 - (big / 3)) / (1 + (big / 3));
        }
    }

    /// <summary>
    /// Every receiver's best offer and next position; the offers as recorded. First the (receiver,
    /// group of proposers) pairs where an offer is possible (see the remarks of the class), then
    /// their logarithms and exponentials in batches, then each receiver's proposers in input order,
    /// so that ties keep the earlier one, as <see cref="TableRound"/> does.
    /// </summary>
    private List<Offer>? Offers(ReadOnlySpan<double> x, ReadOnlySpan<double> r, Span<double> next)
    {
        var n = _n;
        var m = _m;
        var stride = _stride;
        var s = _s;
        var skip = _skipOffers;

        // U_sq = 2 − 4·½^rᵢ for every receiver.
        var usq = _usq.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            usq[i] = r[i] * Transcendentals.LnHalf;
        }

        Transcendentals.ExpInPlace(usq);
        for (var i = 0; i < n; i++)
        {
            usq[i] = 2 - (4 * usq[i]);
        }

        // 1. The open pairs, and the utility logarithms they need that are not known yet. Written
        // without branches on the data (each slot is written, then kept or not): which pairs are
        // open follows no pattern a processor could predict.
        var open = 0;
        var pendingLogs = 0;
        for (var i = 0; i < n; i++)
        {
            _firstOpen[i] = open;
            var si = s[i];
            var ri = r[i];
            var gi = _group[i];
            var gs = gi * stride;
            var bound = (ri >= 1 ? 0.5 : 0.7071068 - (0.4142135 * (ri - 0.5))) + SkipMargin;
            for (var h = 0; h < m; h++)
            {
                var pair = gs + h;
                var mirror = (h * stride) + gi;
                var d = _utilityDistance[pair];
                var ti = si * (1 - _against[pair]);
                var closed = (h == gi) | (skip & (d >= SkipMargin) & ((ti >= bound) | ((_maxSalience[h] * (1 - _for[pair])) <= ti - SkipMargin)));
                _openReceiver[open] = i;
                _openGroup[open] = h;
                open += closed ? 0 : 1;

                var logS = _logSuccess[pair];
                var needs = !closed & double.IsNaN(logS);
                _logArgs[2 * pendingLogs] = 0.5 - (0.5 * d);
                _logArgs[(2 * pendingLogs) + 1] = 0.5 + (0.5 * d);
                _pendingLogs[pendingLogs] = pair;
                _pendingMirror[pendingLogs] = mirror;
                pendingLogs += needs ? 1 : 0;
                var mark = needs ? 0 : logS; // a pending pair is no longer NaN: its mirror is not queued again
                _logSuccess[pair] = mark;
                _logSuccess[mirror] = mark;
            }
        }

        _firstOpen[n] = open;
        Transcendentals.LogInPlace(_logArgs.AsSpan(0, 2 * pendingLogs));
        for (var q = 0; q < pendingLogs; q++)
        {
            var pair = _pendingLogs[q];
            var mirror = _pendingMirror[q];
            _logSuccess[pair] = _logSuccess[mirror] = _logArgs[2 * q];
            _logFailure[pair] = _logFailure[mirror] = _logArgs[(2 * q) + 1];
        }

        // 2. Uₛ = 2 − 4(0.5 − 0.5d)^rᵢ and U_f = 2 − 4(0.5 + 0.5d)^rᵢ, as exp(rᵢ·ln(…)), in one batch.
        var args = _openArgs.AsSpan(0, 2 * open);
        for (var q = 0; q < open; q++)
        {
            var i = _openReceiver[q];
            var pair = (_group[i] * stride) + _openGroup[q];
            args[2 * q] = r[i] * _logSuccess[pair];
            args[(2 * q) + 1] = r[i] * _logFailure[pair];
        }

        Transcendentals.ExpInPlace(args);

        // 3. Each receiver's proposers from the pairs with b > 0, in input order.
        var all = _recording == OfferRecording.All ? new List<Offer>?[n] : null;
        var variant = _variant;
        for (var i = 0; i < n; i++)
        {
            var xi = x[i];
            var si = s[i];
            var gs = _group[i] * stride;
            var first = _firstOpen[i];
            var count = 0;
            for (var q = first; q < _firstOpen[i + 1]; q++)
            {
                var h = _openGroup[q];
                var pair = gs + h;
                var pji = _against[pair];
                var us = 2 - (4 * args[2 * q]);
                var uf = 2 - (4 * args[(2 * q) + 1]);
                var b = (si * ((pji * us) + ((1 - pji) * uf))) + ((1 - si) * us) - usq[i];
                args[2 * q] = us;
                args[(2 * q) + 1] = uf;

                // No offer without b > 0, nor from a proposer with tⱼ ≤ tᵢ − margin (then a > b).
                var ti = si * (1 - pji);
                var floor = skip & (_utilityDistance[pair] >= SkipMargin) ? ti - SkipMargin : double.NegativeInfinity;
                var live = b > 0;
                var pij = _for[pair];
                for (var u = _memberStart[h]; u < _memberStart[h + 1]; u++)
                {
                    var j = _members[u];
                    _candidates[count] = (j << 16) | (q - first); // sorted by j, the input order, below
                    count += live & (s[j] * (1 - pij) > floor) ? 1 : 0;
                }
            }

            // Few candidates: an insertion sort.
            for (var c = 1; c < count; c++)
            {
                var key = _candidates[c];
                var u = c - 1;
                while (u >= 0 && _candidates[u] > key)
                {
                    _candidates[u + 1] = _candidates[u];
                    u--;
                }

                _candidates[u + 1] = key;
            }

            var best = ChosenOffer.None;
            var bestRank = int.MaxValue;
            var bestKey = double.PositiveInfinity;
            for (var c = 0; c < count; c++)
            {
                var j = _candidates[c] >> 16;
                var q = first + (_candidates[c] & 0xFFFF);
                var pair = gs + _openGroup[q];
                var us = args[2 * q];
                var uf = args[(2 * q) + 1];
                var pij = _for[pair];
                var pji = _against[pair];
                var xj = x[j];
                var a = (s[j] * ((pij * us) + ((1 - pij) * uf))) + ((1 - s[j]) * us) - usq[i];
                var b = (si * ((pji * us) + ((1 - pji) * uf))) + ((1 - si) * us) - usq[i];
                if (!OfferRules.Classify(a, b, xi, xj, out var kind, out var target))
                {
                    continue;
                }

                if (all is not null)
                {
                    (all[i] ??= []).Add(new Offer(kind, _input.ActorIds[j], _input.ActorIds[i], a, b, target + _origin, false));
                }

                // OfferRules.Better, with the best offer's rank kept.
                var (rank, rankKey) = OfferRules.Rank(kind, a, b, xi, xj, target, variant);
                if (rank < bestRank || (rank == bestRank && rankKey < bestKey))
                {
                    best = new ChosenOffer(j, kind, a, b, target, xj);
                    bestRank = rank;
                    bestKey = rankKey;
                }
            }

            _chosen[i] = best;
            next[i] = best.From >= 0 ? best.Target : xi;
        }

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
        _lastStride = _stride;
    }
}
