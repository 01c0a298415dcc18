using System.Globalization;
using System.Runtime.InteropServices;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// Runs the rounds of the expected-utility model on one issue: the stopping rule of each variant,
/// the path or only the last round, and the skip of rounds that provably repeat.
/// </summary>
/// <remarks>
/// A round is a deterministic function of the positions it starts from (the weights, saliences
/// and Δ stay fixed for the run; see <see cref="IRoundStep"/>). So when the positions after round
/// k equal, bit for bit, those after round k − p (p ≥ 1; p = 1 is a fixed point), every later
/// round repeats: round k + q gives what round k − p + q gave — the same positions, risk exponents,
/// offers and weighted mean. The stopping rule depends only on the means, so the rest of the run
/// can be played from the stored rounds without computing them, with the same result. This is
/// done only when the path is not kept (a Monte Carlo draw); the last <see cref="History"/> rounds
/// are kept to compare with.
/// </remarks>
internal static class RoundLoop
{
    /// <summary>The longest repeat period looked for.</summary>
    public const int History = 8;

    [ThreadStatic]
    private static Buffers? t_buffers;

    /// <summary>Runs <paramref name="model"/> on <paramref name="input"/>: the result with its rounds, or (<paramref name="forecastOnly"/>) the forecast alone, with no result built.</summary>
    public static (IssueResult? Result, double Forecast) Run(ExpectedUtilityModel model, IssueInput input, ModelOptions options, bool forecastOnly, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        Preconditions.NotNull(input, nameof(input));
        Preconditions.NotNull(options, nameof(options));
        var n = input.Count;
        Preconditions.Check(n > 0, nameof(input), $"Issue '{input.IssueId}' has no actor with a position.");
        var scholz = model.Variant == ExpectedUtilityVariant.Scholz2011;
        var maxRounds = options.Rounds ?? (scholz ? ExpectedUtilityModel.DefaultScholzRounds : ExpectedUtilityModel.DefaultBdmMaxRounds);
        Preconditions.Check(maxRounds >= 1, nameof(options), "The number of rounds must be at least 1.");
        var tolerance = options.Tolerance ?? ExpectedUtilityModel.DefaultBdmTolerance;
        var keepPath = options.KeepPath && !forecastOnly;
        var recording = forecastOnly ? OfferRecording.None : options.Offers;

        var buffers = t_buffers ?? new Buffers();
        t_buffers = null;
        buffers.Ensure(n);
        try
        {
            // The model works on positions relative to the lowest initial one, so that shifting every
            // position by a constant changes nothing inside it (see the shift property test).
            var positions = input.Positions;
            var origin = positions[0];
            for (var i = 1; i < n; i++)
            {
                origin = positions[i] < origin ? positions[i] : origin;
            }

            var x = buffers.X;
            var w = buffers.W;
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                x[i] = positions[i] - origin;
                w[i] = input.Capabilities[i] * input.Saliences[i];
                lo = x[i] < lo ? x[i] : lo;
                hi = x[i] > hi ? x[i] : hi;
            }

            var delta = hi - lo;
            var initialMean = IssueStatistics.WeightedMean(positions, w.AsSpan(0, n));
            RoundState? initial = forecastOnly ? null : new RoundState(0, (double[])positions.Clone(), initialMean, IssueStatistics.MedianVoter(positions, w.AsSpan(0, n).ToArray()));
            if (delta <= 0)
            {
                return forecastOnly
                    ? (null, positions[0])
                    : (new IssueResult(input.IssueId, positions[0], input.ActorIds, [initial!], "All actors start at the same position; nothing moves.", StopReason.Unanimous), positions[0]);
            }

            if (options.Shocks is { IsEmpty: false } schedule)
            {
                var shocked = ShockedRun.Run(model, input, options, schedule, maxRounds, tolerance, keepPath, recording, origin, delta, initial, initialMean, progress, cancellationToken);
                return (forecastOnly ? null : shocked, shocked.Forecast);
            }

            var step = RentStep(model, input, w, delta, recording, origin);
            try
            {
                return Rounds(model, input, options, forecastOnly, keepPath, maxRounds, tolerance, delta, origin, initialMean, initial, step, buffers, progress, cancellationToken);
            }
            finally
            {
                step.Release();
            }
        }
        finally
        {
            t_buffers = buffers;
        }
    }

    /// <summary>The round step for <paramref name="input"/>: <see cref="SmallRound"/> for few actors, else <see cref="TableRound"/> (the same rounds bit for bit).</summary>
    public static IRoundStep RentStep(ExpectedUtilityModel model, IssueInput input, double[] w, double delta, OfferRecording recording, double origin) =>
        input.Count <= model.SmallActorLimit
            ? SmallRound.Rent(input, w, model.Variant, delta, recording, origin, model.SkipImpossibleOffers)
            : TableRound.Rent(input.Count, input, w, model.Variant, delta, recording, origin);

    private static (IssueResult? Result, double Forecast) Rounds(
        ExpectedUtilityModel model,
        IssueInput input,
        ModelOptions options,
        bool forecastOnly,
        bool keepPath,
        int maxRounds,
        double tolerance,
        double delta,
        double origin,
        double initialMean,
        RoundState? initial,
        IRoundStep step,
        Buffers buffers,
        IProgress<ModelProgress>? progress,
        CancellationToken cancellationToken)
    {
        var n = input.Count;
        var scholz = model.Variant == ExpectedUtilityVariant.Scholz2011;
        var w = buffers.W.AsSpan(0, n);
        var x = buffers.X.AsSpan(0, n);
        var next = buffers.Next.AsSpan(0, n);
        var risk = buffers.Risk.AsSpan(0, n);
        var absolute = buffers.Absolute.AsSpan(0, n);
        var skipRepeats = model.SkipRepeatedRounds && !keepPath;
        var rounds = forecastOnly ? null : new List<RoundState>(keepPath ? maxRounds + 1 : 2) { initial! };
        if (skipRepeats)
        {
            buffers.Store(0, x, risk, initialMean, null);
        }

        var quiet = 0;
        var previousMean = initialMean;
        var stop = scholz ? StopReason.FixedRounds : StopReason.RoundLimit;
        var converged = false;
        var lastRound = 0;
        var lastMean = initialMean;
        List<Offer>? lastOffers = null;
        for (var k = 1; k <= maxRounds; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offers = step.Run(x, next, risk);
            next.CopyTo(x);
            for (var i = 0; i < n; i++)
            {
                absolute[i] = x[i] + origin;
            }

            var mean = IssueStatistics.WeightedMean(absolute, w);
            if (!scholz)
            {
                quiet = Math.Abs(mean - previousMean) < tolerance * delta ? quiet + 1 : 0;
                converged = quiet >= ExpectedUtilityModel.QuietRoundsToStop;
            }

            previousMean = mean;
            progress?.Report(new ModelProgress(model.Name, input.IssueId, k, maxRounds));
            lastRound = k;
            lastMean = mean;
            lastOffers = offers;
            if (keepPath)
            {
                rounds!.Add(State(k, absolute, mean, w, risk, offers));
            }

            if (converged || k == maxRounds)
            {
                break;
            }

            if (skipRepeats)
            {
                buffers.Store(k, x, risk, mean, offers);
                var period = buffers.RepeatPeriod(k, x);
                if (period > 0)
                {
                    // Rounds k + 1 … are rounds k − period + 1 … again: play the stopping rule on their means.
                    var first = k - period + 1;
                    var j = k;
                    while (j < maxRounds && !converged)
                    {
                        j++;
                        var same = first + ((j - first) % period);
                        mean = buffers.Mean(same);
                        if (!scholz)
                        {
                            quiet = Math.Abs(mean - previousMean) < tolerance * delta ? quiet + 1 : 0;
                            converged = quiet >= ExpectedUtilityModel.QuietRoundsToStop;
                        }

                        previousMean = mean;
                        progress?.Report(new ModelProgress(model.Name, input.IssueId, j, maxRounds));
                    }

                    var final = first + ((j - first) % period);
                    buffers.Restore(final, x, risk);
                    for (var i = 0; i < n; i++)
                    {
                        absolute[i] = x[i] + origin;
                    }

                    lastRound = j;
                    lastMean = buffers.Mean(final);
                    lastOffers = buffers.Offers(final);
                    break;
                }
            }
        }

        if (converged)
        {
            stop = StopReason.Converged;
        }

        if (forecastOnly)
        {
            return (null, lastMean);
        }

        if (!keepPath)
        {
            rounds!.Add(State(lastRound, absolute, lastMean, w, risk, lastOffers));
        }

        var note = stop switch
        {
            StopReason.Converged => $"Converged after {lastRound} rounds (mean moved < {tolerance.ToString(CultureInfo.InvariantCulture)}·Δ for {ExpectedUtilityModel.QuietRoundsToStop} rounds).",
            StopReason.RoundLimit => $"Stopped at the round limit ({maxRounds}) before the mean settled.",
            _ => null,
        };
        return (new IssueResult(input.IssueId, lastMean, input.ActorIds, rounds!, note, stop, lastRound), lastMean);
    }

    private static RoundState State(int round, ReadOnlySpan<double> positions, double mean, ReadOnlySpan<double> w, ReadOnlySpan<double> risk, List<Offer>? offers)
    {
        var copy = positions.ToArray();
        return new RoundState(round, copy, mean, IssueStatistics.MedianVoter(copy, w), new ExpectedUtilityRound(risk.ToArray(), offers));
    }

    /// <summary>A thread's work arrays for one run, and the last rounds to compare with.</summary>
    private sealed class Buffers
    {
        private int _capacity;
        private double[][] _storedX = [];
        private double[][] _storedRisk = [];
        private readonly double[] _storedMean = new double[History + 1];
        private readonly List<Offer>?[] _storedOffers = new List<Offer>?[History + 1];
        private int _n;

        public double[] X { get; private set; } = [];

        public double[] Next { get; private set; } = [];

        public double[] Risk { get; private set; } = [];

        public double[] W { get; private set; } = [];

        public double[] Absolute { get; private set; } = [];

        public void Ensure(int n)
        {
            _n = n;
            Array.Clear(_storedOffers);
            if (n <= _capacity)
            {
                return;
            }

            _capacity = Math.Max(n, SmallRound.MaxActors);
            X = new double[_capacity];
            Next = new double[_capacity];
            Risk = new double[_capacity];
            W = new double[_capacity];
            Absolute = new double[_capacity];
            _storedX = [.. Enumerable.Range(0, History + 1).Select(_ => new double[_capacity])];
            _storedRisk = [.. Enumerable.Range(0, History + 1).Select(_ => new double[_capacity])];
        }

        public void Store(int round, ReadOnlySpan<double> x, ReadOnlySpan<double> risk, double mean, List<Offer>? offers)
        {
            var slot = round % (History + 1);
            x.CopyTo(_storedX[slot]);
            risk.CopyTo(_storedRisk[slot]);
            _storedMean[slot] = mean;
            _storedOffers[slot] = offers;
        }

        /// <summary>The smallest p ≤ <see cref="History"/> (and ≤ k) with positions after round k − p equal to <paramref name="x"/>, those after round k (stored), or 0.</summary>
        public int RepeatPeriod(int k, ReadOnlySpan<double> x)
        {
            for (var p = 1; p <= History && p <= k; p++)
            {
                // Bit for bit (a signed zero is not the same position here).
                var stored = _storedX[(k - p) % (History + 1)].AsSpan(0, _n);
                if (MemoryMarshal.Cast<double, long>(x).SequenceEqual(MemoryMarshal.Cast<double, long>(stored)))
                {
                    return p;
                }
            }

            return 0;
        }

        public double Mean(int round) => _storedMean[round % (History + 1)];

        public List<Offer>? Offers(int round) => _storedOffers[round % (History + 1)];

        public void Restore(int round, Span<double> x, Span<double> risk)
        {
            var slot = round % (History + 1);
            _storedX[slot].AsSpan(0, _n).CopyTo(x);
            _storedRisk[slot].AsSpan(0, _n).CopyTo(risk);
        }
    }
}
