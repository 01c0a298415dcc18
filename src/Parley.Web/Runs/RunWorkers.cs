using System.Diagnostics;
using Parley.Core.Run;
using Parley.Formats.Results;
using Parley.Storage;
using Parley.Storage.Runs;

namespace Parley.Web.Runs;

/// <summary>
/// Executes queued runs in the background, <see cref="ServerOptions.MaxConcurrentRuns"/> at a time:
/// each through the core's run layer, its result stored as <c>parley forecast --format json</c>
/// writes it. A run that throws is a bug: it is stored as failed with the message and logged.
/// </summary>
internal sealed partial class RunWorkers(RunQueue queue, ParleyStore store, ServerOptions options, ILogger<RunWorkers> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.MaxConcurrentRuns).Select(_ => Task.Factory.StartNew(() => WorkAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var run in queue.All)
        {
            // Runs still queued when the server stops are marked interrupted in the database by the heartbeat's last act.
            run.SetStatus(RunStatus.Interrupted, "The server stopped before the run ended.");
            queue.Remove(run.Id);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            LiveRun run;
            try
            {
                run = await queue.TakeAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Execute(run, stoppingToken);
        }
    }

    private void Execute(LiveRun run, CancellationToken stoppingToken)
    {
        try
        {
            if (run.Cancellation.IsCancellationRequested || !store.Runs.Start(run.Id))
            {
                store.Runs.Cancel(run.Id);
                run.SetStatus(store.Runs.Get(run.Id)?.Status ?? RunStatus.Cancelled);
                return;
            }

            run.SetStatus(RunStatus.Running);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation.Token, stoppingToken);
            var clock = Stopwatch.StartNew();
            try
            {
                var outcome = ForecastRunner.Run(run.Plan.Request, run, linked.Token);
                // The shape of 'parley forecast --format json', without its indentation (a third smaller, quicker to write).
                var json = System.Text.Json.JsonSerializer.Serialize(ForecastReport.Create(outcome, run.Plan.Notes));
                var ms = clock.Elapsed.TotalMilliseconds;
                if (outcome.Succeeded.Any())
                {
                    store.Runs.Succeed(run.Id, json, ms);
                    run.ResultJson = json;
                    run.SetStatus(RunStatus.Succeeded);
                }
                else
                {
                    var why = string.Join(" ", outcome.Failed.Select(f => $"{f.Model}: {string.Join("; ", f.Problems.Where(p => p.Severity == Core.Diagnostics.DiagnosticSeverity.Error).Select(p => p.Message))}"));
                    var error = $"No model could run the scenario. {why}";
                    store.Runs.Fail(run.Id, error, ms);
                    run.SetStatus(RunStatus.Failed, error);
                }
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    run.SetStatus(RunStatus.Interrupted, "The server stopped before the run ended.");
                }
                else
                {
                    store.Runs.Cancel(run.Id);
                    run.SetStatus(RunStatus.Cancelled);
                }
            }
        }
#pragma warning disable CA1031 // A bug in one run must not stop the worker: it is stored, logged and reported.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRunFailed(e, run.Id);
            var error = $"internal error: {e.Message} (this is a bug in Parley; please report it with the scenario)";
            try
            {
                store.Runs.Fail(run.Id, error);
            }
#pragma warning disable CA1031 // The database itself may be what failed; the run is still reported as failed to its listeners.
            catch (Exception inner)
#pragma warning restore CA1031
            {
                LogRunFailed(inner, run.Id);
            }

            run.SetStatus(RunStatus.Failed, error);
        }
        finally
        {
            queue.Remove(run.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed with an exception.")]
    private partial void LogRunFailed(Exception exception, long runId);
}
