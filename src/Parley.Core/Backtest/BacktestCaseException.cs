namespace Parley.Core.Backtest;

/// <summary>A model could not run one case of a backtest (for instance KTAB's model aborts where KTAB aborts).</summary>
public sealed class BacktestCaseException : Exception
{
    /// <summary>Creates the exception for <paramref name="model"/> on the given case.</summary>
    public BacktestCaseException(string model, string proposalId, string issueId, string reason, Exception inner)
        : base($"Model '{model}' cannot run issue '{issueId}' (proposal {proposalId}): {reason}", inner)
    {
        Model = model;
        ProposalId = proposalId;
        IssueId = issueId;
    }

    /// <summary>The model that failed.</summary>
    public string Model { get; }

    /// <summary>The proposal of the case.</summary>
    public string ProposalId { get; }

    /// <summary>The issue of the case.</summary>
    public string IssueId { get; }
}
