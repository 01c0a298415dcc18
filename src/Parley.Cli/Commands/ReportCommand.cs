using System.CommandLine;
using Parley.Cli.Output;
using Parley.Formats.Results;
using Parley.Reports;
using Parley.Web.Api;

namespace Parley.Cli.Commands;

/// <summary>
/// <c>parley report SCENARIO|RUN --out report.html</c>: one self-contained HTML file — a scenario
/// forecast now (with the options of <c>forecast</c>), or a run of the history by its number.
/// </summary>
internal static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("scenario-or-run") { Description = "A scenario file or bundled scenario name (forecast now), or the number of a run in the history (see 'parley history')." };
        var run = new RunOptions();
        var db = HistoryDatabase.Option();
        var command = new Command("report", "Write a forecast as one self-contained HTML file: the scenario with its rationales, each forecast in words with its interval, charts, drivers, notes, seed and version.")
        {
            target, db,
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

            ReportContent? content;
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

                var outcome = RunOptions.Run(request, context, cancellationToken);
                RunOptions.ReportFailures(outcome, context);
                if (!outcome.Succeeded.Any())
                {
                    return Task.FromResult(ExitCodes.InvalidInput);
                }

                content = new ReportContent(source.Scenario, ForecastReport.Create(outcome, notes));
            }

            return Task.FromResult(OutputFile.Write(outPath, HtmlReport.Render(content), context));
        });
        return command;
    }
}
