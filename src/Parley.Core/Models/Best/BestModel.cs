using Parley.Core.Models.Baselines;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.Best;

/// <summary>
/// Parley's default configuration, <c>best</c>: the candidate that the documented selection rule
/// (<see cref="Backtest.SelectionRule.SimplestClearlyBetter"/>) picks from <see cref="BestSearch"/> on
/// the DEU III development split. No candidate is clearly better than the compromise model there,
/// so <c>best</c> is the compromise model (docs/validation.md gives the cross-validated table). A
/// test reruns the search and fails if its pick is no longer <see cref="Chosen"/>.
/// </summary>
public sealed class BestModel : IssueModel, IWeightedMeanModel
{
    /// <summary>The name of this model.</summary>
    public const string ModelName = "best";

    /// <summary>The chosen configuration: the compromise model (no candidate of the search beat it clearly).</summary>
    public static CompromiseModel Chosen { get; } = new();

    /// <inheritdoc />
    public double[] Weights(IssueInput input) => Chosen.Weights(input);

    /// <inheritdoc />
    public override string Name => ModelName;

    /// <inheritdoc />
    public override string Description => $"Default configuration: {Chosen.Name} ({Chosen.Description}) No candidate of the cross-validated search beat it clearly.";

    /// <inheritdoc />
    public override string Source => "Chosen on the DEU III development split by `parley backtest data/deu3/deu3-dev.tsv --search`; see docs/validation.md.";

    /// <inheritdoc />
    public override IssueResult RunIssue(IssueInput input, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Chosen.RunIssue(input, options, progress, cancellationToken);

    /// <inheritdoc />
    internal override double ForecastOnly(IssueInput input, ModelOptions options, CancellationToken cancellationToken) =>
        Chosen.ForecastOnly(input, options, cancellationToken);

    /// <inheritdoc />
    internal override (double Forecast, Breakdown.BreakdownVerdict? Verdict) ForecastWithVerdict(IssueInput input, ModelOptions options, CancellationToken cancellationToken) =>
        Chosen.ForecastWithVerdict(input, options, cancellationToken);
}
