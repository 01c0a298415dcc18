using System.CommandLine;
using Parley.Cli.Output;
using Parley.Formats.Results;

namespace Parley.Cli.Commands;

/// <summary><c>parley forecast FILE</c>: runs the models and prints forecasts, intervals, readings, drivers and flags.</summary>
internal static class ForecastCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file: .yaml, .json, a .csv table (classic or KTAB), a KTAB .xml file or an exchange-model input (#A/#P/#M/#D records); or the name of a bundled scenario (see 'parley examples')." };
        var run = new RunOptions();
        var paths = new Option<bool>("--paths") { Description = "Also show every iterative model's positions round by round (tables), or write the paths instead of the summary (csv)." };
        var command = new Command("forecast", "Forecast every issue of a scenario: the forecast of each model, its interval, its reading in the scale's words, who drives it, and flags.")
        {
            file, paths,
        };
        run.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            // Named models are checked before the file is read: a usage error comes first.
            var named = run.ResolveModels(parse, context, out var code);
            if (named is null)
            {
                return Task.FromResult(code);
            }

            // A target that cannot be written is a usage error before anything runs.
            if (OutputFile.Problem([(parse.GetValue(run.Out), "--out")], [parse.GetValue(file)!]) is { } outProblem)
            {
                return Task.FromResult(context.UsageError(outProblem));
            }

            var notes = new List<string>();
            var source = ScenarioInput.Load(parse.GetValue(file)!, parse.GetValue(run.InputFormat)!, context, notes, notesShownOnTerminal: context.OutputIsTerminal && parse.GetValue(run.Out) is null && parse.GetValue(run.Format) is "table" or "json");
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
            var failed = RunOptions.ReportFailures(outcome, context);
            if (!outcome.Succeeded.Any())
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var report = ForecastReport.Create(outcome, notes);
            var text = parse.GetValue(run.Format) switch
            {
                "json" => ForecastReportWriter.ToJson(report),
                "csv" => parse.GetValue(paths) ? ForecastReportWriter.ToPathsCsv(report) : ForecastReportWriter.ToSummaryCsv(report),
                _ => ForecastTables.Render(report, parse.GetValue(paths)),
            };
            if (failed && parse.GetValue(run.Out) is { } target)
            {
                // An --out file is written only for a complete run; the file already there is kept.
                context.Error.WriteLine($"Nothing was written to '{target}' because a model could not run; leave it out with --model to write the others.");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var written = OutputFile.Write(parse.GetValue(run.Out), text, context, [parse.GetValue(file)!]);
            return Task.FromResult(written != ExitCodes.Success ? written : failed ? ExitCodes.InvalidInput : ExitCodes.Success);
        });
        return command;
    }
}
