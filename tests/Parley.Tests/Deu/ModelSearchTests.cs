using Parley.Core.Backtest;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.Best;
using Parley.Core.Scenarios;
using Parley.Core.Simulation;

namespace Parley.Tests.Deu;

/// <summary>The selection rules of the model search on made-up cases whose answer is known.</summary>
public sealed class ModelSearchTests
{
    /// <summary>40 one-issue proposals of four random actors; the outcome of each is <paramref name="truth"/>'s forecast.</summary>
    private static List<BacktestCase> Cases(IssueModel truth)
    {
        var rng = new SeededRandom(7);
        var cases = new List<BacktestCase>();
        for (var p = 0; p < 40; p++)
        {
            var actors = Enumerable.Range(0, 4).Select(i => new Actor($"a{i}", $"A{i}", 0.5 + (4 * rng.NextDouble()))).ToList();
            var stances = actors.Select(a => new Stance(a.Id, "i", 100 * rng.NextDouble(), 0.1 + (0.9 * rng.NextDouble()))).ToList();
            var scenario = new Scenario($"p{p}", [new Issue("i", "Issue", Scale.Percent)], actors, stances);
            cases.Add(new BacktestCase($"p{p}", $"i{p}", scenario, truth.RunIssue(scenario.Compile(0), ModelOptions.Default).Forecast));
        }

        return cases;
    }

    private static readonly SearchCandidate[] s_candidates =
    [
        new(new CompromiseModel(), 1),
        new(new PowerCompromiseModel(0, 0), 2), // the unweighted mean, made more complex
        new(new MeanModel(), 1),
        new(new MedianModel(), 1),
    ];

    [Fact]
    public void The_simplest_clearly_better_candidate_is_picked_on_every_fold()
    {
        // The outcomes are the unweighted mean: mean and compromise-c0-s0 are exact, mean is simpler.
        var search = ModelSearch.Run(Cases(new MeanModel()), s_candidates, new BacktestOptions { Replicates = 200 }, out var failures)!;
        Assert.Empty(failures);
        var rule = search.Of(SelectionRule.SimplestClearlyBetter);
        Assert.Equal("mean", rule.Chosen);
        Assert.All(rule.FoldChoices, c => Assert.Equal("mean", c));
        Assert.Equal(0, rule.Score.MeanAbsoluteError, 12);
        Assert.True(rule.Score.DifferenceHigh < 0);
    }

    [Fact]
    public void When_nothing_beats_the_compromise_model_the_rule_keeps_it()
    {
        var search = ModelSearch.Run(Cases(new CompromiseModel()), s_candidates, new BacktestOptions { Replicates = 200 }, out _)!;
        var rule = search.Of(SelectionRule.SimplestClearlyBetter);
        Assert.Equal("compromise", rule.Chosen);
        Assert.All(rule.FoldChoices, c => Assert.Equal("compromise", c));
        Assert.Equal(0, rule.Score.DifferenceToReference, 12);
    }

    [Fact]
    public void A_candidate_better_by_a_margin_the_bootstrap_cannot_tell_from_noise_is_not_picked()
    {
        // Outcomes: the compromise forecast plus noise of ±30, so every candidate's errors are dominated by noise.
        var rng = new SeededRandom(11);
        var cases = Cases(new CompromiseModel())
            .Select(c => new BacktestCase(c.ProposalId, c.IssueId, c.Scenario, Math.Clamp(c.Outcome + (60 * (rng.NextDouble() - 0.5)), 0, 100)))
            .ToList();
        SearchCandidate[] candidates = [new(new CompromiseModel(), 1), new(new PowerCompromiseModel(1, 0.5), 2)];
        var search = ModelSearch.Run(cases, candidates, new BacktestOptions { Replicates = 500 }, out _)!;
        var other = search.Candidates.Models.Single(m => m.Model == "compromise-c1-s0.5");
        Assert.True(other.DifferenceLow < 0 && other.DifferenceHigh > 0, $"{other.DifferenceLow}…{other.DifferenceHigh}");
        Assert.Equal("compromise", search.Of(SelectionRule.SimplestClearlyBetter).Chosen);

        // The lowest-error rule takes whichever is lower, however small the margin.
        var lowest = search.Candidates.Models.MinBy(m => m.MeanAbsoluteError)!.Model;
        Assert.Equal(lowest, search.Of(SelectionRule.LowestError).Chosen);
    }
}
