using System.Text;
using Parley.Core.Models;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using Parley.Core.WhatIfs;
using Parley.Formats;
using Parley.Formats.Calibration;
using Parley.Formats.Results;

namespace Parley.Tests.WhatIfs;

/// <summary>What-ifs side by side with the base case: every kind of edit gives the numbers of a forecast of the file edited by hand.</summary>
public sealed class WhatIfRunnerTests
{
    private const string File =
        """
        title: What-if test
        uncertainty: { position_sd_share: 0.05, salience_sd: 0.05, capability_sd_share: 0.1 }
        issues:
          - id: summit
            name: Summit
            scale: { min: 0, max: 100, anchors: [ { value: 0, label: "none" }, { value: 100, label: "all" } ] }
          - id: sanctions
            name: Sanctions
            scale: { min: 0, max: 10 }
        actors:
          - id: us
            name: US
            capability: 40
            capability_by_issue:
              sanctions: 60
            stances:
              summit: { position: 20, salience: 0.8 }
              sanctions: { position: 1, salience: 0.7 }
          - id: kim
            name: Kim
            capability: 30
            stances:
              summit: { position: 90, salience: 0.9 }
              sanctions: { position: 9, salience: 1 }
          - id: china
            name: China
            capability: 50
            stances:
              summit: { position: 60, salience: 0.4 }
              sanctions: { position: 6, salience: 0.6 }
          - id: moon
            name: Moon
            capability: 12
            stances:
              summit: { position: 80, salience: 0.7 }
              sanctions: { position: 7, salience: 0.5 }

        """;

    private const string MoonBlock =
        """
          - id: moon
            name: Moon
            capability: 12
            stances:
              summit: { position: 80, salience: 0.7 }
              sanctions: { position: 7, salience: 0.5 }

        """;

    /// <summary>Each kind of edit, as the command line writes it, and the same edit made by hand in the file (old text → new text).</summary>
    public static TheoryData<string, string, string> Edits() => new()
    {
        { "china.summit.position=35", "summit: { position: 60, salience: 0.4 }", "summit: { position: 35, salience: 0.4 }" },
        { "us.sanctions.position*=3", "sanctions: { position: 1, salience: 0.7 }", "sanctions: { position: 3, salience: 0.7 }" },
        { "china.sanctions.salience=0.2", "sanctions: { position: 6, salience: 0.6 }", "sanctions: { position: 6, salience: 0.2 }" },
        { "kim.summit.salience*=0.5", "summit: { position: 90, salience: 0.9 }", "summit: { position: 90, salience: 0.45 }" },
        { "us.capability=10", "capability: 40\n    capability_by_issue:\n      sanctions: 60\n", "capability: 10\n" },
        { "us.capability*=2", "capability: 40\n    capability_by_issue:\n      sanctions: 60\n", "capability: 80\n    capability_by_issue:\n      sanctions: 120\n" },
        { "kim.sanctions.capability=5", "capability: 30\n", "capability: 30\n    capability_by_issue: { sanctions: 5 }\n" },
        { "us.sanctions.capability*=0.5", "      sanctions: 60\n", "      sanctions: 30\n" },
        { "drop moon", MoonBlock, string.Empty },
    };

