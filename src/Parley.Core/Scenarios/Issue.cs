namespace Parley.Core.Scenarios;

/// <summary>One issue of a negotiation: a one-dimensional scale of possible outcomes.</summary>
/// <param name="Id">Stable identifier, unique in the scenario (used in files and output).</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="Scale">The scale on which positions and forecasts are given.</param>
/// <param name="Description">Optional longer description.</param>
public sealed record Issue(string Id, string Name, Scale Scale, string? Description = null);
