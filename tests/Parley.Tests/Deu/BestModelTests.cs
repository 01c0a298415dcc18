using Parley.Core.Backtest;
using Parley.Core.Models;
using Parley.Core.Models.Best;

namespace Parley.Tests.Deu;

public sealed class BestModelTests
{
    [Fact]
    public void Best_is_registered_in_the_catalog_and_forecasts_like_its_chosen_configuration()
    {
        var best = ModelCatalog.Find("best");
        Assert.IsType<BestModel>(best);
        var input = DeuData.Dev.Issues[0].Scenario.Compile(0);
        Assert.Equal(BestModel.Chosen.Forecast(input), ((IssueModel)best!).RunIssue(input, ModelOptions.Default).Forecast);
    }

    [Fact]
    public void The_chosen_configuration_is_the_lowest_error_of_the_documented_search()
    {
        var candidates = BestSearch.Candidates();
        Assert.DoesNotContain(candidates, c => c.Name == "best");
        Assert.Equal(candidates.Count, candidates.Select(c => c.Name).Distinct().Count());
        var result = BacktestEngine.Run(DeuData.Dev.ToBacktestCases(), candidates, new BacktestOptions { Replicates = 50 });
        var winner = result.Models.MinBy(m => m.MeanAbsoluteError)!;
        Assert.Equal(BestModel.Chosen.Name, winner.Model);
        // The margin over the compromise model reported in docs/validation.md (22.20 vs 22.59).
        Assert.Equal(22.20, winner.MeanAbsoluteError, 0.01);
    }

    [Fact]
    public void Exponents_one_and_one_reproduce_the_compromise_model()
    {
        var input = DeuData.Dev.Issues[5].Scenario.Compile(0);
        Assert.Equal(
            new Parley.Core.Models.Baselines.CompromiseModel().Forecast(input),
            new PowerCompromiseModel(1, 1).Forecast(input),
            12);
    }
}
