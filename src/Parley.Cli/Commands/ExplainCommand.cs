using System.CommandLine;
using Parley.Cli.Output;
using Parley.Core.Diagnostics;
using Parley.Core.Explain;
using Parley.Core.Models;
using Parley.Core.WhatIfs;
using Parley.Formats.Results;

namespace Parley.Cli.Commands;

/// <summary><c>parley explain FILE [--issue ID] [--model M]</c>: why every actor moved, round by round.</summary>
internal static class ExplainCommand
{
    /// <summary>The model explained when none is named.</summary>
    public const string DefaultModel = "scholz2011";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (.yaml, .json, a classic or KTAB .csv, a KTAB .xml) or the name of a bundled scenario." };
        var issue = new Option<string?>("--issue", "-i") { Description = "The issue to explain (may be left out when the scenario has one issue)." };
        var run = new RunOptions();
        var edits = new EditOptions();
        var command = new Command("explain", $"Explain one iterative model's run on one issue: every move with its cause (the offer or bargain taken, and those refused), who challenged whom, and the coalitions at the end. Model: --model (default {DefaultModel}); --set/--drop/--whatif explain a what-if.")
        {
            file, issue,
        };
        run.AddTo(command, draws: false);
        edits.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var named = run.ResolveModels(parse, context, out var code);
            if (named is null)
            {
                return Task.FromResult(code);
            }

            if (named.Count > 1)
            {
                return Task.FromResult(context.UsageError($"explain explains one model at a time; --model names {named.Count}: {string.Join(", ", named.Select(m => m.Name))}."));
            }

            var model = named.Count == 1 ? named[0] : ModelCatalog.Find(DefaultModel)!;
            var notes = new List<string>();
            var source = ScenarioInput.Load(parse.GetValue(file)!, parse.GetValue(run.InputFormat)!, context, notes);
            if (source is null)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var whatIfs = edits.Resolve(parse, source.Scenario, context, required: false);
            if (whatIfs is null)
            {
                return Task.FromResult(ExitCodes.UsageError);
            }

            if (whatIfs.Count > 1)
            {
                return Task.FromResult(context.UsageError("explain explains one what-if at a time: give --set/--drop edits or one --whatif NAME."));
            }

            var request = run.Build(parse, source, [model], context, out code);
            if (request is null)
            {
                return Task.FromResult(code);
            }

            request = request with { Draws = 0 };
            if (whatIfs.Count == 1)
            {
                var problems = WhatIfRunner.Validate(request, whatIfs);
                if (problems.Count > 0)
                {
                    foreach (var d in problems)
                    {
                        context.Error.WriteLine($"error: {d.Message}{(d.Expected is null ? string.Empty : $" Expected {d.Expected}.")}");
                    }

                    return Task.FromResult(ExitCodes.UsageError);
                }

                request = WhatIfRunner.Variant(request, whatIfs[0]);
            }

            var scenario = request.Scenario;
            var issueId = parse.GetValue(issue);
            if (Explainer.IssueProblem(scenario, issueId) is { } issueProblem)
            {
                return Task.FromResult(context.UsageError($"{issueProblem.Message}{(issueProblem.Expected is null ? string.Empty : $" Expected {issueProblem.Expected}.")}"));
            }

            var options = request.Options with { Seed = request.Seed };
            var check = Explainer.Check(scenario, issueId, model, options);
            if (check.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                context.Error.WriteLine($"error: model '{model.Name}' cannot explain this scenario:");
                foreach (var d in check.Where(d => d.Severity == DiagnosticSeverity.Error))
                {
                    context.Error.WriteLine($"  {d}");
                }

                return Task.FromResult(model.Traits.Iterative ? ExitCodes.InvalidInput : ExitCodes.UsageError);
            }

            var explanation = Explainer.Explain(scenario, issueId, model, options, cancellationToken);
            var report = ExplanationReport.Create(explanation);
            var text = parse.GetValue(run.Format) switch
            {
                "json" => ExplanationReportWriter.ToJson(report),
                "csv" => ExplanationReportWriter.ToCsv(report),
                _ => ExplainTables.Render(report, scenario.Issues[scenario.IndexOfIssue(explanation.IssueId)].Scale, whatIfs.Count == 1 ? whatIfs[0] : null),
            };
            return Task.FromResult(OutputFile.Write(parse.GetValue(run.Out), text, context));
        });
        return command;
    }
}
