using System.CommandLine;
using Parley.Cli.Output;
using Parley.Core.Advice;
using Parley.Core.Run;
using Parley.Formats.Results;
using Parley.Reports;
using Parley.Web.Api;

namespace Parley.Cli.Commands;

/// <summary>
/// <c>parley report SCENARIO|RUN --out report.html [--advise ACTOR[,ACTOR]]</c>: one self-contained
/// HTML file — a scenario forecast now (with the options of <c>forecast</c>), or a run of the history
/// by its number — with the core's advice for the actors named, as <c>parley advise</c> finds it.
/// </summary>
internal static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("scenario-or-run") { Description = "A scenario file or bundled scenario name (forecast now), or the number of a run in the history (see 'parley history')." };
        var run = new RunOptions();
        var db = HistoryDatabase.Option();
        var advise = new Option<string[]>("--advise")
        {
            Description = $"Add the advice for these actors (ids, comma-separated or repeated), as 'parley advise' finds it: on the same draws, seed and options; with the one model named by --model, else {AdviceRequest.DefaultModel.Name}.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("report", "Write a forecast as one self-contained HTML file: the scenario with its rationales, each forecast in words with its interval, charts, drivers, advice for the actors named with --advise, notes, seed and version.")
        {
            target, db, advise,
        };
        run.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var name = parse.GetValue(target)!;
            var outPath = parse.GetValue(run.Out);
            if (outPath is null)
            {
                return Task.FromResult(context.UsageError("report needs --out FILE.html (the report is one HTML file)."));
            }

            var actors = (parse.GetValue(advise) ?? []).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
            ReportContent? content;
            List<AdviceRequest> adviceRequests = [];
            if (long.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var runId) && !File.Exists(name))
            {
                var store = HistoryDatabase.Open(HistoryDatabase.PathOf(parse.GetValue(db)), context, mustExist: true, out var code);
                if (store is null)
                {
                    return Task.FromResult(code);
                }

                (content, var problem, _) = RunReports.Content(store, runId);
                if (content is null)
                {
                    context.Error.WriteLine($"error: {problem}");
                    return Task.FromResult(ExitCodes.InvalidInput);
                }

                if (actors.Count > 0)
                {
                    if (RunReports.RequestOf(store, runId) is not { } asked)
                    {
                        context.Error.WriteLine($"error: run {runId}'s request no longer plans (its scenario, models or edits do not read), so it cannot be advised on.");
                        return Task.FromResult(ExitCodes.InvalidInput);
                    }

                    if (PlanAdvice(asked, actors, context, out code) is not { } planned)
                    {
                        return Task.FromResult(code);
                    }

                    adviceRequests = planned;
                }
            }
            else
            {
                var named = run.ResolveModels(parse, context, out var code);
                if (named is null)
                {
                    return Task.FromResult(code);
                }

                var notes = new List<string>();
                var source = ScenarioInput.Load(name, parse.GetValue(run.InputFormat)!, context, notes);
                if (source is null)
                {
                    return Task.FromResult(ExitCodes.InvalidInput);
                }

                var request = run.Build(parse, source, named, context, out code);
                if (request is null)
                {
                    return Task.FromResult(code);
                }

                if (actors.Count > 0)
                {
                    if (PlanAdvice(request, actors, context, out code) is not { } planned)
                    {
                        return Task.FromResult(code);
                    }

                    adviceRequests = planned;
                }

                var outcome = RunOptions.Run(request, context, cancellationToken);
                RunOptions.ReportFailures(outcome, context);
                if (!outcome.Succeeded.Any())
                {
                    return Task.FromResult(ExitCodes.InvalidInput);
                }

                content = new ReportContent(source.Scenario, ForecastReport.Create(outcome, notes));
            }

            var advice = new List<AdviceReport>(adviceRequests.Count);
            foreach (var request in adviceRequests)
            {
                using var progress = context.Interactive ? new ProgressLine(context.Error) : null;
                advice.Add(AdviceReport.Create(AdviceSearch.Run(request, progress, cancellationToken), request.Scenario.Title));
            }

            content = content with { Advice = advice };

            return Task.FromResult(OutputFile.Write(outPath, HtmlReport.Render(content), context));
        });
        return command;
    }

    /// <summary>
    /// The advice requests for <paramref name="actors"/> on the scenario of <paramref name="forecast"/>, with its
    /// options, draws and seed, and its one model (else advise's default); null, with the exit code, when an
    /// actor is unknown (a usage error, as for <c>parley advise</c>) or the model cannot run the scenario.
    /// </summary>
    private static List<AdviceRequest>? PlanAdvice(ForecastRequest forecast, IReadOnlyList<string> actors, CliContext context, out int exitCode)
    {
        var model = forecast.Models.Count == 1 ? forecast.Models[0] : AdviceRequest.DefaultModel;
        var requests = actors.Select(actor => new AdviceRequest(forecast.Scenario, actor)
        {
            Model = model,
            Options = forecast.Options,
            Draws = forecast.Draws,
            Seed = forecast.Seed,
            MaxDegreeOfParallelism = forecast.MaxDegreeOfParallelism,
        }).ToList();
        var problems = requests.SelectMany(AdviceSearch.Validate).ToList();
        exitCode = ExitCodes.Success;
        if (problems.Count == 0)
        {
            return requests;
        }

        foreach (var d in problems)
        {
            context.Error.WriteLine($"error: {d.Message}{(d.Expected is null ? string.Empty : $" Expected {d.Expected}.")}");
        }

        var usage = problems.Any(p => p.Message.StartsWith("Unknown ", StringComparison.Ordinal) || p.Message.Contains("has no stance", StringComparison.Ordinal));
        exitCode = usage ? ExitCodes.UsageError : ExitCodes.InvalidInput;
        return null;
    }
}
