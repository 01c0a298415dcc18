using System.CommandLine;
using System.Globalization;
using Parley.Cli.Output;
using Parley.Core.Analysis;
using Parley.Core.Backtest;
using Parley.Core.Models;
using Parley.Core.Models.Best;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Core.Text;
using Parley.Formats.Calibration;
using Parley.Formats.Results;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley backtest FILE</c>: scores models against the known outcomes of a DEU file.</summary>
internal static class BacktestCommand
{
    private static readonly string[] s_formats = ["table", "json", "csv"];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string[]>("file")
        {
            Description = "A DEU III file (tab-separated; see data/deu3/README.md), or Parley scenarios whose issues record an outcome (or one scenario with --outcomes).",
            Arity = ArgumentArity.OneOrMore,
        };
        var outcomes = new Option<string?>("--outcomes") { Description = "An outcomes file (e.g. scenarios/korea-2018.outcomes.yaml) merged into the scenario before scoring." };
        var inputFormat = ScenarioInput.FormatOption();
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
        var search = new Option<bool>("--search") { Description = "The search that chooses 'best': every candidate, and each selection rule cross-validated over proposals (see docs/validation.md)." };
        var draws = new Option<int>("--draws") { Description = "Input draws per issue for the interval scores (coverage and width of the 50/80/95% forecast intervals, cross-validated over proposals); 0 for none.", DefaultValueFactory = _ => ForecastRequest.DefaultDraws };
        var positionSd = new Option<double>("--position-sd") { Description = "Input uncertainty for cases that state none: SD of positions as a share of the scale (e.g. 0.05).", DefaultValueFactory = _ => 0 };
        var salienceSd = new Option<double>("--salience-sd") { Description = "Input uncertainty for cases that state none: SD of saliences on 0–1 (e.g. 0.1).", DefaultValueFactory = _ => 0 };
        var capabilitySd = new Option<double>("--capability-sd") { Description = "Input uncertainty for cases that state none: SD of capabilities as a share of each (e.g. 0.2).", DefaultValueFactory = _ => 0 };
        var errorScale = new Option<string>("--error-scale") { Description = "How each issue's errors are scaled for the intervals: spread (weighted SD of positions + 5% of the scale; the default and the shipped calibration) or width (the scale width).", DefaultValueFactory = _ => "spread" };
        errorScale.AcceptOnlyFromAmong("spread", "width");
        var calibrationOut = new Option<string?>("--calibration-out") { Description = "Also write the residuals of every model as a calibration file (what 'forecast' ships with; see docs/validation.md)." };
        var command = new Command("backtest", "Score models against known outcomes (a DEU file, or scenarios that record outcomes): errors, bootstrap intervals over proposals, difference to the compromise model.")
        {
            file, outcomes, inputFormat, model, format, output, seed, replicates, skipInvalid, perIssue, search, draws, positionSd, salienceSd, capabilitySd, errorScale, calibrationOut,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(UnknownOption(parse.GetValue(file)!, command, context) ?? Execute(
            new BacktestSettings(
                parse.GetValue(file)!,
                parse.GetValue(model) ?? [],
                parse.GetValue(format) ?? "table",
                parse.GetValue(output),
                parse.GetValue(seed),
                parse.GetValue(replicates),
                parse.GetValue(skipInvalid),
                parse.GetValue(perIssue),
                parse.GetValue(search),
                parse.GetValue(draws),
                new ScenarioUncertainty(parse.GetValue(positionSd), parse.GetValue(salienceSd), parse.GetValue(capabilitySd)),
                parse.GetValue(calibrationOut),
                parse.GetValue(errorScale) == "width" ? ResidualScaleKind.ScaleWidth : ResidualScaleKind.PositionSpread,
                parse.GetValue(outcomes),
                parse.GetValue(inputFormat) ?? "auto"),
            context,
            cancellationToken)));
        return command;
    }

    /// <summary>
    /// The usage error for a mistyped option, which the file argument (one or more) would otherwise
    /// take as a file name: <c>--replicate</c> gets "did you mean '--replicates'?". Null when there is none.
    /// </summary>
    private static int? UnknownOption(string[] files, Command command, CliContext context)
    {
        var token = files.FirstOrDefault(f => f.Length > 1 && f.StartsWith('-'));
        if (token is null)
        {
            return null;
        }

        var name = token.Split('=', 2)[0];
        var names = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Append("--help").Distinct(StringComparer.Ordinal);
        context.Error.WriteLine($"error: unknown option '{name}' for 'parley backtest'.{DidYouMean.Hint(name, names)}");
        context.Error.WriteLine("Run 'parley backtest --help' for its arguments and options.");
        return ExitCodes.UsageError;
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

        if (settings.Draws is < 0 or > ForecastRequest.MaxDraws)
        {
            return context.UsageError($"--draws must be between 0 and {ForecastRequest.MaxDraws} (got {settings.Draws}).");
        }

        var u = settings.Uncertainty ?? ScenarioUncertainty.None;
        if (!(u.PositionSdShare >= 0 && double.IsFinite(u.PositionSdShare)) || !(u.SalienceSd >= 0 && double.IsFinite(u.SalienceSd)) || !(u.CapabilitySdShare >= 0 && double.IsFinite(u.CapabilitySdShare)))
        {
            return context.UsageError("--position-sd, --salience-sd and --capability-sd must be finite numbers ≥ 0.");
        }

        if (settings.Search && settings.Models.Count > 0)
        {
            return context.UsageError("--search scores a fixed list of candidates; it cannot be combined with --model.");
        }

        if (settings.Search && settings.CalibrationOut is not null)
        {
            return context.UsageError("--search scores the candidates for 'best'; make the calibration with a plain backtest (--calibration-out without --search).");
        }

        IReadOnlyList<IForecastModel>? models = null;
        if (!settings.Search)
        {
            // Every one-issue model by default: a DEU case is one issue. Models that run issues together
            // (exchange, ktab-smp) run when named, on the proposal (or scenario) each issue belongs to.
            models = ModelSelection.Resolve([.. settings.Models], [.. ModelCatalog.All.OfType<IssueModel>()], context, out var code);
            if (models is null)
            {
                return code;
            }
        }

        IReadOnlyList<string> inputs = settings.Outcomes is null ? settings.Files : [.. settings.Files, settings.Outcomes];
        if (OutputFile.Problem([(settings.Out, "--out"), (settings.PerIssue, "--per-issue"), (settings.CalibrationOut, "--calibration-out")], inputs) is { } outProblem)
        {
            return context.UsageError(outProblem);
        }

        var data = BacktestInput.Load(settings.Files, settings.Outcomes, settings.SkipInvalid, settings.InputFormat, context, out var inputCode);
        if (data is null)
        {
            return inputCode;
        }

        var cases = data.Cases;
        var options = new BacktestOptions
        {
            Seed = settings.Seed,
            Replicates = settings.Replicates,
            Draws = settings.Draws,
            Uncertainty = u == ScenarioUncertainty.None ? null : u,
            ErrorScale = settings.ErrorScale,
        };
        if (settings.Search)
        {
            return Search(settings, data, options, inputs, context, cancellationToken);
        }

        var problems = BacktestEngine.Check(cases, models!);
        if (problems.Count > 0)
        {
            context.Report(problems.Select(p => p.Problem));
            stderr.WriteLine($"Leave {string.Join(", ", problems.Select(p => $"'{p.Model}'"))} out (name the models with --model) to backtest the others.");
            return ExitCodes.InvalidInput;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = RunWithProgress(cases, models!, options, context, cancellationToken);
        if (result.Failures.Count > 0)
        {
            context.Report(result.Failures.Select(p => p.Problem));
            stderr.WriteLine($"Leave {string.Join(", ", result.Failures.Select(p => $"'{p.Model}'"))} out (name the models with --model) to backtest the others.");
            return ExitCodes.InvalidInput;
        }

        started.Stop();
        var text = settings.Format.ToUpperInvariant() switch
        {
            "JSON" => BacktestReportWriter.ToJson(result, data.Source),
            "CSV" => BacktestReportWriter.ToCsv(result),
            _ => BacktestTables.Render(result, data.Description, data.Clusters),
        };
        // Every output is ready before any is written, so that a bad --per-issue cannot leave a new --out behind.
        List<PendingOutput> outputs = [new(settings.Out, "--out", text), .. PerIssue(settings, result)];
        if (settings.CalibrationOut is not null)
        {
            var source = data.IsDeu
                ? $"DEU III development split ({result.CaseCount} issues in {result.ProposalCount} proposals, {Path.GetFileName(data.Source.File)})"
                : data.Description;
            var calibration = BacktestCalibration.Fit(source, result, cases, options.ErrorScale);
            outputs.Add(new(settings.CalibrationOut, "--calibration-out", CalibrationFile.ToJson(calibration, ShippedCalibration.Command)));
        }

        var exit = OutputFile.WriteAll(outputs, inputs, context);
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {result.Seed}; {result.Replicates} bootstrap replicates over {result.ProposalCount} {data.Clusters}; {models!.Count} model(s) × {result.CaseCount} issues in {started.Elapsed.TotalSeconds:F2} s."));
        return exit;
    }

    private static IEnumerable<PendingOutput> PerIssue(BacktestSettings settings, BacktestResult result) =>
        settings.PerIssue is null
            ? []
            : [new(settings.PerIssue, "--per-issue", settings.PerIssue.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? BacktestReportWriter.PerIssueJson(result) : BacktestReportWriter.PerIssueCsv(result))];

    /// <summary>The search that chooses <c>best</c> (docs/validation.md): every candidate, and each selection rule cross-validated over proposals.</summary>
    private static int Search(BacktestSettings settings, BacktestData data, BacktestOptions options, IReadOnlyList<string> inputs, CliContext context, CancellationToken cancellationToken)
    {
        var candidates = BestSearch.Candidates();
        var problems = BacktestEngine.Check(data.Cases, ModelSearch.Parts(candidates));
        if (problems.Count > 0)
        {
            context.Report(problems.Select(p => p.Problem));
            return ExitCodes.InvalidInput;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        context.Error.WriteLine($"Searching {candidates.Count} candidates on {data.Cases.Count} issues ({BacktestOptions.Default.Folds}-fold cross-validation over {data.Clusters})…");
        var search = ModelSearch.Run(data.Cases, candidates, options, out var failures, cancellationToken);
        if (search is null)
        {
            context.Report(failures.Select(p => p.Problem));
            return ExitCodes.InvalidInput;
        }

        started.Stop();
        var text = settings.Format.ToUpperInvariant() switch
        {
            "JSON" => BacktestReportWriter.SearchJson(search, data.Source),
            "CSV" => BacktestReportWriter.SearchCsv(search),
            _ => SearchTables.Render(search, data.Description, data.Clusters),
        };
        var exit = OutputFile.WriteAll([new(settings.Out, "--out", text), .. PerIssue(settings, search.Candidates)], inputs, context);
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {options.Seed}; {candidates.Count} candidates × {data.Cases.Count} issues, {options.Replicates} bootstrap replicates, in {started.Elapsed.TotalSeconds:F2} s."));
        return exit;
    }

    private static BacktestResult RunWithProgress(IReadOnlyList<BacktestCase> cases, IReadOnlyList<IForecastModel> models, BacktestOptions options, CliContext context, CancellationToken cancellationToken)
    {
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
                        stderr.WriteLine(p.Stage switch
                        {
                            BacktestStage.Forecasting => $"Forecasting {p.Total} issues with {models.Count} model(s)…",
                            BacktestStage.Bootstrapping => $"Bootstrapping {p.Total} replicates over proposals…",
                            _ => $"Running {options.Draws} input draws of {p.Total} issues…",
                        });
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
            var drawing = options.Draws > 0 ? ctx.AddTask($"Input draws ({options.Draws} per issue)", maxValue: cases.Count) : null;
            result = BacktestEngine.Run(cases, models, options, new Reporter(p =>
            {
                var task = p.Stage switch
                {
                    BacktestStage.Forecasting => forecasting,
                    BacktestStage.Bootstrapping => bootstrapping,
                    _ => drawing!,
                };
                lock (task)
                {
                    task.Value = Math.Max(task.Value, p.Done);
                }
            }), cancellationToken);
        });
        return result!;
    }

    private sealed class Reporter(Action<BacktestProgress> report) : IProgress<BacktestProgress>
    {
        public void Report(BacktestProgress value) => report(value);
    }
}

