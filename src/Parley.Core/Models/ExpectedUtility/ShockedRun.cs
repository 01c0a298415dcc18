using System.Globalization;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// The rounds of a run with timed edits (<see cref="ModelOptions.Shocks"/>): after round k the
/// edits of k strike when another round follows, and the run goes on from the edited state. Each
/// strike sets the round step up again for the edited input (its weights, saliences, actors and Δ),
/// so no state of the rounds before it is reused. Rare (what-if runs), so no round is skipped.
/// </summary>
internal static class ShockedRun
{
    /// <summary>Runs <paramref name="input"/> under <paramref name="schedule"/>; the result with its rounds and the edits that struck.</summary>
    public static IssueResult Run(
        ExpectedUtilityModel model,
        IssueInput input,
        ModelOptions options,
        ShockSchedule schedule,
        int maxRounds,
        double tolerance,
        bool keepPath,
        OfferRecording recording,
        double origin,
        double delta,
        RoundState? initialRound,
        double initialMean,
        IProgress<ModelProgress>? progress,
        CancellationToken cancellationToken)
    {
        var scholz = model.Variant == ExpectedUtilityVariant.Scholz2011;
        var x = input.Positions.Select(p => p - origin).ToArray();
        var w = Weights(input);
        var initial = initialRound ?? new RoundState(0, (double[])input.Positions.Clone(), initialMean, IssueStatistics.MedianVoter(input.Positions, w));
        var rounds = new List<RoundState>(keepPath ? maxRounds + 1 : 2) { initial };
        var shocks = new ShockState(schedule, input);
        var current = input;
        var step = RoundLoop.RentStep(model, current, w, delta, recording, origin);
        try
        {
            var quiet = 0;
            var stop = scholz ? StopReason.FixedRounds : StopReason.RoundLimit;
            string? note = scholz ? null : $"Stopped at the round limit ({maxRounds}) before the mean settled.";
            var previousMean = initialMean;
            var last = initial;
            var ran = 0;
            for (var k = 1; k <= maxRounds; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var next = new double[x.Length];
                var risk = new double[x.Length];
                var offers = step.Run(x, next, risk);
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
                    converged = quiet >= ExpectedUtilityModel.QuietRoundsToStop;
                }

                // A timed edit strikes after round k only when another round follows: the state of
                // round k is then the edited one, and the run goes on from it.
                if (!converged && k < maxRounds && schedule.AnyAfter(k) && shocks.Strike(k, positions))
                {
                    current = shocks.Current;
                    x = [.. current.Positions.Select(p => p - origin)];
                    w = Weights(current);
                    positions = (double[])current.Positions.Clone();
                    mean = IssueStatistics.WeightedMean(positions, w);
                    quiet = 0;

                    // Δ is fixed for the run, unless a shock widens the range of the positions.
                    delta = Math.Max(delta, x.Max() - x.Min());
                    step.Release();
                    step = RoundLoop.RentStep(model, current, w, delta, recording, origin);
                }

                // Without a path only the last round is built in full (its median voter is O(n²)).
                if (keepPath || converged || k == maxRounds)
                {
                    last = new RoundState(k, shocks.Full(positions), mean, IssueStatistics.MedianVoter(positions, w), new ExpectedUtilityRound(shocks.Full(risk, 1), offers, shocks.Absent));
                    if (keepPath)
                    {
                        rounds.Add(last);
                    }
                }

                previousMean = mean;
                progress?.Report(new ModelProgress(model.Name, input.IssueId, k, maxRounds));
                if (converged)
                {
                    stop = StopReason.Converged;
                    note = $"Converged after {k} rounds (mean moved < {tolerance.ToString(CultureInfo.InvariantCulture)}·Δ for {ExpectedUtilityModel.QuietRoundsToStop} rounds).";
                    break;
                }
            }

            if (!keepPath)
            {
                rounds.Add(last);
            }

            return new IssueResult(input.IssueId, last.Mean, input.ActorIds, rounds, note, stop, ran, shocks.Struck is { Count: > 0 } struck ? struck : null);
        }
        finally
        {
            step.Release();
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
            var edited = schedule.ApplyAfter(round, reached, Struck);
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
}
