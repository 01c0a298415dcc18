using System.CommandLine;
using Parley.Cli.Commands;

namespace Parley.Cli;

/// <summary>The <c>parley</c> command line, runnable in-process (tests call <see cref="Run"/>).</summary>
public static class ParleyApp
{
    /// <summary>
    /// Parses <paramref name="args"/>, runs the command and returns its exit code. <paramref name="interactive"/>:
    /// stderr is a terminal; <paramref name="outputIsTerminal"/>: stdout is one.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool interactive = false, bool outputIsTerminal = false)
    {
        var context = new CliContext(output, error, interactive, outputIsTerminal);
        var root = new RootCommand("Parley forecasts how multi-party negotiations end, and shows why.")
        {
            ForecastCommand.Create(context),
            WhatIfCommand.Create(context),
            ExplainCommand.Create(context),
            AdviseCommand.Create(context),
            ValidateCommand.Create(context),
            ModelsCommand.Create(context),
            BacktestCommand.Create(context),
            ImportCommand.Create(context),
            ExamplesCommand.Create(context),
            ServeCommand.Create(context),
            HistoryCommand.Create(context),
            ShowCommand.Create(context),
            ReportCommand.Create(context),
        };
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction(context);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return UsageErrors.Report(parse, error);
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("Cancelled.");
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The last line of defence: a bug gets a message, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error.WriteLine($"internal error: {ex.Message}");
            error.WriteLine("This is a bug in Parley; please report it with the command line and input file.");
            return ExitCodes.InternalError;
        }
    }
}
