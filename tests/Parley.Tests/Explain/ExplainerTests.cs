using System.Text.Json;
using Parley.Cli;
using Parley.Core.Explain;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Models.Ktab;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using Parley.Formats;
using Parley.Tests.Formats;
using Parley.Tests.Ktab;
using Parley.Tests.Support;

namespace Parley.Tests.Explain;

/// <summary>Why every actor moved: the EC car-emissions case of BRIEF.md, KTAB's turn records, coalitions, and the messages.</summary>
public sealed class ExplainerTests
{
    private static string Ec => FormatTestHelpers.Data("bdm", "ec-emissions.csv");

    private static Scenario EcScenario => ScenarioFiles.Read(Ec).Value!;

    private static readonly IForecastModel Scholz = new ExpectedUtilityModel(ExpectedUtilityVariant.Scholz2011);

    [Fact]
    public void The_ec_case_reproduces_the_round_one_moves_of_the_brief()
    {
        var explanation = Explainer.Explain(EcScenario, null, Scholz, new ModelOptions());
        var round = explanation.Round(1)!;

        // Belgium compromises with France to 8.4159.
        var belgium = round.Move("belgium")!;
        Assert.Equal((7.0, CauseKind.Compromise, "france"), (belgium.From, belgium.Cause!.Kind, belgium.Cause.From));
        Assert.Equal(8.4159, belgium.To, 4);
        Assert.True(belgium.Cause.ProposerUtility > 0 && belgium.Cause.ReceiverUtility < 0 && belgium.Cause.ProposerUtility > -belgium.Cause.ReceiverUtility);
        Assert.Equal(7 + (3 * Math.Abs(belgium.Cause.ReceiverUtility!.Value / belgium.Cause.ProposerUtility!.Value)), belgium.To, 12);

        // Luxembourg loses a confrontation to Belgium (7.0); Ireland loses one to Luxembourg (4.0).
        var luxembourg = round.Move("luxembourg")!;
        Assert.Equal((4.0, 7.0, CauseKind.Confrontation, "belgium"), (luxembourg.From, luxembourg.To, luxembourg.Cause!.Kind, luxembourg.Cause.From));
        Assert.True(luxembourg.Cause.ProposerUtility > luxembourg.Cause.ReceiverUtility && luxembourg.Cause.ReceiverUtility > 0);
        var ireland = round.Move("ireland")!;
        Assert.Equal((7.0, 4.0, CauseKind.Confrontation, "luxembourg"), (ireland.From, ireland.To, ireland.Cause!.Kind, ireland.Cause.From));

        // Nobody else moves in round 1, and the mean after it is the published 7.4613.
        Assert.Equal(["belgium", "luxembourg", "ireland"], round.Moves.Where(m => m.Moved).Select(m => m.ActorId));
        Assert.Equal(7.4613, round.Mean, 4);
        Assert.All(round.Moves.Where(m => !m.Moved), m => Assert.Equal("No actor made it an offer.", m.Note));
    }

    [Fact]
    public void Every_move_follows_the_path_and_the_refused_offers_are_the_rest_of_the_round()
    {
        var scenario = EcScenario;
        var explanation = Explainer.Explain(scenario, null, Scholz, new ModelOptions());
        var path = Scholz.Run(scenario, new ModelOptions { Offers = OfferRecording.All }).Issues[0];
        Assert.Equal(path.Forecast, explanation.Forecast);
        Assert.Equal(10, explanation.Rounds.Count);
        var counted = 0;
        foreach (var round in explanation.Rounds)
        {
            var offers = ((ExpectedUtilityRound)path.Rounds[round.Round].Detail!).Offers!;
            counted += offers.Count;
            for (var i = 0; i < path.ActorIds.Count; i++)
            {
                var move = round.Move(path.ActorIds[i])!;
                Assert.Equal(path.Rounds[round.Round - 1].Positions[i], move.From);
                Assert.Equal(path.Rounds[round.Round].Positions[i], move.To);
                Assert.Equal(offers.Count(o => o.To == move.ActorId) - (move.Cause is null ? 0 : 1), move.Refused.Count);
            }
        }

        Assert.Equal(counted, explanation.Challenges.Sum(c => c.Count));
        Assert.Equal(explanation.Rounds.Sum(r => r.Moves.Count(m => m.Cause is not null)), explanation.Challenges.Sum(c => c.Taken));
        Assert.Equal(counted, explanation.Totals.Sum(t => t.Count));
    }

