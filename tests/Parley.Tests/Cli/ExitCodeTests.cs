using Parley.Cli;
using Parley.Tests.Deu;
using Parley.Tests.Support;

namespace Parley.Tests.Cli;

/// <summary>
/// Every exit code of every command: 0 success, 1 only for a bug, 2 bad usage, 3 bad input. Each
/// case also checks that stderr says the matching kind of thing, so a right number for the wrong
/// reason fails too.
/// </summary>
public sealed class ExitCodeTests
{
    private static string Korea => Path.Combine(TestPaths.RepoRoot, "scenarios", "korea-2018.yaml");

    private static string SmallDeu => DeuData.TestFile("small.tsv");

    private static string SmallYaml => TestPaths.TestData("small.yaml");

    public static TheoryData<string[]> Successes() => new()
    {
        { ["validate", Korea] },
        { ["validate", "korea-2018"] },
        { ["import", SmallYaml] },
        { ["models"] },
        { ["examples"] },
        { ["examples", "korea-2018"] },
        { ["forecast", SmallYaml, "-m", "compromise"] },
        { ["forecast", "korea-2018", "-m", "median-voter", "--format", "csv"] },
        { ["backtest", SmallDeu, "-m", "compromise", "--replicates", "100"] },
        { ["--version"] },
        { ["--help"] },
        { ["forecast", "--help"] },
    };

    public static TheoryData<string[], string> UsageErrors() => new()
    {
        // Nothing or an unknown command.
        { [], "Required command was not provided" },
        { ["forcast"], "unknown command 'forcast'" },
        // validate
        { ["validate"], "Required argument missing" },
        { ["validate", Korea, "--strict"], "unknown option '--strict'" },
        { ["validate", Korea, "--input-format", "toml"], "toml" },
        // import
        { ["import"], "Required argument missing" },
        { ["import", SmallYaml, "--out", "x.txt"], "--out must end in .yaml, .yml or .json" },
        { ["import", SmallYaml, "--ouput", "x.yaml"], "unknown option '--ouput'" },
        // models
        { ["models", "bdm"], "unexpected argument 'bdm'" },
        { ["models", "--all"], "unknown option '--all'" },
        // examples
        { ["examples", "no-such-example"], "there is no bundled scenario 'no-such-example'" },
        { ["examples", "korea-2018", "extra"], "unexpected argument 'extra'" },
        // forecast: usage errors come before the file is read (x.yaml does not exist).
        { ["forecast"], "Required argument missing" },
        { ["forecast", "x.yaml", "--modle", "bdm"], "unknown option '--modle'" },
        { ["forecast", "x.yaml", "--model", "bdn"], "unknown model 'bdn'" },
        { ["forecast", "x.yaml", "--rounds", "-1"], "--rounds must be between 1 and 10000" },
        { ["forecast", "x.yaml", "--rounds", "0"], "--rounds must be between 1 and 10000" },
        { ["forecast", "x.yaml", "--draws", "-5"], "--draws must be between 0 and 1000000" },
        { ["forecast", "x.yaml", "--param", "tolerance"], "--param expects NAME=VALUE" },
        { ["forecast", "x.yaml", "--rounds", "ten"], "ten" },
        { ["forecast", "x.yaml", "--format", "xml"], "xml" },
        // backtest
        { ["backtest"], "Required argument missing" },
        { ["backtest", SmallDeu, "--replicates", "5"], "--replicates must be at least 100" },
        { ["backtest", SmallDeu, "--search", "--model", "mean"], "--search scores a fixed list" },
        { ["backtest", SmallDeu, "--replicate", "100"], "unknown option '--replicate'" },
    };

    public static TheoryData<string[], string> InputErrors() => new()
    {
        { ["validate", "no-such-file.yaml"], "no-such-file.yaml: error: File not found." },
        { ["import", "no-such-file.csv"], "no-such-file.csv: error: File not found." },
        { ["forecast", "no-such-file.yaml"], "no-such-file.yaml: error: File not found." },
        { ["forecast", "korea-2108"], "korea-2108: error: File not found." },
        { ["backtest", DeuData.TestFile("malformed.tsv")], "malformed.tsv:3:16: error:" },
        { ["backtest", "no-such-file.tsv"], "no-such-file.tsv" },
    };

    public static TheoryData<string[]> EveryCommandThatWrites() => new()
    {
        { ["validate", Korea] },
        { ["import", SmallYaml] },
        { ["models"] },
        { ["examples"] },
        { ["examples", "korea-2018"] },
        { ["forecast", SmallYaml, "-m", "compromise"] },
        { ["backtest", SmallDeu, "-m", "compromise", "--replicates", "100"] },
        { ["--version"] },
    };

    [Theory]
    [MemberData(nameof(Successes))]
    public void Exit_0_on_success_with_output_and_no_error(string[] args)
    {
        var run = CliRunner.Run(args);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.NotEqual(string.Empty, run.Out.Trim());
        Assert.DoesNotContain("error:", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void Exit_2_for_bad_usage_with_a_message_saying_what(string[] args, string message)
    {
        var run = CliRunner.Run(args);
        Assert.True(run.ExitCode == ExitCodes.UsageError, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [MemberData(nameof(InputErrors))]
    public void Exit_3_for_bad_input_with_a_located_diagnostic(string[] args, string message)
    {
        var run = CliRunner.Run(args);
        Assert.True(run.ExitCode == ExitCodes.InvalidInput, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [MemberData(nameof(EveryCommandThatWrites))]
    public void Exit_1_only_when_something_fails_inside_Parley_and_the_message_says_it_is_a_bug(string[] args)
    {
        using var error = new StringWriter();
        var code = ParleyApp.Run(args, new ThrowingWriter(), error);
        Assert.Equal(ExitCodes.InternalError, code);
        Assert.Contains($"internal error: {ThrowingWriter.Message}", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("This is a bug in Parley", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal); // no stack trace
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("import")]
    [InlineData("forecast")]
    public void Exit_3_for_an_invalid_scenario_with_its_location(string command)
    {
        using var file = new TempFile(".yaml", "title: t\nissues:\n  - id: i\n    name: I\nactors:\n  - id: a\n    name: A\n    capability: -1\n    stances:\n      i: { position: 5, salience: 0.5 }\n");
        var run = CliRunner.Run(command, file.Path);
        Assert.True(run.ExitCode == ExitCodes.InvalidInput, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains($"{file.Path}:8:", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void The_process_returns_the_same_codes_as_the_in_process_runs()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Success, ParleyProcess.Run(folder.Path, "models").ExitCode);
        Assert.Equal(ExitCodes.UsageError, ParleyProcess.Run(folder.Path, "forcast").ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, ParleyProcess.Run(folder.Path, "validate", "missing.yaml").ExitCode);
    }
}
