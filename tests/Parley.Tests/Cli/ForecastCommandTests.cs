using System.Globalization;
using System.Text.Json;
using Parley.Cli;
using Parley.Core.Models;
using Parley.Formats;
using Parley.Tests.Formats;
using Parley.Tests.Support;

namespace Parley.Tests.Cli;

public sealed class ForecastCommandTests
{
    private static string Korea => Path.Combine(FormatTestHelpers.RepoRoot, "scenarios", "korea-2018.yaml");

    private static string Ec => FormatTestHelpers.Data("bdm", "ec-emissions.csv");

    [Fact]
    public void Korea_forecast_covers_every_issue_with_every_default_model_and_exits_0()
    {
        var run = CliRunner.Run("forecast", Korea);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var scenario = ScenarioFiles.Read(Korea).Value!;
        foreach (var issue in scenario.Issues)
        {
            Assert.Contains(issue.Name, run.Out, StringComparison.Ordinal);
        }

        foreach (var model in ModelCatalog.Defaults)
        {
            Assert.Contains(model.Name, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Json_holds_per_issue_and_model_a_forecast_and_rounds_starting_from_the_input()
    {
        var run = CliRunner.Run("forecast", Korea, "--format", "json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var scenario = ScenarioFiles.Read(Korea).Value!;
        using var json = JsonDocument.Parse(run.Out);
        var issues = json.RootElement.GetProperty("issues");
        Assert.Equal(scenario.Issues.Count, issues.GetArrayLength());
        for (var k = 0; k < scenario.Issues.Count; k++)
        {
            var issue = issues[k];
            Assert.Equal(scenario.Issues[k].Id, issue.GetProperty("id").GetString());
            foreach (var model in ModelCatalog.Defaults)
            {
                var m = issue.GetProperty("models").GetProperty(model.Name);
                var forecast = m.GetProperty("forecast").GetDouble();
                Assert.InRange(forecast, 0, 100);
                var rounds = m.GetProperty("rounds");
                var first = rounds[0].GetProperty("positions");
                for (var a = 0; a < scenario.Actors.Count; a++)
                {
                    var stance = scenario.StanceOf(a, k);
                    if (stance is not null)
                    {
                        Assert.Equal(stance.Position, first.GetProperty(scenario.Actors[a].Id).GetDouble());
                    }
                }

                Assert.True(rounds[0].TryGetProperty("mean", out _));
            }

            // scholz2011 runs 10 rounds by default: 11 states.
            Assert.Equal(11, issue.GetProperty("models").GetProperty("scholz2011").GetProperty("rounds").GetArrayLength());
        }
    }

    [Fact]
    public void A_classic_csv_table_is_accepted_directly_and_reproduces_the_EC_mean_after_round_one()
    {
        var run = CliRunner.Run("forecast", Ec, "--model", "scholz2011", "--rounds", "1", "--format", "json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var rounds = json.RootElement.GetProperty("issues")[0].GetProperty("models").GetProperty("scholz2011").GetProperty("rounds");
        Assert.Equal(2, rounds.GetArrayLength());
        Assert.Equal(7.4613, rounds[1].GetProperty("mean").GetDouble(), 1e-3); // BRIEF.md reference
        var belgium = json.RootElement.GetProperty("actors").EnumerateObject().Single(a => a.Value.GetString() == "Belgium").Name;
        Assert.Equal(8.4159, rounds[1].GetProperty("positions").GetProperty(belgium).GetDouble(), 1e-3);
    }

    [Fact]
    public void Csv_output_with_paths_has_one_row_per_issue_model_round_and_actor()
    {
        var run = CliRunner.Run("forecast", Ec, "--model", "compromise,scholz2011", "--rounds", "2", "--format", "csv", "--paths");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("issue,model,round,actor,position,mean,forecast", lines[0]);
        Assert.Equal(1 + (10 * 1) + (10 * 3), lines.Length); // compromise: round 0 only; scholz2011: rounds 0–2
    }

    [Fact]
    public void Out_writes_the_output_to_a_file_and_leaves_stdout_empty()
    {
        using var file = new TempFile(".json");
        var path = file.Path;
        var run = CliRunner.Run("forecast", Ec, "--format", "json", "--out", path);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(1, json.RootElement.GetProperty("issues").GetArrayLength());
    }

    [Fact]
    public void An_unknown_model_is_a_usage_error_with_a_suggestion()
    {
        var run = CliRunner.Run("forecast", Ec, "--model", "scholz2010");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("unknown model 'scholz2010'", run.Error, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'scholz2011'?", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--rounds", "-1")]
    [InlineData("--rounds", "ten")]
    [InlineData("--frobnicate", "1")]
    public void A_bad_option_is_a_usage_error_on_stderr(string option, string value)
    {
        var run = CliRunner.Run("forecast", Ec, option, value);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith("error:", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void A_missing_file_is_invalid_input_naming_the_file()
    {
        var run = CliRunner.Run("forecast", "no-such-file.yaml");
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("no-such-file.yaml", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_scenario_is_reported_with_its_location_and_nothing_is_run()
    {
        using var file = new TempFile(".yaml", "title: t\nissues:\n  - id: i\n    name: I\nactors:\n  - id: a\n    name: A\n    capability: -1\n    stances:\n      i: { position: 5, salience: 0.5 }\n");
        var path = file.Path;
        var run = CliRunner.Run("forecast", path);
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{path}:8:", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was run", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }
}

public sealed class ValidateAndModelsCommandTests
{
    [Fact]
    public void Validate_accepts_the_Korea_scenario()
    {
        var run = CliRunner.Run("validate", Path.Combine(FormatTestHelpers.RepoRoot, "scenarios", "korea-2018.yaml"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("valid", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_an_empty_file_with_exit_code_3()
    {
        using var file = new TempFile(".yaml", "");
        var path = file.Path;
        var run = CliRunner.Run("validate", path);
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("empty", run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Models_lists_every_model_with_its_source()
    {
        var run = CliRunner.Run("models");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var model in ModelCatalog.All)
        {
            Assert.Contains(model.Name, run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("Scholz, Calbert & Smith (2011)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error()
    {
        var run = CliRunner.Run("forcast", "x.yaml");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
    }
}

public sealed class KtabFilesOnTheCommandLine
{
    private static string Rand02 => FormatTestHelpers.Data("ktab", "ref", "rand02.csv");

    [Fact]
    public void A_KTAB_csv_is_recognised_by_content_and_ktab_smp_reproduces_the_reference_positions()
    {
        var run = CliRunner.Run("forecast", Rand02, "--model", "ktab-smp", "--format", "json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var issues = json.RootElement.GetProperty("issues");
        Assert.Equal(2, issues.GetArrayLength());

        // turn,actor,dimension,position — smpc's own run (data/ktab/ref), positions on 0–100.
        var reference = File.ReadAllLines(FormatTestHelpers.Data("ktab", "ref", "rand02.positions.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Select(f => (Turn: int.Parse(f[0], CultureInfo.InvariantCulture), Actor: int.Parse(f[1], CultureInfo.InvariantCulture), Dim: int.Parse(f[2], CultureInfo.InvariantCulture), X: double.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToList();
        var turns = reference.Max(r => r.Turn) + 1;
        for (var d = 0; d < 2; d++)
        {
            var rounds = issues[d].GetProperty("models").GetProperty("ktab-smp").GetProperty("rounds");
            Assert.Equal(turns, rounds.GetArrayLength());
            foreach (var r in reference.Where(r => r.Dim == d))
            {
                var positions = rounds[r.Turn].GetProperty("positions");
                Assert.Equal(r.X, positions.GetProperty($"rand02-A{r.Actor:00}").GetDouble(), 1e-9);
            }
        }
    }

    [Fact]
    public void Without_model_options_a_KTAB_file_runs_the_defaults_and_ktab_smp()
    {
        var run = CliRunner.Run("forecast", Rand02, "--format", "json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var models = json.RootElement.GetProperty("issues")[0].GetProperty("models");
        Assert.True(models.TryGetProperty("ktab-smp", out _));
        Assert.True(models.TryGetProperty("scholz2011", out _));
    }

    [Fact]
    public void Forcing_the_classic_table_on_a_KTAB_file_reports_the_expected_header()
    {
        var run = CliRunner.Run("validate", Rand02, "--input-format", "classic-csv");
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("rand02.csv:1:1: error:", run.Error, StringComparison.Ordinal);
        Assert.Contains("Actor,Capability,Position,Salience", run.Error, StringComparison.Ordinal);
    }
}

public sealed class UsageErrorsComeFirst
{
    [Fact]
    public void An_unknown_model_is_reported_as_a_usage_error_even_when_the_file_is_invalid_too()
    {
        var run = CliRunner.Run("forecast", "no-such-file.yaml", "--model", "bdmm");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("Did you mean 'bdm'?", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("no-such-file.yaml", run.Error, StringComparison.Ordinal);
    }
}

public sealed class AModelThatCannotRun
{
    [Fact]
    public void Is_reported_while_the_other_models_still_print_their_forecasts_and_the_exit_code_says_so()
    {
        using var file = new TempFile(".csv", "Actor,Capability,Position,Salience\nA,0,10,0.5\nB,1,20,0.5\nC,2,30,0.4\n");
        var path = file.Path;
        var run = CliRunner.Run("forecast", path, "--model", "compromise,ktab-smp", "--format", "json");
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("error: model 'ktab-smp' cannot run this scenario:", run.Error, StringComparison.Ordinal);
        Assert.Contains("KTAB SMP needs every capability > 0", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", run.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Out);
        var models = json.RootElement.GetProperty("issues")[0].GetProperty("models");
        // (0·0.5·10 + 1·0.5·20 + 2·0.4·30) / (0 + 0.5 + 0.8) = 34 / 1.3
        Assert.Equal(34 / 1.3, models.GetProperty("compromise").GetProperty("forecast").GetDouble(), 1e-12);
        Assert.False(models.TryGetProperty("ktab-smp", out _));
    }
}
