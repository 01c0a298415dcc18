using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Models.Ktab;
using Parley.Core.Scenarios;
using Parley.Core.Text;

namespace Parley.Core.Explain;

/// <summary>
/// Explains one iterative model's run on one issue: round by round, every actor's move with its cause
/// (for the expected-utility models the offer it took — kind, proposer, both expected utilities, new
/// position — and the offers it refused; for <c>ktab-smp</c> the bargain that won its election, from the
/// engine's turn records), who challenged whom over the run, and the coalitions at the end. Timed edits
/// in the options (<see cref="ModelOptions.Shocks"/>) strike as in a forecast and are listed on their round.
/// </summary>
public static class Explainer
{
    /// <summary>Actors whose final positions lie within this share of the scale's width of each other form a coalition (5%).</summary>
    public const double CoalitionShare = 0.05;

    /// <summary>
    /// The problems that keep <paramref name="model"/> from explaining <paramref name="issueId"/> of
    /// <paramref name="scenario"/> (an unknown issue with a "did you mean", a model without rounds, or the
    /// model's own check); empty when it can. A null <paramref name="issueId"/> is allowed for a scenario of one issue.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(Scenario scenario, string? issueId, IForecastModel model, ModelOptions options)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.NotNull(model, nameof(model));
        Preconditions.NotNull(options, nameof(options));
        var problems = new List<Diagnostic>();
        if (IssueProblem(scenario, issueId) is { } issueProblem)
        {
            problems.Add(issueProblem);
        }

        if (!model.Traits.Iterative)
        {
            problems.Add(Diagnostic.Error(
                $"Model '{model.Name}' has no rounds to explain: it computes its forecast in one step.",
                expected: "an iterative model: " + string.Join(", ", ModelCatalog.All.Where(m => m.Traits.Iterative).Select(m => m.Name))));
        }
        else if (model is not IssueModel and not KtabSmpModel)
        {
            problems.Add(Diagnostic.Error($"Model '{model.Name}' keeps no record of why its actors moved.", expected: "scholz2011, bdm or ktab-smp"));
        }

        if (problems.Count == 0)
        {
            problems.AddRange(model.Check(scenario, options));
        }

