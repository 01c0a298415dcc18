using System.Text;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Formats;
using static Parley.Tests.Formats.FormatTestHelpers;

namespace Parley.Tests.Formats;

public sealed class YamlScenarioReaderTests
{
    // Line numbers below refer to this text; every test edits one line of it.
    private const string Base =
        """
        title: T
        issues:
          - id: sequencing
            name: Sequencing
        actors:
          - id: kim
            name: Kim
            capability: 30
            stances:
              sequencing:
                position: 90
                salience: 0.9
        """;

    private static ReadResult<Scenario> ParseWith(string oldText, string newText, string file = "s.yaml")
    {
        Assert.Contains(oldText, Base, StringComparison.Ordinal);
        return Parse(Base.Replace(oldText, newText, StringComparison.Ordinal), file);
    }

    public sealed class Valid_files
    {
        [Fact]
        public void The_base_text_reads_into_a_one_issue_one_actor_scenario()
        {
            var scenario = Valid(Parse(Base, "s.yaml"));
            Assert.Equal("T", scenario.Title);
            Assert.Equal(Scale.Percent.Minimum, scenario.Issues[0].Scale.Minimum);
            Assert.Equal(100, scenario.Issues[0].Scale.Maximum);
            Assert.Equal(new Stance("kim", "sequencing", 90, 0.9), scenario.Stances[0]);
        }

        [Fact]
        public void The_test_fixture_reads_with_every_optional_field()
        {
            var scenario = Valid(ScenarioFiles.Read(TestData("small.yaml")));
            Assert.Equal(2, scenario.Issues.Count);
            Assert.Equal(3, scenario.Actors.Count);
            Assert.Equal(["Test fixture written for the format tests"], scenario.Sources);
            Assert.Equal("Accepted nuclear state", scenario.Issues[0].Scale.Anchors[1].Label);
            Assert.Equal(20, scenario.Actors[0].CapabilityOn("sanctions"));
            Assert.Equal(30, scenario.Actors[0].CapabilityOn("sequencing"));
            Assert.Null(scenario.StanceOf(1, 1));
            Assert.Equal("Kim wants relief first.", scenario.StanceOf(0, 0)!.Rationale);
        }

        [Fact]
        public void Percent_saliences_are_divided_by_100_and_the_scale_is_kept()
        {
            var scenario = Valid(Parse("salience_scale: percent\n" + Base.Replace("salience: 0.9", "salience: 90", StringComparison.Ordinal), "s.yaml"));
            Assert.Equal(0.9, scenario.Stances[0].Salience, 12);
            Assert.Equal(SalienceScale.Percent, scenario.SalienceScale);
        }

