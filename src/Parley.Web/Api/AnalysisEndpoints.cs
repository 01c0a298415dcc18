using Microsoft.Extensions.Options;
using Parley.Core.Advice;
using Parley.Core.Diagnostics;
using Parley.Core.Explain;
using Parley.Core.Models;
using Parley.Core.Text;
using Parley.Formats.Results;
using Parley.Storage;
using Parley.Web.Analysis;
using Parley.Web.Runs;
using Parley.Web.Scenarios;

namespace Parley.Web.Api;

/// <summary>
/// <c>/api/advice</c> and <c>/api/explain</c>: the core's advice for one actor (<see cref="AdviceSearch"/>,
/// in the background, as runs are) and its explanation of why each actor moved (<see cref="Explainer"/>),
/// on a stored scenario version with what-if edits, answered with the JSON of <c>parley advise
/// --format json</c> and <c>parley explain --format json</c>. The server computes nothing itself.
/// </summary>
internal static class AnalysisEndpoints
{
    /// <summary>The model explained when none is named, as <c>parley explain</c> chooses it.</summary>
    public const string DefaultExplainModel = "scholz2011";

    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var advice = app.MapGroup("/api/advice").WithTags("Analysis");
        advice.MapPost("/", Advise)
            .WithSummary("Start an advice search for one actor (in the background); ?wait=true answers when it has ended (or after the server's wait limit, still running). The result is the JSON of 'parley advise --format json'.")
            .Accepts<AdviceRequestDto>("application/json")
            .Produces<AdviceJobDto>(StatusCodes.Status202Accepted)
            .Produces<AdviceJobDto>()
            .Produces<ProblemDto>(StatusCodes.Status400BadRequest)
            .Produces<ProblemDto>(StatusCodes.Status404NotFound)
            .Produces<ProblemDto>(StatusCodes.Status422UnprocessableEntity)
            .Produces<ProblemDto>(StatusCodes.Status429TooManyRequests);
        advice.MapGet("/{id:long}", (long id, AdviceJobs jobs) => jobs.Find(id) is { } job ? Results.Ok(job.Describe()) : ApiResults.NotFound($"There is no advice search {id} on this server."))
            .WithSummary("An advice search: status, progress (issues done), and the result once it succeeded (the JSON of 'parley advise --format json').")
            .Produces<AdviceJobDto>()
            .Produces<ProblemDto>(StatusCodes.Status404NotFound);
        advice.MapPost("/{id:long}/cancel", Cancel)
            .WithSummary("Cancel an advice search that has not ended.")
            .Produces<AdviceJobDto>(StatusCodes.Status202Accepted)
            .Produces<ProblemDto>(StatusCodes.Status404NotFound)
            .Produces<ProblemDto>(StatusCodes.Status409Conflict);
        app.MapPost("/api/explain", Explain).WithTags("Analysis")
            .WithSummary("Why each actor moved in one iterative model's run on one issue: every move with its cause, the offers refused, who challenged whom, the coalitions (the JSON of 'parley explain --format json').")
            .Accepts<ExplainRequestDto>("application/json")
            .Produces<RawJson>()
            .Produces<ProblemDto>(StatusCodes.Status400BadRequest)
            .Produces<ProblemDto>(StatusCodes.Status404NotFound)
            .Produces<ProblemDto>(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> Advise(HttpRequest request, bool? wait, ParleyStore store, ScenarioCache scenarios, ServerOptions options, AdviceJobs jobs, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AdviceRequestDto>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (inputs, problems, answer) = RequestInputs.Resolve(store, scenarios, body!.Scenario, body.Version, body.Rounds, body.Parameters, body.Whatif, allowTimed: false);
        if (answer is not null)
        {
            return answer;
        }

        var model = Model(body.Model, AdviceRequest.DefaultModel, problems);
        var draws = body.Draws ?? Core.Run.ForecastRequest.DefaultDraws;
        if (draws < 0 || draws > options.DrawLimit)
        {
            problems.Add(Diagnostic.Error($"Cannot make {draws} input draws here.", expected: $"a number of draws from 0 to {options.DrawLimit}"));
        }

        if (string.IsNullOrWhiteSpace(body.Actor) && inputs is not null)
        {
            problems.Add(Diagnostic.Error("Advice needs the actor to advise ('actor').", expected: "one of the actors: " + string.Join(", ", inputs.Scenario.Actors.Select(a => a.Id))));
        }

        if (problems.Count > 0 || inputs is null || model is null)
        {
            return ApiResults.Invalid("The advice cannot be searched.", problems);
        }

        var advice = new AdviceRequest(inputs.Scenario, body.Actor!)
        {
            IssueId = body.Issue,
            Model = model,
            Options = inputs.Options,
            Draws = draws,
            Seed = body.Seed ?? inputs.Source.Seed ?? ModelOptions.DefaultSeed,
            Grid = body.Fine == true ? AdviceGrid.Fine : AdviceGrid.Default,
            MaxDegreeOfParallelism = options.ThreadsPerRun,
        };
        var invalid = AdviceSearch.Validate(advice);
        if (invalid.Count > 0)
        {
            return ApiResults.Invalid("The advice cannot be searched.", invalid);
        }

        var asked = new AdviceAskedDto(inputs.Record.ScenarioId, inputs.Record.Version, advice.ActorId, advice.IssueId, model.Name, draws, advice.Seed, [.. body.Whatif ?? []], body.Fine == true);
        var job = jobs.Start(advice, asked, inputs.Scenario.Title);
        if (job is null)
        {
            return ApiResults.Problem(StatusCodes.Status429TooManyRequests, $"{AdviceJobs.MaxPending} advice searches are waiting or running already; try again when some have finished.");
        }

        if (wait == true)
        {
            try
            {
                await job.Done.WaitAsync(options.RunWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Still searching: answer with where it stands; the client polls GET /api/advice/{id}.
            }

            return Results.Ok(job.Describe());
        }

        return TypedResults.Accepted($"/api/advice/{job.Id}", job.Describe());
    }

    private static IResult Cancel(long id, AdviceJobs jobs)
    {
        if (jobs.Find(id) is not { } job)
        {
            return ApiResults.NotFound($"There is no advice search {id} on this server.");
        }

        if (job.Ended)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, $"Advice search {id} has already ended ({job.Status}).");
        }

        job.Cancellation.Cancel();
        return TypedResults.Accepted($"/api/advice/{id}", job.Describe());
    }

