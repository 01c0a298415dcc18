using Parley.Cli;
using Parley.Tests.Support;

namespace Parley.Tests.Cli;

/// <summary>"Did you mean" for mistyped commands, options, models, bundled scenarios and files.</summary>
public sealed class DidYouMeanTests
{
    [Fact]
    public void A_mistyped_command_gets_the_nearest_command_and_exit_2()
    {
        var run = CliRunner.Run("forcast", "korea-2018", "--modle", "bdm");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("error: unknown command 'forcast'. Did you mean 'forecast'?", run.Error, StringComparison.Ordinal);
        // One message for the one mistake: not a second one about the missing command or its argument.
        Assert.Equal(1, run.Error.Split('\n').Count(l => l.StartsWith("error:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("valdiate", "validate")]
    [InlineData("model", "models")]
    [InlineData("exmaples", "examples")]
    [InlineData("backtets", "backtest")]
    [InlineData("improt", "import")]
    public void Every_command_is_suggested_for_a_near_miss(string typed, string meant)
    {
        var run = CliRunner.Run(typed);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains($"Did you mean '{meant}'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_option_gets_the_nearest_option_of_that_command_and_exit_2()
    {
        var run = CliRunner.Run("forecast", "x.yaml", "--modle", "bdm");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("error: unknown option '--modle' for 'parley forecast'. Did you mean '--model'?", run.Error, StringComparison.Ordinal);
        // 'bdm' is the value meant for --model, not a second mistake.
        Assert.DoesNotContain("'bdm'", run.Error, StringComparison.Ordinal);
        Assert.Contains("parley forecast --help", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backtest", "--replicate", "--replicates")]
    [InlineData("backtest", "--per-isue", "--per-issue")]
    [InlineData("forecast", "--fromat=json", "--format")]
    [InlineData("forecast", "--sed", "--seed")]
    [InlineData("import", "--input-fromat", "--input-format")]
    [InlineData("validate", "--hlep", "--help")]
    public void Options_are_suggested_among_those_of_the_command_given(string command, string typed, string meant)
    {
        var run = CliRunner.Run(command, "file", typed);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains($"Did you mean '{meant}'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_of_another_command_is_not_suggested()
    {
        // --per-issue belongs to backtest: forecast has nothing near it.
        var run = CliRunner.Run("forecast", "x.yaml", "--per-issue", "a.csv");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("unknown option '--per-issue'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_bundled_scenario_name_is_bad_input_with_the_name_suggested()
    {
        using var folder = new TempFolder();
        var run = ParleyProcess.Run(folder.Path, "forecast", "korea-2108");
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("korea-2108: error: File not found. Did you mean the bundled scenario 'korea-2018'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_file_name_gets_the_file_beside_it()
    {
        using var folder = new TempFolder();
        File.Copy(TestPaths.TestData("small.yaml"), folder.File("my-scenario.yaml"));
        var run = CliRunner.Run("validate", folder.File("my-scenairo.yaml"));
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"Did you mean '{folder.File("my-scenario.yaml")}'?", run.Error, StringComparison.Ordinal);
    }
}
