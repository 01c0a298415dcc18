using Parley.Cli;

namespace Parley.Web.Tests.Support;

/// <summary>Runs the parley command line in-process and captures what it writes.</summary>
internal static class ParleyCli
{
    public sealed record Outcome(int ExitCode, string Out, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static Outcome Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ParleyApp.Run(args, output, error);
        return new Outcome(code, output.ToString(), error.ToString());
    }
}
