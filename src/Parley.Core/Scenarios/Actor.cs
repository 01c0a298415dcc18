using System.Collections.ObjectModel;

namespace Parley.Core.Scenarios;

/// <summary>A party to the negotiation.</summary>
/// <param name="Id">Stable identifier, unique in the scenario.</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="Capability">How much the actor can bring to bear (≥ 0), unless an issue overrides it.</param>
/// <param name="Description">Optional description.</param>
/// <param name="CapabilityByIssue">Optional per-issue capabilities, keyed by issue id (copied, in the order given).</param>
/// <param name="CapabilitySpread">How uncertain <paramref name="Capability"/> is; null takes the scenario's default.</param>
public sealed record Actor(
    string Id,
    string Name,
    double Capability,
    string? Description = null,
    IReadOnlyDictionary<string, double>? CapabilityByIssue = null,
    Spread? CapabilitySpread = null)
{
    private readonly IReadOnlyDictionary<string, double>? _capabilityByIssue = Copy(CapabilityByIssue);

    /// <summary>Per-issue capabilities, keyed by issue id, in the order given; null when there are none.</summary>
    public IReadOnlyDictionary<string, double>? CapabilityByIssue
    {
        get => _capabilityByIssue;
        init => _capabilityByIssue = Copy(value);
    }

    /// <summary>The actor's capability on the issue <paramref name="issueId"/>.</summary>
    public double CapabilityOn(string issueId) =>
        CapabilityByIssue is not null && CapabilityByIssue.TryGetValue(issueId, out var c) ? c : Capability;

    /// <summary>True when <paramref name="other"/> has the same fields, per-issue capabilities compared entry by entry.</summary>
    public bool Equals(Actor? other) =>
        other is not null
        && Id == other.Id && Name == other.Name && Capability.Equals(other.Capability) && Description == other.Description
        && Equals(CapabilitySpread, other.CapabilitySpread)
        && SameEntries(CapabilityByIssue, other.CapabilityByIssue);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Name, Capability, Description, CapabilitySpread, CapabilityByIssue?.Count ?? 0);

    private static bool SameEntries(IReadOnlyDictionary<string, double>? a, IReadOnlyDictionary<string, double>? b)
    {
        var left = a ?? ReadOnlyDictionary<string, double>.Empty;
        var right = b ?? ReadOnlyDictionary<string, double>.Empty;
        return left.Count == right.Count && left.All(p => right.TryGetValue(p.Key, out var v) && v.Equals(p.Value));
    }

    private static ReadOnlyDictionary<string, double>? Copy(IReadOnlyDictionary<string, double>? source)
    {
        if (source is null)
        {
            return null;
        }

        var copy = new Dictionary<string, double>(source.Count, StringComparer.Ordinal);
        foreach (var (issueId, capability) in source)
        {
            copy.Add(issueId, capability);
        }

        return copy.AsReadOnly();
    }
}
