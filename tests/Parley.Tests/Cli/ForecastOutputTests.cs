using System.Text.Json;
using Parley.Cli;
using Parley.Formats;
using Parley.Tests.Support;

namespace Parley.Tests.Cli;

/// <summary>What <c>parley forecast</c> prints: per issue and model the forecast, its interval, its reading, the drivers and the flags.</summary>
public sealed class ForecastOutputTests
{
    private static string Korea => Path.Combine(TestPaths.RepoRoot, "scenarios", "korea-2018.yaml");

    [Fact]
    public void The_table_has_for_every_issue_and_default_model_the_forecast_80_interval_reading_and_drivers()
    {
        var run = CliRunner.Run("forecast", Korea, "--draws", "200");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var scenario = ScenarioFiles.Read(Korea).Value!;
        var lines = run.Out.Split('\n');
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 100, $"line longer than 100 columns: '{l}'"));
        foreach (var issue in scenario.Issues)
        {
            var at = Array.FindIndex(lines, l => l.StartsWith($"{issue.Name} [{issue.Id}]", StringComparison.Ordinal));
            Assert.True(at >= 0, $"no block for issue {issue.Id}");
            // The issue's block runs to the next line that starts in the first column (the next issue or the legend).
            var block = lines.Skip(at + 1).TakeWhile(l => l.Length == 0 || !char.IsLetterOrDigit(l[0])).ToArray();
            foreach (var model in Parley.Core.Models.ModelCatalog.Defaults)
            {
                var row = block.FirstOrDefault(l => l.TrimStart().StartsWith(model.Name + " ", StringComparison.Ordinal));
                Assert.True(row is not null, $"no row for {model.Name} on {issue.Id}");
                // forecast, 80% interval, the breakdown cell ("–" for a model without a breakdown step, else a share), reading.
                Assert.Matches(@"^\s+\S+\s+-?\d+(\.\d+)?\s+-?\d+(\.\d+)?–-?\d+(\.\d+)?\s+(–|n/a|\d+%)\s+(between|at|below|above)\b", row);
            }
        }

        Assert.Contains("seed 20181128", run.Out, StringComparison.Ordinal);
        Assert.Contains("80% interval: the calibrated forecast interval", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_holds_interval_sensitivity_median_histogram_bands_drivers_reading_seed_and_draws()
    {
        var run = CliRunner.Run("forecast", TestPaths.TestData("full.yaml"), "--format", "json", "--draws", "300", "--seed", "7");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(7UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(300, root.GetProperty("draws").GetInt32());
        var m = root.GetProperty("issues")[0].GetProperty("models").GetProperty("compromise");
        foreach (var level in new[] { "50", "80", "95" })
        {
            var pair = m.GetProperty("interval").GetProperty(level);
            Assert.True(pair[0].GetDouble() <= m.GetProperty("forecast").GetDouble() + 1e-9 && pair[1].GetDouble() >= m.GetProperty("forecast").GetDouble() - 1e-9);
            var s = m.GetProperty("sensitivity").GetProperty(level);
            Assert.True(s[0].GetDouble() < s[1].GetDouble());
        }

        Assert.Equal(300, m.GetProperty("histogram").GetProperty("counts").EnumerateArray().Sum(c => c.GetInt32()));
        Assert.True(m.GetProperty("median").GetDouble() > 0);
        Assert.True(m.GetProperty("drivers").GetArrayLength() > 0);
        Assert.Contains(" — ", m.GetProperty("reading").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, m.GetProperty("bands").EnumerateArray().Sum(b => b.GetProperty("probability").GetDouble()), 9);
    }

    [Theory]
    [InlineData("full")]
    [InlineData("korea")]
    public void The_same_seed_gives_the_same_bytes_with_one_processor_and_with_two(string which)
    {
        var file = which == "korea" ? Korea : TestPaths.TestData("full.yaml");
        string Run(string processors, string seed)
        {
            var run = ParleyProcess.RunWith(new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = processors }, TestPaths.RepoRoot, "forecast", file, "--format", "json", "--draws", "2000", "--seed", seed);
            Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
            return run.Out;
        }

        var one = Run("1", "7");
        Assert.Equal(one, Run("2", "7"));
        if (which == "full")
        {
            Assert.NotEqual(one, Run("2", "8"));
        }
    }
}
