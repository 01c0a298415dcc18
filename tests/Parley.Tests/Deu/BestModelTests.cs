using Parley.Core.Backtest;
using Parley.Core.Models;
using Parley.Core.Models.Best;

namespace Parley.Tests.Deu;

public sealed class BestModelTests
{
    private static readonly Lazy<SearchResult> s_search = new(() =>
        ModelSearch.Run(DeuData.Dev.ToBacktestCases(), BestSearch.Candidates(), new BacktestOptions { Replicates = 500 }, out _)!);

    [Fact]
    public void Best_is_registered_in_the_catalog_and_forecasts_like_its_chosen_configuration()
    {
        var best = ModelCatalog.Find("best");
        Assert.IsType<BestModel>(best);
        foreach (var issue in DeuData.Dev.Issues.Take(20))
        {
            var input = issue.Scenario.Compile(0);
            Assert.Equal(BestModel.Chosen.Forecast(input), ((IssueModel)best!).RunIssue(input, ModelOptions.Default).Forecast);
        }
    }

    [Fact]
    public void The_chosen_configuration_is_what_the_documented_rule_picks_on_the_whole_development_split()
    {
        var search = s_search.Value;
        Assert.Equal(BestModel.Chosen.Name, search.Of(SelectionRule.SimplestClearlyBetter).Chosen);
    }

    [Fact]
    public void The_candidates_are_distinct_and_cover_every_model_step_and_the_earlier_grid()
    {
        var names = BestSearch.Candidates().Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.DoesNotContain("best", names);
        Assert.Equal("compromise", names[0]);
        foreach (var model in new[] { "mean", "median", "salience-mean", "median-voter", "scholz2011", "bdm", "exchange", "status-quo" })
        {
            Assert.Contains(model, names);
        }

        Assert.Contains("exchange+veto", names);
        Assert.Contains("compromise+winset", names);
        Assert.Contains("compromise-c0.5-s0", names);
        Assert.Contains("mix-compromise0.5-median-voter", names);
        Assert.Contains("avg:compromise:exchange:compromise+veto", names);
        // Every pair of the averaged parts, and the triples.
        var pairs = BestSearch.AverageParts.Count * (BestSearch.AverageParts.Count - 1) / 2;
        Assert.Equal(pairs + BestSearch.AverageTriples.Count, names.Count(n => n.StartsWith(AverageModel.Prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_search_scores_each_average_exactly_as_running_the_average_model()
    {
        // The search averages stored forecasts; a run of the model (resolved by name) must give the same bits.
        var cases = DeuData.Dev.ToBacktestCases().Take(40).ToList();
        var names = new[] { "avg:compromise:exchange", "avg:compromise+veto:bdm", "avg:compromise:exchange:status-quo" };
        var models = names.Select(n => ModelCatalog.Find(n)!).ToList();
        var direct = BacktestEngine.Run(cases, models, new BacktestOptions { Replicates = 10 });
        var candidates = BestSearch.Candidates().Where(c => c.Name == "compromise" || names.Contains(c.Name)).ToList();
        var search = ModelSearch.Run(cases, candidates, new BacktestOptions { Replicates = 100, Folds = 2 }, out _)!;
        foreach (var name in names)
        {
            var k = direct.Models.ToList().FindIndex(m => m.Model == name);
            var j = search.Candidates.Models.ToList().FindIndex(m => m.Model == name);
            for (var c = 0; c < cases.Count; c++)
            {
                Assert.Equal(direct.Cases[c].Forecasts[k], search.Candidates.Cases[c].Forecasts[j]);
            }
        }
    }

    [Fact]
    public void Each_rule_is_scored_on_issues_it_did_not_pick_on()
    {
        // Hand check of the cross-validation: the rule's forecast of each issue is that of the candidate it picked on
        // the other folds, so its CV error is the mean of those candidates' errors on their held-out folds.
        var cases = DeuData.Dev.ToBacktestCases();
        var search = s_search.Value;
        var folds = BacktestOptions.Default.Folds;
        Assert.Equal(folds, search.Folds);
        var fold = CrossValidatedFolds(cases, folds);
        foreach (var rule in search.Procedures)
        {
            var errors = 0.0;
            for (var c = 0; c < cases.Count; c++)
            {
                var pick = rule.FoldChoices[fold[c]];
                var k = search.Candidates.Models.ToList().FindIndex(m => m.Model == pick);
                errors += Math.Abs(search.Candidates.Cases[c].Forecasts[k] - cases[c].Outcome);
            }

            Assert.Equal(errors / cases.Count, rule.Score.MeanAbsoluteError, 10);
        }

        // The rule that takes the lowest error in sample (the earlier one) does worse out of sample than it looks:
        // its pick's in-sample error is below its cross-validated error.
        var lowest = search.Of(SelectionRule.LowestError);
        var inSample = search.Candidates.Models.Single(m => m.Model == lowest.Chosen).MeanAbsoluteError;
        Assert.True(lowest.Score.MeanAbsoluteError > inSample, $"{lowest.Score.MeanAbsoluteError} vs {inSample}");
    }

    /// <summary>The folds as the search deals them: the proposals in a seeded shuffle, dealt in turn (reimplemented from the documented rule).</summary>
    private static int[] CrossValidatedFolds(IReadOnlyList<BacktestCase> cases, int folds)
    {
        var proposals = cases.Select(c => c.ProposalId).Distinct().ToArray();
        var rng = new Parley.Core.Simulation.SeededRandom(BacktestOptions.DefaultSeed, 0x466F6C6473UL);
        for (var i = proposals.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (proposals[i], proposals[j]) = (proposals[j], proposals[i]);
        }

        var of = proposals.Select((p, i) => (p, i % folds)).ToDictionary(x => x.p, x => x.Item2);
        return [.. cases.Select(c => of[c.ProposalId])];
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
