using System.Collections.Concurrent;
using Parley.Core.Advice;
using Parley.Formats.Results;

namespace Parley.Web.Analysis;

/// <summary>
/// The advice searches of this server: started in the background through <see cref="AnalysisGate"/>
/// (as many at once as runs), at most <see cref="MaxPending"/> waiting or running, and the last
/// <see cref="MaxKept"/> that ended kept to be read. A search is the core's
/// <see cref="AdviceSearch.Run"/>; its result is written by <see cref="AdviceReportWriter"/>, as
/// <c>parley advise --format json</c> writes it.
/// </summary>
internal sealed partial class AdviceJobs : IDisposable
{
    /// <summary>Searches that may wait or run at once; beyond this a new one is refused (429).</summary>
    public const int MaxPending = 50;

    /// <summary>Searches that ended and are kept to be read; the oldest go first.</summary>
    public const int MaxKept = 200;

    private readonly ConcurrentDictionary<long, AdviceJob> _jobs = new();
    private readonly AnalysisGate _gate;
    private readonly ILogger<AdviceJobs> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenRegistration _stopRegistration;
    private readonly object _lock = new();
    private long _next;

    /// <summary>Creates the registry; every search is cancelled when the server stops.</summary>
    public AdviceJobs(AnalysisGate gate, IHostApplicationLifetime lifetime, ILogger<AdviceJobs> logger)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        _gate = gate;
        _logger = logger;
        _stopRegistration = lifetime.ApplicationStopping.Register(_stopping.Cancel);
    }

    /// <summary>The job with number <paramref name="id"/>, if this server still has it.</summary>
    public AdviceJob? Find(long id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>Starts a search of <paramref name="request"/> (which must pass <see cref="AdviceSearch.Validate"/>); null when too many are pending.</summary>
    public AdviceJob? Start(AdviceRequest request, Api.AdviceAskedDto asked, string title)
    {
        AdviceJob job;
        lock (_lock)
        {
            if (_jobs.Values.Count(j => !j.Ended) >= MaxPending)
            {
                return null;
            }

            job = new AdviceJob(++_next, request, asked, title);
            _jobs[job.Id] = job;
            Forget();
        }

        _ = Task.Run(() => ExecuteAsync(job));
        return job;
    }

    private async Task ExecuteAsync(AdviceJob job)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(job.Cancellation.Token, _stopping.Token);
        try
        {
            var (json, report) = await _gate.RunAsync(
                () =>
                {
                    job.Start();
                    var advice = AdviceSearch.Run(job.Request, job, linked.Token);
                    var report = AdviceReport.Create(advice, job.Title);
                    return (AdviceReportWriter.ToJson(report), report);
                },
                linked.Token);
            job.End("succeeded", json, report: report);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            job.End("cancelled", error: _stopping.IsCancellationRequested ? "The server stopped before the advice was found." : null);
        }
#pragma warning disable CA1031 // A bug in one search must not go unreported: it is logged and the job fails with the message.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(e, job.Id);
            job.End("failed", error: $"internal error: {e.Message} (this is a bug in Parley; please report it with the scenario)");
        }
    }

    /// <summary>Drops the oldest ended jobs beyond <see cref="MaxKept"/>. Called under the lock.</summary>
    private void Forget()
    {
        var ended = _jobs.Values.Where(j => j.Ended).OrderBy(j => j.Id).ToList();
        foreach (var job in ended.Take(Math.Max(0, ended.Count - MaxKept)))
        {
            _jobs.TryRemove(job.Id, out _);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopRegistration.Dispose();
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Advice search {JobId} failed with an exception.")]
    private partial void LogFailed(Exception exception, long jobId);
}
