using System.Globalization;
using Parley.Formats.Results;
using Parley.Reports;
using Parley.Storage;
using Parley.Storage.Runs;
using Parley.Web.Runs;

namespace Parley.Web.Api;

/// <summary>
/// <c>/api/runs/{id}/report</c>: the run as one self-contained HTML file, the same as <c>parley report RUN</c>
/// writes; with <c>?advice=JOB[,JOB]</c>, the advice those finished searches found (as <c>--advise</c> adds it),
/// when they were made on the run's own inputs (scenario version and what-if edits).
/// </summary>
internal static class ReportEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{id:long}/report", (long id, string? advice, ParleyStore store, Analysis.AdviceJobs jobs) =>
            {
                var (html, problem) = RunReports.Render(store, id, advice, jobs);
                return html is null
                    ? problem!
                    : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", $"parley-run-{id}.html");
            })
            .WithTags("Runs")
            .WithSummary("The run as a self-contained HTML report (inline CSS and SVG, no external requests), as a download; ?advice=JOB[,JOB] adds the advice of finished /api/advice searches on the run's inputs.")
            .Produces<string>(contentType: "text/html")
            .Produces<ProblemDto>(StatusCodes.Status400BadRequest)
            .Produces<ProblemDto>(StatusCodes.Status404NotFound)
            .Produces<ProblemDto>(StatusCodes.Status409Conflict);
    }

    /// <summary>The advice of the jobs listed in <paramref name="list"/> for run <paramref name="run"/>'s report, or the answer that says why not.</summary>
    internal static (List<AdviceReport>? Advice, IResult? Problem) AdviceFor(RunRecord run, string? list, Analysis.AdviceJobs jobs)
    {
        var advice = new List<AdviceReport>();
        foreach (var text in (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var jobId))
            {
                return (null, ApiResults.Problem(StatusCodes.Status400BadRequest, $"'{text}' in ?advice= is not an advice job's number; expected numbers separated by commas, e.g. ?advice=3,5."));
            }

            if (jobs.Find(jobId) is not { } job)
            {
                return (null, ApiResults.Problem(StatusCodes.Status404NotFound, $"There is no advice job {jobId} (advice is kept in memory while the server runs: search again)."));
            }

            if (job.Advice is not { } report)
            {
                return (null, ApiResults.Problem(StatusCodes.Status409Conflict, $"Advice job {jobId} has no advice: it is {job.Status}."));
            }

            var asked = job.Asked;
            if (asked.Scenario != run.Spec.ScenarioId || asked.Version != run.Spec.ScenarioVersion || !asked.Whatif.SequenceEqual(run.Spec.WhatIf, StringComparer.Ordinal))
            {
                var edits = asked.Whatif.Count == 0 ? "no what-if" : "the what-if " + string.Join(", ", asked.Whatif);
                return (null, ApiResults.Problem(StatusCodes.Status409Conflict,
                    $"Advice job {jobId} was searched on scenario {asked.Scenario} version {asked.Version} with {edits}, not on run {run.Id}'s inputs; a report holds advice on its own run's inputs only."));
            }

            advice.Add(report);
        }

        return (advice, null);
    }
}

/// <summary>The report of a stored run, for the API and for <c>parley report RUN</c>.</summary>
public static class RunReports
{
    /// <summary>The content of stored run <paramref name="id"/>'s report, or the reason there is none (unknown run, not succeeded).</summary>
    public static (ReportContent? Content, string? Problem, int Status) Content(ParleyStore store, long id)
    {
        ArgumentNullException.ThrowIfNull(store);
        var run = store.Runs.Get(id);
        if (run is null)
        {
            return (null, $"There is no run {id}.", StatusCodes.Status404NotFound);
        }

        if (run.Status != RunStatus.Succeeded)
        {
            return (null, $"Run {id} has no result: it is {run.Status.Name()}.", StatusCodes.Status409Conflict);
        }

        var record = store.Scenarios.Version(run.Spec.ScenarioId, run.Spec.ScenarioVersion);
        var scenario = record is null ? null : RunPlanner.ScenarioOf(run.Spec, record);
        var result = store.Runs.Result(id) is { } json ? ReportJson.Read(json) : null;
        if (scenario is null || result is null)
        {
            return (null, $"Run {id}'s scenario or result no longer reads.", StatusCodes.Status409Conflict);
        }

        var origin = string.Create(CultureInfo.InvariantCulture,
            $"Run {id} of scenario {run.Spec.ScenarioId}, version {run.Spec.ScenarioVersion}, made {run.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC in {run.RunMilliseconds ?? 0:0} ms");
        return (new ReportContent(scenario, result) { Origin = origin, WhatIf = run.Spec.WhatIf }, null, StatusCodes.Status200OK);
    }

    /// <summary>
    /// The forecast request stored run <paramref name="id"/> was made with, planned again as the server
    /// planned it (the scenario version with its what-if edits, model options, draws, seed); null for an
    /// unknown run or one whose request no longer plans. What <c>parley report RUN --advise</c> advises on.
    /// </summary>
    public static Core.Run.ForecastRequest? RequestOf(ParleyStore store, long id)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Runs.Get(id) is not { } run)
        {
            return null;
        }

        var s = run.Spec;
        var (plan, _) = RunPlanner.Plan(new Api.RunRequestDto(s.ScenarioId, s.ScenarioVersion, s.Models, s.Draws, s.Seed, s.Rounds, s.Parameters, s.WhatIf, s.Drivers), store, new ServerOptions(), new Scenarios.ScenarioCache());
        return plan?.Request;
    }

    /// <summary>The HTML of stored run <paramref name="id"/>'s report, with the advice of the jobs in <paramref name="advice"/>, or the answer that says why there is none.</summary>
    internal static (string? Html, IResult? Problem) Render(ParleyStore store, long id, string? advice, Analysis.AdviceJobs jobs)
    {
        var (content, problem, status) = Content(store, id);
        if (content is null)
        {
            return (null, ApiResults.Problem(status, problem!));
        }

        var (found, refused) = ReportEndpoints.AdviceFor(store.Runs.Get(id)!, advice, jobs);
        return refused is not null ? (null, refused) : (HtmlReport.Render(content with { Advice = found! }), null);
    }
}
