using System.CommandLine;
using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Run;
using Parley.Formats;
using Parley.Formats.Calibration;

namespace Parley.Cli.Commands;

/// <summary>
/// The options every command that runs models shares (<c>forecast</c> and the commands built on it):
/// models, rounds, draws, seed, model parameters, input format, output format and file. Turns a
/// parsed command line and a scenario into a <see cref="ForecastRequest"/> for the run layer.
/// </summary>
internal sealed class RunOptions
{
    /// <summary>The output formats.</summary>
    public static readonly string[] Formats = ["table", "json", "csv"];

    /// <summary>Creates the options.</summary>
    public RunOptions()
    {
        Models = new Option<string[]>("--model", "-m")
        {
            Description = "Model(s) to run (see 'parley models'); repeat or separate with commas. Default: the baselines, both expected-utility variants and best (plus ktab-smp for a KTAB file, exchange for an exchange-model input).",
            AllowMultipleArgumentsPerToken = true,
        };
        Rounds = new Option<int?>("--rounds", "-r") { Description = $"Rounds for scholz2011 and exchange (default 10); the round limit for bdm (default 100) and ktab-smp (default 100); 1 to {ModelOptions.MaxRounds}." };
        Draws = new Option<int>("--draws") { Description = $"Input draws for the intervals (0 to {ForecastRequest.MaxDraws}); 0 gives the point forecasts alone.", DefaultValueFactory = _ => ForecastRequest.DefaultDraws };
        Seed = new Option<ulong>("--seed") { Description = $"Seed of every random number (default: the file's seed, else {ModelOptions.DefaultSeed}).", DefaultValueFactory = _ => ModelOptions.DefaultSeed };
        Parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A model parameter NAME=VALUE (repeatable), e.g. tolerance=1e-5 for bdm or VotingRule=Binary for ktab-smp (see 'parley models').",
            AllowMultipleArgumentsPerToken = false,
        };
        Format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        Format.AcceptOnlyFromAmong(Formats);
        Out = new Option<string?>("--out", "-o") { Description = "Write the output to this file instead of standard output." };
        InputFormat = ScenarioInput.FormatOption();
    }

    /// <summary><c>--model</c>.</summary>
    public Option<string[]> Models { get; }

    /// <summary><c>--rounds</c>.</summary>
    public Option<int?> Rounds { get; }

    /// <summary><c>--draws</c>.</summary>
    public Option<int> Draws { get; }

    /// <summary><c>--seed</c>.</summary>
    public Option<ulong> Seed { get; }

    /// <summary><c>--param</c>.</summary>
    public Option<string[]> Parameters { get; }

    /// <summary><c>--format</c>.</summary>
    public Option<string> Format { get; }

    /// <summary><c>--out</c>.</summary>
    public Option<string?> Out { get; }

    /// <summary><c>--input-format</c>.</summary>
    public Option<string> InputFormat { get; }

    /// <summary>Adds every option to <paramref name="command"/> (<c>--draws</c> only when <paramref name="draws"/> is true: a command that explains one run makes none).</summary>
    public void AddTo(Command command, bool draws = true)
    {
        foreach (var option in new Option[] { Models, Rounds, Draws, Seed, Parameters, Format, Out, InputFormat })
        {
            if (draws || option != Draws)
            {
                command.Options.Add(option);
            }
        }
    }

    /// <summary>Checks the options that need no scenario (rounds, draws, parameter syntax, model names) and returns the named models; null and exit code 2 when one is wrong.</summary>
    public IReadOnlyList<IForecastModel>? ResolveModels(ParseResult parse, CliContext context, out int exitCode)
    {
        if (parse.GetValue(Rounds) is { } rounds && (rounds < 1 || rounds > ModelOptions.MaxRounds))
        {
            exitCode = context.UsageError($"--rounds must be between 1 and {ModelOptions.MaxRounds}, not {rounds}.");
            return null;
        }

        if (parse.GetValue(Draws) is var draws && (draws < 0 || draws > ForecastRequest.MaxDraws))
        {
            exitCode = context.UsageError($"--draws must be between 0 and {ForecastRequest.MaxDraws}, not {draws}.");
            return null;
        }

        if ((parse.GetValue(Parameters) ?? []).FirstOrDefault(t => ModelParameters.ParseAssignment(t) is null) is { } bad)
        {
            exitCode = context.UsageError($"--param expects NAME=VALUE, not '{bad}'.");
            return null;
        }

        return ModelSelection.Resolve(parse.GetValue(Models), [], context, out exitCode);
    }

    /// <summary>
    /// The request for <paramref name="source"/>: named models (or the defaults, with ktab-smp for a KTAB
    /// file and exchange for an exchange-model input), options and parameters (the file's, then the command line's), draws and seed (the command
    /// line's, else the file's, else the default). Null, with the exit code, when the options are wrong.
    /// </summary>
    public ForecastRequest? Build(ParseResult parse, ScenarioSource source, IReadOnlyList<IForecastModel> named, CliContext context, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        // A KTAB file runs KTAB's model beside the defaults, an exchange-model input the exchange model.
        var ownModel = source.Format switch
        {
            ScenarioFormat.KtabCsv or ScenarioFormat.KtabXml => "ktab-smp",
            ScenarioFormat.ExchangeCsv => "exchange",
            _ => null,
        };
        IReadOnlyList<IForecastModel> models = named.Count > 0
            ? named
            : ownModel is not null ? [.. ModelCatalog.Defaults, ModelCatalog.Find(ownModel)!] : ModelCatalog.Defaults;

        // The file's parameters are input (exit 3 when wrong); the command line's are usage (exit 2).
        var (options, fileProblems) = ModelParameters.Apply(ModelOptions.Default with { Rounds = parse.GetValue(Rounds) },
            source.ModelParameters.Select(p => new NamedParameter(p.Key, p.Value)));
        if (fileProblems.Count > 0)
        {
            context.Report(fileProblems);
            exitCode = ExitCodes.InvalidInput;
            return null;
        }

        var assignments = (parse.GetValue(Parameters) ?? []).Select(t => ModelParameters.ParseAssignment(t)!);
        (options, var cliProblems) = ModelParameters.Apply(options, assignments);
        var seedGiven = parse.GetResult(Seed) is { Implicit: false };
        var request = new ForecastRequest(source.Scenario)
        {
            Models = models,
            Options = options,
            Draws = parse.GetValue(Draws),
            Seed = seedGiven ? parse.GetValue(Seed) : source.Seed ?? parse.GetValue(Seed),
            Calibration = ShippedCalibration.Instance,
        };
        var usage = cliProblems.Concat(ForecastRunner.Validate(request)).ToList();
        if (usage.Count > 0)
        {
            foreach (var d in usage)
            {
                context.Error.WriteLine($"error: {d.Message}{(d.Expected is null ? string.Empty : $" Expected {d.Expected}.")}");
            }

            exitCode = ExitCodes.UsageError;
            return null;
        }

        return request;
    }

    /// <summary>Runs <paramref name="request"/> with a progress line on a terminal.</summary>
    public static ForecastOutcome Run(ForecastRequest request, CliContext context, CancellationToken cancellationToken)
    {
        using var progress = context.Interactive ? new Output.ProgressLine(context.Error) : null;
        return ForecastRunner.Run(request, progress, cancellationToken);
    }

    /// <summary>Reports every model that could not run; returns true when at least one could not.</summary>
    public static bool ReportFailures(ForecastOutcome outcome, CliContext context)
    {
        foreach (var failed in outcome.Failed)
        {
            context.Error.WriteLine($"error: model '{failed.Model}' cannot run this scenario:");
            foreach (var p in failed.Problems.Where(p => p.Severity == DiagnosticSeverity.Error))
            {
                context.Error.WriteLine($"  {p}");
            }
        }

        return outcome.Failed.Any();
    }
}
