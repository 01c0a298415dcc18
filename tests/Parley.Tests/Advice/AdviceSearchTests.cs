using System.Text.Json;
using Parley.Cli;
using Parley.Core.Advice;
using Parley.Core.Analysis;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using Parley.Core.Uncertainty;
using Parley.Core.WhatIfs;
using Parley.Tests.Formats;
using Parley.Tests.Support;

namespace Parley.Tests.Advice;

/// <summary>Advice is right, not plausible: checked against a brute-force search of the same grid and against independent reruns.</summary>
public sealed class AdviceSearchTests
{
    private const int Draws = 120;
    private const ulong Seed = 5;

    /// <summary>Small hand-made issues: (id, capability, position, salience); the advised actor is the first.</summary>
    public static TheoryData<string, int> Cases() => new()
    {
        { "scholz2011", 0 },
        { "scholz2011", 1 },
        { "bdm", 0 },
        { "compromise", 1 },
        { "median-voter", 0 },
        { "scholz2011", 2 },
    };

    private static readonly (string Id, double C, double X, double S)[][] Issues =
    [
        [("a", 3, 20, 0.6), ("b", 2, 45, 0.5), ("c", 4, 70, 0.7), ("d", 1, 90, 0.4), ("e", 2, 60, 0.8)],
        [("a", 1, 85, 0.5), ("b", 3, 30, 0.9), ("c", 2, 50, 0.4), ("d", 2.5, 10, 0.6)],
        [("a", 2, 55, 0.3), ("b", 2, 15, 0.7), ("c", 3, 80, 0.6), ("d", 1, 35, 0.9), ("e", 1.5, 95, 0.5), ("f", 1, 65, 0.4)],
    ];

    private static Scenario Issue(int which) =>
        Support.Scenarios.OneIssue(Issues[which], uncertainty: new ScenarioUncertainty(0.05, 0.1, 0.2));