    [Fact]
    public void Ktab_moves_are_the_bargains_that_won_each_actors_election()
    {
        var ks = KtabData.ReadScenario("SOE-Pol-Comp");
        var scenario = ks.Scenario;
        var model = new KtabSmpModel();
        var issue = scenario.Issues[1];
        var explanation = Explainer.Explain(scenario, issue.Id, model, new ModelOptions());
        var run = KtabData.RunEngine(ks);
        Assert.Equal(run.Turns.Count, explanation.Rounds.Count);
        foreach (var turn in run.Turns)
        {
            var round = explanation.Round(turn.Turn + 1)!;
            for (var a = 0; a < scenario.Actors.Count; a++)
            {
                var move = round.Move(scenario.Actors[a].Id)!;
                var next = issue.Scale.Minimum + (run.Positions[turn.Turn + 1][(a * scenario.Issues.Count) + 1] * issue.Scale.Width);
                Assert.Equal(next, move.To, 9);
                Assert.Equal(turn.Choices[a].Proposal is null, move.Cause is null);
                if (turn.Winner(a) is { } won)
                {
                    Assert.Equal((scenario.Actors[won.Initiator].Id, scenario.Actors[won.Receiver].Id, won.Value), (move.Cause!.From, move.Cause.To, move.Cause.Value!.Value));
                    Assert.Equal(turn.Choices[a].Probability, move.Cause.ElectionProbability);
                }

                Assert.Equal(turn.Choices[a].Options.Length - (move.Cause is null ? 0 : 1), move.Refused.Count);
            }
        }

        Assert.Equal(run.Turns.Sum(t => t.Proposals.Count), explanation.Challenges.Sum(c => c.Count));
        Assert.All(explanation.Challenges, c => Assert.Equal(CauseKind.Bargain, c.Kind));
    }

    [Fact]
    public void Coalitions_group_actors_within_five_percent_of_the_scale_of_the_lowest_member()
    {
        var scale = new Scale(0, 100);
        var coalitions = Explainer.Coalitions([("a", 10, 1), ("b", 14, 2), ("c", 16, 3), ("d", 15, 4), ("e", 80, 10)], scale);
        Assert.Equal(3, coalitions.Count);
        Assert.Equal(["a", "b", "d"], coalitions[0].Members);
        Assert.Equal((10.0, 15.0, 7.0, 7.0 / 20), (coalitions[0].Low, coalitions[0].High, coalitions[0].Weight, coalitions[0].Share));
        Assert.Equal(["c"], coalitions[1].Members);
        Assert.Equal(["e"], coalitions[2].Members);
        Assert.Equal(0.5, coalitions[2].Share);
    }

    [Fact]
    public void A_timed_edit_is_listed_on_its_round_and_changes_the_moves_after_it()
    {
        var scenario = EcScenario;
        var edit = ScenarioEditParser.Parse("france.issue.salience=0.1@1", scenario).Value!;
        var options = new ModelOptions { Shocks = new ShockSchedule(scenario, [edit]) };
        var shocked = Explainer.Explain(scenario, null, Scholz, options);
        var plain = Explainer.Explain(scenario, null, Scholz, new ModelOptions());
        Assert.Equal(["france.issue.salience=0.1@1"], shocked.Round(1)!.Shocks);
        Assert.Empty(shocked.Round(2)!.Shocks);
        Assert.Equal(plain.Round(1)!.Moves.Select(m => (m.ActorId, m.From, m.To, m.Cause)), shocked.Round(1)!.Moves.Select(m => (m.ActorId, m.From, m.To, m.Cause)));
        Assert.NotEqual(plain.Forecast, shocked.Forecast);
    }

