using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Cli;
using Parley.Tests.Formats;
using Parley.Tests.Support;

namespace Parley.Tests.Cli;

/// <summary><c>parley whatif</c>: the base case beside the edited one, in every output format; every bad edit has its message.</summary>
public sealed partial class WhatIfCommandTests
{
    private static string Korea => Path.Combine(FormatTestHelpers.RepoRoot, "scenarios", "korea-2018.yaml");

    // The salience and, as the editor moves it with the value, its range: [0.5, 0.9] around 0.7 becomes [0, 0.4] around 0.2.
    [GeneratedRegex(@"(\n  - id: china\n(?:.*\n)*?      sanctions:\n        position: [0-9.]+\n        salience: )0\.7(\n        position_range: \[[0-9., ]+\]\n        salience_range: )\[0\.5, 0\.9\]")]
    private static partial Regex ChinaSanctionsSalience();

    [Fact]
    public void Korea_what_if_equals_a_forecast_of_a_copy_of_the_file_edited_by_hand()
    {
        var run = CliRunner.Run("whatif", Korea, "--set", "china.sanctions.salience=0.2", "--format", "json", "--draws", "200");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);

        var text = File.ReadAllText(Korea).ReplaceLineEndings("\n");
        Assert.Matches(ChinaSanctionsSalience(), text);
        using var copy = new TempFile(".yaml", ChinaSanctionsSalience().Replace(text, "${1}0.2${2}[0, 0.4]", 1));
        var byHand = CliRunner.Run("forecast", copy.Path, "--format", "json", "--draws", "200");
        Assert.True(byHand.ExitCode == ExitCodes.Success, byHand.Error);

        using var whatIf = JsonDocument.Parse(run.Out);
        using var forecast = JsonDocument.Parse(byHand.Out);
        var variant = whatIf.RootElement.GetProperty("whatifs")[0];
        Assert.Equal("edits", variant.GetProperty("name").GetString());
        Assert.Equal(JsonSerializer.Serialize(forecast.RootElement.GetProperty("issues")), JsonSerializer.Serialize(variant.GetProperty("forecast").GetProperty("issues")));