    /// <summary>The forecasts of one stance of actor 0 over the draws, computed here without the search's code.</summary>
    private static double[] Rerun(Scenario scenario, IssueModel model, double position, double salience, int shifted = -1, double to = 0)
    {
        var sampler = new InputSampler(scenario);
        var forecasts = new double[Draws];
        for (var d = 0; d < Draws; d++)
        {
            var input = sampler.Draw(Seed, d).Issue(0);
            var x = (double[])input.Positions.Clone();
            var s = (double[])input.Saliences.Clone();
            x[0] = position;
            s[0] = salience;
            if (shifted >= 0)
            {
                x[shifted] = Math.Clamp(x[shifted] + (to - scenario.Compile(0).Positions[shifted]), 0, 100);
            }

            forecasts[d] = model.RunIssue(new IssueInput(input.IssueId, input.ActorIds, input.ActorNames, x, input.Capabilities, s), new ModelOptions()).Forecast;
        }

        return forecasts;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return Quantiles.OfSorted(sorted, 0.5);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void No_move_of_the_grid_does_better_and_the_reported_gain_equals_an_independent_rerun(string modelName, int which)
    {
        var scenario = Issue(which);
        var model = (IssueModel)ModelCatalog.Find(modelName)!;
        var advice = AdviceSearch.Run(new AdviceRequest(scenario, "a") { Model = model, Draws = Draws, Seed = Seed });
        var issue = Assert.Single(advice.Issues);
        var (ideal, salience) = (Issues[which][0].X, Issues[which][0].S);

        // The base case.
        var baseDraws = Rerun(scenario, model, ideal, salience);
        var baseDistance = Math.Abs(Median(baseDraws) - ideal);
        Assert.Equal(Median(baseDraws), issue.BaseForecast);

        // Brute force over the documented grid: positions every 10 points and the ideal, on the ideal's side of
        // the base forecast; saliences as written and 1.
        var brute = new List<(double P, double S, double Distance)>();
        var baseForecast = Median(baseDraws);
        foreach (var p in Enumerable.Range(0, 11).Select(i => i * 10.0).Append(ideal).Distinct().Where(p => (p - baseForecast) * (ideal - baseForecast) >= 0))
        {
            foreach (var s in new[] { salience, 1.0 }.Distinct())
            {
                if (p != ideal || s != salience)
                {
                    brute.Add((p, s, Math.Abs(Median(Rerun(scenario, model, p, s)) - ideal)));
                }
            }
        }

        Assert.True(issue.Evaluated >= brute.Count);
        var bestOfGrid = brute.Min(b => b.Distance);
        Assert.True(bestOfGrid < baseDistance - 1e-9, "Each hand-made case has a move that helps.");
        {
            var best = issue.Best!;
            Assert.True(best.Distance <= bestOfGrid + 1e-12, $"{modelName}: the advice's best ({best.Position}, {best.Salience}) is {best.Distance} from the ideal; the grid has {bestOfGrid}.");

            // The reported numbers are those of an independent rerun of the move.
            var moved = Rerun(scenario, model, best.Position, best.Salience);
            Assert.Equal(Median(moved), best.Forecast);
            Assert.Equal(baseDistance - Math.Abs(Median(moved) - ideal), best.Gain, 12);
            Assert.Equal(best.Gain / baseDistance, best.GainShare!.Value, 12);
            var helps = moved.Zip(baseDraws).Count(p => Math.Abs(p.First - ideal) < Math.Abs(p.Second - ideal));
            Assert.Equal((double)helps / Draws, best.Robustness);
            Assert.All(issue.Alternatives, m => Assert.True(m.Distance >= best.Distance && m.Gain > 0));
        }

        // Whom to persuade: each other actor moved 10 points toward the ideal, most helpful first.
        Assert.Equal(Issues[which].Length - 1, issue.Persuade.Count);
        foreach (var p in issue.Persuade)
        {
            var j = Array.FindIndex(Issues[which], x => x.Id == p.ActorId);
            Assert.Equal(Issues[which][j].X + (Math.Sign(ideal - Issues[which][j].X) * Math.Min(10, Math.Abs(ideal - Issues[which][j].X))), p.To);
            Assert.Equal(baseDistance - Math.Abs(Median(Rerun(scenario, model, ideal, salience, j, p.To)) - ideal), p.Gain, 12);
        }

        Assert.Equal(issue.Persuade.OrderByDescending(p => p.Gain).Select(p => p.ActorId), issue.Persuade.Select(p => p.ActorId));
    }

    [Fact]
    public void The_gain_equals_a_what_if_run_of_the_scenario_edited_with_the_move()
    {
        // The advised actor's own stance is stated exactly (its announcement is its choice); the others' are uncertain.
        var scenario = Issue(0);
        var stances = scenario.Stances.Select(s => s.ActorId == "a" ? s with { PositionSpread = new NormalSpread(0), SalienceSpread = new NormalSpread(0) } : s).ToList();
        scenario = scenario.WithInputs(scenario.Actors, stances);
        var model = ModelCatalog.Find("scholz2011")!;
        var advice = AdviceSearch.Run(new AdviceRequest(scenario, "a") { Model = model, Draws = 200, Seed = 3 }).Issues[0];
        var best = advice.Best!;

        var request = new ForecastRequest(scenario) { Models = [model], Draws = 200, Seed = 3, Drivers = false };
        var edits = new ScenarioEdit[]
        {
            new SetValueEdit("a", "i", EditField.Position, EditOperation.Set, best.Position),
            new SetValueEdit("a", "i", EditField.Salience, EditOperation.Set, best.Salience),
        };
        var whatIf = WhatIfRunner.Run(request, edits);
        Assert.Equal(whatIf.Base.Models[0].Issues[0].Sensitivity!.Median, advice.BaseForecast);
        Assert.Equal(whatIf.Cases[0].Outcome.Models[0].Issues[0].Sensitivity!.Median, best.Forecast);
        Assert.Equal(Math.Abs(advice.BaseForecast - 20) - Math.Abs(best.Forecast - 20), best.Gain);
        Assert.True(best.Gain > 0);
    }

    [Fact]
    public void Without_draws_the_point_forecast_is_judged_and_equals_a_forecast_of_the_edited_scenario()
    {
        var scenario = Issue(1);
        var model = new ExpectedUtilityModel(ExpectedUtilityVariant.Scholz2011);
        var advice = AdviceSearch.Run(new AdviceRequest(scenario, "a") { Model = model, Draws = 0 }).Issues[0];
        Assert.Equal(model.Run(scenario, new ModelOptions()).Issues[0].Forecast, advice.BaseForecast);
        var best = advice.Best!;
        Assert.Null(best.Robustness);
        var edited = ScenarioEditor.Apply(scenario, [
            new SetValueEdit("a", "i", EditField.Position, EditOperation.Set, best.Position),
            new SetValueEdit("a", "i", EditField.Salience, EditOperation.Set, best.Salience)]).Value!;
        Assert.Equal(model.Run(edited, new ModelOptions()).Issues[0].Forecast, best.Forecast);
    }

    [Fact]
    public void The_compromise_model_rewards_exaggeration_and_full_commitment()
    {
        // Σcsx/Σcs moves toward an actor that announces its end of the scale with salience 1: the analytic optimum.
        var scenario = Issue(0);
        var advice = AdviceSearch.Run(new AdviceRequest(scenario, "a") { Model = new CompromiseModel(), Draws = 0 }).Issues[0];
        Assert.Equal((0.0, 1.0), (advice.Best!.Position, advice.Best.Salience));
        var w = Issues[0].Select(a => a.C * a.S).ToArray();
        w[0] = Issues[0][0].C * 1.0;
        var expected = Issues[0].Select((a, i) => (i == 0 ? 0 : a.X) * w[i]).Sum() / w.Sum();
        Assert.Equal(expected, advice.Best.Forecast, 12);
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_threads()
    {
        var scenario = Issue(2);
        var one = AdviceSearch.Run(new AdviceRequest(scenario, "a") { Draws = 60, MaxDegreeOfParallelism = 1 });
        var two = AdviceSearch.Run(new AdviceRequest(scenario, "a") { Draws = 60, MaxDegreeOfParallelism = 2 });
        Assert.Equal(JsonSerializer.Serialize(one), JsonSerializer.Serialize(two));
    }

    [Fact]
    public void Invalid_requests_are_values_with_did_you_mean()
    {
        var scenario = Issue(0);
        Assert.Equal("Unknown actor 'aa'. Did you mean 'a'?", Assert.Single(AdviceSearch.Validate(new AdviceRequest(scenario, "aa"))).Message);
        Assert.Equal("Unknown issue 'ii'. Did you mean 'i'?", Assert.Single(AdviceSearch.Validate(new AdviceRequest(scenario, "a") { IssueId = "ii" })).Message);
        Assert.Equal("Cannot make -1 input draws.", Assert.Single(AdviceSearch.Validate(new AdviceRequest(scenario, "a") { Draws = -1 })).Message);
        Assert.Equal("The advice grid cannot take 0 steps across the scale.", Assert.Single(AdviceSearch.Validate(new AdviceRequest(scenario, "a") { Grid = AdviceGrid.Default with { PositionSteps = 0 } })).Message);
        Assert.Equal("The advice grid's saliences must lie in [0, 1].", Assert.Single(AdviceSearch.Validate(new AdviceRequest(scenario, "a") { Grid = AdviceGrid.Default with { Saliences = [1.5] } })).Message);
        Assert.Equal("The advice grid's persuasion share 0 is not in (0, 1].", Assert.Single(AdviceSearch.Validate(new AdviceRequest(scenario, "a") { Grid = AdviceGrid.Default with { PersuasionShare = 0 } })).Message);

        var two = new Scenario("t", [new Issue("x", "X", Scale.Percent), new Issue("y", "Y", Scale.Percent)],
            [new Actor("p", "P", 1), new Actor("q", "Q", 1)],
            [new Stance("p", "x", 10, 0.5), new Stance("q", "x", 90, 0.5), new Stance("q", "y", 50, 0.5)]);
        Assert.Equal("Actor 'p' has no stance on issue 'y': there is nothing of its own to move.", Assert.Single(AdviceSearch.Validate(new AdviceRequest(two, "p") { IssueId = "y" })).Message);
        Assert.Equal(["x"], AdviceSearch.Run(new AdviceRequest(two, "p") { Draws = 0 }).Issues.Select(i => i.IssueId));
    }

    [Fact]
    public void The_command_advises_in_every_format_and_reports_bad_names()
    {
        var ec = FormatTestHelpers.Data("bdm", "ec-emissions.csv");
        var table = CliRunner.Run("advise", ec, "--actor", "germany", "--draws", "0");
        Assert.True(table.ExitCode == ExitCodes.Success, table.Error);
        Assert.Contains("Advice for Germany [germany]", table.Out, StringComparison.Ordinal);
        Assert.Contains("best move:", table.Out, StringComparison.Ordinal);
        Assert.Contains("whom to persuade", table.Out, StringComparison.Ordinal);

        var json = CliRunner.Run("advise", ec, "--actor", "germany", "--draws", "50", "--format", "json", "-m", "compromise");
        Assert.True(json.ExitCode == ExitCodes.Success, json.Error);
        using var doc = JsonDocument.Parse(json.Out);
        var issue = doc.RootElement.GetProperty("issues")[0];
        Assert.Equal("compromise", doc.RootElement.GetProperty("model").GetString());
        Assert.Equal(50, doc.RootElement.GetProperty("draws").GetInt32());
        Assert.True(issue.GetProperty("best").GetProperty("gain").GetDouble() > 0);

        var csv = CliRunner.Run("advise", ec, "--actor", "germany", "--draws", "0", "--format", "csv");
        Assert.StartsWith("issue,kind,actor,position,salience,forecast,distance,gain,gain_share,robustness\nissue,base,germany,4,", csv.Out, StringComparison.Ordinal);

        var typo = CliRunner.Run("advise", ec, "--actor", "germny", "--draws", "0");
        Assert.Equal(ExitCodes.UsageError, typo.ExitCode);
        Assert.Contains("error: Unknown actor 'germny'. Did you mean 'germany'?", typo.Error, StringComparison.Ordinal);
        var missing = CliRunner.Run("advise", ec);
        Assert.Equal(ExitCodes.UsageError, missing.ExitCode);
        Assert.Contains("--actor", missing.Error, StringComparison.Ordinal);
        var two = CliRunner.Run("advise", ec, "--actor", "germany", "-m", "bdm,mean");
        Assert.Equal(ExitCodes.UsageError, two.ExitCode);
    }
}