    private static Scenario Read(string text) =>
        ScenarioFiles.Parse(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n")), "test.yaml").Value
        ?? throw new InvalidOperationException("The test scenario does not read.");

    private static ForecastRequest Request(Scenario scenario) => new(scenario)
    {
        Draws = 300,
        Seed = 11,
        Calibration = ShippedCalibration.Instance,
        Models = [.. ModelCatalog.Defaults],
    };

    private static ScenarioEdit Parse(string text, Scenario scenario) =>
        text.StartsWith("drop ", StringComparison.Ordinal) ? ScenarioEditParser.ParseDrop(text[5..]).Value! : ScenarioEditParser.Parse(text, scenario).Value!;

    [Theory]
    [MemberData(nameof(Edits))]
    public void Every_kind_of_edit_gives_the_forecast_of_the_file_edited_by_hand(string edit, string before, string after)
    {
        var text = File.ReplaceLineEndings("\n");
        Assert.Contains(before, text, StringComparison.Ordinal);
        var scenario = Read(text);
        var request = Request(scenario);
        Assert.Empty(WhatIfRunner.Validate(request, [new WhatIf(WhatIfRunner.EditsName, null, null, [Parse(edit, scenario)])]));
        var outcome = WhatIfRunner.Run(request, [Parse(edit, scenario)]);

        var byHand = ForecastRunner.Run(Request(Read(ReplaceOnce(text, before, after))));
        var expected = ForecastReportWriter.ToJson(ForecastReport.Create(byHand));
        Assert.Equal(expected, ForecastReportWriter.ToJson(ForecastReport.Create(outcome.Cases[0].Outcome)));

        // The base case is the file as written, and every change is the difference of the two.
        Assert.Equal(ForecastReportWriter.ToJson(ForecastReport.Create(ForecastRunner.Run(request))), ForecastReportWriter.ToJson(ForecastReport.Create(outcome.Base)));
        var changes = outcome.Cases[0].Changes;
        Assert.Equal(scenario.Issues.Count * request.Models.Count, changes.Count);
        foreach (var c in changes)
        {
            var hand = byHand.Models.First(m => m.Model == c.Model).Issue(c.IssueId)!;
            var plain = outcome.Base.Models.First(m => m.Model == c.Model).Issue(c.IssueId)!;
            Assert.Equal(hand.Forecast - plain.Forecast, c.Change);
            Assert.Equal(hand.Sensitivity!.Median - plain.Sensitivity!.Median, c.MedianChange);
        }

        Assert.Contains(changes, c => c.Change != 0);
    }

    private static string ReplaceOnce(string text, string before, string after)
    {
        var at = text.IndexOf(before, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(before, at + 1, StringComparison.Ordinal) < 0, $"'{before}' must occur once in the test file.");
        return text[..at] + after + text[(at + before.Length)..];
    }

    [Fact]
    public void Named_what_ifs_run_in_the_order_asked_with_the_base_case_once()
    {
        var scenario = Read(File);
        var first = new WhatIf("first", "d1", "r1", [Parse("china.summit.position=35", scenario)]);
        var second = new WhatIf("second", null, null, [Parse("drop moon", scenario), Parse("kim.capability*=2", scenario)]);
        var outcome = WhatIfRunner.Run(Request(scenario) with { Drivers = false }, [first, second]);
        Assert.Equal(["first", "second"], outcome.Cases.Select(c => c.WhatIf.Name));
        Assert.Equal(3, outcome.Cases[1].Outcome.Scenario.Actors.Count);
        Assert.Empty(outcome.Cases[0].Notes);
    }

    [Fact]
    public void Timed_edits_strike_in_the_iterative_models_and_the_notes_say_what_the_static_ones_did()
    {
        var scenario = Read(File);
        var request = Request(scenario) with { Drivers = false, Draws = 50 };
        var outcome = WhatIfRunner.Run(request, [Parse("kim.summit.salience=0.2@2", scenario), Parse("china.summit.position=10@40", scenario)]);
        var c = outcome.Cases[0];
        var scholz = c.Outcome.Models.First(m => m.Model == "scholz2011").Result!.Issues[0];
        Assert.Equal([new StruckShock(2, "kim.summit.salience=0.2@2")], scholz.Shocks);
        Assert.Contains(c.Notes, n => n.StartsWith("Static models (mean, median, compromise, median-voter, best, compromise+veto)", StringComparison.Ordinal));
        Assert.Contains(c.Notes, n => n.StartsWith("'china.summit.position=10@40' never struck in scholz2011: the run ended after 10 rounds", StringComparison.Ordinal));

        // The JSON path marks round 2 of scholz2011 on the summit.
        var report = WhatIfReport.Create(outcome);
        var rounds = report.WhatIfs[0].Forecast.Issues[0].Models["scholz2011"].Rounds;
        Assert.Equal(["kim.summit.salience=0.2@2"], rounds[2].Shocks);
        Assert.All(rounds.Where(r => r.Round != 2), r => Assert.Null(r.Shocks));
        Assert.Contains("\"shocks\": [", WhatIfReportWriter.ToJson(report), StringComparison.Ordinal);

        // A static model's point forecast is that of the file with every edit made before the run. (Its draws
        // differ: on a draw, a timed set puts the number at the edit's value, where the edited file draws around it.)
        var edited = Read(ReplaceOnce(ReplaceOnce(File.ReplaceLineEndings("\n"), "summit: { position: 90, salience: 0.9 }", "summit: { position: 90, salience: 0.2 }"), "summit: { position: 60, salience: 0.4 }", "summit: { position: 10, salience: 0.4 }"));
        var byHand = ForecastRunner.Run(request with { Scenario = edited });
        Assert.Equal(byHand.Models.First(m => m.Model == "compromise").Issues[0].Forecast, c.Change("summit", "compromise")!.WhatIf.Forecast);
    }

    [Fact]
    public void Invalid_edits_are_reported_with_the_what_if_they_belong_to()
    {
        var scenario = Read(File);
        var bad = new WhatIf("bad", null, null, [new SetValueEdit("chna", "summit", EditField.Position, EditOperation.Set, 10)]);
        var problems = WhatIfRunner.Validate(Request(scenario), [bad, bad]);
        Assert.Contains(problems, p => p.Message == "What-if 'bad' is asked for more than once.");
        Assert.Contains(problems, p => p.Message == "What-if 'bad': Edit 'chna.summit.position=10': unknown actor 'chna'. Did you mean 'china'?");
        Assert.Contains(WhatIfRunner.Validate(Request(scenario), []), p => p.Message == "No what-if to run.");
        Assert.Contains(WhatIfRunner.Validate(Request(scenario), [new WhatIf("empty", null, null, [])]), p => p.Message == "What-if 'empty' has no edits.");
        Assert.Contains(WhatIfRunner.Validate(Request(scenario), [new WhatIf("huge", null, null, [Parse("us.capability=1e300@2", scenario)])]),
            p => p.Message.StartsWith("What-if 'huge': Edit 'us.capability=1E+300@2': 1E+300 is beyond the largest magnitude Parley reads", StringComparison.Ordinal));
        Assert.Contains(WhatIfRunner.Validate(Request(scenario), [new WhatIf("scaled", null, null, [Parse("us.capability*=1e14", scenario)])]),
            p => p.Message.StartsWith("What-if 'scaled': After the edits: ", StringComparison.Ordinal) && p.Message.Contains("beyond the largest magnitude", StringComparison.Ordinal));
    }
}
