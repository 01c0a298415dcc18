using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Models.Ktab;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using Parley.Tests.Ktab;
using Parley.Tests.Support;

namespace Parley.Tests.WhatIfs;

/// <summary>Timed edits (shocks) in the models' runs: checked against the plain reference model and against runs on hand-edited inputs.</summary>
public sealed class TimedShockTests
{
    private static readonly (string Id, double C, double X, double S)[] Actors =
    [
        ("a", 4, 10, 0.9),
        ("b", 2, 35, 0.5),
        ("c", 3, 70, 0.7),
        ("d", 1, 95, 0.3),
        ("e", 2.5, 55, 0.6),
        ("f", 1.5, 25, 0.8),
    ];

    private static readonly Scenario Scenario = Support.Scenarios.OneIssue(Actors);

    private static double[] X => [.. Actors.Select(a => a.X)];

    private static double[] C => [.. Actors.Select(a => a.C)];

    private static double[] S => [.. Actors.Select(a => a.S)];

    private static ModelOptions WithShocks(params string[] edits) => new()
    {
        Offers = OfferRecording.All,
        Shocks = new ShockSchedule(Scenario, [.. edits.Select(Edit)]),
    };

    private static ScenarioEdit Edit(string text) =>
        text.StartsWith("drop ", StringComparison.Ordinal) ? ScenarioEditParser.ParseDrop(text[5..]).Value! : ScenarioEditParser.Parse(text, Scenario).Value!;

    private static IssueResult Scholz(ModelOptions options) =>
        new ExpectedUtilityModel(ExpectedUtilityVariant.Scholz2011).RunIssue(Scenario.Compile(0), options);

    private static void AssertPath(ReferenceExpectedUtility.Run reference, IssueResult result)
    {
        Assert.Equal(reference.Positions.Count, result.Rounds.Count);
        for (var k = 0; k < reference.Positions.Count; k++)
        {
            for (var i = 0; i < reference.Positions[k].Length; i++)
            {
                Assert.Equal(reference.Positions[k][i], result.Rounds[k].Positions[i], 1e-9);
            }
        }
    }

    [Fact]
    public void A_salience_shock_after_round_2_follows_the_reference_model_edited_after_round_2()
    {
        var result = Scholz(WithShocks("c.i.salience=0.1@2"));
        var reference = ReferenceExpectedUtility.Scholz(X, C, S, 10, (round, x, c, s) =>
        {
            if (round != 2)
            {
                return null;
            }

            s[2] = 0.1;
            return (x, c, s);
        });
        AssertPath(reference, result);
        Assert.Equal([new StruckShock(2, "c.i.salience=0.1@2")], result.Shocks);
        Assert.Equal(["c.i.salience=0.1@2"], result.ShocksAfter(2));

        // The forecast is the mean weighted with the edited salience.
        var last = reference.Positions[^1];
        var w = C.Zip(S, (c, s) => c * s).ToArray();
        w[2] = C[2] * 0.1;
        Assert.Equal(last.Zip(w, (x, wi) => x * wi).Sum() / w.Sum(), result.Forecast, 1e-9);

        // Up to the shock the path is the plain one; after it, it is not.
        var plain = Scholz(new ModelOptions());
        Assert.Equal(plain.Rounds[2].Positions, result.Rounds[2].Positions);
        Assert.NotEqual(plain.Rounds[10].Positions, result.Rounds[10].Positions);
    }

    [Fact]
    public void A_position_shock_that_widens_the_range_widens_delta_like_the_reference()
    {
        var result = Scholz(WithShocks("a.i.position=0@3", "d.i.position=100@3"));
        var reference = ReferenceExpectedUtility.Scholz(X, C, S, 10, (round, x, c, s) =>
        {
            if (round != 3)
            {
                return null;
            }

            x[0] = 0;
            x[3] = 100;
            return (x, c, s);
        });
        AssertPath(reference, result);
        Assert.Equal(0, result.Rounds[3].Positions[0]);
        Assert.Equal(100, result.Rounds[3].Positions[3]);
        Assert.Equal(2, result.Shocks!.Count);
    }

