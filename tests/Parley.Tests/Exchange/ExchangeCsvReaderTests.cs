using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Formats;
using Parley.Formats.Exchange;
using Parley.Tests.Support;
using static Parley.Tests.Formats.FormatTestHelpers;

namespace Parley.Tests.Exchange;

/// <summary>The reader of the exchange model's input format (EXCHANGE-SPEC §1): what it reads, and a located error for every malformed record.</summary>
public sealed class ExchangeCsvReaderTests
{
    private const string File = "in.csv";

    // A two-issue file in the reference's form: TAB-separated, text in single quotes.
    private static readonly string[] s_valid =
    [
        "'#A'\t'A'\t'Actor A'\t''",
        "'#A'\t'B'\t'Actor B'\t'a comment'",
        "'#P'\t'P'\t'Issue P'",
        "'#M'\t'P'\t0\t'none'",
        "'#M'\t'P'\t100\t'all'",
        "'#P'\t'Q'\t'Issue Q'",
        "'#D'\t'A'\t'P'\t80\t0.8\t1.0",
        "'#D'\t'A'\t'Q'\t70\t0.2\t1.0",
        "'#D'\t'B'\t'P'\t20\t0.3\t0.5",
        "'#D'\t'B'\t'Q'\t30\t0.9\t0.5",
    ];

    private static string Text(params string[] lines) => string.Join("\n", lines) + "\n";

    private static ReadResult<Scenario> Read(params string[] lines) => ExchangeCsvReader.Parse(Text(lines), File);

    private static string[] With(int line, string replacement)
    {
        var lines = (string[])s_valid.Clone();
        lines[line - 1] = replacement;
        return lines;
    }

    [Fact]
    public void Reads_actors_issues_scales_positions_saliences_and_power_as_capability()
    {
        var scenario = Valid(Read(s_valid));
        Assert.Equal(["A", "B"], scenario.Actors.Select(a => a.Id));
        Assert.Equal("Actor A", scenario.Actors[0].Name);
        Assert.Equal("a comment", scenario.Actors[1].Description);
        Assert.Equal(["P", "Q"], scenario.Issues.Select(i => i.Id));
        Assert.Equal((0.0, 100.0), (scenario.Issues[0].Scale.Minimum, scenario.Issues[0].Scale.Maximum));
        Assert.Equal([new ScaleAnchor(0, "none"), new ScaleAnchor(100, "all")], scenario.Issues[0].Scale.Anchors);
        Assert.Equal((0.0, 100.0), (scenario.Issues[1].Scale.Minimum, scenario.Issues[1].Scale.Maximum));
        Assert.Empty(scenario.Issues[1].Scale.Anchors);
        Assert.Equal(new Stance("B", "Q", 30, 0.9), scenario.StanceOf(1, 1));
        Assert.Equal((1.0, 0.5), (scenario.Actors[0].CapabilityOn("Q"), scenario.Actors[1].CapabilityOn("P")));
        Assert.Equal(SalienceScale.Unit, scenario.SalienceScale);
    }

    [Fact]
    public void Power_that_differs_between_issues_becomes_a_capability_per_issue()
    {
        var scenario = Valid(Read(With(8, "'#D'\t'A'\t'Q'\t70\t0.2\t0.25")));
        Assert.Equal((1.0, 0.25), (scenario.Actors[0].CapabilityOn("P"), scenario.Actors[0].CapabilityOn("Q")));
    }

    [Fact]
    public void An_actor_without_a_data_record_for_an_issue_has_no_stance_on_it()
    {
        var path = TestPaths.Data("exchange", "ref", "case00.csv");
        var scenario = Valid(ExchangeCsvReader.Parse(System.IO.File.ReadAllText(path), path));
        // case00: A04 has no row for I1, and rows for I2 and I3.
        var a04 = scenario.IndexOfActor("A04");
        Assert.Null(scenario.StanceOf(a04, scenario.IndexOfIssue("I1")));
        Assert.Equal(88.88, scenario.StanceOf(a04, scenario.IndexOfIssue("I2"))!.Position);
        Assert.Equal(17, scenario.Stances.Count);
    }