        [Fact]
        public void A_byte_order_mark_is_accepted()
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Base)).ToArray();
            Assert.True(ScenarioFiles.Parse(bytes, "s.yaml").Succeeded);
        }
    }

    public sealed class Missing_fields
    {
        [Fact]
        public void A_missing_capability_is_reported_at_the_actor_with_its_id()
        {
            var result = ParseWith("    capability: 30\n", string.Empty);
            var error = ErrorContaining(result, "Missing required field 'capability'");
            AssertAt(error, "s.yaml", 6, 5);
            Assert.Equal("kim", error.ActorId);
            Assert.Contains("number", error.Expected, StringComparison.Ordinal);
            Assert.Null(result.Value);
        }

        [Fact]
        public void A_missing_salience_is_reported_at_the_stance_with_actor_and_issue()
        {
            var result = ParseWith("        salience: 0.9", string.Empty);
            var error = ErrorContaining(result, "Missing required field 'salience'");
            AssertAt(error, "s.yaml", 10, 7);
            Assert.Equal(("kim", "sequencing"), (error.ActorId, error.IssueId));
        }

        [Fact]
        public void A_missing_title_is_reported_for_the_scenario()
        {
            var result = ParseWith("title: T\n", string.Empty);
            var error = ErrorContaining(result, "Missing required field 'title' in the scenario");
            AssertAt(error, "s.yaml", 1, 1);
        }
    }

    public sealed class Wrong_types
    {
        [Fact]
        public void A_position_written_as_a_word_is_reported_at_the_value()
        {
            var result = ParseWith("position: 90", "position: high");
            var error = ErrorContaining(result, "'position' must be a number");
            Assert.Contains("the text 'high'", error.Message, StringComparison.Ordinal);
            AssertAt(error, "s.yaml", 11, 19);
            Assert.Equal(("kim", "sequencing"), (error.ActorId, error.IssueId));
        }

        [Fact]
        public void A_quoted_number_is_text_not_a_number()
        {
            var error = ErrorContaining(ParseWith("capability: 30", "capability: \"30\""), "'capability' must be a number");
            AssertAt(error, "s.yaml", 8, 17);
        }

        [Fact]
        public void A_list_where_a_mapping_belongs_is_reported()
        {
            var error = ErrorContaining(ParseWith("    stances:", "    stances: []\n    x_stances:"), "'stances' must be a mapping");
            Assert.Contains("a list", error.Message, StringComparison.Ordinal);
            AssertAt(error, "s.yaml", 9, 14);
        }

        [Fact]
        public void A_document_that_is_not_a_mapping_is_reported()
        {
            var result = Parse("- just\n- a list\n", "s.yaml");
            var error = ErrorContaining(result, "The scenario must be a mapping");
            AssertAt(error, "s.yaml", 1, 1);
        }
    }

    public sealed class Values_out_of_range
    {
        [Fact]
        public void A_position_outside_the_issue_scale_names_the_scale()
        {
            var error = ErrorContaining(ParseWith("position: 90", "position: 120"), "Position 120 lies outside the scale of issue 'sequencing' (0 to 100)");
            AssertAt(error, "s.yaml", 11, 19);
            Assert.Equal(("kim", "sequencing"), (error.ActorId, error.IssueId));
            Assert.Equal("a position from 0 to 100", error.Expected);
        }

        [Fact]
        public void A_salience_above_1_on_the_unit_scale_is_reported()
        {
            var error = ErrorContaining(ParseWith("salience: 0.9", "salience: 1.5"), "'salience' is 1.5, above the maximum 1");
            AssertAt(error, "s.yaml", 12, 19);
            Assert.Contains("salience_scale: percent", error.Expected, StringComparison.Ordinal);
        }

        [Fact]
        public void A_salience_above_100_on_the_percent_scale_is_reported()
        {
            var result = Parse("salience_scale: percent\n" + Base.Replace("salience: 0.9", "salience: 150", StringComparison.Ordinal), "s.yaml");
            var error = ErrorContaining(result, "'salience' is 150, above the maximum 100");
            AssertAt(error, "s.yaml", 13, 19);
        }

        [Fact]
        public void A_negative_capability_is_reported()
        {
            var error = ErrorContaining(ParseWith("capability: 30", "capability: -3"), "'capability' is -3, below the minimum 0");
            AssertAt(error, "s.yaml", 8, 17);
            Assert.Equal("kim", error.ActorId);
        }

        [Fact]
        public void An_infinite_capability_is_reported_as_not_finite()
        {
            var result = ParseWith("capability: 30", "capability: .inf");
            var error = ErrorContaining(result, "'capability' is '.inf', which is not a finite number");
            AssertAt(error, "s.yaml", 8, 17);
            Assert.Single(result.Errors);
        }

        [Fact]
        public void A_scale_whose_min_is_not_below_its_max_is_reported()
        {
            var error = ErrorContaining(ParseWith("    name: Sequencing\n", "    name: Sequencing\n    scale: { min: 10, max: 10 }\n"), "min (10) must be below its max (10)");
            AssertAt(error, "s.yaml", 5, 19);
            Assert.Equal("sequencing", error.IssueId);
        }
    }

    public sealed class Identifiers
    {
        [Fact]
        public void An_unknown_issue_id_in_stances_suggests_the_closest_declared_id()
        {
            var result = ParseWith("      sequencing:", "      sequencng:");
            var error = ErrorContaining(result, "Unknown issue id 'sequencng'. Did you mean 'sequencing'?");
            AssertAt(error, "s.yaml", 10, 7);
            Assert.Equal(("kim", "sequencng"), (error.ActorId, error.IssueId));
            var orphan = ErrorContaining(result, "No actor has a stance on issue 'sequencing'");
            AssertAt(orphan, "s.yaml", 3, 9);
        }

        [Fact]
        public void An_unknown_issue_id_in_capability_by_issue_is_reported()
        {
            var error = ErrorContaining(ParseWith("    stances:", "    capability_by_issue:\n      sanctons: 3\n    stances:"), "Unknown issue id 'sanctons'");
            AssertAt(error, "s.yaml", 10, 7);
            Assert.Contains("sequencing", error.Expected, StringComparison.Ordinal);
        }

        [Fact]
        public void A_duplicate_actor_id_points_at_the_second_and_names_the_first()
        {
            var text = Base + "\n  - id: kim\n    name: Kim again\n    capability: 1\n";
            var error = ErrorContaining(Parse(text, "s.yaml"), "Duplicate actor id 'kim'; it was first declared at line 6");
            AssertAt(error, "s.yaml", 13, 9);
            Assert.Equal("kim", error.ActorId);
        }

        [Fact]
        public void A_duplicate_issue_id_is_reported()
        {
            var error = ErrorContaining(ParseWith("actors:", "  - id: sequencing\n    name: Again\nactors:"), "Duplicate issue id 'sequencing'");
            AssertAt(error, "s.yaml", 5, 9);
            Assert.Equal("sequencing", error.IssueId);
        }

        [Fact]
        public void An_id_with_a_space_is_invalid()
        {
            var error = ErrorContaining(ParseWith("id: kim", "id: \"kim jong\""), "Invalid id 'kim jong'");
            AssertAt(error, "s.yaml", 6, 9);
            Assert.Contains("letters, digits", error.Expected, StringComparison.Ordinal);
        }

        [Fact]
        public void An_issue_without_stances_is_reported()
        {
            var error = ErrorContaining(ParseWith("actors:", "  - id: sanctions\n    name: Sanctions\nactors:"), "No actor has a stance on issue 'sanctions'");
            AssertAt(error, "s.yaml", 5, 9);
            Assert.Equal("sanctions", error.IssueId);
        }
    }

    public sealed class Keys
    {
        [Fact]
        public void An_unknown_key_suggests_the_known_key_it_resembles()
        {
            var result = ParseWith("capability: 30", "capabilty: 30");
            var error = ErrorContaining(result, "Unknown key 'capabilty'. Did you mean 'capability'?");
            AssertAt(error, "s.yaml", 8, 5);
            Assert.Contains("capability_by_issue", error.Expected, StringComparison.Ordinal);
            Assert.Equal("kim", error.ActorId);
        }

        [Fact]
        public void A_duplicate_key_points_at_the_second_and_names_the_first_line()
        {
            var error = ErrorContaining(ParseWith("    name: Kim\n", "    name: Kim\n    name: Kim2\n"), "Duplicate key 'name'; it was first given at line 7");
            AssertAt(error, "s.yaml", 8, 5);
            Assert.Equal("kim", error.ActorId);
        }
    }

    public sealed class Malformed_input
    {
        [Fact]
        public void An_empty_file_is_an_error_at_line_1()
        {
            var result = Parse(string.Empty, "s.yaml");
            var error = ErrorContaining(result, "The file is empty");
            AssertAt(error, "s.yaml", 1, 1);
        }

        [Fact]
        public void A_whitespace_only_file_is_empty()
        {
            Assert.Contains("empty", Assert.Single(Parse("  \n\t\n", "s.yaml").Errors).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_yaml_syntax_error_is_reported_at_its_mark_without_a_stack_trace()
        {
            var result = ParseWith("    name: Kim", "    name: [Kim");
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("Malformed YAML: ", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", error.Message, StringComparison.Ordinal);
            Assert.Equal("s.yaml", error.Location!.File);
            Assert.InRange(error.Location.Line!.Value, 7, 9);
        }

        [Fact]
        public void A_bad_indentation_is_reported_with_its_line()
        {
            var result = Parse("title: T\nissues:\n  - id: a\n   name: x\n", "s.yaml");
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("Malformed YAML: ", error.Message, StringComparison.Ordinal);
            Assert.Equal(4, error.Location!.Line);
        }

        [Fact]
        public void Invalid_utf8_is_reported_at_the_line_and_column_of_the_first_bad_byte()
        {
            var bytes = Encoding.UTF8.GetBytes("title: Tü\nissues: x").ToList();
            bytes.Insert(bytes.IndexOf((byte)'s') + 3, 0xFF); // before the "e" of "issues", column 5
            var result = ScenarioFiles.Parse([.. bytes], "s.yaml");
            var error = Assert.Single(result.Errors);
            Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
            Assert.Contains("0xFF", error.Message, StringComparison.Ordinal);
            AssertAt(error, "s.yaml", 2, 5);
        }

        [Fact]
        public void A_missing_file_is_an_error_not_an_exception()
        {
            var result = ScenarioFiles.Read("/nonexistent/place/none.yaml");
            var error = Assert.Single(result.Errors);
            Assert.Equal("File not found.", error.Message);
            Assert.Equal("/nonexistent/place/none.yaml", error.Location!.File);
        }
    }

    public sealed class Several_errors
    {
        [Fact]
        public void Every_error_in_the_file_is_reported_in_file_order()
        {
            var text =
                """
                title: T
                issues:
                  - id: sequencing
                    name: Sequencing
                    scale: { min: 0, max: 10 }
                actors:
                  - id: kim
                    name: Kim
                    capability: -1
                    stances:
                      sequencing: { position: 11, salience: 0.5 }
                      sanctions: { position: 1, salience: 0.5 }
                  - id: moon
                    capabilty: 3
                    stances:
                      sequencing: { position: high, salience: 2 }
                """;
            var result = Parse(text, "multi.yaml");
            var lines = result.Errors.Select(e => e.Location!.Line!.Value).ToList();
            Assert.True(result.Errors.Count() >= 8, Dump(result));
            Assert.Equal(lines.Order().ToList(), lines);
            AssertAt(ErrorContaining(result, "'capability' is -1"), "multi.yaml", 9, 17);
            AssertAt(ErrorContaining(result, "Position 11 lies outside"), "multi.yaml", 11, 31);
            AssertAt(ErrorContaining(result, "Unknown issue id 'sanctions'"), "multi.yaml", 12, 7);
            AssertAt(ErrorContaining(result, "Missing required field 'name'"), "multi.yaml", 13, 5);
            AssertAt(ErrorContaining(result, "Missing required field 'capability'"), "multi.yaml", 13, 5);
            AssertAt(ErrorContaining(result, "Unknown key 'capabilty'"), "multi.yaml", 14, 5);
            AssertAt(ErrorContaining(result, "'position' must be a number"), "multi.yaml", 16, 31);
            AssertAt(ErrorContaining(result, "'salience' is 2"), "multi.yaml", 16, 47);
            Assert.Equal("moon", ErrorContaining(result, "'salience' is 2").ActorId);
        }
    }
}
