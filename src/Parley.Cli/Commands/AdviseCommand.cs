using System.CommandLine;
using Parley.Cli.Output;
using Parley.Core.Advice;
using Parley.Formats.Results;

namespace Parley.Cli.Commands;

/// <summary><c>parley advise FILE --actor ID [--issue ID] [--model M]</c>: the move that brings the forecast closest to an actor's ideal.</summary>
internal static class AdviseCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (.yaml, .json, a classic or KTAB .csv, a KTAB .xml) or the name of a bundled scenario." };
        var actor = new Option<string>("--actor", "-a") { Description = "The actor to advise; its position as written on each issue is its ideal.", Required = true };
        var issue = new Option<string?>("--issue", "-i") { Description = "The issue to advise on (default: every issue the actor has a stance on)." };
        var fine = new Option<bool>("--fine") { Description = "Search a finer grid: positions every 5% of the scale, saliences 0.25, 0.5, 0.75 and 1 (about four times the work)." };
        var run = new RunOptions();
        var command = new Command("advise", $"Advise one actor: the position to announce and the salience to commit on each issue that bring the forecast (median over the input draws) closest to its ideal, how robust that is, the alternatives, and whom to persuade. Model: --model (default {AdviceRequest.DefaultModel.Name}).")
        {
            file, actor, issue, fine,
        };
        run.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var named = run.ResolveModels(parse, context, out var code);
            if (named is null)
            {
                return Task.FromResult(code);
            }

            if (named.Count > 1)
            {
                return Task.FromResult(context.UsageError($"advise uses one model at a time; --model names {named.Count}: {string.Join(", ", named.Select(m => m.Name))}."));
            }

            var model = named.Count == 1 ? named[0] : AdviceRequest.DefaultModel;
            var notes = new List<string>();
            var source = ScenarioInput.Load(parse.GetValue(file)!, parse.GetValue(run.InputFormat)!, context, notes);
            if (source is null)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var forecast = run.Build(parse, source, [model], context, out code);
            if (forecast is null)
            {
                return Task.FromResult(code);
            }

            var request = new AdviceRequest(source.Scenario, parse.GetValue(actor)!)
            {
                IssueId = parse.GetValue(issue),
                Model = model,
                Options = forecast.Options,
                Draws = forecast.Draws,
                Seed = forecast.Seed,
                Grid = parse.GetValue(fine) ? AdviceGrid.Fine : AdviceGrid.Default,
            };
            var problems = AdviceSearch.Validate(request);
            if (problems.Count > 0)
            {
                // A name that is not in the scenario is a usage error; a model that cannot run it is bad input.
                var usage = problems.Any(p => p.Message.StartsWith("Unknown ", StringComparison.Ordinal) || p.Message.Contains("has no stance", StringComparison.Ordinal));
                foreach (var d in problems)
                {
                    context.Error.WriteLine($"error: {d.Message}{(d.Expected is null ? string.Empty : $" Expected {d.Expected}.")}");
                }

                return Task.FromResult(usage ? ExitCodes.UsageError : ExitCodes.InvalidInput);
            }

            using var progress = context.Interactive ? new ProgressLine(context.Error) : null;
            var advice = AdviceSearch.Run(request, progress, cancellationToken);
            var report = AdviceReport.Create(advice, source.Scenario.Title);
            var text = parse.GetValue(run.Format) switch
            {
                "json" => AdviceReportWriter.ToJson(report),
                "csv" => AdviceReportWriter.ToCsv(report),
                _ => AdviceTables.Render(report, source.Scenario, request.Grid),
            };
            return Task.FromResult(OutputFile.Write(parse.GetValue(run.Out), text, context));
        });
        return command;
    }
}
