using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Parley.Cli.Output;
using Parley.Core.Backtest;
using Parley.Core.Models;
using Parley.Core.Models.Best;
using Parley.Formats.Deu;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley backtest FILE</c>: scores models against the known outcomes of a DEU file.</summary>
internal static class BacktestCommand
{
    private static readonly string[] s_formats = ["table", "json", "csv"];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A file in the DEU III format (tab-separated; see data/deu3/README.md)." };
        var model = new Option<string[]>("--model", "-m")
        {
            Description = "Model(s) to score (see 'parley models'); repeat or separate with commas. Default: every model. 'best' is the default configuration.",
            AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(s_formats);
        var output = new Option<string?>("--out", "-o") { Description = "Write the scores to this file instead of standard output." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the bootstrap (printed with the result).", DefaultValueFactory = _ => BacktestOptions.DefaultSeed };
        var replicates = new Option<int>("--replicates") { Description = "Bootstrap replicates (at least 100).", DefaultValueFactory = _ => BacktestOptions.DefaultReplicates };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Skip malformed rows (listed as warnings) instead of stopping with the list of errors." };
        var perIssue = new Option<string?>("--per-issue") { Description = "Also write every model's forecast per issue to this file (.json for JSON, otherwise CSV)." };
        var search = new Option<bool>("--search") { Description = "Score the candidates among which 'best' was chosen, lowest error first (see docs/validation.md)." };
        var command = new Command("backtest", "Score models against the known outcomes of a DEU file: errors, bootstrap intervals over proposals, difference to the compromise model.")
        {
            file, model, format, output, seed, replicates, skipInvalid, perIssue, search,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Execute(
            new BacktestSettings(
                parse.GetValue(file)!,
                parse.GetValue(model) ?? [],
                parse.GetValue(format) ?? "table",
                parse.GetValue(output),
                parse.GetValue(seed),
                parse.GetValue(replicates),
                parse.GetValue(skipInvalid),
                parse.GetValue(perIssue),
                parse.GetValue(search)),
            context,
            cancellationToken)));
        return command;
    }

    /// <summary>Runs the backtest with <paramref name="settings"/>: results to the context's output, diagnostics and progress to its error writer.</summary>
    /// <returns>The exit code: 0 ok, 2 usage error, 3 invalid input.</returns>
    public static int Execute(BacktestSettings settings, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        var stderr = context.Error;
        if (!s_formats.Contains(settings.Format, StringComparer.OrdinalIgnoreCase))
        {
            return context.UsageError($"unknown format '{settings.Format}'; expected one of: {string.Join(", ", s_formats)}.");
        }

        if (settings.Replicates < 100)
        {
            return context.UsageError($"--replicates must be at least 100 (got {settings.Replicates}).");
        }

        if (settings.Search && settings.Models.Count > 0)
        {
            return context.UsageError("--search scores a fixed list of candidates; it cannot be combined with --model.");
        }

        IReadOnlyList<IForecastModel>? models;
        if (settings.Search)
        {
            models = BestSearch.Candidates();
        }
        else
        {
            // Every one-dimensional model by default: a DEU case is one issue. Multi-dimensional models
            // (ktab-smp) run when named; KTAB's model then aborts where KTAB does, and says so.
            models = ModelSelection.Resolve([.. settings.Models], [.. ModelCatalog.All.OfType<IssueModel>()], context, out var code);
            if (models is null)
            {
                return code;
            }
        }

        if (OutputFile.Problem([(settings.Out, "--out"), (settings.PerIssue, "--per-issue")], [settings.File]) is { } outProblem)
        {
            return context.UsageError(outProblem);
        }

        var read = DeuReader.ReadFile(settings.File, new DeuReadOptions { SkipInvalid = settings.SkipInvalid });
        context.Report(read.Diagnostics);
        if (!read.Succeeded)
        {
            stderr.WriteLine($"{read.Errors.Count()} error(s) in {settings.File}; nothing was run." + (settings.SkipInvalid ? string.Empty : " Use --skip-invalid to skip malformed rows."));
            return ExitCodes.InvalidInput;
        }

        var data = read.Value!;
        var options = new BacktestOptions { Seed = settings.Seed, Replicates = settings.Replicates };
        var started = System.Diagnostics.Stopwatch.StartNew();
        BacktestResult result;
        try
        {
            result = RunWithProgress(data, models, options, context, cancellationToken);
        }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.OfType<BacktestCaseException>().Any())
        {
            var first = ex.Flatten().InnerExceptions.OfType<BacktestCaseException>().First();
            stderr.WriteLine($"error: {first.Message}");
            stderr.WriteLine($"Leave '{first.Model}' out (name the models with --model) to backtest the others.");
            return ExitCodes.InvalidInput;
        }
        catch (BacktestCaseException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            stderr.WriteLine($"Leave '{ex.Model}' out (name the models with --model) to backtest the others.");
            return ExitCodes.InvalidInput;
        }

