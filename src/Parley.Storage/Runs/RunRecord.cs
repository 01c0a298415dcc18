namespace Parley.Storage.Runs;

/// <summary>A stored run: what was asked, by which Parley, when it ran and how it ended. The result itself is read with <see cref="RunStore.Result"/>.</summary>
/// <param name="Id">The run.</param>
/// <param name="Spec">What the run was asked to do.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="ParleyVersion">The Parley that made (or will make) the run.</param>
/// <param name="Owner">The server instance that runs it.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="StartedAt">When it started; null while queued.</param>
/// <param name="FinishedAt">When it ended; null until then.</param>
/// <param name="RunMilliseconds">How long the run itself took (without the wait in the queue); null until it ended.</param>
/// <param name="Error">Why it failed; null otherwise.</param>
/// <param name="ResultBytes">The size of the result JSON in bytes; null without a result.</param>
public sealed record RunRecord(
    long Id,
    RunSpec Spec,
    RunStatus Status,
    string ParleyVersion,
    string Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? RunMilliseconds,
    string? Error,
    long? ResultBytes)
{
    /// <summary>How long the run waited for a worker; null while queued.</summary>
    public TimeSpan? Wait => StartedAt - CreatedAt;
}
