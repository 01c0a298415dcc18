using System.Diagnostics;

namespace Parley.Tests.Support;

/// <summary>Runs the built parley tool (parley.dll beside the tests), or dotnet itself, as a process in a given working folder.</summary>
internal static class ParleyProcess
{
    /// <summary>The dotnet executable the tests run on (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static CliRunner.Outcome Run(string workingDirectory, params string[] args) =>
        RunDotnet(workingDirectory, [Path.Combine(AppContext.BaseDirectory, "parley.dll"), .. args]);

    /// <summary>Runs the tool with extra environment variables (e.g. DOTNET_PROCESSOR_COUNT).</summary>
    public static CliRunner.Outcome RunWith(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args) =>
        RunDotnet(workingDirectory, environment, [Path.Combine(AppContext.BaseDirectory, "parley.dll"), .. args]);

    /// <summary>Runs dotnet with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static CliRunner.Outcome RunDotnet(string workingDirectory, params string[] args) =>
        RunDotnet(workingDirectory, new Dictionary<string, string>(), args);

    private static CliRunner.Outcome RunDotnet(string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), $"dotnet {string.Join(' ', args)} did not finish within two minutes");
        return new CliRunner.Outcome(process.ExitCode, output.Result, error.Result);
    }
}
