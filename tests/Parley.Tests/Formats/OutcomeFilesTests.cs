using System.Text;
using Parley.Core.Scenarios;
using Parley.Formats;
using Parley.Tests.Support;
using static Parley.Tests.Formats.FormatTestHelpers;

namespace Parley.Tests.Formats;

public sealed class OutcomeFilesTests
{
    private const string ScenarioText =
        """
        title: T
        issues:
          - id: summit
            name: Summit
            scale: { min: 0, max: 10 }
          - id: sanctions
            name: Sanctions
        actors:
          - id: kim
            name: Kim
            capability: 30
            stances:
              summit: { position: 9, salience: 0.9 }
              sanctions: { position: 90, salience: 1 }
        """;

    private static Scenario Base => Valid(Parse(ScenarioText, "s.yaml"));

    private static Core.Diagnostics.ReadResult<Scenario> Merge(string outcomes, string file = "o.yaml") =>
        OutcomeFiles.Merge(Base, Encoding.UTF8.GetBytes(outcomes), file);

    [Fact]
    public void Outcomes_in_both_forms_are_merged_into_their_issues()
    {
        var merged = Valid(Merge("scenario: s.yaml\noutcomes:\n  summit: { position: 1, record: \"The summit broke up.\" }\n  sanctions: 0\n"));
        Assert.Equal(new RecordedOutcome(1, "The summit broke up."), merged.Issues[0].Outcome);
        Assert.Equal(new RecordedOutcome(0), merged.Issues[1].Outcome);
        Assert.Equal(Base.Stances, merged.Stances);
    }

    [Fact]
    public void A_json_outcomes_file_reads_like_yaml()
    {
        var merged = Valid(Merge("{\"outcomes\": {\"summit\": {\"position\": 1, \"record\": \"r\"}}}", "o.json"));
        Assert.Equal(new RecordedOutcome(1, "r"), merged.Issues[0].Outcome);
        Assert.Null(merged.Issues[1].Outcome);
    }

    [Fact]
    public void An_unknown_issue_suggests_the_closest_and_is_located()
    {
        var error = ErrorContaining(Merge("outcomes:\n  sumit: 1\n"), "Unknown issue id 'sumit'. Did you mean 'summit'?");
        AssertAt(error, "o.yaml", 2, 3);
        Assert.Equal("one of the scenario's issue ids: summit, sanctions", error.Expected);
    }

    [Fact]
    public void An_outcome_off_the_scale_names_the_scale()
    {
        var error = ErrorContaining(Merge("outcomes:\n  summit: { position: 11 }\n"), "The outcome 11 lies outside the scale of issue 'summit' (0 to 10).");
        AssertAt(error, "o.yaml", 2, 23);
        Assert.Equal("summit", error.IssueId);
    }

    [Fact]
    public void An_outcome_as_text_is_reported()
    {
        var error = ErrorContaining(Merge("outcomes:\n  summit: none\n"), "The outcome of issue 'summit' must be a finite number, but is the text 'none'.");
        AssertAt(error, "o.yaml", 2, 11);
    }

    [Fact]
    public void An_outcome_mapping_without_a_position_is_reported()
    {
        var error = ErrorContaining(Merge("outcomes:\n  summit: { record: r }\n"), "Missing required field 'position' in the outcome of issue 'summit'.");
        AssertAt(error, "o.yaml", 2, 11);
    }

    [Fact]
    public void Unknown_keys_suggest_the_known_key()
    {
        var result = Merge("outcome:\n  summit: 1\n");
        AssertAt(ErrorContaining(result, "Unknown key 'outcome'. Did you mean 'outcomes'?"), "o.yaml", 1, 1);
        AssertAt(ErrorContaining(result, "Missing required field 'outcomes'."), "o.yaml", 1, 1);
        AssertAt(ErrorContaining(Merge("outcomes:\n  summit: { position: 1, recrod: r }\n"), "Unknown key 'recrod'. Did you mean 'record'?"), "o.yaml", 2, 26);
    }

    [Fact]
    public void An_issue_given_twice_is_reported_at_the_second()
    {
        var error = ErrorContaining(Merge("outcomes:\n  summit: 1\n  summit: 2\n"), "Duplicate key 'summit'; it was first given at line 2.");
        AssertAt(error, "o.yaml", 3, 3);
    }

    [Fact]
    public void An_outcome_replacing_one_in_the_scenario_is_warned_about()
    {
        var withOutcome = Base.With(issues: [Base.Issues[0] with { Outcome = new RecordedOutcome(5) }, Base.Issues[1]]);
        var result = OutcomeFiles.Merge(withOutcome, Encoding.UTF8.GetBytes("outcomes:\n  summit: 1\n"), "o.yaml");
        Assert.Equal(new RecordedOutcome(1), Valid(result).Issues[0].Outcome);
        Assert.Contains(result.Diagnostics, d => d.Severity == Core.Diagnostics.DiagnosticSeverity.Warning && d.Message == "The outcome of issue 'summit' replaces the one the scenario states.");
    }

    [Fact]
    public void Read_follows_the_scenario_key_relative_to_the_outcomes_file()
    {
        using var scenario = new TempFile(".yaml", ScenarioText);
        using var outcomes = new TempFile(".outcomes.yaml", $"scenario: {Path.GetFileName(scenario.Path)}\noutcomes:\n  summit: 1\n");
        var merged = Valid(OutcomeFiles.Read(outcomes.Path));
        Assert.Equal("T", merged.Title);
        Assert.Equal(new RecordedOutcome(1), merged.Issues[0].Outcome);
    }

    [Fact]
    public void Read_without_a_scenario_key_is_an_error()
    {
        using var outcomes = new TempFile(".yaml", "outcomes:\n  summit: 1\n");
        var error = Assert.Single(OutcomeFiles.Read(outcomes.Path).Errors);
        Assert.Equal("The outcomes file names no scenario.", error.Message);
    }

    [Fact]
    public void A_missing_outcomes_file_is_an_error_not_an_exception()
    {
        var error = Assert.Single(OutcomeFiles.Merge(Base, "/nonexistent/o.yaml").Errors);
        Assert.Equal("File not found.", error.Message);
    }
}
