using System.Text.Json;
using Parley.Core.Models;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Formats.Results;

namespace Parley.Tests.Breakdown;

/// <summary>The breakdown probability in the run layer, the JSON report and the table.</summary>
public sealed class BreakdownRunTests
{
    /// <summary>
    /// Veto player a uniform on [0, 40] (20 as written), b fixed at 50, equal weights, status quo 10:
    /// the compromise deal is (x + 50) / 2, and a blocks when |x − 10| &lt; |x − (x + 50) / 2| = (50 − x) / 2,
    /// i.e. for x &lt; 70/3. So P(breakdown) = (70/3) / 40 = 0.58333…, and as written (x = 20) a blocks.
    /// </summary>
    private static Scenario Uniform() => new(
        "uniform",
        [new Issue("i", "Issue", Scale.Percent, StatusQuo: new StatusQuo(10), VetoPlayers: [new VetoPlayer("a")])],
        [new Actor("a", "A", 1), new Actor("b", "B", 1)],
        [new Stance("a", "i", 20, 1, PositionSpread: new RangeSpread(0, 40)), new Stance("b", "i", 50, 1)]);

    [Fact]
    public void The_breakdown_probability_is_the_share_of_draws_in_which_the_veto_player_blocks()
    {
        var outcome = ForecastRunner.Run(new ForecastRequest(Uniform()) { Models = [ModelCatalog.Find("compromise+veto")!, ModelCatalog.Find("compromise")!], Draws = 4000, Drivers = false });
        var veto = outcome.Models[0].Issues[0];
        var b = veto.Breakdown!;
        Assert.True(b.Possible);
        Assert.True(b.Blocked);
        Assert.Equal(10, veto.Forecast);
        Assert.Equal(35, b.Deal, 12);
        // 4000 draws: the standard error of the share is √(p(1 − p)/4000) ≈ 0.0078; 0.03 is almost 4 of them.
        Assert.Equal(70.0 / 3 / 40, b.Probability!.Value, 0.03);
        Assert.Equal(b.Probability, b.BlockerShares.Single(s => s.ActorId == "a").Share);
        // The plain compromise model has no breakdown step.
        Assert.Null(outcome.Models[1].Issues[0].Breakdown);
        // The draws' forecasts are the status quo in the blocked share and the deal otherwise.
        Assert.InRange(veto.Sensitivity!.Intervals.Single(i => i.Percent == 50).Low, 10, 10);
    }

    [Fact]
    public void Without_draws_the_point_verdict_is_reported_and_no_probability()
    {
        var outcome = ForecastRunner.Run(new ForecastRequest(Uniform()) { Models = [ModelCatalog.Find("compromise+veto")!], Draws = 0, Drivers = false });
        var b = outcome.Models[0].Issues[0].Breakdown!;
        Assert.Null(b.Probability);
        Assert.True(b.Blocked);
        Assert.Equal(["a"], b.Blockers);
    }

    [Fact]
    public void Inputs_taken_as_written_give_a_probability_of_0_or_1()
    {
        var written = Uniform().WithInputs(Uniform().Actors, [new Stance("a", "i", 20, 1), new Stance("b", "i", 50, 1)]);
        var outcome = ForecastRunner.Run(new ForecastRequest(written) { Models = [ModelCatalog.Find("compromise+veto")!, ModelCatalog.Find("compromise+winset")!], Draws = 50, Drivers = false });
        Assert.Equal(1, outcome.Models[0].Issues[0].Breakdown!.Probability);
        // The win-set step: a at 20 accepts [10, 30] (no further from it than the status quo 10): the deal 35 is amended to 30.
        Assert.Equal(30, outcome.Models[1].Issues[0].Forecast, 12);
        Assert.Equal(1, outcome.Models[1].Issues[0].Breakdown!.Probability);
    }

    [Fact]
    public void The_json_report_and_the_table_carry_the_breakdown()
    {
        var outcome = ForecastRunner.Run(new ForecastRequest(Uniform()) { Models = [ModelCatalog.Find("compromise+veto")!, ModelCatalog.Find("compromise")!], Draws = 200, Drivers = false });
        var report = ForecastReport.Create(outcome);
        using var json = JsonDocument.Parse(ForecastReportWriter.ToJson(report));
        var models = json.RootElement.GetProperty("issues")[0].GetProperty("models");
        var breakdown = models.GetProperty("compromise+veto").GetProperty("breakdown");
        Assert.True(breakdown.GetProperty("possible").GetBoolean());
        Assert.True(breakdown.GetProperty("blocked").GetBoolean());
        Assert.Equal(10, breakdown.GetProperty("status_quo").GetDouble());
        Assert.Equal(35, breakdown.GetProperty("deal").GetDouble(), 12);
        Assert.Equal("a", breakdown.GetProperty("blockers")[0].GetString());
        Assert.InRange(breakdown.GetProperty("probability").GetDouble(), 0.4, 0.8);
        Assert.False(models.GetProperty("compromise").TryGetProperty("breakdown", out _));

        var csv = ForecastReportWriter.ToSummaryCsv(report).Split('\n');
        Assert.EndsWith(",no_deal", csv[0], StringComparison.Ordinal);
        Assert.EndsWith("," + breakdown.GetProperty("probability").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture), csv[1], StringComparison.Ordinal);
    }
}
