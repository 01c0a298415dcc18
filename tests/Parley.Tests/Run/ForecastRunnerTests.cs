using Parley.Core.Analysis;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Models.Ktab;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Formats.Calibration;
using Parley.Formats.Results;

namespace Parley.Tests.Run;

/// <summary>The run layer: checks, point runs, draws, intervals, drivers, shares and flags.</summary>
public sealed class ForecastRunnerTests
{
    private static readonly IForecastModel Compromise = new CompromiseModel();
    private static readonly IForecastModel Scholz = new ExpectedUtilityModel(ExpectedUtilityVariant.Scholz2011);

    private static Scenario Uncertain() => Support.Scenarios.OneIssue(Support.Scenarios.Four, uncertainty: new ScenarioUncertainty(0.08, 0.1, 0.25));

    [Fact]
    public void With_inputs_taken_as_written_the_sensitivity_has_zero_width_and_the_interval_is_the_conformal_one()
    {
        var scenario = Support.Scenarios.OneIssue(Support.Scenarios.Four);
        var outcome = ForecastRunner.Run(new ForecastRequest(scenario) { Models = [Compromise], Draws = 500, Calibration = ShippedCalibration.Instance });
        var f = outcome.Models[0].Issues[0];
        Assert.All(f.Sensitivity!.Intervals, i => Assert.Equal(0, i.Width));
        Assert.Equal(f.Forecast, f.Sensitivity.Median);
        Assert.Equal(500, f.Sensitivity.Histogram.Counts.Sum());
        Assert.Equal(500, f.Sensitivity.Histogram.Counts.Max());

        // The forecast interval is then the point forecast ± the error quantile times the error scale.
        var residuals = ShippedCalibration.Instance.For("compromise")!;
        var expected = new PredictiveDistribution([f.Forecast], residuals, scenario.Issues[0].Scale, ResidualScale.Of(scenario.Compile(0), scenario.Issues[0].Scale)).Central(80);
        Assert.Equal(expected, f.IntervalAt(80));
        Assert.True(f.IntervalAt(50)!.Width < f.IntervalAt(80)!.Width && f.IntervalAt(80)!.Width < f.IntervalAt(95)!.Width);
    }

    [Fact]
    public void Draws_0_gives_the_point_forecasts_alone()
    {
        var outcome = ForecastRunner.Run(new ForecastRequest(Uncertain()) { Models = [Compromise], Draws = 0, Calibration = ShippedCalibration.Instance });
        var f = outcome.Models[0].Issues[0];
        Assert.Null(f.Sensitivity);
        Assert.Null(f.Interval);
        Assert.Empty(f.Bands);
        Assert.Equal(Compromise.Run(Uncertain(), ModelOptions.Default).Issues[0].Forecast, f.Forecast);
    }

