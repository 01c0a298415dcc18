using Parley.Core.Scenarios;

namespace Parley.Core.Models.Baselines;

/// <summary>
/// A baseline that computes its forecast from the input in one step, with no rounds of bargaining.
/// Timed edits (<see cref="ModelOptions.Shocks"/>) have no round to strike after: a static model
/// forecasts the input as every edit leaves it, as if each had struck before its one step, lists them
/// as striking after round 0 and says so in its note.
/// </summary>
public abstract class StaticModel : IssueModel
{
    /// <summary>The note of a static run that took timed edits.</summary>
    public const string TimedEditsNote = "A static model has no rounds: the timed edits were made before its one step.";

    /// <inheritdoc />
    public sealed override IssueResult RunIssue(IssueInput input, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(input, nameof(input));
        Preconditions.NotNull(options, nameof(options));
        Preconditions.Check(input.Count > 0, nameof(input), $"Issue '{input.IssueId}' has no actor with a position.");
        if (options.Shocks is { IsEmpty: false } shocks)
        {
            var struck = new List<StruckShock>();
            var edited = shocks.ApplyAll(input, struck);
            if (struck.Count > 0)
            {
                return new IssueResult(edited.IssueId, Forecast(edited), edited.ActorIds, [InitialRound(edited)], TimedEditsNote, Shocks: struck);
            }
        }

        return new IssueResult(input.IssueId, Forecast(input), input.ActorIds, [InitialRound(input)]);
    }

    /// <inheritdoc />
    internal sealed override double ForecastOnly(IssueInput input, ModelOptions options, CancellationToken cancellationToken)
    {
        Preconditions.NotNull(input, nameof(input));
        Preconditions.Check(input.Count > 0, nameof(input), $"Issue '{input.IssueId}' has no actor with a position.");
        return Forecast(input);
    }

    /// <summary>The forecast for <paramref name="input"/>.</summary>
    public abstract double Forecast(IssueInput input);
}

/// <summary>The unweighted mean of the positions.</summary>
public sealed class MeanModel : StaticModel, IWeightedMeanModel
{
    /// <inheritdoc />
    public double[] Weights(IssueInput input) => Enumerable.Repeat(1.0, Preconditions.NotNull(input, nameof(input)).Count).ToArray();

    /// <inheritdoc />
    public override string Name => "mean";

    /// <inheritdoc />
    public override string Description => "Unweighted mean of all positions.";

    /// <inheritdoc />
    public override string Source => "Baseline (e.g. Thomson et al., The European Union Decides, 2006).";

    /// <inheritdoc />
    public override double Forecast(IssueInput input) => IssueStatistics.Mean(input.Positions);
}

/// <summary>The unweighted median of the positions.</summary>
public sealed class MedianModel : StaticModel
{
    /// <inheritdoc />
    public override string Name => "median";

    /// <inheritdoc />
    public override string Description => "Unweighted median: the middle position, or the mean of the two middle ones.";

    /// <inheritdoc />
    public override string Source => "Baseline (e.g. Thomson et al., The European Union Decides, 2006).";

    /// <inheritdoc />
    public override double Forecast(IssueInput input) => IssueStatistics.Median(input.Positions);
}

/// <summary>The compromise model: the capability × salience weighted mean.</summary>
public sealed class CompromiseModel : StaticModel, IWeightedMeanModel
{
    /// <inheritdoc />
    public double[] Weights(IssueInput input)
    {
        Preconditions.NotNull(input, nameof(input));
        var w = new double[input.Count];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = input.Capabilities[i] * input.Saliences[i];
        }

        return w;
    }

    /// <inheritdoc />
    public override string Name => "compromise";

    /// <inheritdoc />
    public override string Description => "Capability × salience weighted mean Σcᵢsᵢxᵢ / Σcᵢsᵢ (Nash-bargaining approximation).";

    /// <inheritdoc />
    public override string Source => "van den Bos (1991); Achen in Thomson et al., The European Union Decides (2006).";

    /// <inheritdoc />
    public override double Forecast(IssueInput input) => IssueStatistics.WeightedMean(input.Positions, input.Capabilities, input.Saliences);
}

/// <summary>The salience-weighted mean (capabilities ignored).</summary>
public sealed class SalienceMeanModel : StaticModel, IWeightedMeanModel
{
    /// <inheritdoc />
    public double[] Weights(IssueInput input) => (double[])Preconditions.NotNull(input, nameof(input)).Saliences.Clone();

    /// <inheritdoc />
    public override string Name => "salience-mean";

    /// <inheritdoc />
    public override string Description => "Salience-weighted mean Σsᵢxᵢ / Σsᵢ, capabilities ignored.";

    /// <inheritdoc />
    public override string Source => "Baseline (Thomson et al., The European Union Decides, 2006).";

    /// <inheritdoc />
    public override double Forecast(IssueInput input) => IssueStatistics.WeightedMean(input.Positions, input.Saliences);
}

/// <summary>The weighted median voter: the actor position that wins the most weighted pairwise votes.</summary>
public sealed class MedianVoterModel : StaticModel
{
    /// <inheritdoc />
    public override string Name => "median-voter";

    /// <inheritdoc />
    public override string Description => "Actor position with the largest capability × salience weighted pairwise vote total Σₖ Σᵢ vᵢ(x, xₖ).";

    /// <inheritdoc />
    public override string Source => "Black (1948); Bueno de Mesquita (1994) vote function with exponent 1.";

    /// <inheritdoc />
    public override double Forecast(IssueInput input) => IssueStatistics.MedianVoter(input.Positions, input.Capabilities, input.Saliences);
}
