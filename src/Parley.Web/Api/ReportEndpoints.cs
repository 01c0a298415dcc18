using System.Globalization;
using Parley.Reports;
using Parley.Storage;
using Parley.Storage.Runs;
using Parley.Web.Runs;

namespace Parley.Web.Api;

/// <summary><c>/api/runs/{id}/report</c>: the run as one self-contained HTML file, the same as <c>parley report RUN</c> writes.</summary>
internal static class ReportEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{id:long}/report", (long id, ParleyStore store) =>
            {
                var (html, problem) = RunReports.Render(store, id);
                return html is null
                    ? problem!
                    : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", $"parley-run-{id}.html");
            })
            .WithTags("Runs")
            .WithSummary("The run as a self-contained HTML report (inline CSS and SVG, no external requests), as a download.")
            .Produces<string>(contentType: "text/html")
            .Produces<ProblemDto>(StatusCodes.Status404NotFound)
            .Produces<ProblemDto>(StatusCodes.Status409Conflict);
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

    /// <summary>The HTML of stored run <paramref name="id"/>'s report, or the answer that says why there is none.</summary>
    internal static (string? Html, IResult? Problem) Render(ParleyStore store, long id)
    {
        var (content, problem, status) = Content(store, id);
        return content is null ? (null, ApiResults.Problem(status, problem!)) : (HtmlReport.Render(content), null);
    }
}
