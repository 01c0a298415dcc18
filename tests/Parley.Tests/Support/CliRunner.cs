using Parley.Cli;

namespace Parley.Tests.Support;

/// <summary>Runs the parley command line in-process and captures what it writes.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    public static Outcome Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ParleyApp.Run(args, output, error);
        return new Outcome(code, output.ToString(), error.ToString());
    }
}