    [Fact]
    public void A_capability_scale_shock_multiplies_the_capability_as_it_stands()
    {
        var result = Scholz(WithShocks("b.capability*=3@1"));
        var reference = ReferenceExpectedUtility.Scholz(X, C, S, 10, (round, x, c, s) =>
        {
            if (round != 1)
            {
                return null;
            }

            c[1] *= 3;
            return (x, c, s);
        });
        AssertPath(reference, result);
    }

    [Fact]
    public void A_timed_drop_takes_the_actor_out_and_leaves_its_position_where_it_was()
    {
        var result = Scholz(WithShocks("drop c@4"));
        var reference = ReferenceExpectedUtility.Scholz(X, C, S, 10, (round, x, c, s) =>
            round != 4 ? null : ([.. x.Where((_, i) => i != 2)], [.. c.Where((_, i) => i != 2)], [.. s.Where((_, i) => i != 2)]));
        for (var k = 0; k <= 10; k++)
        {
            var expected = reference.Positions[k];
            var actual = result.Rounds[k].Positions.ToArray();
            if (k >= 4)
            {
                // The reference has five actors after round 4; the model keeps c at its round-4 position.
                Assert.Equal(5, expected.Length);
                Assert.Equal(result.Rounds[4].Positions[2], actual[2]);
                actual = [.. actual.Where((_, i) => i != 2)];
                Assert.Equal(["c"], result.Rounds[k].Eu().Absent);
            }
            else if (k > 0)
            {
                Assert.Null(result.Rounds[k].Eu().Absent);
            }

            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], 1e-9);
            }
        }

        // The mean leaves the dropped actor out; no offer after round 4 involves it.
        var present = result.Rounds[10].Positions.Where((_, i) => i != 2).ToArray();
        var w = C.Zip(S, (c, s) => c * s).Where((_, i) => i != 2).ToArray();
        Assert.Equal(present.Zip(w, (x, wi) => x * wi).Sum() / w.Sum(), result.Forecast, 1e-9);
        Assert.DoesNotContain(result.Rounds.Skip(5).SelectMany(r => r.Eu().Offers!), o => o.From == "c" || o.To == "c");
    }

    [Fact]
    public void A_shock_after_the_last_round_never_strikes()
    {
        var plain = Scholz(new ModelOptions());
        var late = Scholz(WithShocks("c.i.salience=0.1@10", "a.i.position=50@12"));
        Assert.Null(late.Shocks);
        Assert.Equal(plain.Forecast, late.Forecast);
        Assert.Equal(plain.Rounds[^1].Positions, late.Rounds[^1].Positions);
    }

    [Fact]
    public void Bdm_stops_by_its_rule_and_a_shock_after_the_round_it_settled_never_strikes()
    {
        var model = new ExpectedUtilityModel(ExpectedUtilityVariant.Bdm);
        var plain = model.RunIssue(Scenario.Compile(0), new ModelOptions());
        Assert.Equal(StopReason.Converged, plain.Stop);
        var after = model.RunIssue(Scenario.Compile(0), WithShocks($"c.i.salience=0.1@{plain.RoundsRun}"));
        Assert.Null(after.Shocks);
        Assert.Equal(plain.Forecast, after.Forecast);
        var before = model.RunIssue(Scenario.Compile(0), WithShocks("c.i.salience=0.1@1"));
        Assert.Equal([new StruckShock(1, "c.i.salience=0.1@1")], before.Shocks);
    }

    [Fact]
    public void A_static_model_forecasts_the_input_as_every_timed_edit_leaves_it()
    {
        var edits = new[] { "c.i.salience=0.1@2", "a.i.position=40@5", "drop d@3" };
        var options = WithShocks(edits);
        var edited = ScenarioEditor.Apply(Scenario, [
            ScenarioEditParser.Parse("c.i.salience=0.1", Scenario).Value!,
            ScenarioEditParser.Parse("a.i.position=40", Scenario).Value!,
            ScenarioEditParser.ParseDrop("d").Value!,
        ]);
        Assert.True(edited.Succeeded);
        foreach (StaticModel model in new StaticModel[] { new CompromiseModel(), new MeanModel(), new MedianVoterModel() })
        {
            var result = model.RunIssue(Scenario.Compile(0), options);
            Assert.Equal(model.Forecast(edited.Value!.Compile(0)), result.Forecast);
            Assert.Equal(StaticModel.TimedEditsNote, result.Note);
            Assert.Equal(3, result.Shocks!.Count);
            Assert.All(result.Shocks, s => Assert.Equal(0, s.Round));
            Assert.Equal(["a", "b", "c", "e", "f"], result.ActorIds);
        }
    }

    [Fact]
    public void Ktab_takes_a_timed_salience_edit_as_the_engines_shock()
    {
        var scenario = KtabData.ReadScenario("SOE-Pol-Comp").Scenario;
        var actor = scenario.Actors[2].Id;
        var issue = scenario.Issues[1].Id;
        var written = scenario.SalienceScale == SalienceScale.Percent ? "5" : "0.05";
        var edit = ScenarioEditParser.Parse($"{actor}.{issue}.salience={written}@2", scenario).Value!;
        var model = new KtabSmpModel();
        var options = new ModelOptions { Shocks = new ShockSchedule(scenario, [edit]) };
        Assert.Empty(model.Check(scenario, options));
        var result = model.Run(scenario, options);

        var input = KtabSmpModel.Compile(scenario);
        var engine = new KtabSmpEngine(input.Capabilities, input.Saliences, input.Dimensions, KtabSmpParameters.Default)
            .Run(input.Positions, new KtabRunOptions { Seed = options.Seed, Shocks = [KtabShock.Salience(2, 2, 1, 0.05)] }, CancellationToken.None);
        var expected = KtabSmpModel.BuildResult(scenario, input, engine, null);
        for (var d = 0; d < scenario.Issues.Count; d++)
        {
            Assert.Equal(expected.Issues[d].Forecast, result.Issues[d].Forecast);
            Assert.Equal(expected.Issues[d].Rounds[^1].Positions, result.Issues[d].Rounds[^1].Positions);
            Assert.Equal([new StruckShock(2, edit.Text)], result.Issues[d].Shocks);
        }

        var plain = model.Run(scenario, new ModelOptions());
        Assert.NotEqual(plain.Issues[1].Rounds[^1].Positions, result.Issues[1].Rounds[^1].Positions);
    }

    [Fact]
    public void The_exchange_model_refuses_timed_edits_in_its_check()
    {
        var options = WithShocks("c.i.salience=0.1@2");
        var problem = Assert.Single(ModelCatalog.Find("exchange")!.Check(Scenario, options), p => p.Message.Contains("timed edits", StringComparison.Ordinal));
        Assert.Equal("Model 'exchange' cannot take timed edits ('c.i.salience=0.1@2'): its rounds of exchanges have no place for an edit to strike.", problem.Message);
    }

    [Theory]
    [InlineData("drop {a}@2", "cannot take the timed edit 'drop {a}@2': KTAB's engine cannot take an actor out during a run.")]
    [InlineData("{a}.{i}.capability=2@2", "cannot take the timed edit '{a}.{i}.capability=2@2': it has one capability per actor, on every issue.")]
    [InlineData("{a}.{i}.position*=0.5@2", "cannot take the timed edit '{a}.{i}.position*=0.5@2': a position can be set after a turn, not scaled.")]
    [InlineData("{a}.capability=0@2", "capability 0 is not a finite number > 0.")]
    public void Ktab_says_which_timed_edits_it_cannot_take(string template, string message)
    {
        var scenario = KtabData.ReadScenario("SOE-Pol-Comp").Scenario;
        string Fill(string t) => t.Replace("{a}", scenario.Actors[0].Id, StringComparison.Ordinal).Replace("{i}", scenario.Issues[0].Id, StringComparison.Ordinal);
        var text = Fill(template);
        var edit = text.StartsWith("drop ", StringComparison.Ordinal) ? ScenarioEditParser.ParseDrop(text[5..]).Value! : ScenarioEditParser.Parse(text, scenario).Value!;
        var problems = new KtabSmpModel().Check(scenario, new ModelOptions { Shocks = new ShockSchedule(scenario, [edit]) });
        Assert.Contains(problems, p => p.Message.Contains(Fill(message), StringComparison.Ordinal));
    }
}