        var sanctions = variant.GetProperty("changes").EnumerateArray().First(c => c.GetProperty("issue").GetString() == "sanctions" && c.GetProperty("model").GetString() == "compromise");
        var expected = forecast.RootElement.GetProperty("issues").EnumerateArray().First(i => i.GetProperty("id").GetString() == "sanctions").GetProperty("models").GetProperty("compromise").GetProperty("forecast").GetDouble();
        Assert.Equal(expected, sanctions.GetProperty("whatif").GetDouble());
        Assert.Equal(expected - sanctions.GetProperty("base").GetDouble(), sanctions.GetProperty("change").GetDouble());
    }

    [Fact]
    public void The_table_shows_base_and_what_if_side_by_side_and_csv_has_a_row_per_issue_and_model()
    {
        var table = CliRunner.Run("whatif", Korea, "--set", "china.sanctions.salience=0.2", "--draws", "0", "-m", "compromise");
        Assert.True(table.ExitCode == ExitCodes.Success, table.Error);
        Assert.Matches(@"model\s+base\s+80%\s+edits\s+change\s+80%", table.Out);
        Assert.Contains("edits: china.sanctions.salience=0.2", table.Out, StringComparison.Ordinal);

        var csv = CliRunner.Run("whatif", Korea, "--set", "china.sanctions.salience=0.2", "--draws", "0", "-m", "compromise,mean", "--format", "csv");
        var lines = csv.Out.TrimEnd().Split('\n');
        Assert.StartsWith("whatif,issue,model,base,whatif_forecast,change", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + (5 * 2), lines.Length);
    }

    [Fact]
    public void Korea_ships_three_named_what_ifs_that_print_as_one_compact_table()
    {
        var run = CliRunner.Run("whatif", Korea, "--all-whatifs", "--draws", "0", "-m", "compromise,scholz2011");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Matches(@"model\s+base\s+80%\s+cancellation-gambit\s+weapons-restart-threat\s+sanctions-erosion", run.Out);
        var lines = run.Out.Split('\n');
        Assert.All(lines.Where(l => l.Contains('│') || l.TrimStart().StartsWith("compromise", StringComparison.Ordinal)), l => Assert.True(l.TrimEnd().Length <= 100, l));

        // The erosion moves China and Russia towards relief: the compromise forecast on sanctions rises; the gambit leaves sanctions alone.
        var sanctions = lines.SkipWhile(l => !l.StartsWith("Sanctions relief", StringComparison.Ordinal)).First(l => l.TrimStart().StartsWith("compromise", StringComparison.Ordinal));
        Assert.Matches(@"compromise\s+\d+\s+(\(input\)|\d+–\d+|–)?\s*\d+ \(0\)\s+\d+ \(\+[\d.]+\)\s+\d+ \(\+[\d.]+\)", sanctions);
    }

    [Fact]
    public void A_timed_edit_is_marked_on_the_round_where_it_struck()
    {
        var run = CliRunner.Run("whatif", Korea, "--set", "trump.summit.salience=0.2@2", "--draws", "0", "-m", "scholz2011", "--paths");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("* after round 2: trump.summit.salience=0.2@2", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"\b2\*", run.Out);
    }

    [Theory]
    [InlineData("--set", "chna.sanctions.salience=0.2", "error: Edit 'chna.sanctions.salience=0.2': unknown actor 'chna'. Did you mean 'china'?")]
    [InlineData("--set", "china.sanction.salience=0.2", "error: Edit 'china.sanction.salience=0.2': unknown issue 'sanction'. Did you mean 'sanctions'?")]
    [InlineData("--set", "china.sanctions.salence=0.2", "error: --set china.sanctions.salence=0.2: The edit target 'china.sanctions.salence' ends in 'salence', which is not a field that can be edited. Did you mean 'salience'?")]
    [InlineData("--set", "china.sanctions.position=120", "error: Edit 'china.sanctions.position=120': position 120 lies outside the scale of issue 'sanctions' (0 to 100).")]
    [InlineData("--set", "china.sanctions.salience=1.5", "error: Edit 'china.sanctions.salience=1.5': salience 1.5 lies outside 0 to 1.")]
    [InlineData("--set", "china.sanctions.salience*=2", "error: Edit 'china.sanctions.salience*=2': scaling the salience")]
    [InlineData("--set", "china.capability=-1", "error: Edit 'china.capability=-1': capability -1 is negative.")]
    [InlineData("--set", "china.capability*=-1", "error: Edit 'china.capability*=-1': a capability cannot be scaled by a negative factor (-1).")]
    [InlineData("--set", "china.sanctions.position=abc", "error: --set china.sanctions.position=abc: The edit 'china.sanctions.position=abc' has the value 'abc', which is not a finite number.")]
    [InlineData("--set", "china.sanctions.position", "error: --set china.sanctions.position: The edit 'china.sanctions.position' has no '=' (or '*=' to scale).")]
    [InlineData("--set", "china.sanctions.position=20@x", "error: --set china.sanctions.position=20@x: The edit 'china.sanctions.position=20@x' has the round 'x' after '@', which is not a whole number ≥ 0.")]
    [InlineData("--set", "china.position=20", "error: --set china.position=20: The edit target 'china.position' names no issue: a position belongs to an actor on one issue.")]
    [InlineData("--drop", "chian", "error: Edit 'drop chian': unknown actor 'chian'. Did you mean 'china'?")]
    [InlineData("--drop", " @2", "error: --drop  @2: The drop '@2' names no actor.")]
    [InlineData("--whatif", "no-such", "error: --whatif no-such: the scenario has no")]
    public void Every_invalid_edit_is_a_usage_error_with_its_message(string option, string value, string message)
    {
        var run = CliRunner.Run("whatif", Korea, option, value, "--draws", "0");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Asking_nothing_is_a_usage_error_that_says_what_to_give()
    {
        var run = CliRunner.Run("whatif", Korea, "--draws", "0");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("error: nothing to ask: give --set", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_issue_csv_scenario_takes_edits_too()
    {
        var run = CliRunner.Run("whatif", FormatTestHelpers.Data("bdm", "ec-emissions.csv"), "--drop", "germany", "--draws", "0", "-m", "scholz2011");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("edits: drop germany", run.Out, StringComparison.Ordinal);
    }
}
