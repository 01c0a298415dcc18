namespace Parley.Core.Scenarios;

/// <summary>A party to the negotiation.</summary>
/// <param name="Id">Stable identifier, unique in the scenario.</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="Capability">How much the actor can bring to bear (≥ 0), unless an issue overrides it.</param>
/// <param name="Description">Optional description.</param>
/// <param name="CapabilityByIssue">Optional per-issue capabilities, keyed by issue id.</param>
/// <param name="CapabilitySpread">How far the capability may be off, when the scenario says so.</param>
public sealed record Actor(
    string Id,
    string Name,
    double Capability,
    string? Description = null,
    IReadOnlyDictionary<string, double>? CapabilityByIssue = null,
    Spread? CapabilitySpread = null)
{
    /// <summary>The actor's capability on the issue <paramref name="issueId"/>.</summary>
    public double CapabilityOn(string issueId) =>
        CapabilityByIssue is not null && CapabilityByIssue.TryGetValue(issueId, out var c) ? c : Capability;
}