        return problems;
    }

    /// <summary>The issue a command means: <paramref name="issueId"/>, or the only issue when it is null; an error when it is unknown or the scenario has several.</summary>
    public static Diagnostic? IssueProblem(Scenario scenario, string? issueId)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        var ids = scenario.Issues.Select(i => i.Id).ToList();
        if (issueId is null)
        {
            return scenario.Issues.Count == 1
                ? null
                : Diagnostic.Error($"The scenario has {scenario.Issues.Count} issues; name one with --issue.", expected: "one of the issues: " + string.Join(", ", ids));
        }

        return scenario.IndexOfIssue(issueId) >= 0
            ? null
            : Diagnostic.Error($"Unknown issue '{issueId}'.{DidYouMean.Hint(issueId, ids)}", issueId: issueId, expected: "one of the issues: " + string.Join(", ", ids));
    }

    /// <summary>Explains the run; the arguments must pass <see cref="Check"/>.</summary>
    public static Explanation Explain(Scenario scenario, string? issueId, IForecastModel model, ModelOptions options, CancellationToken cancellationToken = default)
    {
        Preconditions.Check(Check(scenario, issueId, model, options).All(d => d.Severity != DiagnosticSeverity.Error), nameof(scenario), "The model cannot explain this issue; call Check first.");
        var k = issueId is null ? 0 : scenario.IndexOfIssue(issueId);
        var issue = scenario.Issues[k];
        var explained = model is KtabSmpModel ktab
            ? FromKtab(scenario, k, ktab, options, cancellationToken)
            : FromExpectedUtility(scenario, k, (IssueModel)model, options, cancellationToken);
        var (result, rounds, challenges, weights) = explained;
        var names = scenario.Actors.Where(a => result.ActorIds.Contains(a.Id)).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        var absent = (result.Rounds[^1].Detail as ExpectedUtilityRound)?.Absent ?? [];
        var final = result.ActorIds.Select((id, i) => (Id: id, Position: result.Rounds[^1].Positions[i], Weight: weights[i]))
            .Where(a => !absent.Contains(a.Id)).ToList();
        return new Explanation(
            scenario.Title,
            issue.Id,
            issue.Name,
            model.Name,
            result.Forecast,
            result.Stop,
            result.RoundsRun,
            result.Note,
            names,
            rounds,
            challenges,
            Coalitions(final, issue.Scale));
    }

    private static (IssueResult Result, List<RoundExplanation> Rounds, List<ChallengeCount> Challenges, double[] Weights) FromExpectedUtility(
        Scenario scenario, int k, IssueModel model, ModelOptions options, CancellationToken cancellationToken)
    {
        var input = scenario.Compile(k);
        var result = model.RunIssue(input, options with { Offers = OfferRecording.All, KeepPath = true }, null, cancellationToken);
        var rounds = new List<RoundExplanation>();
        var counts = new Dictionary<(string From, string To, CauseKind Kind), (int Count, int Taken)>();
        for (var r = 1; r < result.Rounds.Count; r++)
        {
            var before = result.Rounds[r - 1];
            var after = result.Rounds[r];
            var detail = (ExpectedUtilityRound)after.Detail!;
            var gone = (before.Detail as ExpectedUtilityRound)?.Absent ?? [];
            var offers = detail.Offers ?? [];
            var moves = new List<ActorMove>();
            for (var i = 0; i < result.ActorIds.Count; i++)
            {
                var id = result.ActorIds[i];
                if (gone.Contains(id))
                {
                    continue;
                }

                var mine = offers.Where(o => o.To == id).ToList();
                var taken = mine.FirstOrDefault(o => o.Accepted);
                var from = before.Positions[i];
                moves.Add(new ActorMove(
                    id,
                    from,
                    taken?.NewPosition ?? from,
                    taken is null ? null : Cause(taken),
                    [.. mine.Where(o => !o.Accepted).Select(Cause)],
                    taken is null ? "No actor made it an offer." : null));
            }

            foreach (var o in offers)
            {
                var key = (o.From, o.To, Kind(o.Kind));
                var (count, takenCount) = counts.GetValueOrDefault(key);
                counts[key] = (count + 1, takenCount + (o.Accepted ? 1 : 0));
            }

            rounds.Add(new RoundExplanation(r, after.Mean, moves, [.. result.ShocksAfter(r)]));
        }

        var final = options.Shocks is { IsEmpty: false } shocks ? shocks.ApplyAll(input, []) : input;
        var weights = result.ActorIds.Select(id => Array.IndexOf(final.ActorIds, id) is var j and >= 0 ? final.Capabilities[j] * final.Saliences[j] : 0).ToArray();
        return (result, rounds, Counts(counts, result.ActorIds), weights);
    }

    private static (IssueResult Result, List<RoundExplanation> Rounds, List<ChallengeCount> Challenges, double[] Weights) FromKtab(
        Scenario scenario, int k, KtabSmpModel model, ModelOptions options, CancellationToken cancellationToken)
    {
        var (run, turns) = model.RunRecorded(scenario, options, recordBargains: true, out var failure, null, cancellationToken);
        Preconditions.Check(run is not null, nameof(scenario), failure?.Message ?? "The KTAB run failed.");
        var result = run!.Issues[k];
        var scale = scenario.Issues[k].Scale;
        double OnScale(double internalPosition) => scale.Minimum + (internalPosition * scale.Width);
        var ids = result.ActorIds;
        var rounds = new List<RoundExplanation>();
        var counts = new Dictionary<(string From, string To, CauseKind Kind), (int Count, int Taken)>();
        foreach (var turn in turns)
        {
            var before = result.Rounds[turn.Turn];
            var after = result.Rounds[turn.Turn + 1];
            MoveCause CauseOf(int proposal, int actor, double probability)
            {
                var p = turn.Proposals[proposal];
                var position = p.Initiator == actor ? p.InitiatorPosition[k] : p.ReceiverPosition[k];
                return new MoveCause(CauseKind.Bargain, ids[p.Initiator], ids[p.Receiver], OnScale(position),
                    Value: p.Value, InitiatorWinProbability: p.InitiatorWinProbability, ElectionProbability: probability);
            }

            var moves = new List<ActorMove>();
            foreach (var choice in turn.Choices)
            {
                var a = choice.Actor;
                var from = before.Positions[a];
                var cause = choice.Proposal is { } taken ? CauseOf(taken, a, choice.Probability) : null;
                var refused = choice.Options.Select((p, o) => (p, o)).Where(x => x.o + 1 != choice.Chosen).Select(x => CauseOf(x.p, a, choice.Probabilities[x.o + 1])).ToList();
                var note = cause is not null ? null
                    : choice.Options.Length == 0 ? "No bargain involved it."
                    : $"The election favoured its own position (p = {choice.StatusQuoProbability.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}).";
                moves.Add(new ActorMove(ids[a], from, cause?.NewPosition ?? from, cause, refused, note));
            }

            for (var p = 0; p < turn.Proposals.Count; p++)
            {
                var proposal = turn.Proposals[p];
                var key = (ids[proposal.Initiator], ids[proposal.Receiver], CauseKind.Bargain);
                var (count, taken) = counts.GetValueOrDefault(key);
                counts[key] = (count + 1, taken + (turn.Choices[proposal.Receiver].Proposal == p ? 1 : 0));
            }

            rounds.Add(new RoundExplanation(turn.Turn + 1, after.Mean, moves, [.. result.ShocksAfter(turn.Turn + 1)]));
        }

        var weights = scenario.Actors.Select((actor, a) => actor.Capability * (scenario.StanceOf(a, k)?.Salience ?? 0)).ToArray();
        return (result, rounds, Counts(counts, ids), weights);
    }

    private static MoveCause Cause(Offer o) =>
        new(Kind(o.Kind), o.From, o.To, o.NewPosition, o.ReceiverUtility, o.ProposerUtility);

    private static CauseKind Kind(OfferKind kind) => kind switch
    {
        OfferKind.Confrontation => CauseKind.Confrontation,
        OfferKind.Compromise => CauseKind.Compromise,
        _ => CauseKind.Capitulation,
    };

    /// <summary>The counts in a fixed order: by proposer, then receiver (input order), then kind.</summary>
    private static List<ChallengeCount> Counts(Dictionary<(string From, string To, CauseKind Kind), (int Count, int Taken)> counts, IReadOnlyList<string> ids)
    {
        int Index(string id)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (ids[i] == id)
                {
                    return i;
                }
            }

            return ids.Count;
        }

        return [.. counts.OrderBy(p => Index(p.Key.From)).ThenBy(p => Index(p.Key.To)).ThenBy(p => p.Key.Kind)
            .Select(p => new ChallengeCount(p.Key.From, p.Key.To, p.Key.Kind, p.Value.Count, p.Value.Taken))];
    }

    /// <summary>
    /// Groups the actors by final position: sorted from the lowest, an actor joins the group of the one
    /// before it when it lies within <see cref="CoalitionShare"/> of the scale's width of the group's lowest
    /// member, so that every two members of a group are that close.
    /// </summary>
    internal static List<Coalition> Coalitions(IReadOnlyList<(string Id, double Position, double Weight)> actors, Scale scale)
    {
        var total = actors.Sum(a => a.Weight);
        var reach = CoalitionShare * scale.Width;
        var groups = new List<List<(string Id, double Position, double Weight)>>();
        foreach (var actor in actors.Select((a, i) => (a, i)).OrderBy(p => p.a.Position).ThenBy(p => p.i).Select(p => p.a))
        {
            if (groups.Count > 0 && actor.Position - groups[^1][0].Position <= reach * (1 + 1e-12))
            {
                groups[^1].Add(actor);
            }
            else
            {
                groups.Add([actor]);
            }
        }

        return [.. groups.Select(g =>
        {
            var weight = g.Sum(a => a.Weight);
            return new Coalition([.. g.Select(a => a.Id)], g[0].Position, g[^1].Position, weight, total > 0 ? weight / total : 0);
        })];
    }
}
