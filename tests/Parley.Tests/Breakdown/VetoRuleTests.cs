using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.Breakdown;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Scenarios;

namespace Parley.Tests.Breakdown;

/// <summary>The breakdown step (MODEL+veto) and the win-set step (MODEL+winset) on cases computed by hand.</summary>
public sealed class VetoRuleTests
{
    /// <summary>Two actors of equal weight at 0 and 100 on 0–100: the compromise deal is 50. <paramref name="veto"/> can block.</summary>
    private static Scenario TwoActors(double? statusQuo, string[] veto, double vetoSalience = 1, double x0 = 0, double x1 = 100)
    {
        var issue = new Issue("i", "Issue", Scale.Percent, StatusQuo: statusQuo is { } q ? new StatusQuo(q) : null, VetoPlayers: [.. veto.Select(v => new VetoPlayer(v))]);
        return new Scenario(
            "two",
            [issue],
            [new Actor("a", "A", 1), new Actor("b", "B", 1)],
            [new Stance("a", "i", x0, vetoSalience), new Stance("b", "i", x1, vetoSalience)]);
    }

    private static IssueResult Run(string model, Scenario scenario) => ModelCatalog.Find(model)!.Run(scenario, ModelOptions.Default).Issues[0];

    [Fact]
    public void A_veto_player_that_prefers_the_status_quo_blocks_and_the_outcome_is_the_status_quo()
    {
        // a at 0: |0 − 10| = 10 < |0 − 50| = 50, so a prefers the status quo 10 to the deal 50.
        var r = Run("compromise+veto", TwoActors(10, ["a"]));
        Assert.Equal(10, r.Forecast);
        Assert.Equal(BreakdownStatus.Blocked, r.Breakdown!.Status);
        Assert.Equal(50, r.Breakdown.Deal, 12);
        Assert.Equal(["a"], r.Breakdown.Blockers);
        Assert.Contains("Blocked by a", r.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_veto_player_that_prefers_the_deal_lets_the_model_forecast_stand()
    {
        // a at 0: |0 − 90| = 90 > |0 − 50| = 50, so a prefers the deal.
        var scenario = TwoActors(90, ["a"]);
        var r = Run("compromise+veto", scenario);
        Assert.Equal(new CompromiseModel().Forecast(scenario.Compile(0)), r.Forecast);
        Assert.Equal(50, r.Forecast, 12);
        Assert.Equal(BreakdownStatus.Agreed, r.Breakdown!.Status);
        Assert.Empty(r.Breakdown.Blockers);
    }

    [Fact]
    public void With_an_expected_utility_model_the_deal_is_that_model_s_forecast()
    {
        // Three actors so that bdm moves; a veto player at 0 with the status quo at 0 always prefers it
        // to any deal above 0, and with the status quo at 100 prefers any deal below 100.
        Scenario Three(double q) => new(
            "three",
            [new Issue("i", "Issue", Scale.Percent, StatusQuo: new StatusQuo(q), VetoPlayers: [new VetoPlayer("a")])],
            [new Actor("a", "A", 1), new Actor("b", "B", 2), new Actor("c", "C", 3)],
            [new Stance("a", "i", 0, 0.5), new Stance("b", "i", 60, 0.8), new Stance("c", "i", 100, 0.4)]);
        var bdm = new ExpectedUtilityModel(ExpectedUtilityVariant.Bdm);
        var deal = bdm.Run(Three(0), ModelOptions.Default).Issues[0].Forecast;
        Assert.InRange(deal, 1, 99);
        Assert.Equal(0, Run("bdm+veto", Three(0)).Forecast);
        Assert.Equal(deal, Run("bdm+veto", Three(100)).Forecast);
        Assert.Equal(bdm.Run(Three(100), ModelOptions.Default).Issues[0].Rounds.Count, Run("bdm+veto", Three(100)).Rounds.Count);
    }

    [Fact]
    public void A_tie_or_a_salience_of_zero_does_not_block()
    {
        // b at 100 prefers the status quo 100 to the deal 50, but with salience 0 it does not care
        // (both saliences 0: the compromise is then the unweighted mean, 50).
        Assert.Equal(BreakdownStatus.Agreed, Run("compromise+veto", TwoActors(100, ["b"], vetoSalience: 0)).Breakdown!.Status);
        // a at 40, b at 80: the mean is 60; the status quo 20 is exactly as far from a as the deal: a tie.
        var tie = Run("mean+veto", TwoActors(20, ["a"], x0: 40, x1: 80));
        Assert.Equal(60, tie.Forecast, 12);
        Assert.Equal(BreakdownStatus.Agreed, tie.Breakdown!.Status);
    }

    [Fact]
    public void Without_a_status_quo_or_without_veto_players_the_issue_cannot_break_down_and_says_why()
    {
        var noStatusQuo = Run("compromise+veto", TwoActors(null, ["a"]));
        Assert.Equal(50, noStatusQuo.Forecast, 12);
        Assert.Equal(BreakdownStatus.NotPossible, noStatusQuo.Breakdown!.Status);
        Assert.Contains("no status quo", noStatusQuo.Breakdown.Reason, StringComparison.Ordinal);

        var noVeto = Run("compromise+veto", TwoActors(10, []));
        Assert.Equal(50, noVeto.Forecast, 12);
        Assert.Equal(BreakdownStatus.NotPossible, noVeto.Breakdown!.Status);
        Assert.Contains("no veto player", noVeto.Breakdown.Reason, StringComparison.Ordinal);

        // A veto player without a stance on the issue cannot be judged.
        var issue = new Issue("i", "Issue", Scale.Percent, StatusQuo: new StatusQuo(10), VetoPlayers: [new VetoPlayer("c")]);
        var scenario = new Scenario("x", [issue], [new Actor("a", "A", 1), new Actor("b", "B", 1), new Actor("c", "C", 1)], [new Stance("a", "i", 0, 1), new Stance("b", "i", 100, 1)]);
        var noStance = Run("compromise+veto", scenario);
        Assert.Equal(BreakdownStatus.NotPossible, noStance.Breakdown!.Status);
        Assert.Contains("No veto player has a stance", noStance.Breakdown.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_one_of_several_veto_players_can_block()
    {
        // Deal 50; status quo 30: a at 0 (30 < 50) blocks, b at 100 (70 > 50) does not.
        var r = Run("compromise+veto", TwoActors(30, ["b", "a"]));
        Assert.Equal(30, r.Forecast);
        Assert.Equal(["a"], r.Breakdown!.Blockers);
    }

    [Fact]
    public void The_win_set_step_moves_the_deal_to_the_nearest_point_every_veto_player_accepts()
    {
        // a at 0, status quo 10: a accepts [−10, 10]; the deal 50 becomes 10.
        Assert.Equal(10, Run("compromise+winset", TwoActors(10, ["a"])).Forecast, 12);
        // a at 30, b at 100: the deal is 65; status quo 10: a accepts [10, 50], so 65 becomes 50.
        var amended = Run("compromise+winset", TwoActors(10, ["a"], x0: 30));
        Assert.Equal(50, amended.Forecast, 12);
        Assert.Equal(BreakdownStatus.Amended, amended.Breakdown!.Status);
        Assert.Equal(65, amended.Breakdown.Deal, 12);
        // Both veto: b at 100 accepts [10, 190], a at 30 accepts [10, 50]; together [10, 50], so 65 becomes 50.
        Assert.Equal(50, Run("compromise+winset", TwoActors(10, ["a", "b"], x0: 30)).Forecast, 12);
        // A deal every veto player prefers is left alone.
        Assert.Equal(50, Run("compromise+winset", TwoActors(90, ["a"])).Forecast, 12);
    }

    [Fact]
    public void A_joint_model_s_veto_player_judges_the_package_of_issues_it_can_block()
    {
        // Actor v can block both issues (status quo 0 on each). Deals: 20 on issue 1, 10 on issue 2.
        // v at 0 on both, salience 0.2 and 0.8: loss from the deal 0.2·0.2 + 0.8·0.1 = 0.12, from the status quo 0: blocks both.
        // v at 0 and 100: loss from the deal 0.2·0.2 + 0.8·0.9 = 0.76, from the status quo 0.2·0 + 0.8·1 = 0.8: accepts the package,
        // although on issue 1 alone it prefers the status quo.
        Scenario Package(double x2) => new(
            "package",
            [
                new Issue("i1", "One", Scale.Percent, StatusQuo: new StatusQuo(0), VetoPlayers: [new VetoPlayer("v")]),
                new Issue("i2", "Two", Scale.Percent, StatusQuo: new StatusQuo(0), VetoPlayers: [new VetoPlayer("v")]),
            ],
            [new Actor("v", "V", 1), new Actor("w", "W", 1)],
            [new Stance("v", "i1", 0, 0.2), new Stance("v", "i2", x2, 0.8), new Stance("w", "i1", 40, 0.5), new Stance("w", "i2", 20, 0.5)]);
        var blocked = VetoRule.JudgePackage(Package(0), [20, 10], VetoUtility.Distance);
        Assert.All(blocked, v => Assert.Equal(BreakdownStatus.Blocked, v.Status));
        Assert.Equal([0.0, 0.0], blocked.Select(v => v.Outcome));
        var accepted = VetoRule.JudgePackage(Package(100), [20, 10], VetoUtility.Distance);
        Assert.All(accepted, v => Assert.Equal(BreakdownStatus.Agreed, v.Status));
        Assert.Equal([20.0, 10.0], accepted.Select(v => v.Outcome));
        // KTAB's utility squares the salience-weighted distances: v at 0 and 100, (0.2·0.2)² + (0.8·0.9)² = 0.52 against
        // (0.8·1)² = 0.64 from the status quo: accepts; v at 0 on both, 0.0016 + 0.0064 = 0.008 against 0: blocks.
        Assert.All(VetoRule.JudgePackage(Package(100), [20, 10], VetoUtility.KtabDistance), v => Assert.Equal(BreakdownStatus.Agreed, v.Status));
        Assert.All(VetoRule.JudgePackage(Package(0), [20, 10], VetoUtility.KtabDistance), v => Assert.Equal(BreakdownStatus.Blocked, v.Status));
    }

    [Fact]
    public void On_one_issue_the_package_rule_is_the_issue_rule()
    {
        foreach (var q in new[] { 0.0, 10, 30, 49, 51, 90, 100 })
        {
            var scenario = TwoActors(q, ["a", "b"], x0: 20, x1: 70);
            var deal = 45.0;
            Assert.Equal(VetoRule.Judge(scenario.Compile(0), deal).Status, VetoRule.JudgePackage(scenario, [deal], VetoUtility.Distance)[0].Status);
        }
    }

    [Fact]
    public void Every_breakdown_model_is_listed_and_found_by_name_and_wraps_its_model()
    {
        foreach (var name in new[] { "compromise", "mean", "median", "salience-mean", "median-voter", "scholz2011", "bdm", "ktab-smp" })
        {
            var veto = ModelCatalog.Find(name + "+veto");
            Assert.NotNull(veto);
            Assert.Contains(veto, ModelCatalog.All);
            Assert.Equal(name + "+veto", veto!.Name);
            Assert.Equal(ModelCatalog.Find(name)!.Traits, veto.Traits);
            Assert.Equal(name + "+winset", ModelCatalog.Find(name.ToUpperInvariant() + "+WINSET")!.Name);
        }

        Assert.IsType<JointVetoModel>(ModelCatalog.Find("ktab-smp+veto"));
        Assert.IsType<IssueVetoModel>(ModelCatalog.Find("bdm+veto"));
        Assert.Null(ModelCatalog.Find("best+veto"));
        Assert.Null(ModelCatalog.Find("status-quo+veto"));
        Assert.Null(ModelCatalog.Find("nothing+veto"));
    }

    [Fact]
    public void The_status_quo_model_forecasts_the_status_quo_or_else_the_compromise()
    {
        Assert.Equal(10, Run("status-quo", TwoActors(10, [])).Forecast);
        Assert.Equal(50, Run("status-quo", TwoActors(null, [])).Forecast, 12);
    }
}
