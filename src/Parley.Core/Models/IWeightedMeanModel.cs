using Parley.Core.Scenarios;

namespace Parley.Core.Models;

/// <summary>A model whose forecast is a weighted mean of the positions: each actor's share of the outcome is its weight's share.</summary>
public interface IWeightedMeanModel
{
    /// <summary>Each participant's weight on <paramref name="input"/> (≥ 0), in input order.</summary>
    double[] Weights(IssueInput input);
}