    [Fact]
    public void The_first_scale_point_is_the_lower_bound_and_the_largest_the_upper_bound()
    {
        var scenario = Valid(Read(
            "'#A'\t'A'\t'A'",
            "'#P'\t'tol'\t'Toll height'",
            "'#M'\t'tol'\t0.5\t'low'",
            "'#M'\t'tol'\t7\t'high'",
            "'#M'\t'tol'\t3\t'middle'",
            "'#D'\t'A'\t'tol'\t2\t0.5\t1"));
        Assert.Equal((0.5, 7.0), (scenario.Issues[0].Scale.Minimum, scenario.Issues[0].Scale.Maximum));
        Assert.Equal(3, scenario.Issues[0].Scale.Anchors.Count);
    }

    [Fact]
    public void Unquoted_and_double_quoted_fields_a_tab_inside_quotes_and_doubled_quotes_are_read()
    {
        var scenario = Valid(Read(
            "#A\tA\t\"Actor \"\"A\"\"\"\tsays\t\"x\"",
            "#P\t'P'\t'one\ttwo'",
            "#D\tA\tP\t40\t0.5\t1\tfirst\tsecond"));
        Assert.Equal("Actor \"A\"", scenario.Actors[0].Name);
        Assert.Equal("says x", scenario.Actors[0].Description);
        Assert.Equal("one\ttwo", scenario.Issues[0].Description);
        Assert.Equal("first second", scenario.Stances[0].Rationale);
    }

    [Fact]
    public void Comments_descriptions_blank_lines_and_crlf_are_accepted_and_records_may_come_in_any_order()
    {
        var scenario = Valid(ExchangeCsvReader.Parse(
            "'#O'\t'A test case'\r\n\r\n'#/'\t'ignored'\r\n'#D'\t'A'\t'P'\t40\t0.5\t1\r\n'#P'\t'P'\r\n'#A'\t'A'\t'A'\r\n", File));
        Assert.Equal("A test case", scenario.Title);
        Assert.Equal(40, scenario.Stances[0].Position);
    }

    [Theory]
    [InlineData("'#X'\t'A'", 1, "Unknown record type '#X'")]
    [InlineData("'#A'\t'A", 6, "not closed")]
    [InlineData("'#A'\t'A'x\t'B'", 9, "Text follows the closing quote")]
    [InlineData("'#A'", 5, "needs 1 field(s) after the tag")]
    [InlineData("'#A'\t''", 6, "The actor id is empty")]
    public void A_malformed_record_is_an_error_at_its_line_and_column(string record, int column, string message)
    {
        var result = Read([.. s_valid, record]);
        Assert.False(result.Succeeded);
        AssertAt(ErrorContaining(result, message), File, s_valid.Length + 1, column);
    }

    [Theory]
    [InlineData("'#D'\t'A'\t'P'\t'eighty'\t0.8\t1.0", 14, "The position 'eighty' is not a number")]
    [InlineData("'#D'\t'A'\t'P'\t\t0.8\t1.0", 14, "The position is empty")]
    [InlineData("'#D'\t'A'\t'P'\t80\t0\t1.0", 17, "Salience 0 is outside (0, 1]")]
    [InlineData("'#D'\t'A'\t'P'\t80\t40\t1.0", 17, "Salience 40 is outside (0, 1]")]
    [InlineData("'#D'\t'A'\t'P'\t80\t0.8\t0", 21, "Power 0 is outside (0, 100]")]
    [InlineData("'#D'\t'A'\t'P'\t80\t0.8\t250", 21, "Power 250 is outside (0, 100]")]
    [InlineData("'#D'\t'A'\t'P'\t80\t0.8", 20, "needs 5 field(s) after the tag; this one has 4")]
    [InlineData("'#D'\t'AA'\t'P'\t80\t0.8\t1.0", 6, "names actor 'AA', which no #A record defines. Did you mean 'A'?")]
    [InlineData("'#D'\t'A'\t'R'\t80\t0.8\t1.0", 10, "names issue 'R', which no #P record defines")]
    public void A_malformed_data_record_is_an_error_at_the_field(string record, int column, string message)
    {
        var result = Read(With(7, record));
        Assert.False(result.Succeeded);
        var error = ErrorContaining(result, message);
        AssertAt(error, File, 7, column);
    }

    [Fact]
    public void A_second_data_record_for_the_same_actor_and_issue_is_an_error()
    {
        var result = Read([.. s_valid, "'#D'\t'A'\t'P'\t10\t0.5\t1.0"]);
        var error = ErrorContaining(result, "second data record for issue 'P' (the first is on line 7)");
        AssertAt(error, File, 11, 6);
        Assert.Equal(("A", "P"), (error.ActorId, error.IssueId));
    }

