namespace Parley.Core.Scenarios.Edits;

/// <summary>What an edit names: an actor, an issue (or none, for a capability on every issue) and a field.</summary>
/// <param name="ActorId">The actor.</param>
/// <param name="IssueId">The issue, or null for an actor's capability on every issue.</param>
/// <param name="Field">The number.</param>
public sealed record EditTarget(string ActorId, string? IssueId, EditField Field)
{
    /// <summary>The edit that sets or scales this target by <paramref name="value"/>.</summary>
    public SetValueEdit ToEdit(EditOperation operation, double value, int? afterRound = null) =>
        new(ActorId, IssueId, Field, operation, value, afterRound);
}
