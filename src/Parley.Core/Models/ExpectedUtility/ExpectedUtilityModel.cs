using System.Globalization;
using System.Runtime.CompilerServices;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Core.Simulation;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// Bueno de Mesquita's expected-utility model of bargaining on one issue, as formalised by
/// Scholz, Calbert &amp; Smith (2011), in two variants (see <see cref="ExpectedUtilityVariant"/>).
/// The equations as implemented are in <c>docs/models/expected-utility.md</c>.
/// </summary>
public sealed class ExpectedUtilityModel : IssueModel
{
    /// <summary>Rounds that <c>scholz2011</c> runs when none are asked for.</summary>
    public const int DefaultScholzRounds = 10;

    /// <summary>The most rounds <c>bdm</c> runs when no limit is given.</summary>
    public const int DefaultBdmMaxRounds = 100;

    /// <summary>
    /// <c>bdm</c> stops once the weighted mean has moved by less than this share of the initial
    /// position range Δ in three successive rounds (1e-4 × Δ: 0.01 on a 0–100 scale).
    /// </summary>
    public const double DefaultBdmTolerance = 1e-4;

    /// <summary>Successive quiet rounds after which <c>bdm</c> stops.</summary>
    public const int QuietRoundsToStop = 3;

    /// <summary>Creates the model in the given variant.</summary>
    public ExpectedUtilityModel(ExpectedUtilityVariant variant) => Variant = variant;

    /// <summary>The variant this instance runs.</summary>
    public ExpectedUtilityVariant Variant { get; }

    /// <inheritdoc />
    public override string Name => Variant == ExpectedUtilityVariant.Scholz2011 ? "scholz2011" : "bdm";

    /// <inheritdoc />
    public override string Description => Variant == ExpectedUtilityVariant.Scholz2011
        ? "Expected-utility model, Scholz et al. (2011) formalisation: global vote normaliser, fixed rounds (10)."
        : "Expected-utility model, Bueno de Mesquita (1994): P(a,b)+P(b,a)=1, nearest offer, runs until the mean settles.";

    /// <inheritdoc />
    public override string Source => Variant == ExpectedUtilityVariant.Scholz2011
        ? "Scholz, Calbert & Smith (2011), J. Theoretical Politics 23(4):510–531; Bueno de Mesquita (1994)."
        : "Bueno de Mesquita (1994), in Bueno de Mesquita & Stokman (eds), European Community Decision Making; Scholz et al. (2011).";

    /// <inheritdoc />
    public override ModelTraits Traits { get; } = new(Iterative: true, JointIssues: false, DrawsRandomNumbers: false);

    /// <inheritdoc />
    protected override IReadOnlyList<Diagnostic> CheckOptions(ModelOptions options)
    {
        Preconditions.NotNull(options, nameof(options));
        var problems = new List<Diagnostic>();
        if (options.Rounds is { } rounds && (rounds < 1 || rounds > ModelOptions.MaxRounds))
        {
            problems.Add(Diagnostic.Error($"Model '{Name}' cannot run {rounds} rounds.", expected: $"a number of rounds from 1 to {ModelOptions.MaxRounds}"));
        }

        if (options.Tolerance is { } t && !(t > 0 && double.IsFinite(t)))
        {
            problems.Add(Diagnostic.Error($"Model '{Name}': tolerance {t.ToString(CultureInfo.InvariantCulture)} is not a positive finite number.", expected: "a tolerance > 0, e.g. 1e-4"));
        }

        return problems;
    }

