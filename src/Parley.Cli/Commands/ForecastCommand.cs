using System.CommandLine;
using Parley.Cli.Output;
using Parley.Core;
using Parley.Core.Models;
using Parley.Formats;
using Parley.Formats.Results;

namespace Parley.Cli.Commands;

/// <summary><c>parley forecast FILE</c>: runs the models and prints forecasts and paths.</summary>
internal static class ForecastCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file: .yaml, .json, or a .csv table (Actor,Capability,Position,Salience)." };
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "Model(s) to run (see 'parley models'); repeat or separate with commas. Default: the baselines, both expected-utility variants and best (plus ktab-smp for a KTAB file).",
            AllowMultipleArgumentsPerToken = true,
        };
        var rounds = new Option<int?>("--rounds", "-r") { Description = "Rounds for scholz2011 (default 10); the round limit for bdm (default 100)." };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var output = new Option<string?>("--out", "-o") { Description = "Write the output to this file instead of standard output." };
        var seed = new Option<ulong>("--seed") { Description = "Seed for models that draw random numbers (default: the file's seed, else 20181128).", DefaultValueFactory = _ => ModelOptions.Default.Seed };
        var inputFormat = ScenarioInput.FormatOption();

        var command = new Command("forecast", "Forecast every issue of a scenario with one or more models, and show the path of positions.")
        {
            file, models, rounds, format, output, seed, inputFormat,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(rounds) is < 0 or > Limits.MaxRounds)
            {
                return Task.FromResult(context.UsageError($"--rounds must be between 0 and {Limits.MaxRounds}, not {parse.GetValue(rounds)} (see docs/limits.md)."));
            }

            // A target that cannot be written is a usage error before anything runs.
            if (OutputFile.Problem([(parse.GetValue(output), "--out")], [parse.GetValue(file)!]) is { } outProblem)
            {
                return Task.FromResult(context.UsageError(outProblem));
            }

            // Named models are checked before the file is read: a usage error comes first.
            var named = ModelSelection.Resolve(parse.GetValue(models), [], context, out var code);
            if (named is null)
            {
                return Task.FromResult(code);
            }

            var notes = new List<string>();
            var source = ScenarioInput.Load(parse.GetValue(file)!, parse.GetValue(inputFormat)!, context, notes);
            if (source is null)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            // A KTAB file is run with KTAB's model as well as the defaults, unless models are named.
            var ktabFile = source.Format is ScenarioFormat.KtabCsv or ScenarioFormat.KtabXml;
            IReadOnlyList<IForecastModel> selected = named.Count > 0
                ? named
                : ktabFile ? [.. ModelCatalog.Defaults, ModelCatalog.Find("ktab-smp")!] : ModelCatalog.Defaults;

            var scenario = source.Scenario;
            var seedGiven = parse.GetResult(seed) is { Implicit: false };
            var options = new ModelOptions
            {
                Rounds = parse.GetValue(rounds),
                Seed = seedGiven ? parse.GetValue(seed) : source.Seed ?? parse.GetValue(seed),
                Parameters = source.ModelParameters,
            };
            var results = new List<ModelResult>();
            var failed = 0;
            using (var progress = context.Interactive ? new ProgressLine(context.Error) : null)
            {
                foreach (var model in selected)
                {
                    // Limits first, so that a model never allocates for a scenario past them.
                    var limits = RunLimits.Check(model, scenario, options, parse.GetValue(file));
                    if (limits.Count > 0)
                    {
                        failed++;
                        context.Error.WriteLine($"error: model '{model.Name}' cannot run this scenario:");
                        context.Report(limits);
                        continue;
                    }

                    try
                    {
                        results.Add(model.Run(scenario, options, progress, cancellationToken));
                    }
                    catch (ArgumentException ex)
                    {
                        // A model that cannot run this scenario is reported; the others still run.
                        failed++;
                        var reason = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
                        context.Error.WriteLine($"error: model '{model.Name}' cannot run this scenario: {reason}");
                    }
                }
            }

            if (results.Count == 0)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var report = ForecastReport.Create(scenario, results, options.Seed, notes);
            var text = parse.GetValue(format) switch
            {
                "json" => ForecastReportWriter.ToJson(report),
                "csv" => ForecastReportWriter.ToCsv(report),
                _ => ForecastTables.Render(report),
            };
            if (failed > 0 && parse.GetValue(output) is { } target)
            {
                // An --out file is written only for a complete run; the file already there is kept.
                context.Error.WriteLine($"Nothing was written to '{target}' because {failed} model(s) could not run; leave them out with --model to write the others.");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var written = OutputFile.Write(parse.GetValue(output), text, context, [parse.GetValue(file)!]);
            return Task.FromResult(written != ExitCodes.Success ? written : failed > 0 ? ExitCodes.InvalidInput : ExitCodes.Success);
        });
        return command;
    }
}
