using System.Globalization;
using System.Text.Json;
using Parley.Cli;
using Parley.Core.Backtest;
using Parley.Core.Models;
using Parley.Core.Models.Exchange;
using Parley.Formats;
using Parley.Tests.Support;

namespace Parley.Tests.Backtest;

/// <summary><c>parley backtest</c> on a Parley scenario whose issues record an outcome (inline, or from --outcomes).</summary>
public sealed class ScenarioBacktestTests
{
    // Two actors of equal capability: the compromise forecast is the salience-weighted mean.
    // deal: (0.8·20 + 0.2·80) / 1.0 = 32; outcome 40 → error 8.
    // aid:  (0.5·10 + 0.5·50) / 1.0 = 30; outcome 20 → error 10.
    // talks: no outcome, not scored.
    private const string Yaml =
        """
        title: Two issues with outcomes
        issues:
          - id: deal
            name: Deal
            scale: { min: 0, max: 100 }
            status_quo: 0
            veto: [b]
            outcome: { position: 40, record: "The deal landed at 40." }
          - id: aid
            name: Aid
            scale: { min: 0, max: 100 }
            outcome: 20
          - id: talks
            name: Talks
            scale: { min: 0, max: 100 }
        actors:
          - id: a
            name: A
            capability: 1
            stances:
              deal: { position: 20, salience: 0.8 }
              aid: { position: 10, salience: 0.5 }
              talks: { position: 0, salience: 0.5 }
          - id: b
            name: B
            capability: 1
            stances:
              deal: { position: 80, salience: 0.2 }
              aid: { position: 50, salience: 0.5 }
              talks: { position: 100, salience: 0.5 }
        """;

    private static double Mae(string csv, string model)
    {
        var row = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.StartsWith(model + ",", StringComparison.Ordinal)).Split(',');
        return double.Parse(row[1], CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Inline_outcomes_are_scored_and_issues_without_one_are_left_out()
    {
        using var file = new TempFile(".yaml", Yaml);
        var run = CliRunner.Run("backtest", file.Path, "--model", "compromise,compromise+veto", "--format", "csv", "--replicates", "100", "--draws", "0");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal((8 + 10) / 2.0, Mae(run.Out, "compromise"), 10);
        // b (at 80) prefers the deal 32 to the status quo 0, so the breakdown step changes nothing.
        Assert.Equal(9, Mae(run.Out, "compromise+veto"), 10);
        Assert.Contains("Issue 'talks' records no outcome", run.Error, StringComparison.Ordinal);
        Assert.Contains(",2,2,", run.Out, StringComparison.Ordinal); // 2 issues, each its own cluster
    }

    [Fact]
    public void Outcomes_from_a_separate_file_are_merged_first()
    {
        using var folder = new TempFolder();
        var withoutOutcomes = string.Join('\n', Yaml.Split('\n').Where(l => !l.TrimStart().StartsWith("outcome:", StringComparison.Ordinal)));
        File.WriteAllText(folder.File("s.yaml"), withoutOutcomes);
        File.WriteAllText(folder.File("o.yaml"), "scenario: s.yaml\noutcomes:\n  deal: 40\n  aid: { position: 20, record: \"r\" }\n");
        var run = CliRunner.Run("backtest", folder.File("s.yaml"), "--outcomes", folder.File("o.yaml"), "--model", "compromise", "--format", "csv", "--replicates", "100", "--draws", "0");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(9, Mae(run.Out, "compromise"), 10);

        var none = CliRunner.Run("backtest", folder.File("s.yaml"), "--model", "compromise");
        Assert.Equal(ExitCodes.InvalidInput, none.ExitCode);
        Assert.Contains("No issue records an outcome", none.Error, StringComparison.Ordinal);

        var bad = CliRunner.Run("backtest", folder.File("s.yaml"), "--outcomes", folder.File("missing.yaml"));
        Assert.Equal(ExitCodes.InvalidInput, bad.ExitCode);
    }

    [Fact]
    public void An_outcomes_file_with_a_dev_file_or_with_several_scenarios_is_a_usage_error()
    {
        using var file = new TempFile(".yaml", Yaml);
        Assert.Equal(ExitCodes.UsageError, CliRunner.Run("backtest", TestPaths.Data("deu3", "deu3-dev.tsv"), "--outcomes", file.Path).ExitCode);
        Assert.Equal(ExitCodes.UsageError, CliRunner.Run("backtest", file.Path, file.Path, "--outcomes", file.Path).ExitCode);
        Assert.Equal(ExitCodes.UsageError, CliRunner.Run("backtest", TestPaths.Data("deu3", "deu3-dev.tsv"), file.Path).ExitCode);
    }

    [Fact]
    public void Several_scenarios_are_scored_together_each_one_a_cluster()
    {
        using var one = new TempFile(".yaml", Yaml);
        using var two = new TempFile(".yaml", Yaml);
        var run = CliRunner.Run("backtest", one.Path, two.Path, "--model", "compromise", "--format", "json", "--replicates", "100", "--draws", "0");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(4, json.RootElement.GetProperty("issues").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("proposals").GetInt32());
        Assert.Equal(9, json.RootElement.GetProperty("models")[0].GetProperty("meanAbsoluteError").GetDouble(), 10);
    }

    [Fact]
    public void A_model_that_runs_issues_together_is_run_on_the_whole_scenario()
    {
        var scenario = ScenarioFiles.Parse(System.Text.Encoding.UTF8.GetBytes(Yaml), "s.yaml").Value!;
        var cases = ScenarioCases.From(scenario, "s.yaml", true, out var withoutOutcome, out var withoutStance);
        Assert.Equal(["deal", "aid"], cases.Select(c => c.IssueId));
        Assert.Equal(["s.yaml/deal", "s.yaml/aid"], cases.Select(c => c.ProposalId));
        Assert.Equal(["talks"], withoutOutcome);
        Assert.Empty(withoutStance);
        Assert.All(cases, c => Assert.Single(c.Scenario.Issues));
        Assert.Equal([0, 1], cases.Select(c => c.JointIssue));
        Assert.Equal(0, cases[0].Scenario.Issues[0].StatusQuo!.Position);
        Assert.Equal("b", cases[0].Scenario.Issues[0].VetoPlayers.Single().ActorId);

        var exchange = new ExchangeModel();
        var whole = exchange.Run(scenario, ModelOptions.Default);
        var result = BacktestEngine.Run(cases, [exchange], new BacktestOptions { Replicates = 10 });
        var k = result.Models.ToList().FindIndex(m => m.Model == "exchange");
        Assert.Equal(whole.Issues[0].Forecast, result.Cases[0].Forecasts[k]);
        Assert.Equal(whole.Issues[1].Forecast, result.Cases[1].Forecasts[k]);
    }
}