    /// <inheritdoc />
    public override IssueResult RunIssue(IssueInput input, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(input, nameof(input));
        Preconditions.NotNull(options, nameof(options));
        var n = input.Count;
        Preconditions.Check(n > 0, nameof(input), $"Issue '{input.IssueId}' has no actor with a position.");
        var scholz = Variant == ExpectedUtilityVariant.Scholz2011;
        var maxRounds = options.Rounds ?? (scholz ? DefaultScholzRounds : DefaultBdmMaxRounds);
        Preconditions.Check(maxRounds >= 1, nameof(options), "The number of rounds must be at least 1.");
        var tolerance = options.Tolerance ?? DefaultBdmTolerance;

        // The model works on positions relative to the lowest initial one, so that shifting every
        // position by a constant changes nothing inside it (see the shift property test).
        var origin = input.Positions.Min();
        var x = input.Positions.Select(p => p - origin).ToArray();
        var w = Weights(input);
        var delta = x.Max() - x.Min();
        var initial = InitialRound(input);
        var rounds = new List<RoundState>(options.KeepPath ? maxRounds + 1 : 2) { initial };
        if (delta <= 0)
        {
            return new IssueResult(input.IssueId, input.Positions[0], input.ActorIds, rounds, "All actors start at the same position; nothing moves.", StopReason.Unanimous);
        }

        var round = RoundStep.Rent(n, input, Variant, delta, options.Offers, origin);
        var shocks = options.Shocks is { IsEmpty: false } schedule ? new ShockState(schedule, input) : null;
        try
        {
            var quiet = 0;
            var stop = scholz ? StopReason.FixedRounds : StopReason.RoundLimit;
            string? note = scholz ? null : $"Stopped at the round limit ({maxRounds}) before the mean settled.";
            var previousMean = initial.Mean;
            var last = initial;
            var ran = 0;
            for (var k = 1; k <= maxRounds; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (next, risk, offers) = round.Run(x, w);
                x = next;
                ran = k;
                var positions = new double[x.Length];
                for (var i = 0; i < x.Length; i++)
                {
                    positions[i] = x[i] + origin;
                }

                var mean = IssueStatistics.WeightedMean(positions, w);
                var converged = false;
                if (!scholz)
                {
                    quiet = Math.Abs(mean - previousMean) < tolerance * delta ? quiet + 1 : 0;
                    converged = quiet >= QuietRoundsToStop;
                }

                // A timed edit strikes after round k only when another round follows: the state of
                // round k is then the edited one, and the run goes on from it.
                var struck = false;
                if (shocks is not null && !converged && k < maxRounds && shocks.Schedule.AnyAfter(k))
                {
                    var count = x.Length;
                    struck = shocks.Strike(k, positions);
                    if (struck)
                    {
                        var current = shocks.Current;
                        x = [.. current.Positions.Select(p => p - origin)];
                        w = Weights(current);
                        positions = (double[])current.Positions.Clone();
                        mean = IssueStatistics.WeightedMean(positions, w);
                        quiet = 0;

                        // Δ is fixed for the run, unless a shock widens the range of the positions.
                        delta = Math.Max(delta, x.Max() - x.Min());
                        if (current.Count != count)
                        {
                            RoundStep.Return(round);
                            round = RoundStep.Rent(current.Count, current, Variant, delta, options.Offers, origin);
                        }
                        else
                        {
                            round.Retarget(current, delta);
                        }
                    }
                }

                // Without a path only the last round is built in full (its median voter is O(n²)).
                if (options.KeepPath || converged || k == maxRounds)
                {
                    last = shocks is null
                        ? new RoundState(k, positions, mean, IssueStatistics.MedianVoter(positions, w), new ExpectedUtilityRound(risk, offers))
                        : new RoundState(k, shocks.Full(positions), mean, IssueStatistics.MedianVoter(positions, w), new ExpectedUtilityRound(shocks.Full(risk, 1), offers, shocks.Absent));
                    if (options.KeepPath)
                    {
                        rounds.Add(last);
                    }
                }

                previousMean = mean;
                progress?.Report(new ModelProgress(Name, input.IssueId, k, maxRounds));
                if (converged)
                {
                    stop = StopReason.Converged;
                    note = $"Converged after {k} rounds (mean moved < {tolerance.ToString(CultureInfo.InvariantCulture)}·Δ for {QuietRoundsToStop} rounds).";
                    break;
                }
            }

            if (!options.KeepPath)
            {
                rounds.Add(last);
            }

            return new IssueResult(input.IssueId, last.Mean, input.ActorIds, rounds, note, stop, ran, shocks?.Struck is { Count: > 0 } struckShocks ? struckShocks : null);
        }
        finally
        {
            RoundStep.Return(round);
        }
    }

