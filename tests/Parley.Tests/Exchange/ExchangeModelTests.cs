using System.Globalization;
using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Models.Exchange;
using Parley.Core.Scenarios;

namespace Parley.Tests.Exchange;

/// <summary>The exchange model through Parley's forecast contract: rounds, forecast, the exchanges of each round and the issue linkage.</summary>
public sealed class ExchangeModelTests
{
    private static readonly ExchangeReference s_example = ExchangeReference.Example();

    private static double Reference(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static ModelResult RunExample(int rounds = 3) =>
        new ExchangeModel().Run(s_example.Scenario, new ModelOptions { Rounds = rounds });

    [Fact]
    public void The_model_is_in_the_catalog_but_not_among_the_defaults()
    {
        Assert.IsType<ExchangeModel>(ModelCatalog.Find("exchange"));
        Assert.DoesNotContain(ModelCatalog.Defaults, m => m.Name == "exchange");
    }

    [Fact]
    public void Round_k_holds_the_positions_after_k_rounds_and_round_0_the_input()
    {
        var result = RunExample();
        var p = result.Issues[0];
        Assert.Equal("P", p.IssueId);
        Assert.Equal(["A", "B", "C", "D"], p.ActorIds);
        Assert.Equal(4, p.Rounds.Count);
        Assert.Equal([80.0, 20, 70, 30], p.Rounds[0].Positions);
        Assert.Null(p.Rounds[0].Detail);
        for (var k = 1; k <= 3; k++)
        {
            // The reference's "start" positions of round k + 1 are those after round k.
            foreach (var actor in p.ActorIds)
            {
                var expected = s_example.Positions.Single(r => r["round"] == (k + 1).ToString(CultureInfo.InvariantCulture) && r["phase"] == "start" && r["issue"] == "P" && r["actor"] == actor);
                Assert.Equal(Reference(expected["position"]), p.Rounds[k].Positions[p.ActorIds.ToList().IndexOf(actor)], 1e-9);
            }
        }
    }

    [Fact]
    public void The_forecast_is_the_nbs_after_the_last_round()
    {
        var result = RunExample();
        foreach (var issue in result.Issues)
        {
            var nbs = s_example.Nbs.Single(r => r["round"] == "4" && r["phase"] == "start" && r["issue"] == issue.IssueId);
            Assert.Equal(Reference(nbs["nbs"]), issue.Forecast, 1e-9);
            // The NBS is the capability × salience weighted mean, which every round reports.
            Assert.Equal(issue.Rounds[^1].Mean, issue.Forecast, 1e-9);
        }
    }

    [Fact]
    public void Each_round_reports_its_exchanges_with_both_sides_as_the_reference_prints_them()
    {
        var detail = Assert.IsType<ExchangeRoundDetail>(RunExample().Issues[1].Rounds[1].Detail);
        Assert.Equal(1, detail.Round.Number);
        Assert.Equal(3, detail.Round.Exchanges.Count);
        var first = detail.Round.Exchanges[0];
        // EXCHANGE-SPEC §10: A supplies Q and moves to 34.47…, B supplies P and moves to 80; g = 3.1578….
        Assert.Equal((1, "P", "Q", ExchangeGroups.Ad), (first.Sequence, first.P, first.Q, first.Groups));
        Assert.Equal(("A", "Q", "P"), (first.I.ActorId, first.I.SupplyIssueId, first.I.DemandIssueId));
        Assert.Equal(("B", "P", "Q"), (first.J.ActorId, first.J.SupplyIssueId, first.J.DemandIssueId));
        Assert.Equal(3.157894736842105263157894737, first.Gain, 1e-12);
        Assert.Equal(34.47368421052631578947368421, first.I.Voting, 1e-12);
        Assert.Equal(-35.52631578947368421052631579, first.I.Move, 1e-12);
        Assert.Equal(80, first.J.Voting, 1e-12);
        Assert.Equal(38.81091617933723196881091618, first.I.NbsAfter, 1e-12);
        Assert.Equal(44.07407407407407407407407407, detail.StartNbs, 1e-12);
        Assert.Equal(41.34502923976608187134502924, detail.VotingNbs, 1e-12);
        Assert.Equal([20, 30, 80, 35.78947368421052631578947368], detail.VotingPositions, (x, y) => Math.Abs(x - y) < 1e-12);
        Assert.Equal(3.529564652371669915529564653, detail.Round.Externalities[0].Own, 1e-12);
    }

    [Fact]
    public void The_issue_linkage_lists_the_trades_that_moved_each_issue_and_what_they_did_to_its_nbs()
    {
        var q = RunExample().Issues[1];
        var detail = Assert.IsType<ExchangeRoundDetail>(q.Rounds[1].Detail);
        // Round 1: A moves on Q twice (for B, then for D), D once (for C); every trade links Q with P.
        Assert.Equal([("A", "B", 1), ("D", "C", 2), ("A", "D", 3)], detail.Trades.Select(t => (t.SupplierId, t.PartnerId, t.Sequence)));
        Assert.All(detail.Trades, t => Assert.Equal("P", t.LinkedIssueId));
        // A's first move: −35.526… × salience 0.2 × capability 1 / Σ s·c 1.35; A keeps 0.1 + 0.4 × 0.8 = 0.42 of it.
        var a = detail.Trades[0];
        Assert.Equal(-35.52631578947368421052631579 * 0.2 / 1.35, a.NbsShift, 1e-12);
        Assert.Equal(a.NbsShift * 0.42, a.RetainedNbsShift, 1e-12);
        Assert.Equal(a.NbsAfter - a.NbsBefore, a.NbsShift, 1e-12);
        // The shifts add up to the issue's move: at the vote, and into the next round.
        Assert.Equal(detail.VotingNbs - detail.StartNbs, detail.Trades.Sum(t => t.NbsShift), 1e-9);
        Assert.Equal(q.Rounds[1].Mean - q.Rounds[0].Mean, detail.Trades.Sum(t => t.RetainedNbsShift), 1e-9);
        Assert.Contains("linked with P ×", q.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void In_28_digit_decimals_the_model_gives_the_reference_forecast_of_case04()
    {
        // case04 is decided on rounding noise in round 5: doubles part from it there, decimals do not.
        var case04 = ExchangeReference.Case("case04");
        var result = new ExchangeModel().Run(case04.Scenario, new ModelOptions { Exchange = new ExchangeOptions { Numbers = ExchangeNumbers.Decimal28 } });
        foreach (var issue in result.Issues)
        {
            var nbs = case04.Nbs.Single(r => r["round"] == "11" && r["phase"] == "start" && r["issue"] == issue.IssueId);
            Assert.Equal(Reference(nbs["nbs"]), issue.Forecast);
        }
    }

    [Fact]
    public void With_zero_rounds_or_one_issue_nothing_is_traded_and_the_forecast_is_the_compromise()
    {
        // Zero rounds is the engine's case only: the model runs 1 to ModelOptions.MaxRounds.
        var a = ExchangeArithmetic.Binary64();
        var none = new ExchangeEngine<double>(ExchangeInput<double>.From(s_example.Scenario, a), a).Run(0);
        Assert.Empty(none.Rounds);
        Assert.Equal(97.8 / 1.71, none.FinalNbs[0], 1e-12);
        Assert.Contains(new ExchangeModel().Check(s_example.Scenario, new ModelOptions { Rounds = 0 }), d => d.Message.Contains("cannot run 0 rounds", StringComparison.Ordinal));

        var single = new Scenario("one", [s_example.Scenario.Issues[0]], s_example.Scenario.Actors, [.. s_example.Scenario.Stances.Where(s => s.IssueId == "P")]);
        var result = new ExchangeModel().Run(single, ModelOptions.Default).Issues[0];
        Assert.Equal(11, result.Rounds.Count);
        Assert.All(result.Rounds.Skip(1), r => Assert.Empty(Assert.IsType<ExchangeRoundDetail>(r.Detail).Trades));
        Assert.Equal(97.8 / 1.71, result.Forecast, 1e-12);
    }

    [Fact]
    public void A_stance_of_salience_zero_keeps_its_position_and_changes_nothing_else()
    {
        var scenario = s_example.Scenario;
        var idle = new Actor("E", "Actor E", 1);
        var stances = scenario.Stances.Append(new Stance("E", "P", 5, 0)).Append(new Stance("E", "Q", 95, 0.5)).ToList();
        var with = new ExchangeModel().Run(new Scenario("with E", scenario.Issues, [.. scenario.Actors, idle], stances), ModelOptions.Default);
        // E takes part in Q only, so it trades with no one (every exchange needs both issues).
        var without = new ExchangeModel().Run(new Scenario("E on Q only", scenario.Issues, [.. scenario.Actors, idle], [.. stances.Where(s => !(s.ActorId == "E" && s.IssueId == "P"))]), ModelOptions.Default);
        Assert.All(with.Issues[0].Rounds, r => Assert.Equal(5, r.Positions[4]));
        Assert.Equal(without.Issues[0].Forecast, with.Issues[0].Forecast, 1e-12);
        Assert.Equal(without.Issues[1].Forecast, with.Issues[1].Forecast, 1e-12);
        Assert.Contains("1 stance(s) with salience or capability 0 take no part", with.Issues[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Positions_on_any_scale_are_traded_on_the_internal_0_to_100_scale_and_mapped_back()
    {
        // The same case on a 0.5–7 scale (like the reference's own toll-height issue) gives the same path, rescaled.
        var scenario = s_example.Scenario;
        static double ToScale(double x) => 0.5 + (x * 6.5 / 100);
        var scaled = new Scenario(
            "scaled",
            [.. scenario.Issues.Select(i => i with { Scale = new Scale(0.5, 7) })],
            scenario.Actors,
            [.. scenario.Stances.Select(s => s with { Position = ToScale(s.Position) })]);
        var plain = RunExample();
        var rescaled = new ExchangeModel().Run(scaled, new ModelOptions { Rounds = 3 });
        for (var k = 0; k < 2; k++)
        {
            Assert.Equal(ToScale(plain.Issues[k].Forecast), rescaled.Issues[k].Forecast, 1e-9);
            Assert.Equal(plain.Issues[k].Rounds[3].Positions.Select(ToScale), rescaled.Issues[k].Rounds[3].Positions, (x, y) => Math.Abs(x - y) < 1e-9);
            var trade = Assert.IsType<ExchangeRoundDetail>(rescaled.Issues[k].Rounds[1].Detail).Trades[0];
            var plainTrade = Assert.IsType<ExchangeRoundDetail>(plain.Issues[k].Rounds[1].Detail).Trades[0];
            Assert.Equal(plainTrade.Move * 6.5 / 100, trade.Move, 1e-9);
        }
    }

    [Fact]
    public void An_issue_on_which_no_stance_has_weight_cannot_be_run_and_check_says_why()
    {
        var scenario = new Scenario(
            "no weight",
            [new Issue("x", "X", Scale.Percent), new Issue("y", "Y", Scale.Percent)],
            [new Actor("a", "A", 1), new Actor("b", "B", 2)],
            [new Stance("a", "x", 10, 0.5), new Stance("b", "x", 90, 0.5), new Stance("a", "y", 40, 0)]);
        var problem = Assert.Single(new ExchangeModel().Check(scenario, ModelOptions.Default));
        Assert.Equal((DiagnosticSeverity.Error, "y"), (problem.Severity, problem.IssueId));
        // Run is for scenarios that passed Check: running one that did not is a programming error.
        var thrown = Assert.Throws<ArgumentException>(() => new ExchangeModel().Run(scenario, ModelOptions.Default));
        Assert.Contains("did not pass Check: Issue 'y' has no stance with salience and capability above 0", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Capabilities_too_large_for_doubles_and_scales_too_narrow_or_wide_are_reported_not_run()
    {
        var scenario = new Scenario(
            "extreme",
            [new Issue("x", "X", new Scale(0, 1e-320)), new Issue("y", "Y", new Scale(-1e308, 1e308))],
            [new Actor("a", "A", 1e200), new Actor("b", "B", 1)],
            [new Stance("a", "x", 0, 0.5), new Stance("b", "x", 0, 0.5), new Stance("a", "y", 0, 0.5), new Stance("b", "y", 1, 0.5)]);
        var problems = new ExchangeModel().Check(scenario, ModelOptions.Default);
        Assert.Equal(3, problems.Count);
        Assert.Equal("a", problems[0].ActorId);
        Assert.Equal(["x", "y"], problems.Skip(1).Select(p => p.IssueId));
    }

    [Fact]
    public void Progress_is_reported_after_every_round_and_cancellation_stops_the_run()
    {
        var reports = new List<ModelProgress>();
        new ExchangeModel().Run(s_example.Scenario, ModelOptions.Default, new SyncProgress(reports.Add));
        Assert.Equal(Enumerable.Range(1, 10), reports.Select(r => r.Round));
        Assert.All(reports, r => Assert.Equal(("exchange", 10), (r.Model, r.MaxRounds)));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new ExchangeModel().Run(s_example.Scenario, ModelOptions.Default, cancellationToken: cancelled.Token));
    }

    private sealed class SyncProgress(Action<ModelProgress> report) : IProgress<ModelProgress>
    {
        public void Report(ModelProgress value) => report(value);
    }
}
