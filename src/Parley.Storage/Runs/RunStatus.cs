namespace Parley.Storage.Runs;

/// <summary>Where a run stands.</summary>
public enum RunStatus
{
    /// <summary>Waiting for a free worker.</summary>
    Queued,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Done; the result is stored.</summary>
    Succeeded,

    /// <summary>Ended without a result; the error says why.</summary>
    Failed,

    /// <summary>Cancelled on request.</summary>
    Cancelled,

    /// <summary>Its server stopped or died before it ended.</summary>
    Interrupted,
}

/// <summary>The stored names of <see cref="RunStatus"/> values.</summary>
public static class RunStatusNames
{
    /// <summary>The name of <paramref name="status"/>, e.g. <c>succeeded</c>.</summary>
    public static string Name(this RunStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The status named <paramref name="name"/>.</summary>
    public static RunStatus Parse(string name) => Enum.Parse<RunStatus>(name, ignoreCase: true);

    /// <summary>True when the run has ended (it will not change again).</summary>
    public static bool IsFinal(this RunStatus status) => status is not (RunStatus.Queued or RunStatus.Running);
}
