using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// KTAB's Spatial Model of Politics (KAPSARC): all issues of a scenario are the dimensions of one
/// run of probabilistic Condorcet elections and bargaining, reproducing KTAB's <c>smpc</c> bit for bit.
/// </summary>
public sealed class KtabSmpModel : IForecastModel
{
    /// <inheritdoc />
    public string Name => "ktab-smp";

    /// <inheritdoc />
    public string Description => "KTAB Spatial Model of Politics: multi-dimensional probabilistic Condorcet elections with bargaining, run on all issues jointly.";

    /// <inheritdoc />
    public string Source => "KAPSARC KTAB (Wise et al.), smpc as of 2019-11-17; clean-room re-implementation from SMP-SPEC.md.";

    /// <inheritdoc />
    public ModelTraits Traits { get; } = new(Iterative: true, JointIssues: true, DrawsRandomNumbers: true);

    /// <inheritdoc />
    public IReadOnlyList<Diagnostic> Check(Scenario scenario, ModelOptions options)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.NotNull(options, nameof(options));
        var prm = options.Ktab ?? KtabSmpParameters.Default;
        var problems = new List<Diagnostic>();
        if (options.Rounds is { } rounds && (rounds < 1 || rounds > ModelOptions.MaxRounds))
        {
            problems.Add(Diagnostic.Error($"Model '{Name}' cannot run {rounds} turns.", expected: $"a number of rounds from 1 to {ModelOptions.MaxRounds}"));
        }

        if (scenario.Issues.Count < 1)
        {
            problems.Add(Diagnostic.Error("KTAB SMP needs at least one issue."));
        }

        if (scenario.Actors.Count < 2)
        {
            problems.Add(Diagnostic.Error("KTAB SMP needs at least two actors (KTAB's own files need three).", expected: "two or more actors"));
        }

        for (var i = 0; i < scenario.Actors.Count; i++)
        {
            var actor = scenario.Actors[i];
            if (!(actor.Capability > 0))
            {
                problems.Add(Diagnostic.Error($"KTAB SMP needs every capability > 0; this actor's is {actor.Capability.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", actorId: actor.Id, expected: "a capability > 0"));
            }

            var total = 0.0;
            var missing = new List<string>();
            for (var d = 0; d < scenario.Issues.Count; d++)
            {
                if (scenario.StanceOf(i, d) is { } stance)
                {
                    total += stance.Salience;
                }
                else
                {
                    missing.Add(scenario.Issues[d].Id);
                }
            }

            if (missing.Count > 0)
            {
                problems.Add(Diagnostic.Error(
                    $"KTAB SMP runs all issues jointly as dimensions of one space, so every actor needs a position and salience on every issue; this actor has none on {string.Join(", ", missing.Select(m => $"'{m}'"))}.",
                    actorId: actor.Id,
                    expected: "a stance on every issue (salience 0 where the actor does not care)"));
            }
            else if (!(total > 0))
            {
                problems.Add(Diagnostic.Error("KTAB SMP needs each actor's saliences to sum to more than 0 over the issues.", actorId: actor.Id, expected: "a salience > 0 on at least one issue"));
            }
            else if (total > 1 + 1e-12 && !prm.NormaliseSaliences)
            {
                problems.Add(Diagnostic.Error(
                    $"This actor's saliences sum to {total.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} over the issues; KTAB SMP needs at most 1 (100 on KTAB's 0–100 scale).",
                    actorId: actor.Id,
                    expected: "saliences summing to at most 1, or the parameter NormaliseSaliences=true"));
            }
        }

        if (problems.Count == 0)
        {
            // The engine's own input checks (KTAB's aborts that can be seen before the first turn), with the timed edits' shocks.
            var input = Compile(scenario, prm.NormaliseSaliences);
            var (shocks, _, shockProblems) = KtabShockMapping.Map(scenario, options.Shocks, input);
            problems.AddRange(shockProblems);
            problems.AddRange(KtabSmpEngine.Check(input.Capabilities, input.Saliences, input.Dimensions, prm, input.Positions, shocks)
                .Select(f => f.ToDiagnostic([.. scenario.Actors.Select(a => a.Id)], [.. scenario.Issues.Select(i => i.Id)])));
        }

