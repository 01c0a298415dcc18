namespace Parley.Core.Scenarios;

/// <summary>An actor that can block any agreement on an issue, leaving the status quo in place.</summary>
/// <param name="ActorId">The actor's id.</param>
/// <param name="Rationale">Why it can block: the source it rests on.</param>
public sealed record VetoPlayer(string ActorId, string? Rationale = null);
