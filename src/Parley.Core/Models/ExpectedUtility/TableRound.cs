using System.Runtime.CompilerServices;
using Parley.Core.Scenarios;
using Parley.Core.Simulation;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// One round of the model for many actors: the victory probabilities from prefix-sum tables
/// (<see cref="VictoryProbabilities"/>, O(n²) per round after a sort), receivers in blocks that
/// share cache lines, both cores from <see cref="ParallelThreshold"/> actors on. Holds its n × n
/// tables, which a thread keeps for its next run of the same size.
/// </summary>
internal sealed class TableRound : IRoundStep
{
    /// <summary>Tables of up to this many actors are kept for the next run on the same thread (512² doubles = 2 MB each).</summary>
    private const int MaxCachedActors = 512;

    /// <summary>From this many actors on, the round runs on every core.</summary>
    private const int ParallelThreshold = 64;

    [ThreadStatic]
    private static TableRound? t_cached;

    private readonly int _n;
    private readonly VictoryProbabilities _probabilities;
    private readonly double[] _ones;
    private readonly bool _parallel;
    private readonly double[] _logSuccess;
    private readonly double[] _logFailure;
    private readonly double[] _x;
    private IssueInput _input;
    private ExpectedUtilityVariant _variant;
    private double[] _w;
    private double _delta;
    private OfferRecording _recording;
    private double _origin;

    private TableRound(int n, IssueInput input, double[] w, ExpectedUtilityVariant variant, double delta, OfferRecording recording, double origin)
    {
        _logSuccess = new double[n * n];
        _logFailure = new double[n * n];
        _x = new double[n];
        _n = n;
        _probabilities = new VictoryProbabilities(n);
        _ones = Enumerable.Repeat(1.0, n).ToArray();
        _parallel = n >= ParallelThreshold;
        _input = input;
        _w = w;
        Reset(input, w, variant, delta, recording, origin);
    }

    /// <summary>
    /// A round step for <paramref name="n"/> actors: the one this thread used last when it has the
    /// same size (so that a Monte Carlo run allocates no n × n table per draw), else a new one.
    /// </summary>
    public static TableRound Rent(int n, IssueInput input, double[] w, ExpectedUtilityVariant variant, double delta, OfferRecording recording, double origin)
    {
        var cached = t_cached;
        if (cached is not null && cached._n == n)
        {
            t_cached = null;
            cached.Reset(input, w, variant, delta, recording, origin);
            return cached;
        }

        return new TableRound(n, input, w, variant, delta, recording, origin);
    }

    /// <inheritdoc />
    public void Release()
    {
        if (_n <= MaxCachedActors)
        {
            _input = null!;
            _w = null!;
            t_cached = this;
        }
    }

    private void Reset(IssueInput input, double[] w, ExpectedUtilityVariant variant, double delta, OfferRecording recording, double origin)
    {
        _input = input;
        _w = w;
        _variant = variant;
        _delta = delta;
        _recording = recording;
        _origin = origin;
    }

    /// <inheritdoc />
    public List<Offer>? Run(ReadOnlySpan<double> positions, Span<double> nextPositions, Span<double> risk)
    {
        var n = _n;
        var x = _x;
        positions.CopyTo(x);
        var w = _w;
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
                if (!OfferRules.Classify(a, b, xi, xj, out var kind, out var target))
                {
                    continue;
                }

                allOffers?[i] ??= [];
                allOffers?[i]!.Add(new Offer(kind, _input.ActorIds[j], _input.ActorIds[i], a, b, target + _origin, false));
                var candidate = new ChosenOffer(j, kind, a, b, target, xj);
                if (OfferRules.Better(candidate, best, xi, _variant))
                {
                    best = candidate;
                }
            }

            chosen[i] = best;
            next[i] = best.From >= 0 ? best.Target : xi;
        }

        ForEachActor(Receiver);
        next.CopyTo(nextPositions);
        r.CopyTo(risk);
        return OfferRules.Record(_recording, chosen, allOffers, _input.ActorIds, _origin);
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

    /// <summary>Work on one actor given its victory probabilities against (P(xᵢ, xⱼ)) and by (P(xⱼ, xᵢ)) every other actor.</summary>
    private delegate void ActorBody(int actor, ReadOnlySpan<double> forActor, ReadOnlySpan<double> againstActor);
}
