using Parley.Core.Advice;
using Parley.Formats.Results;
using Parley.Web.Api;

namespace Parley.Web.Analysis;

/// <summary>
/// One advice search this server runs in the background: what was asked, where it stands, how far
/// it has got (issues done of the issues to advise on), and its result, the JSON of
/// <c>parley advise --format json</c>. Kept in memory only; advice is not part of the run history.
/// </summary>
internal sealed class AdviceJob : IProgress<AdviceProgress>
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates job <paramref name="id"/> for <paramref name="request"/>.</summary>
    public AdviceJob(long id, AdviceRequest request, AdviceAskedDto asked, string title)
    {
        Id = id;
        Request = request;
        Asked = asked;
        Title = title;
    }

    /// <summary>The job's number on this server.</summary>
    public long Id { get; }

    /// <summary>The core's request.</summary>
    public AdviceRequest Request { get; }

    /// <summary>What was asked, as the API names it.</summary>
    public AdviceAskedDto Asked { get; }

    /// <summary>The scenario's title (the report's <c>scenario</c>).</summary>
    public string Title { get; }

    /// <summary>Cancelled when someone cancels the job or the server stops.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>queued, running, succeeded, failed or cancelled.</summary>
    public string Status { get; private set; } = "queued";

    /// <summary>How far it has got.</summary>
    public AdviceProgressDto? Progress { get; private set; }

    /// <summary>The result once it succeeded: the JSON of <c>parley advise --format json</c>.</summary>
    public string? ResultJson { get; private set; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; private set; }

    /// <summary>Completes when the job ends.</summary>
    public Task Done => _done.Task;

    /// <summary>True once it has ended.</summary>
    public bool Ended => _done.Task.IsCompleted;

    /// <inheritdoc />
    public void Report(AdviceProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Progress = new AdviceProgressDto(value.Done, value.Total, value.Total > 0 ? (double)value.Done / value.Total : 1);
    }

    /// <summary>Marks it running.</summary>
    public void Start() => Status = "running";

    /// <summary>The advice found, for a report (null until it succeeds).</summary>
    public AdviceReport? Advice { get; private set; }

    /// <summary>Ends it with <paramref name="status"/>, its result (as JSON and as the report's advice) or its error.</summary>
    public void End(string status, string? resultJson = null, string? error = null, AdviceReport? report = null)
    {
        Advice = report;
        ResultJson = resultJson;
        Error = error;
        Status = status;
        _done.TrySetResult();
    }

    /// <summary>The API form of the job.</summary>
    public AdviceJobDto Describe() => new(Id, Status, Asked, Progress, Error, ResultJson is null ? null : new RawJson(ResultJson));
}
