using Parley.Core.Scenarios;

namespace Parley.Core.Backtest;

/// <summary>One issue with a known outcome: the input the models see, the outcome they are scored against, and the proposal it belongs to.</summary>
public sealed class BacktestCase
{
    /// <summary>Creates a case from a one-issue scenario.</summary>
    /// <param name="proposalId">The cluster the issue belongs to (in DEU, the proposal number <c>prnrnmc</c>); the bootstrap resamples these.</param>
    /// <param name="issueId">The issue's id as the user should see it in per-issue output.</param>
    /// <param name="scenario">A scenario with exactly one issue and at least one actor with a stance on it.</param>
    /// <param name="outcome">The outcome that was decided, on the issue's scale.</param>
    /// <param name="joint">The scenario the issue was negotiated in together with others (a DEU proposal, a
    /// Parley scenario), which models that run issues together are run on; null for <paramref name="scenario"/> itself.</param>
    /// <param name="jointIssue">The index of the issue in <paramref name="joint"/>.</param>
    public BacktestCase(string proposalId, string issueId, Scenario scenario, double outcome, Scenario? joint = null, int jointIssue = 0)
    {
        Preconditions.NotNull(proposalId, nameof(proposalId));
        Preconditions.NotNull(issueId, nameof(issueId));
        Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.Finite(outcome, nameof(outcome));
        Preconditions.Check(scenario.Issues.Count == 1, nameof(scenario), "A backtest case must have exactly one issue.");
        ProposalId = proposalId;
        IssueId = issueId;
        Scenario = scenario;
        Outcome = outcome;
        Input = scenario.Compile(0);
        Preconditions.Check(Input.Count > 0, nameof(scenario), $"Issue '{issueId}' has no actor with a position.");
        Joint = joint ?? scenario;
        JointIssue = joint is null ? 0 : jointIssue;
        Preconditions.Check(
            JointIssue >= 0 && JointIssue < Joint.Issues.Count && Joint.Issues[JointIssue].Id == scenario.Issues[0].Id,
            nameof(jointIssue),
            "The joint scenario must hold the case's issue at the index given.");
    }

    /// <summary>The scenario the issue was negotiated in with the others of its proposal; models that run issues together run on it.</summary>
    public Scenario Joint { get; }

    /// <summary>The index of this case's issue in <see cref="Joint"/>.</summary>
    public int JointIssue { get; }

    /// <summary>The cluster (proposal) this issue belongs to.</summary>
    public string ProposalId { get; }

    /// <summary>The issue's id.</summary>
    public string IssueId { get; }

    /// <summary>The one-issue scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>The scenario's only issue, compiled once.</summary>
    public IssueInput Input { get; }

    /// <summary>The outcome that was decided.</summary>
    public double Outcome { get; }
}