    private static async Task<IResult> Explain(HttpRequest request, ParleyStore store, ScenarioCache scenarios, AnalysisGate gate, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ExplainRequestDto>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (inputs, problems, answer) = RequestInputs.Resolve(store, scenarios, body!.Scenario, body.Version, body.Rounds, body.Parameters, body.Whatif);
        if (answer is not null)
        {
            return answer;
        }

        var model = Model(body.Model, ModelCatalog.Find(DefaultExplainModel)!, problems);
        if (problems.Count > 0 || inputs is null || model is null)
        {
            return ApiResults.Invalid("The run cannot be explained.", problems);
        }

        var scenario = inputs.Scenario;
        if (Explainer.IssueProblem(scenario, body.Issue) is { } issueProblem)
        {
            return ApiResults.Invalid("The run cannot be explained.", [issueProblem]);
        }

        var modelOptions = inputs.Options with { Seed = body.Seed ?? inputs.Source.Seed ?? ModelOptions.DefaultSeed };
        var check = Explainer.Check(scenario, body.Issue, model, modelOptions);
        if (check.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return ApiResults.Invalid($"Model '{model.Name}' cannot explain this scenario.", check.Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        var explanation = await gate.RunAsync(() => Explainer.Explain(scenario, body.Issue, model, modelOptions, cancellationToken), cancellationToken);
        return TypedResults.Text(ExplanationReportWriter.ToJson(ExplanationReport.Create(explanation)), "application/json; charset=utf-8");
    }

    private static IForecastModel? Model(string? name, IForecastModel fallback, List<Diagnostic> problems)
    {
        if (string.IsNullOrEmpty(name))
        {
            return fallback;
        }

        if (ModelCatalog.Find(name) is { } model)
        {
            return model;
        }

        problems.Add(Diagnostic.Error($"Unknown model '{name}'.{DidYouMean.Hint(name, ModelCatalog.Names)}", expected: "one of: " + string.Join(", ", ModelCatalog.Names)));
        return null;
    }
}
