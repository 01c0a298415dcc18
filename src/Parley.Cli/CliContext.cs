using Parley.Core.Diagnostics;
using Spectre.Console;

namespace Parley.Cli;

/// <summary>Where a command writes: results to <see cref="Out"/>, diagnostics and progress to <see cref="Error"/>.</summary>
public sealed class CliContext
{
    /// <summary>Creates a context over the two writers.</summary>
    public CliContext(TextWriter output, TextWriter error, bool interactive = false, bool outputIsTerminal = false)
    {
        Out = output;
        Error = error;
        Interactive = interactive;
        OutputIsTerminal = outputIsTerminal;
    }

    /// <summary>Standard output: results only.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: diagnostics, notes and progress.</summary>
    public TextWriter Error { get; }

    /// <summary>True when stderr is a terminal (progress bars are drawn only then).</summary>
    public bool Interactive { get; }

    /// <summary>True when stdout is a terminal: notes a command prints with its results need not be repeated on stderr.</summary>
    public bool OutputIsTerminal { get; }

    /// <summary>A Spectre console over <paramref name="writer"/>: no colours, wide enough for tables when redirected.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter writer, bool ansi)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = ansi ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        if (!ansi)
        {
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>Writes every diagnostic to stderr, one per line.</summary>
    public void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Error.WriteLine(d.ToString());
        }
    }

    /// <summary>Writes a usage error to stderr and returns <see cref="ExitCodes.UsageError"/>.</summary>
    public int UsageError(string message)
    {
        Error.WriteLine($"error: {message}");
        return ExitCodes.UsageError;
    }
}
