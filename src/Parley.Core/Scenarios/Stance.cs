namespace Parley.Core.Scenarios;

/// <summary>An actor's stance on one issue: where it stands and how much it cares.</summary>
/// <param name="ActorId">The actor.</param>
/// <param name="IssueId">The issue.</param>
/// <param name="Position">Position on the issue's scale.</param>
/// <param name="Salience">How much the actor cares, always on 0–1 in the core (readers convert 0–100).</param>
/// <param name="Rationale">Why these numbers: the source sentence they rest on.</param>
/// <param name="PositionSpread">How far the position may be off, when the scenario says so.</param>
/// <param name="SalienceSpread">How far the salience may be off (on 0–1), when the scenario says so.</param>
public sealed record Stance(string ActorId, string IssueId, double Position, double Salience, string? Rationale = null, Spread? PositionSpread = null, Spread? SalienceSpread = null);
