using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Cli;
using Parley.Core;
using Parley.Tests.Deu;
using Parley.Tests.Support;

namespace Parley.Tests.Cli;

/// <summary>One version, set in Directory.Build.props, printed by --version and stored in every JSON result.</summary>
public sealed partial class VersionTests
{
    private static string DeclaredVersion
    {
        get
        {
            var props = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "Directory.Build.props"));
            var matches = VersionElement().Matches(props);
            Assert.Single(matches);
            return matches[0].Groups[1].Value;
        }
    }

    [Fact]
    public void ParleyVersion_is_the_version_of_Directory_Build_props()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", DeclaredVersion); // semantic version, no build metadata
        Assert.Equal(DeclaredVersion, ParleyVersion.Current);
    }

    [Fact]
    public void Version_option_prints_it()
    {
        var run = CliRunner.Run("--version");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches($@"^{Regex.Escape(DeclaredVersion)}( \(commit [0-9a-f]{{1,12}}\))?\r?\n$", run.Out);
    }

    [Fact]
    public void Forecast_json_stores_it()
    {
        var run = CliRunner.Run("forecast", TestPaths.TestData("small.yaml"), "-m", "compromise", "--format", "json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(DeclaredVersion, json.RootElement.GetProperty("parley_version").GetString());
    }

    [Fact]
    public void Backtest_json_and_per_issue_json_store_it()
    {
        using var perIssue = new TempFile(".json");
        var run = CliRunner.Run("backtest", DeuData.TestFile("small.tsv"), "-m", "compromise", "--replicates", "100", "--format", "json", "--per-issue", perIssue.Path);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(DeclaredVersion, json.RootElement.GetProperty("parley_version").GetString());
        using var issues = JsonDocument.Parse(File.ReadAllText(perIssue.Path));
        Assert.Equal(DeclaredVersion, issues.RootElement.GetProperty("parley_version").GetString());
    }

    [GeneratedRegex("<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}