    [Fact]
    public void The_point_forecast_is_the_model_on_the_inputs_as_written_and_the_draws_spread_around_it()
    {
        var scenario = Uncertain();
        var outcome = ForecastRunner.Run(new ForecastRequest(scenario) { Models = [Compromise, Scholz], Draws = 400 });
        Assert.Equal(Compromise.Run(scenario, ModelOptions.Default).Issues[0].Forecast, outcome.Models[0].Issues[0].Forecast);
        Assert.Equal(Scholz.Run(scenario, ModelOptions.Default).Issues[0].Forecast, outcome.Models[1].Issues[0].Forecast);
        var s = outcome.Models[0].Issues[0].Sensitivity!;
        Assert.True(s.Intervals[0].Width > 0);
        Assert.InRange(s.Median, s.Intervals[0].Low, s.Intervals[0].High);
        // Without a calibration there is no forecast interval, and the bands come from the draws.
        Assert.Null(outcome.Models[0].Issues[0].Interval);
        Assert.Equal(1, outcome.Models[0].Issues[0].Bands.Sum(b => b.Probability), 9);
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_on_one_thread_and_on_two_and_another_seed_other_draws()
    {
        var scenario = Uncertain();
        string Json(int threads, ulong seed) => ForecastReportWriter.ToJson(ForecastReport.Create(ForecastRunner.Run(new ForecastRequest(scenario)
        {
            Models = [Compromise, Scholz, new ExpectedUtilityModel(ExpectedUtilityVariant.Bdm), new MedianVoterModel()],
            Draws = 300,
            Seed = seed,
            MaxDegreeOfParallelism = threads,
            Calibration = ShippedCalibration.Instance,
        })));
        var one = Json(1, 7);
        Assert.Equal(one, Json(2, 7));
        Assert.NotEqual(one, Json(2, 8));
    }

    [Fact]
    public void Each_driver_equals_an_independent_rerun_with_that_input_moved()
    {
        var scenario = Support.Scenarios.OneIssue(Support.Scenarios.Four);
        foreach (var model in new[] { Compromise, Scholz })
        {
            var drivers = ForecastRunner.Run(new ForecastRequest(scenario) { Models = [model], Draws = 0 }).Models[0].Issues[0].Drivers;
            Assert.Equal(4 * 3, drivers.Count);
            Assert.True(drivers.Zip(drivers.Skip(1)).All(p => Math.Abs(p.First.Effect) >= Math.Abs(p.Second.Effect)));
            foreach (var d in drivers)
            {
                Assert.Equal(Rerun(model, scenario, d, d.Low), d.ForecastAtLow, 12);
                Assert.Equal(Rerun(model, scenario, d, d.High), d.ForecastAtHigh, 12);
            }
        }
    }

    [Fact]
    public void For_the_compromise_model_a_position_driver_is_twice_the_step_times_the_weight_share()
    {
        var scenario = Support.Scenarios.OneIssue(Support.Scenarios.Four);
        var f = ForecastRunner.Run(new ForecastRequest(scenario) { Models = [Compromise], Draws = 0 }).Models[0].Issues[0];
        var weights = Support.Scenarios.Four.Select(a => a.C * a.S).ToArray();
        var total = weights.Sum();
        for (var i = 0; i < 4; i++)
        {
            var id = Support.Scenarios.Four[i].Id;
            var d = f.Drivers.Single(x => x.ActorId == id && x.Input == DriverInput.Position);
            Assert.Equal((d.High - d.Low) * weights[i] / total, d.Effect, 12);
            Assert.Equal(weights[i] / total, f.Shares!.Single(s => s.ActorId == id).Share, 12);
        }

        Assert.Equal(1, f.Shares!.Sum(s => s.Share), 12);
    }

    [Fact]
    public void A_model_that_cannot_run_the_scenario_is_reported_with_its_reasons_and_the_others_still_run()
    {
        var scale = new Scale(0, 100);
        var scenario = new Scenario("t", [new Issue("i", "I", scale), new Issue("j", "J", scale)],
            [new Actor("a", "A", 1), new Actor("b", "B", 2), new Actor("c", "C", 3)],
            [new Stance("a", "i", 10, 0.3), new Stance("b", "i", 50, 0.3), new Stance("c", "i", 90, 0.3), new Stance("a", "j", 10, 0.3), new Stance("b", "j", 50, 0.3)]);
        var outcome = ForecastRunner.Run(new ForecastRequest(scenario) { Models = [Compromise, new KtabSmpModel()], Draws = 50 });
        var failed = Assert.Single(outcome.Failed);
        Assert.Equal("ktab-smp", failed.Model);
        Assert.Contains(failed.Problems, p => p.ActorId == "c" && p.Message.Contains("every issue", StringComparison.Ordinal));
        Assert.Equal(2, outcome.Succeeded.Single().Issues.Count);
    }

    [Fact]
    public void Invalid_requests_are_usage_errors_as_values()
    {
        var scenario = Uncertain();
        Assert.Contains(ForecastRunner.Validate(new ForecastRequest(scenario) { Draws = -1 }), d => d.Message.Contains("-1 input draws", StringComparison.Ordinal));
        Assert.Contains(ForecastRunner.Validate(new ForecastRequest(scenario) { Models = [Compromise, new CompromiseModel()] }), d => d.Message.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains(ForecastRunner.Validate(new ForecastRequest(scenario) { Options = new ModelOptions { Rounds = 0 } }), d => d.Message.Contains("0 rounds", StringComparison.Ordinal));
        Assert.Contains(ForecastRunner.Validate(new ForecastRequest(scenario) { Models = [] }), d => d.Message.Contains("No model", StringComparison.Ordinal));
        Assert.Empty(ForecastRunner.Validate(new ForecastRequest(scenario)));
    }

    [Fact]
    public void A_run_cut_at_its_round_limit_is_flagged_and_so_is_disagreement()
    {
        var scenario = Support.Scenarios.OneIssue(Support.Scenarios.Four);
        var outcome = ForecastRunner.Run(new ForecastRequest(scenario)
        {
            Models = [new ExpectedUtilityModel(ExpectedUtilityVariant.Bdm), new MedianModel(), new MeanModel()],
            Options = new ModelOptions { Rounds = 2 },
            Draws = 0,
        });
        var bdm = outcome.Models[0].Issues[0];
        Assert.Contains(bdm.Flags, f => f.Kind == FlagKind.RoundLimit && f.Model == "bdm");
        // median 52.5 and mean 52.5 here, bdm elsewhere: flagged only when > 15 points apart.
        var spread = outcome.Succeeded.Max(m => m.Issues[0].Forecast) - outcome.Succeeded.Min(m => m.Issues[0].Forecast);
        Assert.Equal(spread > 15, outcome.Flags.Any(f => f.Kind == FlagKind.ModelsDisagree));
    }

    [Fact]
    public void Draws_a_model_cannot_run_are_counted_and_flagged_and_the_intervals_use_the_others()
    {
        // KTAB SMP with saliences that may sum above 1 and normalising switched off: some draws fail.
        var scale = new Scale(0, 100);
        var actors = new[] { new Actor("a", "A", 1), new Actor("b", "B", 2), new Actor("c", "C", 3) };
        var stances = actors.SelectMany(a => new[] { new Stance(a.Id, "i", a.Capability * 30, 0.48, SalienceSpread: new RangeSpread(0.3, 0.7)), new Stance(a.Id, "j", 100 - (a.Capability * 30), 0.48) }).ToArray();
        var scenario = new Scenario("t", [new Issue("i", "I", scale), new Issue("j", "J", scale)], actors, stances);
        var options = new ModelOptions { Ktab = KtabSmpParameters.Default with { NormaliseSaliences = false, MaxTurns = 5 } };
        var outcome = ForecastRunner.Run(new ForecastRequest(scenario) { Models = [new KtabSmpModel()], Options = options, Draws = 200, Drivers = false });
        var f = outcome.Models[0].Issues[0];
        var flag = Assert.Single(f.Flags, x => x.Kind == FlagKind.DrawsFailed);
        Assert.Contains("of 200 input draws", flag.Message, StringComparison.Ordinal);
        Assert.InRange(f.Sensitivity!.Draws, 1, 199);
    }

    private static double Rerun(IForecastModel model, Scenario scenario, Driver d, double value)
    {
        // Rebuild the scenario by hand with the one input changed, and run the model on it.
        var actors = scenario.Actors.Select(a => a.Id == d.ActorId && d.Input == DriverInput.Capability ? a with { Capability = value } : a).ToList();
        var stances = scenario.Stances.Select(s => s.ActorId != d.ActorId ? s : d.Input switch
        {
            DriverInput.Position => s with { Position = value },
            DriverInput.Salience => s with { Salience = value },
            _ => s,
        }).ToList();
        return model.Run(new Scenario(scenario.Title, scenario.Issues, actors, stances), ModelOptions.Default).Issues[0].Forecast;
    }
}