    [Fact]
    public void Defining_an_actor_or_an_issue_twice_is_an_error()
    {
        AssertAt(ErrorContaining(Read([.. s_valid, "'#A'\t'B'\t'again'"]), "Actor 'B' is defined twice (first on line 2)"), File, 11, 6);
        AssertAt(ErrorContaining(Read([.. s_valid, "'#P'\t'Q'"]), "Issue 'Q' is defined twice (first on line 6)"), File, 11, 6);
    }

    [Fact]
    public void A_scale_point_below_the_first_one_is_an_error_because_the_first_point_is_the_lower_bound()
    {
        var result = Read(With(5, "'#M'\t'P'\t-10\t'below'"));
        AssertAt(ErrorContaining(result, "Scale point -10 lies below the issue's first point 0"), File, 5, 10);
    }

    [Fact]
    public void A_scale_of_no_width_and_a_point_for_an_unknown_issue_are_errors()
    {
        AssertAt(ErrorContaining(Read(With(5, "'#M'\t'P'\t0")), "scale of no width"), File, 4, 10);
        AssertAt(ErrorContaining(Read([.. s_valid, "'#M'\t'PP'\t5"]), "names issue 'PP', which no #P record defines. Did you mean 'P'?"), File, 11, 6);
        AssertAt(ErrorContaining(Read(With(5, "'#M'\t'P'\tlots")), "The scale value 'lots' is not a number"), File, 5, 10);
    }

    [Fact]
    public void An_issue_without_data_and_a_file_without_actors_or_issues_are_errors()
    {
        AssertAt(ErrorContaining(Read([.. s_valid, "'#P'\t'R'"]), "Issue 'R' has no #D record"), File, 11, 6);
        Assert.Contains(Read("'#/'\t'nothing'").Errors, d => d.Message == "The file defines no actor.");
        Assert.Contains(Read("'#/'\t'nothing'").Errors, d => d.Message == "The file defines no issue.");
    }

    [Fact]
    public void A_position_outside_the_scale_is_an_error_as_in_every_reader_and_an_actor_without_data_a_warning()
    {
        // The reference keeps an off-scale row; Parley rejects it (§1.3), so that no forecast leaves the scale.
        AssertAt(ErrorContaining(Read(With(7, "'#D'\t'A'\t'P'\t120\t0.8\t1.0")), "Position 120 lies outside the issue's scale 0–100"), File, 7, 14);
        var result = Read([.. s_valid, "'#A'\t'C'\t'idle'"]);
        Valid(result);
        var warnings = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
        AssertAt(warnings.Single(w => w.Message.Contains("'C' has no #D record", StringComparison.Ordinal)), File, 11, 6);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_not_only_the_first()
    {
        var result = Read(With(7, "'#D'\t'A'\t'P'\tx\t0\t-1"));
        Assert.Equal(3, result.Errors.Count());
    }

    [Theory]
    [InlineData("case.csv")]
    [InlineData("case.txt")]
    [InlineData("case")]
    public void The_format_is_recognised_by_content_whatever_the_extension(string name)
    {
        var source = ScenarioFiles.ParseSource(System.Text.Encoding.UTF8.GetBytes(Text(s_valid)), name);
        Assert.True(source.Succeeded, string.Join("\n", source.Diagnostics));
        Assert.Equal(ScenarioFormat.ExchangeCsv, source.Value!.Format);
    }

    [Fact]
    public void The_format_can_be_forced_and_other_csv_formats_are_not_taken_for_it()
    {
        var forced = ScenarioFiles.ParseSource(System.Text.Encoding.UTF8.GetBytes(Text(s_valid)), "case.yaml", ScenarioFormat.ExchangeCsv);
        Assert.True(forced.Succeeded);
        Assert.False(ExchangeCsvReader.LooksLikeExchangeCsv("Actor,Capability,Position,Salience\nA,1,2,0.5\n"));
        Assert.False(ExchangeCsvReader.LooksLikeExchangeCsv("# a YAML comment\ntitle: x\n"));
        Assert.False(ExchangeCsvReader.LooksLikeExchangeCsv(System.IO.File.ReadAllText(TestPaths.Data("ktab", "ref", "rand02.csv"))));
    }

    [Fact]
    public void Every_reference_input_is_read()
    {
        foreach (var path in Directory.GetFiles(TestPaths.Data("exchange", "ref"), "case??.csv").Append(TestPaths.Data("exchange", "example", "example.csv")))
        {
            var result = ScenarioFiles.Read(path);
            Assert.True(result.Succeeded, path + "\n" + string.Join("\n", result.Diagnostics));
        }
    }
}