        started.Stop();
        if (settings.Search)
        {
            result = result with { Models = [.. result.Models.OrderBy(m => m.MeanAbsoluteError)] };
        }

        var text = settings.Format.ToUpperInvariant() switch
        {
            "JSON" => Json(result, data),
            "CSV" => Csv(result),
            _ => Table(result, data),
        };
        // Every output is ready before any is written, so that a bad --per-issue cannot leave a new --out behind.
        List<PendingOutput> outputs = [new(settings.Out, "--out", text)];
        if (settings.PerIssue is not null)
        {
            outputs.Add(new(settings.PerIssue, "--per-issue", settings.PerIssue.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? PerIssueJson(result) : PerIssueCsv(result)));
        }

        var exit = OutputFile.WriteAll(outputs, [settings.File], context);

        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {result.Seed}; {result.Replicates} bootstrap replicates over {result.ProposalCount} proposals; {models.Count} model(s) × {result.CaseCount} issues in {started.Elapsed.TotalSeconds:F2} s."));
        return exit;
    }

    private static BacktestResult RunWithProgress(DeuDataset data, IReadOnlyList<IForecastModel> models, BacktestOptions options, CliContext context, CancellationToken cancellationToken)
    {
        var cases = data.ToBacktestCases();
        var stderr = context.Error;
        if (!context.Interactive)
        {
            var lastStage = (BacktestStage?)null;
            return BacktestEngine.Run(cases, models, options, new Reporter(p =>
            {
                lock (stderr)
                {
                    if (p.Stage != lastStage)
                    {
                        lastStage = p.Stage;
                        stderr.WriteLine(p.Stage == BacktestStage.Forecasting
                            ? $"Forecasting {p.Total} issues with {models.Count} model(s)…"
                            : $"Bootstrapping {p.Total} replicates over proposals…");
                    }
                }
            }), cancellationToken);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        BacktestResult? result = null;
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()).Start(ctx =>
        {
            var forecasting = ctx.AddTask($"Forecasting ({models.Count} models × {cases.Count} issues)", maxValue: cases.Count);
            var bootstrapping = ctx.AddTask($"Bootstrap ({options.Replicates} replicates)", maxValue: options.Replicates);
            result = BacktestEngine.Run(cases, models, options, new Reporter(p =>
            {
                var task = p.Stage == BacktestStage.Forecasting ? forecasting : bootstrapping;
                lock (task)
                {
                    task.Value = Math.Max(task.Value, p.Done);
                }
            }), cancellationToken);
        });
        return result!;
    }

    private static string Table(BacktestResult result, DeuDataset data)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = CliContext.ConsoleFor(writer, ansi: false);

        var pct = (int)Math.Round(result.Confidence * 100);
        var table = new Table().Border(TableBorder.Ascii)
            .AddColumn("Model")
            .AddColumn(new TableColumn("MAE").RightAligned())
            .AddColumn(new TableColumn("MdAE").RightAligned())
            .AddColumn(new TableColumn(F($"≤{result.HitThreshold:0.##}")).RightAligned())
            .AddColumn(new TableColumn(F($"MAE {pct}% CI")).RightAligned())
            .AddColumn(new TableColumn("Δ MAE").RightAligned())
            .AddColumn(new TableColumn(F($"Δ {pct}% CI")).RightAligned());
        foreach (var m in result.Models)
        {
            table.AddRow(Cells(
                m.Model,
                F($"{m.MeanAbsoluteError:F2}"),
                F($"{m.MedianAbsoluteError:F2}"),
                F($"{m.ShareWithin * 100:F1}%"),
                F($"{m.MaeLow:F2}…{m.MaeHigh:F2}"),
                F($"{m.DifferenceToReference:+0.00;-0.00;0.00}"),
                F($"{m.DifferenceLow:+0.00;-0.00;0.00}…{m.DifferenceHigh:+0.00;-0.00;0.00}")));
        }

        console.Write(table);
        writer.WriteLine(F($"{result.CaseCount} issues in {result.ProposalCount} proposals from {Path.GetFileName(data.FileName)} ({data.SkippedWithoutOutcome} rows without outcome skipped, {data.SkippedInvalid} malformed rows skipped)."));
        writer.WriteLine(F($"MAE = mean |forecast − outcome| on 0–100; MdAE = median absolute error; ≤{result.HitThreshold:0.##} = share of issues within {result.HitThreshold:0.##} points."));
        writer.WriteLine(F($"Δ MAE = MAE − MAE of {result.ReferenceModel} (< 0 is better). Intervals: {pct}% percentile bootstrap, {result.Replicates} replicates resampling proposals (paired for Δ)."));
        writer.WriteLine(F($"Seed: {result.Seed}"));
        return writer.ToString();
    }

    private static Text[] Cells(params string[] cells) => [.. cells.Select(c => new Text(c))];

    private static string Csv(BacktestResult result)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.WriteLine("model,mae,median_ae,share_within,mae_low,mae_high,diff_to_reference,diff_low,diff_high,reference,issues,proposals,replicates,seed");
        foreach (var m in result.Models)
        {
            writer.WriteLine(F($"{Quote(m.Model)},{m.MeanAbsoluteError:R},{m.MedianAbsoluteError:R},{m.ShareWithin:R},{m.MaeLow:R},{m.MaeHigh:R},{m.DifferenceToReference:R},{m.DifferenceLow:R},{m.DifferenceHigh:R},{Quote(result.ReferenceModel)},{result.CaseCount},{result.ProposalCount},{result.Replicates},{result.Seed}"));
        }

        return writer.ToString();
    }

    private static string Json(BacktestResult result, DeuDataset data)
    {
        var document = new
        {
            file = data.FileName,
            issues = result.CaseCount,
            proposals = result.ProposalCount,
            skippedWithoutOutcome = data.SkippedWithoutOutcome,
            skippedInvalid = data.SkippedInvalid,
            seed = result.Seed,
            replicates = result.Replicates,
            confidence = result.Confidence,
            hitThreshold = result.HitThreshold,
            referenceModel = result.ReferenceModel,
            models = result.Models,
        };
        return JsonSerializer.Serialize(document, s_json) + Environment.NewLine;
    }

    private static string PerIssueJson(BacktestResult result)
    {
        var names = result.Models.Select(m => m.Model).ToArray();
        var document = new
        {
            seed = result.Seed,
            models = names,
            issues = result.Cases.Select(c => new
            {
                proposal = c.ProposalId,
                issue = c.IssueId,
                outcome = c.Outcome,
                forecasts = names.Select((n, k) => (n, k)).ToDictionary(p => p.n, p => c.Forecasts[p.k]),
            }),
        };
        return JsonSerializer.Serialize(document, s_json) + Environment.NewLine;
    }

    private static string PerIssueCsv(BacktestResult result)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.WriteLine("proposal,issue,outcome," + string.Join(',', result.Models.Select(m => Quote(m.Model))));
        foreach (var c in result.Cases)
        {
            writer.WriteLine(F($"{Quote(c.ProposalId)},{Quote(c.IssueId)},{c.Outcome:R},") + string.Join(',', c.Forecasts.Select(f => f.ToString("R", CultureInfo.InvariantCulture))));
        }

        return writer.ToString();
    }

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private sealed class Reporter(Action<BacktestProgress> report) : IProgress<BacktestProgress>
    {
        public void Report(BacktestProgress value) => report(value);
    }
}

/// <summary>The options of one <c>parley backtest</c> run.</summary>
/// <param name="File">The DEU file.</param>
/// <param name="Models">Model names; empty for every model.</param>
/// <param name="Format">table, json or csv.</param>
/// <param name="Out">Where to write the scores; null for standard output.</param>
/// <param name="Seed">Bootstrap seed.</param>
/// <param name="Replicates">Bootstrap replicates.</param>
/// <param name="SkipInvalid">Skip malformed rows instead of stopping.</param>
/// <param name="PerIssue">Where to write per-issue forecasts; null for nowhere.</param>
/// <param name="Search">Score the candidates of the search for <c>best</c> instead of <paramref name="Models"/>.</param>
internal sealed record BacktestSettings(
    string File,
    IReadOnlyList<string> Models,
    string Format = "table",
    string? Out = null,
    ulong Seed = BacktestOptions.DefaultSeed,
    int Replicates = BacktestOptions.DefaultReplicates,
    bool SkipInvalid = false,
    string? PerIssue = null,
    bool Search = false);
