using Parley.Core.Scenarios;

namespace Parley.Core.Backtest;

/// <summary>
/// Turns a Parley scenario whose issues record an outcome (<see cref="Issue.Outcome"/>) into backtest
/// cases, so that users can score the models on their own cases. Each issue with an outcome is one
/// case; models that run issues together are run on the whole scenario.
/// </summary>
public static class ScenarioCases
{
    /// <summary>The cases of <paramref name="scenario"/>, and the ids of the issues left out (no outcome, or no stance).</summary>
    /// <param name="scenario">The scenario (its what-ifs are not run).</param>
    /// <param name="cluster">The bootstrap cluster of its issues (e.g. the file name).</param>
    /// <param name="clusterPerIssue">True to make each issue its own cluster (<c>cluster/issue</c>): for a single scenario, whose issues would otherwise form one cluster and no interval.</param>
    /// <param name="withoutOutcome">The ids of the issues that record no outcome.</param>
    /// <param name="withoutStance">The ids of the issues with an outcome but no stance, which no model can forecast.</param>
    public static IReadOnlyList<BacktestCase> From(Scenario scenario, string cluster, bool clusterPerIssue, out IReadOnlyList<string> withoutOutcome, out IReadOnlyList<string> withoutStance)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.NotNull(cluster, nameof(cluster));
        var joint = scenario.WhatIfs.Count > 0 ? scenario.With(whatIfs: []) : scenario;
        var cases = new List<BacktestCase>();
        var noOutcome = new List<string>();
        var noStance = new List<string>();
        for (var k = 0; k < joint.Issues.Count; k++)
        {
            var issue = joint.Issues[k];
            if (issue.Outcome is null)
            {
                noOutcome.Add(issue.Id);
                continue;
            }

            var stances = joint.Stances.Where(s => s.IssueId == issue.Id).ToArray();
            if (stances.Length == 0)
            {
                noStance.Add(issue.Id);
                continue;
            }

            var single = joint.With(issues: [issue], stances: stances, whatIfs: []);
            cases.Add(new BacktestCase(clusterPerIssue ? $"{cluster}/{issue.Id}" : cluster, issue.Id, single, issue.Outcome.Position, joint, k));
        }

        withoutOutcome = noOutcome;
        withoutStance = noStance;
        return cases;
    }
}
