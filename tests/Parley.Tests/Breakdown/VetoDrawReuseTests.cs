using Parley.Core.Models;
using Parley.Core.Models.Breakdown;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Core.Uncertainty;

namespace Parley.Tests.Breakdown;

/// <summary>
/// A breakdown step run beside its inner model judges the inner model's forecast of each draw
/// instead of rerunning it: the draws must be those of the step run on its own, bit for bit.
/// </summary>
public sealed class VetoDrawReuseTests
{
    /// <summary>Three actors, veto player a (uniform on [0, 40]) against status quo 10, c's salience uncertain: a blocks in some draws, not in others.</summary>
    private static Scenario Scenario() => new(
        "reuse",
        [new Issue("i", "Issue", Scale.Percent, StatusQuo: new StatusQuo(10), VetoPlayers: [new VetoPlayer("a")])],
        [new Actor("a", "A", 1), new Actor("b", "B", 1), new Actor("c", "C", 2)],
        [
            new Stance("a", "i", 20, 1, PositionSpread: new RangeSpread(0, 40)),
            new Stance("b", "i", 50, 0.8),
            new Stance("c", "i", 80, 0.5, PositionSpread: new RangeSpread(60, 100)),
        ]);

    [Theory]
    [InlineData("bdm")]
    [InlineData("scholz2011")]
    [InlineData("compromise")]
    [InlineData("compromise+winset")]
    public void Draws_of_a_breakdown_step_beside_its_model_equal_those_of_the_step_alone(string name)
    {
        var scenario = Scenario();
        var vetoName = name.Contains('+', StringComparison.Ordinal) ? name : name + "+veto";
        var veto = ModelCatalog.Find(vetoName)!;
        var inner = ((IssueVetoModel)veto).Inner;
        var point = veto.Run(scenario, ModelOptions.Default);
        var innerPoint = inner.Run(scenario, ModelOptions.Default);
        var sampler = new InputSampler(scenario);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 2 };
        const int draws = 400;

        var alone = DrawRunner.Run(sampler, [veto], [true], [[point.Issues[0].Forecast]], ModelOptions.Default, draws, 7, parallel, null, [[point.Issues[0].Breakdown]])[0]!;
        var beside = DrawRunner.Run(sampler, [veto, inner], [true, true], [[point.Issues[0].Forecast], [innerPoint.Issues[0].Forecast]], ModelOptions.Default, draws, 7, parallel, null, [[point.Issues[0].Breakdown], null]);

        var together = beside[0]!;
        Assert.Equal(alone.Forecasts[0], together.Forecasts[0]);
        var blocked = 0;
        for (var d = 0; d < draws; d++)
        {
            var a = alone.Verdicts![0][d]!;
            var b = together.Verdicts![0][d]!;
            Assert.Equal(a.Status, b.Status);
            Assert.Equal(a.Deal, b.Deal);
            Assert.Equal(a.StatusQuo, b.StatusQuo);
            Assert.Equal(a.Amended, b.Amended);
            Assert.Equal(a.Blockers, b.Blockers);
            blocked += a.Status == BreakdownStatus.Agreed ? 0 : 1;

            // The deal judged is the inner model's forecast of the same draw.
            Assert.Equal(beside[1]!.Forecasts[0][d], b.Deal);
        }

        // The scenario is one where the verdict varies over the draws (else the test shows little).
        Assert.InRange(blocked, 1, draws - 1);
    }
}
