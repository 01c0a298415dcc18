using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley.Core.Backtest;
using Parley.Core.Models;
using Parley.Core.Models.Best;
using Parley.Formats.Deu;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley backtest FILE</c>: scores models against the outcomes of a DEU file.</summary>
public static class BacktestCommand
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Ok = 0;

    /// <summary>Exit code of a usage error (unknown model, bad option value).</summary>
    public const int UsageError = 2;

    /// <summary>Exit code of invalid input (a malformed or unreadable DEU file).</summary>
    public const int InvalidInput = 3;

    private static readonly string[] s_formats = ["table", "json", "csv"];

    /// <summary>Builds the <c>backtest</c> command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A file in the DEU III format (tab-separated; see data/deu3/README.md)." };
        var model = new Option<string[]>("--model", "-m")
        {
            Description = "Models to score (repeatable; default: every model). 'best' is the default configuration.",
            AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<string>("--format", "-f") { Description = "Output format: table, json or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(s_formats);
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the scores to this file instead of standard output." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the bootstrap.", DefaultValueFactory = _ => BacktestOptions.DefaultSeed };
        var replicates = new Option<int>("--replicates") { Description = "Bootstrap replicates (at least 100).", DefaultValueFactory = _ => BacktestOptions.DefaultReplicates };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Skip malformed rows (listed as warnings) instead of stopping." };
        var perIssue = new Option<FileInfo?>("--per-issue") { Description = "Write every model's forecast per issue to this file (.json for JSON, otherwise CSV)." };
        var search = new Option<bool>("--search") { Description = "Score the candidates among which 'best' was chosen, lowest error first (see docs/validation.md)." };
        var command = new Command("backtest", "Score models against the known outcomes of a DEU file: errors, bootstrap intervals over proposals, difference to the compromise model.")
        {
            file, model, format, output, seed, replicates, skipInvalid, perIssue, search,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Execute(
            new BacktestSettings(
                parse.GetValue(file)!.ToString(),
                parse.GetValue(model) ?? [],
                parse.GetValue(format) ?? "table",
                parse.GetValue(output)?.FullName,
                parse.GetValue(seed),
                parse.GetValue(replicates),
                parse.GetValue(skipInvalid),
                parse.GetValue(perIssue)?.FullName,
                parse.GetValue(search)),
            Console.Out,
            Console.Error,
            cancellationToken)));
        return command;
    }

    /// <summary>Runs the backtest with <paramref name="settings"/>, writing results to <paramref name="stdout"/> and diagnostics and progress to <paramref name="stderr"/>.</summary>
    /// <returns>The exit code: 0 ok, 2 usage error, 3 invalid input.</returns>
    public static int Execute(BacktestSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (!s_formats.Contains(settings.Format, StringComparer.OrdinalIgnoreCase))
        {
            stderr.WriteLine($"error: unknown format '{settings.Format}'; expected one of: {string.Join(", ", s_formats)}.");
            return UsageError;
        }

        if (settings.Replicates < 100)
        {
            stderr.WriteLine($"error: --replicates must be at least 100 (got {settings.Replicates}).");
            return UsageError;
        }

        if (settings.Search && settings.Models.Count > 0)
        {
            stderr.WriteLine("error: --search scores a fixed list of candidates; it cannot be combined with --model.");
            return UsageError;
        }

        var models = settings.Search ? BestSearch.Candidates() : ResolveModels(settings.Models, stderr);
        if (models is null)
        {
            return UsageError;
        }

        var read = DeuReader.ReadFile(settings.File, new DeuReadOptions { SkipInvalid = settings.SkipInvalid });
        foreach (var d in read.Diagnostics)
        {
            stderr.WriteLine(d.ToString());
        }

        if (!read.Succeeded)
        {
            var errors = read.Errors.Count();
            stderr.WriteLine($"{errors} error(s) in {settings.File}; nothing was run." + (settings.SkipInvalid ? string.Empty : " Use --skip-invalid to skip malformed rows."));
            return InvalidInput;
        }

        var data = read.Value!;
        var options = new BacktestOptions { Seed = settings.Seed, Replicates = settings.Replicates };
        var started = System.Diagnostics.Stopwatch.StartNew();
        BacktestResult result;
        try
        {
            result = RunWithProgress(data, models, options, stderr, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("Cancelled.");
            return 130;
        }

        started.Stop();
        if (settings.Search)
        {
            result = result with { Models = [.. result.Models.OrderBy(m => m.MeanAbsoluteError)] };
        }

        try
        {
            if (settings.Out is null)
            {
                Write(result, data, settings.Format, stdout, ansi: !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out));
            }
            else
            {
                using var writer = new StreamWriter(settings.Out, false, new UTF8Encoding(false));
                Write(result, data, settings.Format, writer, ansi: false);
            }

            if (settings.PerIssue is not null)
            {
                using var writer = new StreamWriter(settings.PerIssue, false, new UTF8Encoding(false));
                if (settings.PerIssue.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    WritePerIssueJson(result, writer);
                }
                else
                {
                    WritePerIssueCsv(result, writer);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write output: {e.Message}");
            return InvalidInput;
        }

        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {result.Seed}; {result.Replicates} bootstrap replicates over {result.ProposalCount} proposals; {models.Count} model(s) × {result.CaseCount} issues in {started.Elapsed.TotalSeconds:F2} s."));
        return Ok;
    }

    private static List<IForecastModel>? ResolveModels(IReadOnlyList<string> names, TextWriter stderr)
    {
        if (names.Count == 0)
        {
            return [.. ModelCatalog.All];
        }

        var models = new List<IForecastModel>();
        foreach (var name in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var model = ModelCatalog.Find(name);
            if (model is null)
            {
                var suggestion = ModelCatalog.Names.MinBy(n => Distance(n, name));
                stderr.WriteLine($"error: unknown model '{name}'. Valid models: {string.Join(", ", ModelCatalog.Names)}."
                    + (suggestion is not null && Distance(suggestion, name) <= 3 ? $" Did you mean '{suggestion}'?" : string.Empty));
                return null;
            }

            if (!models.Contains(model))
            {
                models.Add(model);
            }
        }

        return models;
    }

    private static BacktestResult RunWithProgress(DeuDataset data, IReadOnlyList<IForecastModel> models, BacktestOptions options, TextWriter stderr, CancellationToken cancellationToken)
    {
        var cases = data.ToBacktestCases();
        if (Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error))
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

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
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

    private static void Write(BacktestResult result, DeuDataset data, string format, TextWriter writer, bool ansi)
    {
        switch (format.ToUpperInvariant())
        {
            case "JSON":
                WriteJson(result, data, writer);
                break;
            case "CSV":
                WriteCsv(result, writer);
                break;
            default:
                WriteTable(result, data, writer, ansi);
                break;
        }
    }

    private static void WriteTable(BacktestResult result, DeuDataset data, TextWriter writer, bool ansi)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = ansi ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!ansi)
        {
            console.Profile.Width = 160;
        }

        var pct = (int)Math.Round(result.Confidence * 100);
        var table = new Table().Border(ansi ? TableBorder.Rounded : TableBorder.Ascii)
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
    }

    private static Text[] Cells(params string[] cells) => [.. cells.Select(c => new Text(c))];

    private static void WriteCsv(BacktestResult result, TextWriter writer)
    {
        writer.WriteLine("model,mae,median_ae,share_within,mae_low,mae_high,diff_to_reference,diff_low,diff_high,reference,issues,proposals,replicates,seed");
        foreach (var m in result.Models)
        {
            writer.WriteLine(F($"{Csv(m.Model)},{m.MeanAbsoluteError:R},{m.MedianAbsoluteError:R},{m.ShareWithin:R},{m.MaeLow:R},{m.MaeHigh:R},{m.DifferenceToReference:R},{m.DifferenceLow:R},{m.DifferenceHigh:R},{Csv(result.ReferenceModel)},{result.CaseCount},{result.ProposalCount},{result.Replicates},{result.Seed}"));
        }
    }

    private static void WriteJson(BacktestResult result, DeuDataset data, TextWriter writer)
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
        writer.WriteLine(JsonSerializer.Serialize(document, s_json));
    }

    private static void WritePerIssueJson(BacktestResult result, TextWriter writer)
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
        writer.WriteLine(JsonSerializer.Serialize(document, s_json));
    }

    private static void WritePerIssueCsv(BacktestResult result, TextWriter writer)
    {
        writer.WriteLine("proposal,issue,outcome," + string.Join(',', result.Models.Select(m => Csv(m.Model))));
        foreach (var c in result.Cases)
        {
            writer.WriteLine(F($"{Csv(c.ProposalId)},{Csv(c.IssueId)},{c.Outcome:R},") + string.Join(',', c.Forecasts.Select(f => f.ToString("R", CultureInfo.InvariantCulture))));
        }
    }

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Csv(string s) => s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static int Distance(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        var d = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            d[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var previous = d[0];
            d[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = d[j];
                d[j] = Math.Min(Math.Min(d[j] + 1, d[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return d[b.Length];
    }

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
public sealed record BacktestSettings(
    string File,
    IReadOnlyList<string> Models,
    string Format = "table",
    string? Out = null,
    ulong Seed = BacktestOptions.DefaultSeed,
    int Replicates = BacktestOptions.DefaultReplicates,
    bool SkipInvalid = false,
    string? PerIssue = null,
    bool Search = false);
