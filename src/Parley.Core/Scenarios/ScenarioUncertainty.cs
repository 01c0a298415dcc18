namespace Parley.Core.Scenarios;

/// <summary>
/// The scenario-wide uncertainty of every number that a stance or actor gives no spread for.
/// Each default is a normal spread; zero (the default) means "held fixed".
/// </summary>
/// <param name="PositionSdShare">Standard deviation of a position as a share of its issue's scale width (≥ 0).</param>
/// <param name="SalienceSd">Standard deviation of a salience, absolute on 0–1 (≥ 0; readers convert a percent file's value).</param>
/// <param name="CapabilitySdShare">Standard deviation of a capability as a share of that capability (≥ 0).</param>
public sealed record ScenarioUncertainty(double PositionSdShare = 0, double SalienceSd = 0, double CapabilitySdShare = 0)
{
    /// <summary>No default uncertainty: numbers without a stated spread are held fixed.</summary>
    public static ScenarioUncertainty None { get; } = new();

    /// <summary>True when every default is zero.</summary>
    public bool IsNone => PositionSdShare == 0 && SalienceSd == 0 && CapabilitySdShare == 0;
}
