using Parley.Core.Backtest;
using Parley.Core.Diagnostics;
using Parley.Formats;
using Parley.Formats.Deu;
using Parley.Formats.Results;

namespace Parley.Cli.Commands;

/// <summary>The cases of a backtest and where they came from.</summary>
/// <param name="Cases">The issues with an outcome.</param>
/// <param name="Source">The file(s), and the rows or issues left out.</param>
/// <param name="Description">One line for the table's footer and the calibration's source, e.g. "252 issues in 94 proposals from deu3-dev.tsv".</param>
/// <param name="Clusters">What the bootstrap resamples, in words ("proposals", "scenarios", "issues").</param>
/// <param name="IsDeu">True for a DEU file.</param>
internal sealed record BacktestData(IReadOnlyList<BacktestCase> Cases, BacktestSource Source, string Description, string Clusters, bool IsDeu);

/// <summary>
/// Reads what <c>parley backtest</c> scores: a DEU file (tab-separated, recognised by its
/// <c>.tsv</c> extension or its <c>prnrnmc</c> header), or Parley scenarios whose issues record an
/// outcome (inline <c>outcome</c>, or merged from <c>--outcomes FILE</c>).
/// </summary>
internal static class BacktestInput
{
    /// <summary>The cases, or null (diagnostics written, <paramref name="exitCode"/> set) when the input is unusable.</summary>
    public static BacktestData? Load(IReadOnlyList<string> files, string? outcomes, bool skipInvalid, string inputFormat, CliContext context, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        var deu = files.Where(IsDeu).ToList();
        if (deu.Count > 0 && files.Count > 1)
        {
            exitCode = context.UsageError("a DEU file is backtested on its own; give it alone, or give Parley scenarios only.");
            return null;
        }

        if (deu.Count == 1)
        {
            if (outcomes is not null)
            {
                exitCode = context.UsageError("--outcomes merges outcomes into a Parley scenario; a DEU file has its own (column 'out').");
                return null;
            }

            return LoadDeu(deu[0], skipInvalid, context, out exitCode);
        }

        if (outcomes is not null && files.Count > 1)
        {
            exitCode = context.UsageError("--outcomes merges outcomes into one scenario; give a single scenario with it.");
            return null;
        }

        return LoadScenarios(files, outcomes, inputFormat, context, out exitCode);
    }

    private static bool IsDeu(string path)
    {
        if (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            using var reader = new StreamReader(path);
            return reader.ReadLine()?.TrimStart('\uFEFF', '"').StartsWith("prnrnmc", StringComparison.OrdinalIgnoreCase) == true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false; // The scenario reader reports the file.
        }
    }

    private static BacktestData? LoadDeu(string file, bool skipInvalid, CliContext context, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        var read = DeuReader.ReadFile(file, new DeuReadOptions { SkipInvalid = skipInvalid });
        context.Report(read.Diagnostics);
        if (!read.Succeeded)
        {
            context.Error.WriteLine($"{read.Errors.Count()} error(s) in {file}; nothing was run." + (skipInvalid ? string.Empty : " Use --skip-invalid to skip malformed rows."));
            exitCode = ExitCodes.InvalidInput;
            return null;
        }

        var data = read.Value!;
        var name = Path.GetFileName(data.FileName);
        return new BacktestData(
            data.ToBacktestCases(),
            new BacktestSource(data.FileName, data.SkippedWithoutOutcome, data.SkippedInvalid),
            $"{data.Issues.Count} issues in {data.ProposalCount} proposals from {name} ({data.SkippedWithoutOutcome} rows without outcome skipped, {data.SkippedInvalid} malformed rows skipped)",
            "proposals",
            true);
    }

    private static BacktestData? LoadScenarios(IReadOnlyList<string> files, string? outcomes, string inputFormat, CliContext context, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        var cases = new List<BacktestCase>();
        var skipped = 0;
        foreach (var file in files)
        {
            var notes = new List<string>();
            var source = ScenarioInput.Load(file, inputFormat, context, notes);
            if (source is null)
            {
                exitCode = ExitCodes.InvalidInput;
                return null;
            }

            var scenario = source.Scenario;
            if (outcomes is not null)
            {
                var merged = OutcomeFiles.Merge(scenario, outcomes);
                context.Report(merged.Diagnostics);
                if (!merged.Succeeded)
                {
                    context.Error.WriteLine($"{outcomes}: {merged.Errors.Count()} error(s); nothing was run.");
                    exitCode = ExitCodes.InvalidInput;
                    return null;
                }

                scenario = merged.Value!;
            }

            var name = Path.GetFileName(file);
            var these = ScenarioCases.From(scenario, name, files.Count == 1, out var withoutOutcome, out var withoutStance);
            foreach (var id in withoutOutcome)
            {
                context.Report([Diagnostic.Info($"Issue '{id}' records no outcome; it is not scored.", new SourceLocation(file))]);
            }

            foreach (var id in withoutStance)
            {
                context.Report([Diagnostic.Warning($"Issue '{id}' has an outcome but no stance; no model can forecast it, so it is not scored.", new SourceLocation(file), issueId: id)]);
            }

            skipped += withoutOutcome.Count + withoutStance.Count;
            cases.AddRange(these);
        }

        if (cases.Count == 0)
        {
            context.Report([Diagnostic.Error(
                "No issue records an outcome, so there is nothing to score.",
                new SourceLocation(files[0]),
                expected: "an 'outcome' on the issues (outcome: { position: P, record: \"…\" }), or --outcomes FILE")]);
            exitCode = ExitCodes.InvalidInput;
            return null;
        }

        var what = files.Count == 1 ? Path.GetFileName(files[0]) : $"{files.Count} scenarios";
        var clusters = files.Count == 1 ? "issues" : "scenarios";
        return new BacktestData(
            cases,
            new BacktestSource(string.Join(", ", files), skipped),
            $"{cases.Count} issues with an outcome from {what} ({skipped} issues without one skipped)",
            clusters,
            false);
    }
}
