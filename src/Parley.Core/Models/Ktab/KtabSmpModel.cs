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
    public ModelResult Run(Scenario scenario, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.NotNull(options, nameof(options));
        var parsed = KtabSmpParameters.Parse(options.Parameters);
        if (!parsed.Succeeded)
        {
            // Until models report "cannot run" as diagnostics (the run layer's Check), this is how the CLI learns of it.
            throw new ArgumentException(string.Join(" ", parsed.Errors.Select(d => d.Message + (d.Expected is null ? string.Empty : $" Expected: {d.Expected}."))), nameof(options));
        }

        var prm = parsed.Value!;
        if (options.Rounds is { } rounds)
        {
            Preconditions.Check(rounds >= 1, nameof(options), "The number of rounds must be at least 1.");
            prm = prm with { MaxTurns = rounds };
        }

        var input = Compile(scenario, prm.NormaliseSaliences);
        var engine = new KtabSmpEngine(input.Capabilities, input.Saliences, input.Dimensions, prm);
        var firstIssue = scenario.Issues[0].Id;
        var run = engine.Run(
            input.Positions,
            new KtabRunOptions
            {
                Seed = options.Seed,
                MaxTurns = prm.MaxTurns,
                OnTurn = turn => progress?.Report(new ModelProgress(Name, firstIssue, turn, prm.MaxTurns)),
            },
            cancellationToken);
        if (run.Failure is { } failure)
        {
            // As above: a failed run becomes a diagnostic once the run layer can carry one.
            var d = failure.ToDiagnostic([.. scenario.Actors.Select(a => a.Id)], [.. scenario.Issues.Select(i => i.Id)]);
            throw new ArgumentException(d.Message + (d.ActorId is null ? string.Empty : $" (actor '{d.ActorId}')") + (d.IssueId is null ? string.Empty : $" (issue '{d.IssueId}')"), nameof(scenario));
        }

        var stochastic = prm.StateTransitions == KtabStateTransitions.Stochastic;
        return BuildResult(scenario, input, run, stochastic ? options.Seed : null);
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
    internal static ModelResult BuildResult(Scenario scenario, Input input, KtabSmpRun run, ulong? seed)
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
                    RiskExponents: run.RiskAttitudes[t],
                    WinProbabilities: run.WinProbabilities[t]);
            }

            var forecast = rounds[last].Positions[best];
            var normalisedNote = input.NormalisedActors > 0
                ? $" The saliences of {input.NormalisedActors} actor(s) summed to more than 1 over the issues and were divided by their sums."
                : string.Empty;
            issues[d] = new IssueResult(scenario.Issues[d].Id, forecast, ids, rounds,
                $"KTAB SMP over {dims} dimension(s), {run.StopReason}; forecast = final position of the actor most likely to win ('{ids[best]}', p = {finalWin[best]:0.####}).{normalisedNote}");
        }

        return new ModelResult("ktab-smp", issues, seed);
    }
}
