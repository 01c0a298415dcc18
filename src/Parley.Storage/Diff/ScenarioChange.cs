namespace Parley.Storage.Diff;

/// <summary>What happened to a part of a scenario between two versions.</summary>
public enum ChangeKind
{
    /// <summary>It is new in the later version.</summary>
    Added,

    /// <summary>It is gone in the later version.</summary>
    Removed,

    /// <summary>Its value differs.</summary>
    Changed,
}

/// <summary>One difference between two versions of a scenario.</summary>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Path">Where, in the scenario format's keys, e.g. <c>actors.kim.stances.sanctions.position</c>.</param>
/// <param name="ActorId">The actor concerned, if any.</param>
/// <param name="IssueId">The issue concerned, if any.</param>
/// <param name="Before">The earlier value as text; null when added.</param>
/// <param name="After">The later value as text; null when removed.</param>
/// <param name="Delta">After minus before, for a number that changed; null otherwise.</param>
public sealed record ScenarioChange(ChangeKind Kind, string Path, string? ActorId, string? IssueId, string? Before, string? After, double? Delta = null);
