using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Parley.Core.Run;
using Parley.Storage;
using Parley.Storage.Runs;
using Parley.Web.Runs;
using Parley.Web.Scenarios;

namespace Parley.Web.Api;

/// <summary>
/// <c>/api/runs</c>: queue a run (it runs in the background), read it with its result, follow its
/// progress as server-sent events, cancel it, list the history.
/// </summary>
internal static class RunEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").WithTags("Runs");
        runs.MapPost("/", Create)
            .WithSummary("Queue a run of a scenario version; ?wait=true answers when it has ended (or after the server's wait limit, still running).")
            .Accepts<RunRequestDto>("application/json")
            .Produces<RunCreatedDto>(StatusCodes.Status202Accepted)
            .Produces<RunDto>()
            .Produces<ProblemDto>(StatusCodes.Status400BadRequest)
            .Produces<ProblemDto>(StatusCodes.Status404NotFound)
            .Produces<ProblemDto>(StatusCodes.Status422UnprocessableEntity)
            .Produces<ProblemDto>(StatusCodes.Status429TooManyRequests);
        runs.MapGet("/", List)
            .WithSummary("The run history, newest first (?limit=, ?scenario=); without results.")
            .Produces<List<RunDto>>();
        runs.MapGet("/{id:long}", Show)
            .WithSummary("A run: status, what was asked, timings, and the result (the shape of 'parley forecast --format json'); ?result=false leaves the result out.")
            .Produces<RunDto>()
            .Produces<ProblemDto>(StatusCodes.Status404NotFound);
        runs.MapGet("/{id:long}/events", Events)
            .WithSummary("The run's progress as server-sent events ('progress', then 'status' when it ends).")
            .Produces<RunEventDto>(contentType: "text/event-stream")
            .Produces<ProblemDto>(StatusCodes.Status404NotFound)
            .DisableRequestTimeout();
        runs.MapPost("/{id:long}/cancel", Cancel)
            .WithSummary("Cancel a queued or running run.")
            .Produces<RunEventDto>(StatusCodes.Status202Accepted)
            .Produces<ProblemDto>(StatusCodes.Status404NotFound)
            .Produces<ProblemDto>(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Create(HttpRequest request, bool? wait, ParleyStore store, RunQueue queue, ServerOptions options, ServerInstance instance, ScenarioCache scenarios, DrawCache draws, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RunRequestDto>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (plan, refused) = RunPlanner.Plan(body!, store, options, scenarios, draws);
        if (refused is not null)
        {
            return refused;
        }

        if (!queue.HasRoom)
        {
            return ApiResults.Problem(StatusCodes.Status429TooManyRequests, $"{queue.Waiting} runs are waiting already; try again when some have finished.");
        }

        var record = store.Runs.Create(plan!.Spec, Core.ParleyVersion.Current, instance.Id);
        var live = new LiveRun(record.Id, plan);
        if (!queue.TryEnqueue(live))
        {
            store.Runs.Fail(record.Id, "The run queue was full.");
            return ApiResults.Problem(StatusCodes.Status429TooManyRequests, "The run queue is full; try again when some runs have finished.");
        }

        if (wait == true)
        {
            try
            {
                await live.Done.WaitAsync(options.RunWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Still running: answer with where it stands; the client follows /events or polls.
            }

            var ended = store.Runs.Get(record.Id)!;
            var title = store.Scenarios.Version(ended.Spec.ScenarioId, ended.Spec.ScenarioVersion)?.Title;
            var resultJson = ended.Status == RunStatus.Succeeded ? live.ResultJson ?? store.Runs.Result(ended.Id) : null;
            return Results.Ok(RunDto.Of(ended, title, live.Progress, resultJson));
        }

        return TypedResults.Accepted($"/api/runs/{record.Id}", new RunCreatedDto(record.Id, RunStatus.Queued.Name()));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<List<RunDto>> List(int? limit, long? scenario, ParleyStore store)
    {
        var titles = store.Scenarios.List().ToDictionary(s => s.Id, s => s.Title);
        var runs = store.Runs.List(Math.Clamp(limit ?? 100, 1, 1000), scenario);
        return TypedResults.Ok(runs.Select(r => RunDto.Of(r, titles.GetValueOrDefault(r.Spec.ScenarioId), null, null)).ToList());
    }

    private static IResult Show(long id, bool? result, ParleyStore store, RunQueue queue)
    {
        var run = store.Runs.Get(id);
        return run is null ? ApiResults.NotFound($"There is no run {id}.") : TypedResults.Ok(Describe(run, store, queue, result != false));
    }

    private static IResult Events(long id, ParleyStore store, RunQueue queue, CancellationToken cancellationToken)
    {
        var run = store.Runs.Get(id);
        if (run is null)
        {
            return ApiResults.NotFound($"There is no run {id}.");
        }

        return TypedResults.ServerSentEvents(Stream(id, store, queue, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<RunEventDto>> Stream(long id, ParleyStore store, RunQueue queue, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (queue.Find(id) is { } live)
        {
            var reader = live.Listen();
            try
            {
                await foreach (var e in reader.ReadAllAsync(cancellationToken))
                {
                    yield return new SseItem<RunEventDto>(e, RunStatusNames.Parse(e.Status).IsFinal() ? "status" : "progress");
                }
            }
            finally
            {
                live.Unlisten(reader);
            }

            // The last event may have been dropped from a full stream: end with what the database says.
        }

        // A run that ended, or one that another server runs: the database says where it stands.
        while (!cancellationToken.IsCancellationRequested)
        {
            var run = store.Runs.Get(id)!;
            if (run.Status.IsFinal())
            {
                yield return new SseItem<RunEventDto>(new RunEventDto(id, run.Status.Name(), null, run.Error), "status");
                yield break;
            }

            yield return new SseItem<RunEventDto>(new RunEventDto(id, run.Status.Name(), null, null), "progress");
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static IResult Cancel(long id, ParleyStore store, RunQueue queue)
    {
        var run = store.Runs.Get(id);
        if (run is null)
        {
            return ApiResults.NotFound($"There is no run {id}.");
        }

        if (run.Status.IsFinal())
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, $"Run {id} has already ended ({run.Status.Name()}).");
        }

        if (queue.Find(id) is { } live)
        {
            live.Cancellation.Cancel();
            if (live.Status == RunStatus.Queued && store.Runs.Cancel(id))
            {
                // Not started yet: it ends now; the worker that takes it later skips it.
                live.SetStatus(RunStatus.Cancelled);
                queue.Remove(id);
            }
        }
        else
        {
            // Not this server's: mark it; the server running it sees the mark when it starts the run.
            store.Runs.Cancel(id);
        }

        return TypedResults.Accepted($"/api/runs/{id}", new RunEventDto(id, "cancelling", null, null));
    }

    private static RunDto Describe(RunRecord run, ParleyStore store, RunQueue queue, bool withResult)
    {
        var title = store.Scenarios.Version(run.Spec.ScenarioId, run.Spec.ScenarioVersion)?.Title;
        var progress = queue.Find(run.Id)?.Progress;
        var result = withResult && run.Status == RunStatus.Succeeded ? store.Runs.Result(run.Id) : null;
        return RunDto.Of(run, title, progress, result);
    }
}
