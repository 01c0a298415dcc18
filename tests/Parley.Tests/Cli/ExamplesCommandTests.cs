using Parley.Cli;
using Parley.Formats.Bundled;
using Parley.Tests.Support;

namespace Parley.Tests.Cli;

public sealed class ExamplesCommandTests
{
    [Fact]
    public void Lists_every_bundled_scenario_with_its_title_and_actors_by_issues()
    {
        var run = CliRunner.Run("examples");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.NotEmpty(BundledScenarios.All);
        foreach (var s in BundledScenarios.All)
        {
            var line = run.Out.Split('\n').Single(l => l.TrimStart().StartsWith(s.Name + " ", StringComparison.Ordinal));
            Assert.Contains(s.Title, line, StringComparison.Ordinal);
            Assert.Contains($"{s.ActorCount} × {s.IssueCount}", line, StringComparison.Ordinal);
        }

        Assert.Contains("9 × 5", run.Out, StringComparison.Ordinal); // korea-2018: nine actors, five issues
    }

    [Fact]
    public void Prints_a_bundled_scenario_as_it_is_in_the_repository()
    {
        var run = CliRunner.Run("examples", "korea-2018");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "scenarios", "korea-2018.yaml")), run.Out);
    }

    [Fact]
    public void An_unknown_name_is_a_usage_error_with_the_nearest_name_and_the_list()
    {
        var run = CliRunner.Run("examples", "korea-2081");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("Did you mean 'korea-2018'?", run.Error, StringComparison.Ordinal);
        Assert.Contains("Bundled: korea-2018", run.Error, StringComparison.Ordinal);
    }
}
