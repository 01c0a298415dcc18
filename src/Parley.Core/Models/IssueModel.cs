using Parley.Core.Diagnostics;
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
    public virtual ModelTraits Traits => ModelTraits.Static;

    /// <inheritdoc />
    public IReadOnlyList<Diagnostic> Check(Scenario scenario, ModelOptions options)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.NotNull(options, nameof(options));
        var problems = new List<Diagnostic>();
        problems.AddRange(CheckOptions(options));
        for (var k = 0; k < scenario.Issues.Count; k++)
        {
            problems.AddRange(CheckIssue(scenario.Compile(k), options));
        }

        return problems;
    }

    /// <summary>The problems with <paramref name="input"/> that keep this model from running it; empty when it can.</summary>
    public virtual IReadOnlyList<Diagnostic> CheckIssue(IssueInput input, ModelOptions options)
    {
        Preconditions.NotNull(input, nameof(input));
        return input.Count > 0
            ? []
            : [Diagnostic.Error($"Model '{Name}' needs at least one actor with a position on the issue; it has none.", issueId: input.IssueId, expected: "a stance of at least one actor")];
    }

    /// <summary>The problems with <paramref name="options"/> for this model (e.g. a parameter out of range); empty when none.</summary>
    protected virtual IReadOnlyList<Diagnostic> CheckOptions(ModelOptions options) => [];

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

    /// <summary>Runs the model on one compiled issue, which must have passed <see cref="CheckIssue"/>.</summary>
    /// <param name="input">The issue; it has at least one actor.</param>
    /// <param name="options">Run options.</param>
    /// <param name="progress">Receives a report after each round; may be null.</param>
    /// <param name="cancellationToken">Cancels between rounds.</param>
    public abstract IssueResult RunIssue(IssueInput input, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The forecast of <see cref="RunIssue"/> alone, without its path or statistics: what a Monte
    /// Carlo draw, a driver rerun or a backtest needs. Models override it where that is cheaper;
    /// it must equal <c>RunIssue(input, options).Forecast</c> bit for bit.
    /// </summary>
    internal virtual double ForecastOnly(IssueInput input, ModelOptions options, CancellationToken cancellationToken) =>
        RunIssue(input, options, null, cancellationToken).Forecast;

    /// <summary>
    /// The forecast and breakdown verdict of <see cref="RunIssue"/> alone (the verdict null for a
    /// model without a breakdown step); they must equal those of <c>RunIssue(input, options)</c> bit for bit.
    /// </summary>
    internal virtual (double Forecast, Breakdown.BreakdownVerdict? Verdict) ForecastWithVerdict(IssueInput input, ModelOptions options, CancellationToken cancellationToken)
    {
        var result = RunIssue(input, options, null, cancellationToken);
        return (result.Forecast, result.Breakdown);
    }

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