    [Fact]
    public void The_problems_are_values_with_did_you_mean()
    {
        var korea = ScenarioFiles.Read(Path.Combine(FormatTestHelpers.RepoRoot, "scenarios", "korea-2018.yaml")).Value!;
        var missing = Assert.Single(Explainer.Check(korea, null, Scholz, new ModelOptions()));
        Assert.StartsWith($"The scenario has {korea.Issues.Count} issues; name one with --issue.", missing.Message, StringComparison.Ordinal);
        var typo = Assert.Single(Explainer.Check(korea, "sumit", Scholz, new ModelOptions()));
        Assert.Equal("Unknown issue 'sumit'. Did you mean 'summit'?", typo.Message);
        var compromise = ModelCatalog.Find("compromise")!;
        var noRounds = Assert.Single(Explainer.Check(korea, "summit", compromise, new ModelOptions()));
        Assert.Equal("Model 'compromise' has no rounds to explain: it computes its forecast in one step.", noRounds.Message);
        Assert.Empty(Explainer.Check(EcScenario, null, Scholz, new ModelOptions()));
    }

    [Fact]
    public void The_command_writes_a_table_json_and_csv_and_reports_bad_options()
    {
        var table = CliRunner.Run("explain", Ec);
        Assert.True(table.ExitCode == ExitCodes.Success, table.Error);
        Assert.Contains("compromises with France", table.Out, StringComparison.Ordinal);
        Assert.Contains("loses a confrontation to Belgium", table.Out, StringComparison.Ordinal);
        Assert.Contains("Coalitions at the end", table.Out, StringComparison.Ordinal);

        var json = CliRunner.Run("explain", Ec, "--model", "bdm", "--format", "json");
        Assert.True(json.ExitCode == ExitCodes.Success, json.Error);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal("bdm", doc.RootElement.GetProperty("model").GetString());
        var first = doc.RootElement.GetProperty("rounds")[0].GetProperty("moves").EnumerateArray().First(m => m.GetProperty("moved").GetBoolean());
        Assert.True(first.GetProperty("cause").TryGetProperty("eu_receiver", out _));
        Assert.True(doc.RootElement.GetProperty("coalitions").GetArrayLength() > 0);

        var csv = CliRunner.Run("explain", Ec, "--format", "csv");
        var lines = csv.Out.TrimEnd().Split('\n');
        Assert.StartsWith("round,actor,from,to,moved,kind,from_actor,new_position", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + (10 * 10), lines.Length);
        Assert.Contains("1,belgium,7,", csv.Out, StringComparison.Ordinal);

        var korea = Path.Combine(FormatTestHelpers.RepoRoot, "scenarios", "korea-2018.yaml");
        var noIssue = CliRunner.Run("explain", korea);
        Assert.Equal(ExitCodes.UsageError, noIssue.ExitCode);
        Assert.Contains("name one with --issue", noIssue.Error, StringComparison.Ordinal);
        var staticModel = CliRunner.Run("explain", Ec, "-m", "mean");
        Assert.Equal(ExitCodes.UsageError, staticModel.ExitCode);
        Assert.Contains("has no rounds to explain", staticModel.Error, StringComparison.Ordinal);
        var two = CliRunner.Run("explain", Ec, "-m", "bdm,scholz2011");
        Assert.Equal(ExitCodes.UsageError, two.ExitCode);
        var gambit = CliRunner.Run("explain", korea, "--issue", "summit", "--set", "trump.summit.salience=0.2@2");
        Assert.True(gambit.ExitCode == ExitCodes.Success, gambit.Error);
        Assert.Contains("after round 2: trump.summit.salience=0.2@2", gambit.Out, StringComparison.Ordinal);
    }
}