    private static double[] Weights(IssueInput input)
    {
        var w = new double[input.Count];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = input.Capabilities[i] * input.Saliences[i];
        }

        return w;
    }

    /// <summary>
    /// The timed edits of one run: the input of the actors still bargaining (with the numbers the edits
    /// left), which of the issue's actors they are, and what struck when.
    /// </summary>
    private sealed class ShockState(ShockSchedule schedule, IssueInput input)
    {
        private readonly IssueInput _original = input;
        private readonly double[] _lastFull = (double[])input.Positions.Clone();
        private int[] _present = [.. Enumerable.Range(0, input.Count)];

        public ShockSchedule Schedule { get; } = schedule;

        /// <summary>The input of the actors still bargaining, as the edits left it (positions as of the last strike).</summary>
        public IssueInput Current { get; private set; } = input;

        /// <summary>The edits that struck.</summary>
        public List<StruckShock> Struck { get; } = [];

        /// <summary>The actors dropped so far; null when none.</summary>
        public IReadOnlyList<string>? Absent { get; private set; }

        /// <summary>Applies the edits of round <paramref name="round"/> to the state reached (<paramref name="positions"/>, on the scale, of the actors present); true when any changed it.</summary>
        public bool Strike(int round, double[] positions)
        {
            var before = Struck.Count;
            var reached = Current.WithPositions((double[])positions.Clone());
            var edited = Schedule.ApplyAfter(round, reached, Struck);
            if (Struck.Count == before)
            {
                return false;
            }

            // Remember where the actors stood, so that a dropped one keeps its last position.
            for (var i = 0; i < _present.Length; i++)
            {
                _lastFull[_present[i]] = positions[i];
            }

            if (edited.Count != Current.Count)
            {
                _present = [.. edited.ActorIds.Select(id => Array.IndexOf(_original.ActorIds, id))];
                Absent = [.. _original.ActorIds.Where(id => Array.IndexOf(edited.ActorIds, id) < 0)];
            }

            Current = edited;
            return true;
        }

        /// <summary>Values of the actors present spread over every actor of the issue; an absent actor keeps its last position (or <paramref name="absent"/>).</summary>
        public double[] Full(double[] present, double? absent = null)
        {
            if (_present.Length == _original.Count)
            {
                return present;
            }

            var full = new double[_original.Count];
            for (var i = 0; i < full.Length; i++)
            {
                full[i] = absent ?? _lastFull[i];
            }

            for (var i = 0; i < _present.Length; i++)
            {
                full[_present[i]] = present[i];
            }

            return full;
        }
    }

    /// <summary>One round of the model: risk exponents, offers, moves. Holds the reusable tables.</summary>
    private sealed class RoundStep
    {
        /// <summary>Tables of up to this many actors are kept for the next run on the same thread (512² doubles = 2 MB each).</summary>
        private const int MaxCachedActors = 512;

        [ThreadStatic]
        private static RoundStep? t_cached;

        private readonly int _n;
        private readonly VictoryProbabilities _probabilities;
        private readonly double[] _ones;
        private readonly bool _parallel;
        private readonly double[] _logSuccess;
        private readonly double[] _logFailure;
        private IssueInput _input;
        private ExpectedUtilityVariant _variant;
        private double _delta;
        private OfferRecording _recording;
        private double _origin;

        private RoundStep(int n, IssueInput input, ExpectedUtilityVariant variant, double delta, OfferRecording recording, double origin)
        {
            _logSuccess = new double[n * n];
            _logFailure = new double[n * n];
            _n = n;
            _probabilities = new VictoryProbabilities(n);
            _ones = Enumerable.Repeat(1.0, n).ToArray();
            _parallel = n >= 64;
            _input = input;
            Reset(input, variant, delta, recording, origin);
        }

        /// <summary>
        /// A round step for <paramref name="n"/> actors: the one this thread used last when it has the
        /// same size (so that a Monte Carlo run allocates no n × n table per draw), else a new one.
        /// </summary>
        public static RoundStep Rent(int n, IssueInput input, ExpectedUtilityVariant variant, double delta, OfferRecording recording, double origin)
        {
            var cached = t_cached;
            if (cached is not null && cached._n == n)
            {
                t_cached = null;
                cached.Reset(input, variant, delta, recording, origin);
                return cached;
            }

            return new RoundStep(n, input, variant, delta, recording, origin);
        }

        /// <summary>Keeps <paramref name="step"/> for the next run on this thread, if it is small enough.</summary>
        public static void Return(RoundStep step)
        {
            if (step._n <= MaxCachedActors)
            {
                step._input = null!;
                t_cached = step;
            }
        }

        private void Reset(IssueInput input, ExpectedUtilityVariant variant, double delta, OfferRecording recording, double origin)
        {
            _input = input;
            _variant = variant;
            _delta = delta;
            _recording = recording;
            _origin = origin;
        }

        /// <summary>Runs the next rounds on <paramref name="input"/> (the same actors, numbers a timed edit changed) with Δ = <paramref name="delta"/>.</summary>
        public void Retarget(IssueInput input, double delta) => Reset(input, _variant, delta, _recording, _origin);

        public (double[] Positions, double[] Risk, IReadOnlyList<Offer>? Offers) Run(double[] x, double[] w)
        {
            var n = _n;
            var s = _input.Saliences;
            var r = RiskExponents(x, w);

            // Offers, with the round's exponents in the votes and the receiver's in the utilities.
            _probabilities.Build(x, w, r, _delta, _variant);
            FillUtilityLogs(x);
            var next = new double[n];
            var chosen = new ChosenOffer[n];
            var allOffers = _recording == OfferRecording.All ? new List<Offer>?[n] : null;
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            void Receiver(int i, ReadOnlySpan<double> forI, ReadOnlySpan<double> againstI)
            {
                var best = ChosenOffer.None;
                var xi = x[i];
                var ri = r[i];
                var usq = 2 - (4 * Math.Pow(0.5, ri));
                var row = i * n;
                for (var j = 0; j < n; j++)
                {
                    var xj = x[j];
                    if (xj == xi)
                    {
                        continue;
                    }

                    // Uₛ = 2 − 4(0.5 − 0.5d)^rᵢ and U_f = 2 − 4(0.5 + 0.5d)^rᵢ, as exp(rᵢ·ln(…)).
                    var us = 2 - (4 * Math.Exp(ri * _logSuccess[row + j]));
                    var uf = 2 - (4 * Math.Exp(ri * _logFailure[row + j]));
                    var pij = forI[j];
                    var pji = againstI[j];
                    var a = (s[j] * ((pij * us) + ((1 - pij) * uf))) + ((1 - s[j]) * us) - usq;
                    var b = (s[i] * ((pji * us) + ((1 - pji) * uf))) + ((1 - s[i]) * us) - usq;
                    OfferKind kind;
                    double target;
                    if (b > a && a > 0)
                    {
                        kind = OfferKind.Confrontation;
                        target = xj;
                    }
                    else if (b > 0 && a < 0 && b > Math.Abs(a))
                    {
                        kind = OfferKind.Compromise;
                        target = xi + ((xj - xi) * Math.Abs(a / b));
                    }
                    else if (b > 0 && a < 0 && b < Math.Abs(a))
                    {
                        kind = OfferKind.Capitulation;
                        target = xj;
                    }
                    else
                    {
                        continue;
                    }

                    allOffers?[i] ??= [];
                    allOffers?[i]!.Add(new Offer(kind, _input.ActorIds[j], _input.ActorIds[i], a, b, target + _origin, false));
                    var candidate = new ChosenOffer(j, kind, a, b, target, xj);
                    if (Better(candidate, best, xi))
                    {
                        best = candidate;
                    }
                }

                chosen[i] = best;
                next[i] = best.From >= 0 ? best.Target : xi;
            }

            ForEachActor(Receiver);

            return (next, r, RecordOffers(chosen, allOffers));
        }

        /// <summary>
        /// Runs <paramref name="body"/> for every actor with its row of victory probabilities
        /// P(xᵢ, xⱼ) and P(xⱼ, xᵢ), block by block of neighbouring actors (see <see cref="VictoryProbabilities.ForBlock"/>).
        /// </summary>
        private void ForEachActor(ActorBody body)
        {
            var n = _n;
            var order = _probabilities.CanonicalOrder.ToArray();
            ParallelLoops.For(_probabilities.BlockCount, _parallel, block =>
            {
                var first = block * VictoryProbabilities.BlockSize;
                var count = Math.Min(VictoryProbabilities.BlockSize, n - first);
                var pool = System.Buffers.ArrayPool<double>.Shared;
                var forBlock = pool.Rent(count * n);
                var againstBlock = pool.Rent(count * n);
                _probabilities.ForBlock(first, count, forBlock, againstBlock);
                for (var q = 0; q < count; q++)
                {
                    body(order[first + q], forBlock.AsSpan(q * n, n), againstBlock.AsSpan(q * n, n));
                }

                pool.Return(forBlock);
                pool.Return(againstBlock);
            });
        }

        /// <summary>
        /// Fills ln(0.5 − 0.5d) and ln(0.5 + 0.5d) for every pair, d = |xᵢ − xⱼ|/Δ: one pair of
        /// logarithms per pair of actors, shared by both directions, instead of two powers per ordered pair.
        /// </summary>
        private void FillUtilityLogs(double[] x)
        {
            // Tile by tile, so that the mirrored writes stay in cache.
            const int Tile = 32;
            var n = _n;
            var tiles = (n + Tile - 1) / Tile;
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            void TileRow(int ib)
            {
                var i0 = ib * Tile;
                var i1 = Math.Min(n, i0 + Tile);
                for (var j0 = i0; j0 < n; j0 += Tile)
                {
                    var j1 = Math.Min(n, j0 + Tile);
                    for (var i = i0; i < i1; i++)
                    {
                        for (var j = Math.Max(j0, i + 1); j < j1; j++)
                        {
                            var d = Math.Abs(x[i] - x[j]) / _delta;
                            var success = Math.Log(0.5 - (0.5 * d));
                            var failure = Math.Log(0.5 + (0.5 * d));
                            _logSuccess[(i * n) + j] = success;
                            _logSuccess[(j * n) + i] = success;
                            _logFailure[(i * n) + j] = failure;
                            _logFailure[(j * n) + i] = failure;
                        }
                    }
                }
            }

            ParallelLoops.For(tiles, _parallel, TileRow);
        }

        /// <summary>True when <paramref name="c"/> should replace <paramref name="best"/> (ties keep the earlier actor).</summary>
        private bool Better(ChosenOffer c, ChosenOffer best, double xi)
        {
            if (best.From < 0)
            {
                return true;
            }

            if (_variant == ExpectedUtilityVariant.Bdm)
            {
                return Math.Abs(c.Target - xi) < Math.Abs(best.Target - xi);
            }

            var rc = Rank(c.Kind);
            var rb = Rank(best.Kind);
            if (rc != rb)
            {
                return rc < rb;
            }

            if (c.Kind == OfferKind.Compromise)
            {
                // The 2011 replication code's ranking: the smallest (|a|xᵢ + |b|xⱼ)/(|a| + |b|).
                return CompromiseKey(c, xi) < CompromiseKey(best, xi);
            }

            return Math.Abs(c.Target - xi) < Math.Abs(best.Target - xi);
        }

        private static double CompromiseKey(ChosenOffer c, double xi)
        {
            var aa = Math.Abs(c.A);
            var bb = Math.Abs(c.B);
            return ((aa * xi) + (bb * c.FromPosition)) / (aa + bb);
        }

        private static int Rank(OfferKind kind) => kind switch
        {
            OfferKind.Confrontation => 0,
            OfferKind.Compromise => 1,
            _ => 2,
        };

        private List<Offer>? RecordOffers(ChosenOffer[] chosen, List<Offer>?[]? all)
        {
            switch (_recording)
            {
                case OfferRecording.None:
                    return null;
                case OfferRecording.Accepted:
                    var accepted = new List<Offer>();
                    for (var i = 0; i < chosen.Length; i++)
                    {
                        var c = chosen[i];
                        if (c.From >= 0)
                        {
                            accepted.Add(new Offer(c.Kind, _input.ActorIds[c.From], _input.ActorIds[i], c.A, c.B, c.Target + _origin, true));
                        }
                    }

                    return accepted;
                default:
                    var list = new List<Offer>();
                    for (var i = 0; i < all!.Length; i++)
                    {
                        if (all[i] is null)
                        {
                            continue;
                        }

                        var acceptedFrom = chosen[i].From >= 0 ? _input.ActorIds[chosen[i].From] : null;
                        foreach (var o in all[i]!)
                        {
                            list.Add(o with { Accepted = o.From == acceptedFrom });
                        }
                    }

                    return list;
            }
        }

        /// <summary>
        /// Risk exponents for the round: with every r = 1, exposure Eᵢ = Σ_{j≠i} EU(j→i);
        /// Rᵢ = (2Eᵢ − max E − min E)/(max E − min E); rᵢ = (1 − Rᵢ/3)/(1 + Rᵢ/3).
        /// </summary>
        private double[] RiskExponents(double[] x, double[] w)
        {
            var n = _n;
            var s = _input.Saliences;
            _probabilities.Build(x, w, _ones, _delta, _variant);
            var exposure = new double[n];
            var order = _probabilities.CanonicalOrder.ToArray();
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            void Target(int i, ReadOnlySpan<double> forI, ReadOnlySpan<double> againstI)
            {
                var e = 0.0;
                foreach (var j in order)
                {
                    if (j == i)
                    {
                        continue;
                    }

                    // With r = 1: Uₛ = 2d, U_f = −2d, U_sq = 0.
                    var d = Math.Abs(x[j] - x[i]) / _delta;
                    var (us, uf, usq) = (2 - (4 * (0.5 - (0.5 * d))), 2 - (4 * (0.5 + (0.5 * d))), 0.0);
                    var p = againstI[j];
                    e += (s[i] * ((p * us) + ((1 - p) * uf))) + ((1 - s[i]) * us) - usq;
                }

                exposure[i] = e;
            }

            ForEachActor(Target);

            var max = exposure.Max();
            var min = exposure.Min();
            var r = new double[n];
            for (var i = 0; i < n; i++)
            {
                var big = max > min ? ((2 * exposure[i]) - max - min) / (max - min) : 0;
                r[i] = (1 - (big / 3)) / (1 + (big / 3));
            }

            return r;
        }
    }

    /// <summary>Work on one actor given its victory probabilities against (P(xᵢ, xⱼ)) and by (P(xⱼ, xᵢ)) every other actor.</summary>
    private delegate void ActorBody(int actor, ReadOnlySpan<double> forActor, ReadOnlySpan<double> againstActor);

    /// <summary>The offer an actor has taken so far while scanning proposers.</summary>
    private readonly record struct ChosenOffer(int From, OfferKind Kind, double A, double B, double Target, double FromPosition)
    {
        public static ChosenOffer None => new(-1, OfferKind.Confrontation, 0, 0, 0, 0);
    }
}
