namespace Parley.Core.Scenarios;

/// <summary>An actor's stance on one issue: where it stands and how much it cares.</summary>
/// <param name="ActorId">The actor.</param>
/// <param name="IssueId">The issue.</param>
/// <param name="Position">Position on the issue's scale.</param>
/// <param name="Salience">How much the actor cares, always on 0–1 in the core (readers convert 0–100).</param>
/// <param name="Rationale">Why these numbers: the source sentence they rest on.</param>
/// <param name="PositionSpread">How uncertain the position is, on the issue's scale; null takes the scenario's default.</param>
/// <param name="SalienceSpread">How uncertain the salience is, on 0–1; null takes the scenario's default.</param>
public sealed record Stance(
    string ActorId,
    string IssueId,
    double Position,
    double Salience,
    string? Rationale = null,
    Spread? PositionSpread = null,
    Spread? SalienceSpread = null);