/// <summary>The options of one <c>parley backtest</c> run.</summary>
/// <param name="Files">The DEU file, or the scenario files.</param>
/// <param name="Models">Model names; empty for every model.</param>
/// <param name="Format">table, json or csv.</param>
/// <param name="Out">Where to write the scores; null for standard output.</param>
/// <param name="Seed">Bootstrap seed.</param>
/// <param name="Replicates">Bootstrap replicates.</param>
/// <param name="SkipInvalid">Skip malformed rows instead of stopping.</param>
/// <param name="PerIssue">Where to write per-issue forecasts; null for nowhere.</param>
/// <param name="Search">Score the candidates of the search for <c>best</c> instead of <paramref name="Models"/>.</param>
/// <param name="Draws">Input draws per issue for the interval scores; 0 for none.</param>
/// <param name="Uncertainty">Input uncertainty for cases that state none; null for none.</param>
/// <param name="CalibrationOut">Where to write the calibration fitted on the cases; null for nowhere.</param>
/// <param name="ErrorScale">How each issue's errors are scaled for the intervals.</param>
/// <param name="Outcomes">An outcomes file merged into the (single) scenario; null for none.</param>
/// <param name="InputFormat">How scenario files are read (<c>--input-format</c>).</param>
internal sealed record BacktestSettings(
    IReadOnlyList<string> Files,
    IReadOnlyList<string> Models,
    string Format = "table",
    string? Out = null,
    ulong Seed = BacktestOptions.DefaultSeed,
    int Replicates = BacktestOptions.DefaultReplicates,
    bool SkipInvalid = false,
    string? PerIssue = null,
    bool Search = false,
    int Draws = 0,
    ScenarioUncertainty? Uncertainty = null,
    string? CalibrationOut = null,
    ResidualScaleKind ErrorScale = ResidualScaleKind.PositionSpread,
    string? Outcomes = null,
    string InputFormat = "auto");
