using System.Globalization;
using System.Text.Json;
using Parley.Cli;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.Exchange;
using Parley.Formats;
using Parley.Tests.Deu;
using Parley.Tests.Support;
using Xunit.Abstractions;

namespace Parley.Tests.Exchange;

/// <summary>The exchange model on real cases: every DEU III development proposal (its issues negotiated together), Korea 2018, and from the command line.</summary>
public sealed class ExchangeCaseTests(ITestOutputHelper output)
{
    private static string Korea => Path.Combine(TestPaths.RepoRoot, "scenarios", "korea-2018.yaml");

    private static string Case00 => TestPaths.Data("exchange", "ref", "case00.csv");

    [Fact]
    public void Each_dev_proposal_becomes_one_scenario_with_all_its_issues_and_outcomes()
    {
        var proposals = DeuData.Dev.Proposals();
        Assert.Equal(DeuData.Dev.ProposalCount, proposals.Count);
        Assert.Equal(DeuData.Dev.Issues.Count, proposals.Sum(p => p.Issues.Count));
        foreach (var p in proposals)
        {
            Assert.Equal(p.Issues.Select(i => i.IssueId), p.Scenario.Issues.Select(i => i.Id));
            Assert.All(p.Issues, i => Assert.Equal(p.ProposalNumber, i.ProposalNumber));
            // Every stance of every issue is kept, and every issue's actors keep their column order.
            Assert.Equal(p.Issues.Sum(i => i.Scenario.Stances.Count), p.Scenario.Stances.Count);
            var merged = p.Scenario.Actors.Select(a => a.Id).ToList();
            Assert.Equal(p.Issues.SelectMany(i => i.Scenario.Actors).Select(a => a.Id).Distinct().Order(), merged.Order());
            Assert.All(p.Issues, i => Assert.Equal(i.Scenario.Actors.Select(a => a.Id), merged.Where(id => i.Scenario.Actors.Any(a => a.Id == id))));
        }
    }

