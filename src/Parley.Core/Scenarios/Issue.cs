using System.Collections.Immutable;

namespace Parley.Core.Scenarios;

/// <summary>One issue of a negotiation: a one-dimensional scale of possible outcomes.</summary>
/// <param name="Id">Stable identifier, unique in the scenario (used in files and output).</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="Scale">The scale on which positions and forecasts are given.</param>
/// <param name="Description">Optional longer description.</param>
/// <param name="StatusQuo">Where the issue stands without agreement, if stated.</param>
/// <param name="VetoPlayers">The actors that can block an agreement (copied; null for none).</param>
/// <param name="Outcome">What actually happened, if recorded.</param>
public sealed record Issue(
    string Id,
    string Name,
    Scale Scale,
    string? Description = null,
    StatusQuo? StatusQuo = null,
    IReadOnlyList<VetoPlayer>? VetoPlayers = null,
    RecordedOutcome? Outcome = null)
{
    private readonly IReadOnlyList<VetoPlayer> _vetoPlayers = Copy(VetoPlayers);

    /// <summary>The actors that can block an agreement, in the order given; empty when none.</summary>
    public IReadOnlyList<VetoPlayer> VetoPlayers
    {
        get => _vetoPlayers;
        init => _vetoPlayers = Copy(value);
    }

    /// <summary>True when <paramref name="other"/> has the same fields, veto players compared in order.</summary>
    public bool Equals(Issue? other) =>
        other is not null
        && Id == other.Id && Name == other.Name && Equals(Scale, other.Scale) && Description == other.Description
        && Equals(StatusQuo, other.StatusQuo) && Equals(Outcome, other.Outcome)
        && VetoPlayers.SequenceEqual(other.VetoPlayers);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Name, Scale, Description, StatusQuo, Outcome, VetoPlayers.Count);

    private static ImmutableArray<VetoPlayer> Copy(IReadOnlyList<VetoPlayer>? source) =>
        source is null ? [] : [.. source];
}
