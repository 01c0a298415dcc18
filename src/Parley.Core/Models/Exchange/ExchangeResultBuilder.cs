using System.Globalization;
using System.Numerics;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.Exchange;

/// <summary>Turns an engine trace into Parley's result contract: per issue, positions after each round on the issue's scale, with the round's exchanges.</summary>
internal static class ExchangeResultBuilder
{
    /// <summary>Builds the result of <paramref name="trace"/>, a run of <paramref name="input"/> compiled from <paramref name="scenario"/>; without <paramref name="keepPath"/>, only round 0 and the last round are kept.</summary>
    public static ModelResult Build<T>(string model, Scenario scenario, ExchangeInput<T> input, ExchangeArithmetic<T> a, ExchangeTrace<T> trace, bool keepPath)
        where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
            IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
    {
        var m = scenario.Issues.Count;
        double Position(int issue, T v) => a.ToDouble(input.ToScale(issue, v));
        double Distance(int issue, T v) => a.ToDouble(input.ToScaleDistance(issue, v));
        string ActorId(int actor) => scenario.Actors[actor].Id;
        string IssueId(int issue) => scenario.Issues[issue].Id;

        // The rounds over all issues, shared by every issue's result.
        var rounds = trace.Rounds.Select(r => new ExchangeRound(
            r.Round,
            [.. r.Exchanges.Select((e, n) => new RealizedExchange(
                n + 1,
                IssueId(e.P),
                IssueId(e.Q),
                e.Groups,
                a.ToDouble(e.Gain),
                a.ToDouble(e.Dp),
                a.ToDouble(e.Dq),
                Side(e.I),
                Side(e.J)))],
            [.. r.Externalities.Select((x, actor) => new ActorExternalities(
                ActorId(actor), a.ToDouble(x.InnerPositive), a.ToDouble(x.InnerNegative), a.ToDouble(x.OuterPositive), a.ToDouble(x.OuterNegative), a.ToDouble(x.Own)))])).ToList();

        ExchangeSide Side(ExchangeTraceRole<T> r) => new(
            ActorId(r.Actor), IssueId(r.Supply), IssueId(r.Demand),
            Position(r.Supply, r.Start), Position(r.Supply, r.From), Distance(r.Supply, r.Move), Position(r.Supply, r.Voting),
            Position(r.Supply, r.NbsBefore), Position(r.Supply, r.NbsAfter));

        var issues = new IssueResult[m];
        for (var k = 0; k < m; k++)
        {
            issues[k] = Issue(scenario, input, trace, rounds, k, Position, keepPath);
        }

        return new ModelResult(model, issues);
    }

    private static IssueResult Issue<T>(
        Scenario scenario,
        ExchangeInput<T> input,
        ExchangeTrace<T> trace,
        List<ExchangeRound> rounds,
        int k,
        Func<int, T, double> position,
        bool keepPath)
        where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
            IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
    {
        var m = scenario.Issues.Count;
        var issue = scenario.Issues[k];
        var takesPart = new HashSet<int>(input.Rows[k]);
        var actors = new List<int>();
        var saliences = new List<double>();
        var capabilities = new List<double>();
        var inputPositions = new List<double>();
        for (var actor = 0; actor < scenario.Actors.Count; actor++)
        {
            if (scenario.StanceOf(actor, k) is { } stance)
            {
                actors.Add(actor);
                saliences.Add(stance.Salience);
                capabilities.Add(scenario.Actors[actor].CapabilityOn(issue.Id));
                inputPositions.Add(stance.Position);
            }
        }

        var weight = 0.0;
        for (var n = 0; n < actors.Count; n++)
        {
            weight += takesPart.Contains(actors[n]) ? saliences[n] * capabilities[n] : 0;
        }

        double[] Positions(T[] internalPositions) =>
            [.. actors.Select((actor, n) => takesPart.Contains(actor) ? position(k, internalPositions[(actor * m) + k]) : inputPositions[n])];

        RoundState State(int round, double[] positions, RoundDetail? detail) => new(
            round,
            positions,
            IssueStatistics.WeightedMean(positions, [.. capabilities], [.. saliences]),
            IssueStatistics.MedianVoter(positions, [.. capabilities], [.. saliences]),
            Detail: detail);

        var states = new List<RoundState> { State(0, [.. inputPositions], null) };
        var trades = 0;
        var linked = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < trace.Rounds.Count; r++)
        {
            var round = trace.Rounds[r];
            var after = r + 1 < trace.Rounds.Count ? trace.Rounds[r + 1].StartPositions : trace.FinalPositions;
            var onIssue = new List<IssueTrade>();
            foreach (var e in rounds[r].Exchanges)
            {
                var side = e.I.SupplyIssueId == issue.Id ? e.I : e.J.SupplyIssueId == issue.Id ? e.J : null;
                if (side is null)
                {
                    continue;
                }

                var partner = ReferenceEquals(side, e.I) ? e.J : e.I;
                var supplier = scenario.IndexOfActor(side.ActorId);
                var s = scenario.StanceOf(supplier, k)!.Salience;
                var shift = side.Move * s * scenario.Actors[supplier].CapabilityOn(issue.Id) / weight;
                onIssue.Add(new IssueTrade(e.Sequence, partner.SupplyIssueId, side.ActorId, partner.ActorId, side.Move, side.NbsBefore, side.NbsAfter, shift, shift * (0.1 + (0.4 * (1 - s))), e));
                linked[partner.SupplyIssueId] = linked.GetValueOrDefault(partner.SupplyIssueId) + 1;
            }

            trades += onIssue.Count;
            if (keepPath || r + 1 == trace.Rounds.Count)
            {
                var detail = new ExchangeRoundDetail(position(k, round.StartNbs[k]), position(k, round.VotingNbs[k]), Positions(round.VotingPositions), onIssue, rounds[r]);
                states.Add(State(r + 1, Positions(after), detail));
            }
        }

        var forecast = position(k, trace.FinalNbs[k]);
        var start = states[0].Mean;
        var links = linked.Count == 0 ? "no trade touched this issue" : $"{trades} trade(s) touched this issue, linked with {string.Join(", ", linked.Select(l => $"{l.Key} ×{l.Value}"))}";
        var idle = actors.Count - takesPart.Count;
        var note = string.Create(CultureInfo.InvariantCulture,
            $"Exchange model (Equal Gain), {trace.Rounds.Count} round(s): {links}; forecast = NBS after the last round ({start:0.###} at the start).")
            + (idle > 0 ? $" {idle} stance(s) with salience or capability 0 take no part." : string.Empty);
        return new IssueResult(issue.Id, forecast, [.. actors.Select(x => scenario.Actors[x].Id)], states, note, StopReason.FixedRounds, trace.Rounds.Count);
    }
}
