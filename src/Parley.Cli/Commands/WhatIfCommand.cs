using System.CommandLine;
using Parley.Cli.Output;
using Parley.Core.WhatIfs;
using Parley.Formats.Results;

namespace Parley.Cli.Commands;

/// <summary><c>parley whatif FILE --set … | --drop … | --whatif NAME | --all-whatifs</c>: what-ifs side by side with the base case.</summary>
internal static class WhatIfCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (.yaml, .json, a classic or KTAB .csv, a KTAB .xml) or the name of a bundled scenario." };
        var run = new RunOptions();
        var edits = new EditOptions();
        var paths = new Option<bool>("--paths") { Description = "Also show every iterative model's positions round by round, base and what-if (rounds where a timed edit struck are marked *)." };
        var command = new Command("whatif", "Run what-ifs side by side with the base case: edits (--set, --drop, '@N' after round N) or the scenario's named what-ifs; forecast, interval and change per issue and model.")
        {
            file, paths,
        };
        edits.AddTo(command);
        run.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var named = run.ResolveModels(parse, context, out var code);
            if (named is null)
            {
                return Task.FromResult(code);
            }

            var notes = new List<string>();
            var source = ScenarioInput.Load(parse.GetValue(file)!, parse.GetValue(run.InputFormat)!, context, notes);
            if (source is null)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var whatIfs = edits.Resolve(parse, source.Scenario, context);
            if (whatIfs is null)
            {
                return Task.FromResult(ExitCodes.UsageError);
            }

            var request = run.Build(parse, source, named, context, out code);
            if (request is null)
            {
                return Task.FromResult(code);
            }

            var problems = WhatIfRunner.Validate(request, whatIfs);
            if (problems.Count > 0)
            {
                foreach (var d in problems)
                {
                    context.Error.WriteLine($"error: {d.Message}{(d.Expected is null ? string.Empty : $" Expected {d.Expected}.")}");
                }

                return Task.FromResult(ExitCodes.UsageError);
            }

            using var progress = context.Interactive ? new ProgressLine(context.Error) : null;
            var outcome = WhatIfRunner.Run(request, whatIfs, progress, cancellationToken);
            var failed = RunOptions.ReportFailures(outcome.Base, context);
            foreach (var c in outcome.Cases)
            {
                foreach (var m in c.Outcome.Failed.Where(m => outcome.Base.Models.First(b => b.Model == m.Model).Succeeded))
                {
                    failed = true;
                    context.Error.WriteLine($"error: model '{m.Model}' cannot run what-if '{c.WhatIf.Name}':");
                    foreach (var p in m.Problems.Where(p => p.Severity == Core.Diagnostics.DiagnosticSeverity.Error))
                    {
                        context.Error.WriteLine($"  {p}");
                    }
                }
            }

            if (!outcome.Base.Succeeded.Any())
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var report = WhatIfReport.Create(outcome, notes);
            var text = parse.GetValue(run.Format) switch
            {
                "json" => WhatIfReportWriter.ToJson(report),
                "csv" => WhatIfReportWriter.ToCsv(report),
                _ => WhatIfTables.Render(report, parse.GetValue(paths)),
            };
            var written = OutputFile.Write(parse.GetValue(run.Out), text, context);
            return Task.FromResult(written != ExitCodes.Success ? written : failed ? ExitCodes.InvalidInput : ExitCodes.Success);
        });
        return command;
    }
}
