using Parley.Core.Scenarios;

namespace Parley.Core.Models;

/// <summary>Base class of one-dimensional models, which run every issue on its own.</summary>
public abstract class IssueModel : IForecastModel
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public abstract string Source { get; }

    /// <inheritdoc />
    public ModelResult Run(Scenario scenario, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.NotNull(options, nameof(options));
        var results = new IssueResult[scenario.Issues.Count];
        for (var k = 0; k < results.Length; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[k] = RunIssue(scenario.Compile(k), options, progress, cancellationToken);
        }

        return new ModelResult(Name, results);
    }

    /// <summary>Runs the model on one compiled issue.</summary>
    /// <param name="input">The issue; it has at least one actor.</param>
    /// <param name="options">Run options.</param>
    /// <param name="progress">Receives a report after each round; may be null.</param>
    /// <param name="cancellationToken">Cancels between rounds.</param>
    public abstract IssueResult RunIssue(IssueInput input, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>The round-0 state of <paramref name="input"/>: its positions, weighted mean and median voter.</summary>
    protected static RoundState InitialRound(IssueInput input)
    {
        Preconditions.NotNull(input, nameof(input));
        return new RoundState(
            0,
            (double[])input.Positions.Clone(),
            IssueStatistics.WeightedMean(input.Positions, input.Capabilities, input.Saliences),
            IssueStatistics.MedianVoter(input.Positions, input.Capabilities, input.Saliences));
    }
}
