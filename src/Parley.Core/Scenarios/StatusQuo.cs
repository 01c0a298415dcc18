namespace Parley.Core.Scenarios;

/// <summary>Where an issue stands if no agreement is reached: the outcome a veto player can fall back on.</summary>
/// <param name="Position">The status quo on the scale.</param>
/// <param name="Rationale">Why it sits there: the source it rests on.</param>
public sealed record StatusQuo(double Position, string? Rationale = null);