        return problems;
    }

    /// <inheritdoc />
    /// <remarks>
    /// KTAB also aborts on checks within a turn that no check before the run can foresee (SMP-SPEC
    /// §4.4; e.g. the Binary voting rule once positions collapse): such a run returns a result with
    /// its <see cref="ModelResult.Failure"/>, an error naming the turn, the actor and the issue where it can.
    /// </remarks>
    public ModelResult Run(Scenario scenario, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        TryRun(scenario, options, out var failure, progress, cancellationToken)
            ?? ModelResult.Failed(Name, failure!);

    /// <summary>
    /// Runs the model like <see cref="Run"/>, but a run that KTAB aborts within a turn gives null and
    /// <paramref name="failure"/>, an error naming the turn, the actor and the issue where it can.
    /// </summary>
    public ModelResult? TryRun(Scenario scenario, ModelOptions options, out Diagnostic? failure, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunRecorded(scenario, options, false, out failure, progress, cancellationToken).Result;

    /// <summary>
    /// Runs the model like <see cref="TryRun"/>; with <paramref name="recordBargains"/> the engine also
    /// keeps every turn's proposals and choices (<see cref="KtabTurn"/>), for explaining the run.
    /// </summary>
    internal (ModelResult? Result, IReadOnlyList<KtabTurn> Turns) RunRecorded(Scenario scenario, ModelOptions options, bool recordBargains, out Diagnostic? failure, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.NotNull(options, nameof(options));
        var prm = options.Ktab ?? KtabSmpParameters.Default;
        if (options.Rounds is { } rounds)
        {
            Preconditions.Check(rounds >= 1, nameof(options), "The number of rounds must be at least 1.");
            prm = prm with { MaxTurns = rounds };
        }

        var input = Compile(scenario, prm.NormaliseSaliences);
        var (shocks, edits, shockProblems) = KtabShockMapping.Map(scenario, options.Shocks, input);
        Preconditions.Check(shockProblems.Count == 0, nameof(options), "The timed edits cannot run on ktab-smp; call Check first.");
        var engine = new KtabSmpEngine(input.Capabilities, input.Saliences, input.Dimensions, prm);
        var firstIssue = scenario.Issues[0].Id;
        var run = engine.Run(
            input.Positions,
            new KtabRunOptions
            {
                Seed = options.Seed,
                MaxTurns = prm.MaxTurns,
                OnTurn = turn => progress?.Report(new ModelProgress(Name, firstIssue, turn, prm.MaxTurns)),
                Shocks = shocks,
                RecordBargains = recordBargains,
            },
            cancellationToken);
        failure = run.Failure?.ToDiagnostic([.. scenario.Actors.Select(a => a.Id)], [.. scenario.Issues.Select(i => i.Id)]);
        if (failure is not null)
        {
            return (null, []);
        }

        var stochastic = prm.StateTransitions == KtabStateTransitions.Stochastic;
        var result = BuildResult(scenario, input, run, stochastic ? options.Seed : null, KtabShockMapping.Struck(run.AppliedShocks, shocks, edits));
        return (result, recordBargains ? run.Turns : []);
    }

    /// <summary>A scenario compiled into the engine's flat arrays (internal [0,1] scale).</summary>
    internal sealed record Input(double[] Capabilities, double[] Saliences, double[] Positions, int Dimensions, int NormalisedActors = 0);

    /// <summary>Maps a scenario to KTAB's internal scale: position (x − min)/(max − min), salience as given (0–1).</summary>
    internal static Input Compile(Scenario scenario, bool normaliseSaliences = false)
    {
        var n = scenario.Actors.Count;
        var dims = scenario.Issues.Count;
        Preconditions.Check(dims >= 1, nameof(scenario), "KTAB SMP needs at least one issue.");
        Preconditions.Check(n >= 2, nameof(scenario), "KTAB SMP needs at least two actors (KTAB's own files need three).");
        var c = new double[n];
        var normalised = 0;
        var s = new double[n * dims];
        var x = new double[n * dims];
        for (var i = 0; i < n; i++)
        {
            var actor = scenario.Actors[i];
            c[i] = actor.Capability;
            Preconditions.Check(c[i] > 0, nameof(scenario), $"Actor '{actor.Id}' has capability {c[i]}; KTAB SMP needs every capability > 0.");
            var total = 0.0;
            for (var d = 0; d < dims; d++)
            {
                var issue = scenario.Issues[d];
                var stance = scenario.StanceOf(i, d)
                    ?? throw new ArgumentException($"Actor '{actor.Id}' has no stance on issue '{issue.Id}'. KTAB SMP runs all issues jointly as dimensions of one space, so every actor needs a position and salience on every issue.", nameof(scenario));
                x[(i * dims) + d] = (stance.Position - issue.Scale.Minimum) / (issue.Scale.Maximum - issue.Scale.Minimum);
                s[(i * dims) + d] = stance.Salience;
                total += stance.Salience;
            }

            if (normaliseSaliences && total > 1)
            {
                normalised++;
                var factor = 1 / total;
                for (var pass = 0; pass < 64 && total > 1; pass++)
                {
                    // Scale so that the left-to-right sum is at most 1 (a sum of quotients can round above it).
                    total = 0;
                    for (var d = 0; d < dims; d++)
                    {
                        s[(i * dims) + d] *= factor;
                        total += s[(i * dims) + d];
                    }

                    factor = 1 - 1e-15;
                }
            }

            Preconditions.Check(total > 0 && total <= 1 + 1e-12, nameof(scenario),
                $"Actor '{actor.Id}' has saliences summing to {total:0.####} over the issues; KTAB SMP needs each actor's saliences to sum to more than 0 and at most 1 (100 on KTAB's 0–100 scale). Set the parameter NormaliseSaliences=true to divide them by their sum.");
        }

        return new Input(c, s, x, dims, normalised);
    }

    /// <summary>Turns an engine run into Parley's result contract, positions back on each issue's scale.</summary>
    internal static ModelResult BuildResult(Scenario scenario, Input input, KtabSmpRun run, ulong? seed, IReadOnlyList<StruckShock>? struck = null)
    {
        var n = scenario.Actors.Count;
        var dims = input.Dimensions;
        var ids = scenario.Actors.Select(a => a.Id).ToArray();
        var last = run.Positions.Count - 1;
        var finalWin = run.WinProbabilities[last];
        var best = 0;
        for (var i = 1; i < n; i++)
        {
            if (finalWin[i] > finalWin[best])
            {
                best = i;
            }
        }

        var issues = new IssueResult[dims];
        for (var d = 0; d < dims; d++)
        {
            var scale = scenario.Issues[d].Scale;
            var range = scale.Maximum - scale.Minimum;
            var sal = new double[n];
            for (var i = 0; i < n; i++)
            {
                sal[i] = input.Saliences[(i * dims) + d];
            }

            var rounds = new RoundState[run.Positions.Count];
            for (var t = 0; t < rounds.Length; t++)
            {
                var pos = new double[n];
                for (var i = 0; i < n; i++)
                {
                    pos[i] = scale.Minimum + (run.Positions[t][(i * dims) + d] * range);
                }

                rounds[t] = new RoundState(
                    t,
                    pos,
                    IssueStatistics.WeightedMean(pos, input.Capabilities, sal),
                    IssueStatistics.MedianVoter(pos, input.Capabilities, sal),
                    new KtabRound(run.RiskAttitudes[t], run.WinProbabilities[t]));
            }

            var forecast = rounds[last].Positions[best];
            var normalisedNote = input.NormalisedActors > 0
                ? $" The saliences of {input.NormalisedActors} actor(s) summed to more than 1 over the issues and were divided by their sums."
                : string.Empty;
            var stop = run.Stop == KtabStop.TurnLimit ? StopReason.RoundLimit : StopReason.Converged;
            issues[d] = new IssueResult(scenario.Issues[d].Id, forecast, ids, rounds,
                $"KTAB SMP over {dims} dimension(s), {run.StopReason}; forecast = final position of the actor most likely to win ('{ids[best]}', p = {finalWin[best]:0.####}).{normalisedNote}", stop, last, struck is { Count: > 0 } ? struck : null);
        }

        return new ModelResult("ktab-smp", issues, seed);
    }
}

/// <summary>A turn of KTAB's Spatial Model of Politics: each actor's risk attitude and probability of winning.</summary>
/// <param name="RiskAttitudes">Each actor's risk attitude in the turn, in input order.</param>
/// <param name="WinProbabilities">Each actor's probability that its position wins, in input order.</param>
public sealed record KtabRound(IReadOnlyList<double> RiskAttitudes, IReadOnlyList<double> WinProbabilities) : RoundDetail;
