using System.Globalization;
using Parley.Core.Models.Baselines;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.Best;

/// <summary>
/// The compromise model with exponents on its weights: Σ cᵢ^α sᵢ^β xᵢ / Σ cᵢ^α sᵢ^β. α = β = 1 is
/// the compromise model, α = 0, β = 1 the salience-weighted mean, α = β = 0 the mean. 0⁰ counts as
/// 1, so with β = 0 an actor of salience 0 still takes part. When every weight is 0 the unweighted
/// mean is returned.
/// </summary>
public sealed class PowerCompromiseModel : StaticModel, IWeightedMeanModel
{
    /// <summary>Creates the model with capability exponent <paramref name="capabilityExponent"/> and salience exponent <paramref name="salienceExponent"/> (both finite, ≥ 0).</summary>
    public PowerCompromiseModel(double capabilityExponent, double salienceExponent)
    {
        Preconditions.Finite(capabilityExponent, nameof(capabilityExponent));
        Preconditions.Finite(salienceExponent, nameof(salienceExponent));
        Preconditions.Check(capabilityExponent >= 0, nameof(capabilityExponent), "The capability exponent cannot be negative.");
        Preconditions.Check(salienceExponent >= 0, nameof(salienceExponent), "The salience exponent cannot be negative.");
        CapabilityExponent = capabilityExponent;
        SalienceExponent = salienceExponent;
        Name = string.Create(CultureInfo.InvariantCulture, $"compromise-c{capabilityExponent}-s{salienceExponent}");
    }

    /// <summary>The exponent α on capabilities.</summary>
    public double CapabilityExponent { get; }

    /// <summary>The exponent β on saliences.</summary>
    public double SalienceExponent { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"Weighted mean with weights capability^{CapabilityExponent} × salience^{SalienceExponent}.");

    /// <inheritdoc />
    public override string Source => "Compromise model (van den Bos 1991; Achen 2006) with exponents on its weights; see docs/validation.md.";

    /// <inheritdoc />
    public override double Forecast(IssueInput input) => IssueStatistics.WeightedMean(Preconditions.NotNull(input, nameof(input)).Positions, Weights(input));

    /// <inheritdoc />
    public double[] Weights(IssueInput input)
    {
        Preconditions.NotNull(input, nameof(input));
        var w = new double[input.Count];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = Math.Pow(input.Capabilities[i], CapabilityExponent) * Math.Pow(input.Saliences[i], SalienceExponent);
        }

        return w;
    }
}

/// <summary>A fixed mixture λ·compromise + (1 − λ)·weighted median voter.</summary>
public sealed class CompromiseMedianVoterMixture : StaticModel
{
    /// <summary>Creates the mixture with weight <paramref name="compromiseWeight"/> (in [0, 1]) on the compromise model.</summary>
    public CompromiseMedianVoterMixture(double compromiseWeight)
    {
        Preconditions.Finite(compromiseWeight, nameof(compromiseWeight));
        Preconditions.Check(compromiseWeight is >= 0 and <= 1, nameof(compromiseWeight), "The mixture weight must lie in [0, 1].");
        CompromiseWeight = compromiseWeight;
        Name = string.Create(CultureInfo.InvariantCulture, $"mix-compromise{compromiseWeight}-median-voter");
    }

    /// <summary>The weight λ on the compromise model.</summary>
    public double CompromiseWeight { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"{CompromiseWeight} × compromise + {1 - CompromiseWeight} × weighted median voter.");

    /// <inheritdoc />
    public override string Source => "Mixture of two baselines (Thomson et al., The European Union Decides, 2006); see docs/validation.md.";

    /// <inheritdoc />
    public override double Forecast(IssueInput input)
    {
        Preconditions.NotNull(input, nameof(input));
        return (CompromiseWeight * IssueStatistics.WeightedMean(input.Positions, input.Capabilities, input.Saliences))
            + ((1 - CompromiseWeight) * IssueStatistics.MedianVoter(input.Positions, input.Capabilities, input.Saliences));
    }
}
