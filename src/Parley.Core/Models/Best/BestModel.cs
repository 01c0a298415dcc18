using Parley.Core.Models.Baselines;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.Best;

/// <summary>
/// Parley's default configuration, <c>best</c>: the candidate of <see cref="BestSearch"/> with the
/// lowest mean absolute error on the DEU III development split (252 issues). The choice is fixed
/// here and in docs/validation.md; it was not tuned per issue, and the held-out third of DEU III
/// judges it.
/// </summary>
public sealed class BestModel : IssueModel, IWeightedMeanModel
{
    /// <summary>The name of this model.</summary>
    public const string ModelName = "best";

    /// <summary>
    /// The chosen configuration: the compromise model with weights √capability and salience
    /// ignored (α = 0.5, β = 0), the lowest dev-split error of the search.
    /// </summary>
    public static PowerCompromiseModel Chosen { get; } = new PowerCompromiseModel(0.5, 0);

    /// <inheritdoc />
    public double[] Weights(IssueInput input) => Chosen.Weights(input);

    /// <inheritdoc />
    public override string Name => ModelName;

    /// <inheritdoc />
    public override string Description => $"Default configuration: {Chosen.Name} ({Chosen.Description})";

    /// <inheritdoc />
    public override string Source => "Chosen on the DEU III development split by `parley backtest --search`; see docs/validation.md.";

    /// <inheritdoc />
    public override IssueResult RunIssue(IssueInput input, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Chosen.RunIssue(input, options, progress, cancellationToken);
}