    [Fact]
    public void Exchange_runs_on_every_dev_proposal_with_forecasts_on_the_scale_and_its_error_is_reported_next_to_compromise()
    {
        var model = new ExchangeModel();
        var compromise = new CompromiseModel();
        var errors = new List<(double Exchange, double Compromise, int Issues)>();
        foreach (var proposal in DeuData.Dev.Proposals())
        {
            var result = model.Run(proposal.Scenario, ModelOptions.Default);
            for (var k = 0; k < proposal.Issues.Count; k++)
            {
                var issue = proposal.Issues[k];
                var forecast = result.Issues[k].Forecast;
                Assert.True(double.IsFinite(forecast) && forecast >= 0 && forecast <= 100, $"{issue.IssueId}: {forecast}");
                var baseline = compromise.Forecast(issue.Scenario.Compile(0));
                errors.Add((Math.Abs(forecast - issue.Outcome), Math.Abs(baseline - issue.Outcome), proposal.Issues.Count));
            }
        }

        Assert.Equal(DeuData.Dev.Issues.Count, errors.Count);
        var linked = errors.Where(e => e.Issues > 1).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"DEU III dev, {errors.Count} issues in {DeuData.Dev.ProposalCount} proposals: MAE exchange {errors.Average(e => e.Exchange):0.00}, compromise {errors.Average(e => e.Compromise):0.00}; "
            + $"on the {linked.Count} issues of proposals with 2+ issues: exchange {linked.Average(e => e.Exchange):0.00}, compromise {linked.Average(e => e.Compromise):0.00}"));
    }

    [Fact]
    public void Exchange_runs_on_korea_2018_although_an_actor_has_no_stance_on_some_issues()
    {
        // The bundled scenario has every actor on every issue: leave out the military command's two stances of salience 0.
        var full = ScenarioFiles.Read(Korea).Value!;
        var scenario = full.WithInputs(full.Actors, [.. full.Stances.Where(s => !(s.ActorId == "cfc" && s.IssueId is "sanctions" or "summit"))]);
        Assert.Contains(Enumerable.Range(0, scenario.Actors.Count), a => Enumerable.Range(0, scenario.Issues.Count).Any(k => scenario.StanceOf(a, k) is null));
        var result = new ExchangeModel().Run(scenario, ModelOptions.Default);
        Assert.Equal(scenario.Issues.Count, result.Issues.Count);
        foreach (var (issue, r) in scenario.Issues.Zip(result.Issues))
        {
            Assert.True(issue.Scale.Contains(r.Forecast), $"{issue.Id}: {r.Forecast}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{issue.Id}: exchange {r.Forecast:0.0} (compromise {r.Rounds[0].Mean:0.0}); {r.Note}"));
        }
    }

    [Fact]
    public void Parley_forecast_runs_exchange_on_a_reference_input_and_reports_each_rounds_trades_in_json()
    {
        var run = CliRunner.Run("forecast", Case00, "--model", "exchange", "--format", "json", "--draws", "0");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var i1 = json.RootElement.GetProperty("issues")[0];
        Assert.Equal("I1", i1.GetProperty("id").GetString());
        var model = i1.GetProperty("models").GetProperty("exchange");
        var rounds = model.GetProperty("rounds");
        Assert.Equal(11, rounds.GetArrayLength());
        Assert.False(rounds[0].TryGetProperty("exchanges", out _));
        // case00 round 1, exchange 1: A06 supplies I1 (−77.26) for A01's move on I2, gain 1.2866….
        var first = rounds[1].GetProperty("exchanges")[0];
        Assert.Equal(("A06", "A01", "I2"), (first.GetProperty("supplier").GetString(), first.GetProperty("partner").GetString(), first.GetProperty("linked_issue").GetString()));
        Assert.Equal(-77.26, first.GetProperty("move").GetDouble(), 1e-9);
        Assert.Equal(1.286621457044921683922745137, first.GetProperty("gain").GetDouble(), 1e-9);
        var nbs = File.ReadAllLines(TestPaths.Data("exchange", "ref", "case00.nbs.csv")).Single(l => l.StartsWith("11,start,I1,", StringComparison.Ordinal));
        Assert.Equal(double.Parse(nbs.Split(',')[3], CultureInfo.InvariantCulture), model.GetProperty("forecast").GetDouble(), 1e-9);
    }

    [Fact]
    public void The_decimal_arithmetic_is_chosen_with_a_parameter_and_a_wrong_value_is_a_usage_error()
    {
        var run = CliRunner.Run("forecast", Case00, "--model", "exchange", "--format", "json", "--draws", "0", "--param", "arithmetic=decimal28");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var nbs = File.ReadAllLines(TestPaths.Data("exchange", "ref", "case00.nbs.csv")).Single(l => l.StartsWith("11,start,I3,", StringComparison.Ordinal));
        Assert.Equal(double.Parse(nbs.Split(',')[3], CultureInfo.InvariantCulture), json.RootElement.GetProperty("issues")[2].GetProperty("models").GetProperty("exchange").GetProperty("forecast").GetDouble());
        var bad = CliRunner.Run("forecast", Case00, "--model", "exchange", "--param", "arithmetic=decimal");
        Assert.NotEqual(ExitCodes.Success, bad.ExitCode);
        Assert.Contains("must be double or decimal28", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_format_exchange_csv_forces_the_reader_and_a_malformed_file_is_a_located_input_error()
    {
        using var file = new TempFile(".txt", File.ReadAllText(Case00).Replace("0.793", "zero", StringComparison.Ordinal));
        var run = CliRunner.Run("forecast", file.Path, "--model", "exchange", "--input-format", "exchange-csv");
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{file.Path}:17:22: error: The salience 'zero' is not a number", run.Error, StringComparison.Ordinal);
        var table = CliRunner.Run("forecast", Case00, "--model", "exchange", "--paths", "--draws", "20");
        Assert.True(table.ExitCode == ExitCodes.Success, table.Error);
        Assert.Contains("I1 — exchange: positions by round", table.Out, StringComparison.Ordinal);
        Assert.Contains("linked with I2 ×", table.Out, StringComparison.Ordinal);
        // Without --model, an exchange-model input runs the exchange model beside the defaults.
        var defaults = CliRunner.Run("forecast", Case00, "--draws", "0", "--format", "json");
        Assert.True(defaults.ExitCode == ExitCodes.Success, defaults.Error);
        using var json = JsonDocument.Parse(defaults.Out);
        var models = json.RootElement.GetProperty("issues")[0].GetProperty("models");
        Assert.True(models.TryGetProperty("exchange", out _) && models.TryGetProperty("compromise", out _));
    }
}
