namespace Parley.Core.Scenarios;

/// <summary>What actually happened on an issue, for scoring forecasts against it.</summary>
/// <param name="Position">The outcome on the scale.</param>
/// <param name="Record">One sentence of the public record it rests on.</param>
public sealed record RecordedOutcome(double Position, string? Record = null);
