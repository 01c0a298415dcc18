using System.Diagnostics;

namespace Parley.Tests.Support;

/// <summary>Runs the built parley tool (parley.dll beside the tests) as a process, in a given working folder.</summary>
internal static class ParleyProcess
{
    public static CliRunner.Outcome Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "parley.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "parley did not finish within two minutes");
        return new CliRunner.Outcome(process.ExitCode, output.Result, error.Result);
    }
}
