using Parley.Core.Scenarios;
using Parley.Core.Uncertainty;

namespace Parley.Tests.Analysis;

/// <summary>The input draws: within bounds, with the stated distributions, reproducible from the seed.</summary>
public sealed class InputSamplerTests
{
    private const int Draws = 20_000;

    [Fact]
    public void Every_draw_keeps_positions_on_the_scale_saliences_in_0_1_and_capabilities_non_negative()
    {
        // Spreads far wider than the bounds, so that the bounds are hit all the time.
        var wild = Support.Scenarios.OneIssue(Support.Scenarios.Four, new NormalSpread(500), new NormalSpread(3), new NormalSpread(50), min: -10, max: 10.5);
        var ranged = Support.Scenarios.OneIssue(Support.Scenarios.Four.Select(a => (a.Id, a.C, 0.0, a.S)).ToList(), new RangeSpread(-10, 10.5), new RangeSpread(0, 1), new RangeSpread(0, 9), min: -10, max: 10.5);
        foreach (var scenario in new[] { wild, ranged })
        {
            var sampler = new InputSampler(scenario);
            Assert.False(sampler.IsCertain);
            for (var d = 0; d < 2000; d++)
            {
                var draw = sampler.Draw(7, d);
                var input = draw.Issue(0);
                Assert.All(input.Positions, x => Assert.InRange(x, -10, 10.5));
                Assert.All(input.Saliences, s => Assert.InRange(s, 0, 1));
                Assert.All(input.Capabilities, c => Assert.True(c >= 0 && double.IsFinite(c)));
                var whole = draw.ToScenario();
                Assert.All(whole.Stances, s => Assert.InRange(s.Position, -10, 10.5));
            }
        }
    }

    [Fact]
    public void A_normal_spread_far_from_the_bounds_has_the_stated_mean_and_standard_deviation()
    {
        var values = DrawPositions(Support.Scenarios.OneIssue([("a", 1, 50, 0.5)], new NormalSpread(4)), 0);
        var (mean, sd) = MeanAndSd(values);
        // Standard error of the mean 4/√20000 = 0.028; of the SD about 4/√40000 = 0.02.
        Assert.Equal(50, mean, 0.1);
        Assert.Equal(4, sd, 0.08);
    }

    [Fact]
    public void A_normal_spread_at_a_bound_is_truncated_there_giving_the_half_normal_mean()
    {
        // Truncating N(0, 10²) to [0, 100] gives a half-normal: mean σ√(2/π) = 7.979, SD σ√(1 − 2/π) = 6.028.
        var values = DrawPositions(Support.Scenarios.OneIssue([("a", 1, 0, 0.5)], new NormalSpread(10)), 0);
        Assert.All(values, x => Assert.InRange(x, 0, 100));
        var (mean, sd) = MeanAndSd(values);
        Assert.Equal(10 * Math.Sqrt(2 / Math.PI), mean, 0.15);
        Assert.Equal(10 * Math.Sqrt(1 - (2 / Math.PI)), sd, 0.15);
    }

    [Fact]
    public void A_range_is_uniform_on_the_range()
    {
        var values = DrawPositions(Support.Scenarios.OneIssue([("a", 1, 30, 0.5)], new RangeSpread(20, 60)), 0);
        Assert.All(values, x => Assert.InRange(x, 20, 60));
        var (mean, sd) = MeanAndSd(values);
        Assert.Equal(40, mean, 0.3);
        Assert.Equal(40 / Math.Sqrt(12), sd, 0.15);
        // A quarter of the draws in each quarter of the range, within 4 standard errors (√(p(1−p)/n) = 0.003).
        for (var q = 0; q < 4; q++)
        {
            var share = values.Count(x => x >= 20 + (10 * q) && x < 30 + (10 * q)) / (double)values.Length;
            Assert.Equal(0.25, share, 0.013);
        }
    }

