using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using static Parley.Tests.Formats.FormatTestHelpers;

namespace Parley.Tests.Formats;

public sealed class ProcedureFormatTests
{
    // Line numbers below refer to this text; each test adds lines after line 5 (the issue's scale).
    private const string Base =
        """
        title: T
        issues:
          - id: summit
            name: Summit
            scale: { min: 0, max: 10 }
        actors:
          - id: kim
            name: Kim
            capability: 30
            stances:
              summit: { position: 9, salience: 0.9 }
          - id: us
            name: United States
            capability: 40
            stances:
              summit: { position: 3, salience: 0.8 }
          - id: moon
            name: Moon
            capability: 10
        """;

    private static ReadResult<Scenario> WithIssueLines(params string[] lines) =>
        Parse(Base.Replace("    scale: { min: 0, max: 10 }\n", "    scale: { min: 0, max: 10 }\n" + string.Concat(lines.Select(l => "    " + l + "\n")), StringComparison.Ordinal), "p.yaml");

    public sealed class Valid_fields
    {
        [Fact]
        public void The_short_forms_give_a_status_quo_veto_players_and_an_outcome()
        {
            var issue = Valid(WithIssueLines("status_quo: 2", "veto: [us, kim]", "outcome: 1")).Issues[0];
            Assert.Equal(new StatusQuo(2), issue.StatusQuo);
            Assert.Equal([new VetoPlayer("us"), new VetoPlayer("kim")], issue.VetoPlayers);
            Assert.Equal(new RecordedOutcome(1), issue.Outcome);
        }

        [Fact]
        public void The_long_forms_carry_rationale_and_record()
        {
            var issue = Valid(WithIssueLines(
                "status_quo: { position: 2, rationale: \"No date set.\" }",
                "veto:",
                "  - { actor: us, rationale: \"The president decides.\" }",
                "  - kim",
                "outcome: { position: 1, record: \"Broke up without a deal.\" }")).Issues[0];
            Assert.Equal(new StatusQuo(2, "No date set."), issue.StatusQuo);
            Assert.Equal([new VetoPlayer("us", "The president decides."), new VetoPlayer("kim")], issue.VetoPlayers);
            Assert.Equal(new RecordedOutcome(1, "Broke up without a deal."), issue.Outcome);
        }

        [Fact]
        public void Without_the_fields_an_issue_has_no_status_quo_no_outcome_and_an_empty_veto_list()
        {
            var issue = Valid(Parse(Base, "p.yaml")).Issues[0];
            Assert.Null(issue.StatusQuo);
            Assert.Null(issue.Outcome);
            Assert.NotNull(issue.VetoPlayers);
            Assert.Empty(issue.VetoPlayers);
        }

        [Fact]
        public void A_veto_player_without_a_stance_on_the_issue_is_warned_about()
        {
            var result = WithIssueLines("veto: [moon]");
            Valid(result);
            var warning = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
            Assert.Equal("Veto player 'moon' has no stance on issue 'summit', so no model can tell whether it prefers the status quo to a deal.", warning.Message);
            AssertAt(warning, "p.yaml", 6, 12);
            Assert.Equal(("moon", "summit"), (warning.ActorId, warning.IssueId));
        }
    }

    public sealed class Invalid_fields
    {
        [Fact]
        public void A_status_quo_off_the_scale_is_reported_at_its_value()
        {
            var error = ErrorContaining(WithIssueLines("status_quo: 12"), "The status quo 12 lies outside the scale of issue 'summit' (0 to 10).");
            AssertAt(error, "p.yaml", 6, 17);
            Assert.Equal("summit", error.IssueId);
            Assert.Equal("a position from 0 to 10", error.Expected);
        }

        [Fact]
        public void A_status_quo_position_off_the_scale_is_reported_inside_the_mapping()
        {
            var error = ErrorContaining(WithIssueLines("status_quo: { position: -1, rationale: x }"), "The status quo -1 lies outside the scale");
            AssertAt(error, "p.yaml", 6, 29);
        }

        [Fact]
        public void An_outcome_off_the_scale_is_reported()
        {
            var error = ErrorContaining(WithIssueLines("outcome: { position: 11, record: \"r\" }"), "The outcome 11 lies outside the scale of issue 'summit' (0 to 10).");
            AssertAt(error, "p.yaml", 6, 26);
        }

        [Fact]
        public void A_status_quo_as_text_is_a_type_error()
        {
            var error = ErrorContaining(WithIssueLines("status_quo: none"), "'status_quo' must be a number or a mapping");
            AssertAt(error, "p.yaml", 6, 17);
            Assert.Equal("summit", error.IssueId);
        }

        [Fact]
        public void A_status_quo_mapping_without_a_position_is_reported()
        {
            var error = ErrorContaining(WithIssueLines("status_quo: { rationale: x }"), "Missing required field 'position' in 'status_quo'");
            AssertAt(error, "p.yaml", 6, 5);
        }

        [Fact]
        public void A_misspelt_key_in_an_outcome_suggests_the_known_key()
        {
            var error = ErrorContaining(WithIssueLines("outcome: { position: 1, recrod: x }"), "Unknown key 'recrod'. Did you mean 'record'?");
            AssertAt(error, "p.yaml", 6, 29);
        }

        [Fact]
        public void An_unknown_veto_player_suggests_the_closest_actor()
        {
            var error = ErrorContaining(WithIssueLines("veto: [us, kin]"), "Unknown actor id 'kin' in 'veto'. Did you mean 'kim'?");
            AssertAt(error, "p.yaml", 6, 16);
            Assert.Equal(("kin", "summit"), (error.ActorId, error.IssueId));
            Assert.Equal("one of the declared actor ids: kim, us, moon", error.Expected);
        }

        [Fact]
        public void An_unknown_veto_player_in_the_long_form_is_reported_at_its_id()
        {
            var error = ErrorContaining(WithIssueLines("veto:", "  - { actor: usa }"), "Unknown actor id 'usa' in 'veto'. Did you mean 'us'?");
            AssertAt(error, "p.yaml", 7, 18);
        }

        [Fact]
        public void A_veto_player_named_twice_is_reported_at_the_second()
        {
            var error = ErrorContaining(WithIssueLines("veto:", "  - us", "  - { actor: us, rationale: again }"), "Actor 'us' is named twice in 'veto'; it was first named at line 7.");
            AssertAt(error, "p.yaml", 8, 18);
        }

        [Fact]
        public void A_veto_id_with_a_space_is_invalid()
        {
            var error = ErrorContaining(WithIssueLines("veto: [\"u s\"]"), "Invalid id 'u s'");
            AssertAt(error, "p.yaml", 6, 12);
        }
    }
}
