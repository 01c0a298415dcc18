namespace Parley.Core.Scenarios;

/// <summary>The spread of every number that its stance or actor does not give one for.</summary>
/// <param name="PositionSdShare">Standard deviation of positions, as a share of each issue's scale width.</param>
/// <param name="SalienceSd">Standard deviation of saliences, on 0–1.</param>
/// <param name="CapabilitySdShare">Standard deviation of capabilities, as a share of each actor's capability.</param>
public sealed record ScenarioUncertainty(double PositionSdShare = 0, double SalienceSd = 0, double CapabilitySdShare = 0)
{
    /// <summary>No stated uncertainty: every number is taken as written.</summary>
    public static ScenarioUncertainty None { get; } = new();
}