    [Fact]
    public void The_scenario_level_uncertainty_applies_only_where_a_number_has_no_spread_of_its_own()
    {
        var scenario = Support.Scenarios.OneIssue(Support.Scenarios.Four, uncertainty: new ScenarioUncertainty(0.1, 0.05, 0.2));
        var own = new Scenario(scenario.Title, scenario.Issues, scenario.Actors,
            [.. scenario.Stances.Select((s, i) => i == 0 ? s with { PositionSpread = new RangeSpread(5, 15) } : s)],
            uncertainty: scenario.Uncertainty);
        var sampler = new InputSampler(own);
        Assert.Equal(new RangeSpread(5, 15), sampler.PositionSpread(0, 0));
        Assert.Equal(new NormalSpread(10), sampler.PositionSpread(1, 0)); // 10% of a width of 100
        Assert.Equal(new NormalSpread(0.05), sampler.SalienceSpread(2, 0));
        Assert.Equal(new NormalSpread(0.2 * 3), sampler.CapabilitySpread(2)); // 20% of a capability of 3
    }

    [Fact]
    public void A_scenario_without_spreads_is_certain_and_every_draw_is_the_input()
    {
        var scenario = Support.Scenarios.OneIssue(Support.Scenarios.Four);
        var sampler = new InputSampler(scenario);
        Assert.True(sampler.IsCertain);
        var draw = sampler.Draw(1, 5).Issue(0);
        var input = scenario.Compile(0);
        Assert.Equal(input.Positions, draw.Positions);
        Assert.Equal(input.Saliences, draw.Saliences);
        Assert.Equal(input.Capabilities, draw.Capabilities);
    }

    [Fact]
    public void A_draw_depends_only_on_the_seed_and_its_number()
    {
        var sampler = new InputSampler(Support.Scenarios.OneIssue(Support.Scenarios.Four, new NormalSpread(5), new NormalSpread(0.1), new NormalSpread(0.5)));
        var later = sampler.Draw(42, 17).Issue(0);
        _ = sampler.Draw(42, 3);
        var again = sampler.Draw(42, 17).Issue(0);
        Assert.Equal(later.Positions, again.Positions);
        Assert.Equal(later.Capabilities, again.Capabilities);
        Assert.NotEqual(later.Positions, sampler.Draw(43, 17).Issue(0).Positions);
        Assert.NotEqual(later.Positions, sampler.Draw(42, 18).Issue(0).Positions);
    }

    [Fact]
    public void A_drawn_capability_scales_the_actors_per_issue_capabilities_alike()
    {
        var scale = new Scale(0, 100);
        var issues = new[] { new Issue("i", "I", scale), new Issue("j", "J", scale) };
        var actor = new Actor("a", "A", 2, CapabilityByIssue: new Dictionary<string, double> { ["j"] = 6 }, CapabilitySpread: new RangeSpread(1, 4));
        var scenario = new Scenario("t", issues, [actor, new Actor("b", "B", 1)], [new Stance("a", "i", 10, 0.5), new Stance("a", "j", 10, 0.5), new Stance("b", "i", 90, 0.5), new Stance("b", "j", 90, 0.5)]);
        var draw = new InputSampler(scenario).Draw(3, 0);
        var factor = draw.Capability(0) / 2;
        Assert.Equal(2 * factor, draw.Issue(0).Capabilities[0], 12);
        Assert.Equal(6 * factor, draw.Issue(1).Capabilities[0], 12);
        Assert.Equal(6 * factor, draw.ToScenario().Actors[0].CapabilityOn("j"), 12);
    }

    private static double[] DrawPositions(Scenario scenario, int actor)
    {
        var sampler = new InputSampler(scenario);
        return [.. Enumerable.Range(0, Draws).Select(d => sampler.Draw(11, d).Issue(0).Positions[actor])];
    }

    private static (double Mean, double Sd) MeanAndSd(double[] values)
    {
        var mean = values.Average();
        return (mean, Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)));
    }
}
