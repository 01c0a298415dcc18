using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using Parley.Formats;
using static Parley.Tests.Formats.FormatTestHelpers;

namespace Parley.Tests.Formats;

public sealed class WhatIfFormatTests
{
    // Line numbers below refer to this text; the edits start at line 25.
    private const string Base =
        """
        title: T
        issues:
          - id: summit
            name: Summit
            scale: { min: 0, max: 10 }
          - id: sanctions
            name: Sanctions
        actors:
          - id: trump
            name: Trump
            capability: 40
            stances:
              summit: { position: 3, salience: 0.8 }
          - id: kim
            name: Kim
            capability: 30
            stances:
              summit: { position: 9, salience: 0.9 }
              sanctions: { position: 90, salience: 1 }
        whatifs:
          - name: gambit
            description: D
            rationale: R
            edits:

        """;

    private static ReadResult<Scenario> WithEdits(params string[] edits) =>
        Parse(Base + string.Concat(edits.Select(e => "      - " + e + "\n")), "w.yaml");

    /// <summary>The 1-based column of <paramref name="fragment"/> in an edit written by <see cref="WithEdits"/>.</summary>
    private static int Column(string edit, string fragment) => "      - ".Length + edit.IndexOf(fragment, StringComparison.Ordinal) + 1;

    private static Diagnostic EditError(string edit, string fragment, string at, int line = 25)
    {
        var error = ErrorContaining(WithEdits(edit), fragment);
        AssertAt(error, "w.yaml", line, Column(edit, at));
        return error;
    }

    public sealed class Valid_what_ifs
    {
        [Fact]
        public void Every_kind_of_edit_is_read()
        {
            var scenario = Valid(WithEdits(
                "{ target: trump.summit.salience, set: 0.2, after_round: 2 }",
                "{ target: kim.summit.position, scale: 0.5 }",
                "{ target: kim.capability, set: 10 }",
                "{ target: kim.sanctions.capability, scale: 2 }",
                "{ drop: trump, after_round: 3 }"));
            var whatIf = Assert.Single(scenario.WhatIfs);
            Assert.Equal(("gambit", "D", "R"), (whatIf.Name, whatIf.Description, whatIf.Rationale));
            Assert.Equal(
                [
                    new SetValueEdit("trump", "summit", EditField.Salience, EditOperation.Set, 0.2, 2),
                    new SetValueEdit("kim", "summit", EditField.Position, EditOperation.Scale, 0.5),
                    new SetValueEdit("kim", null, EditField.Capability, EditOperation.Set, 10),
                    new SetValueEdit("kim", "sanctions", EditField.Capability, EditOperation.Scale, 2),
                    new DropActorEdit("trump", 3),
                ],
                whatIf.Edits);
        }

        [Fact]
        public void After_round_0_means_before_the_run()
        {
            var edit = Assert.Single(Valid(WithEdits("{ target: kim.capability, set: 10, after_round: 0 }")).WhatIfs[0].Edits);
            Assert.Null(edit.AfterRound);
            Assert.True(edit.IsImmediate);
        }

        [Fact]
        public void The_fixture_with_every_field_holds_two_what_ifs()
        {
            var scenario = Valid(ScenarioFiles.Read(TestData("full.yaml")));
            Assert.Equal(["cancellation-gambit", "erosion"], scenario.WhatIfs.Select(w => w.Name));
            Assert.Equal(new SetValueEdit("us", "summit", EditField.Salience, EditOperation.Set, 20, 2), scenario.WhatIfs[0].Edits[0]);
            Assert.Equal(new DropActorEdit("russia"), scenario.WhatIfs[1].Edits[3]);
        }

        [Fact]
        public void Json_what_ifs_read_like_yaml()
        {
            var yaml = Valid(WithEdits("{ target: trump.summit.salience, set: 0.2, after_round: 2 }", "{ target: kim.capability, scale: 0.5 }"));
            var json = Valid(Parse(ScenarioWriter.ToJson(yaml), "w.json"));
            Assert.Equal(yaml.WhatIfs, json.WhatIfs);
            Assert.Contains("\"after_round\": 2", ScenarioWriter.ToJson(yaml), StringComparison.Ordinal);
        }
    }

    public sealed class Invalid_edits
    {
        [Fact]
        public void An_unknown_actor_suggests_the_closest_and_points_at_the_target()
        {
            const string edit = "{ target: trum.summit.salience, set: 0.2 }";
            var error = EditError(edit, "What-if 'gambit': Edit 'trum.summit.salience=0.2': unknown actor 'trum'. Did you mean 'trump'?", "trum.");
            Assert.Equal("one of the actors: trump, kim", error.Expected);
            Assert.Equal("trum", error.ActorId);
        }

        [Fact]
        public void An_unknown_issue_suggests_the_closest()
        {
            const string edit = "{ target: trump.sumit.salience, set: 0.2 }";
            var error = EditError(edit, "unknown issue 'sumit'. Did you mean 'summit'?", "trump.");
            Assert.Equal(("trump", "sumit"), (error.ActorId, error.IssueId));
        }

        [Fact]
        public void An_unknown_field_suggests_the_closest()
        {
            const string edit = "{ target: trump.summit.salince, set: 0.2 }";
            var error = EditError(edit, "Edit 1 of what-if 'gambit': The edit target 'trump.summit.salince' ends in 'salince', which is not a field that can be edited. Did you mean 'salience'?", "trump.");
            Assert.Contains("ACTOR.ISSUE.position", error.Expected, StringComparison.Ordinal);
        }

        [Fact]
        public void A_position_off_the_scale_points_at_the_value()
        {
            const string edit = "{ target: trump.summit.position, set: 12 }";
            var error = EditError(edit, "Edit 'trump.summit.position=12': position 12 lies outside the scale of issue 'summit' (0 to 10).", "12");
            Assert.Equal("a position from 0 to 10", error.Expected);
        }

        [Fact]
        public void A_scaled_position_that_leaves_the_scale_is_reported()
        {
            const string edit = "{ target: kim.summit.position, scale: 2 }";
            EditError(edit, "scaling the position 9 by 2 gives 18, outside the scale of issue 'summit' (0 to 10).", "2 }");
        }

        [Fact]
        public void A_salience_above_1_is_reported_on_the_files_scale()
        {
            const string edit = "{ target: kim.summit.salience, set: 1.5 }";
            var error = EditError(edit, "salience 1.5 lies outside 0 to 1.", "1.5");
            Assert.Equal("a salience from 0 to 1 (the scenario's salience scale)", error.Expected);
        }

        [Fact]
        public void A_negative_capability_is_reported()
        {
            const string edit = "{ target: kim.capability, set: -1 }";
            var error = EditError(edit, "Edit 'kim.capability=-1': capability -1 is negative.", "-1");
            Assert.Equal("a capability ≥ 0", error.Expected);
        }

        [Fact]
        public void A_negative_salience_factor_is_reported()
        {
            const string edit = "{ target: kim.summit.salience, scale: -1 }";
            EditError(edit, "a salience cannot be scaled by a negative factor (-1).", "-1");
        }

        [Fact]
        public void Both_set_and_scale_is_an_error_at_the_second()
        {
            const string edit = "{ target: kim.capability, set: 1, scale: 2 }";
            var error = EditError(edit, "Item 1 of 'edits' gives both 'set' and 'scale'; give only one of them.", "scale");
            Assert.Equal("either 'set' or 'scale'", error.Expected);
        }

        [Fact]
        public void A_target_without_set_or_scale_is_reported()
        {
            const string edit = "{ target: kim.capability }";
            var error = EditError(edit, "Edit 1 of what-if 'gambit' names the target 'kim.capability' but gives neither 'set' nor 'scale'.", "kim");
            Assert.Contains("'scale: F'", error.Expected, StringComparison.Ordinal);
        }

        [Fact]
        public void An_edit_without_target_or_drop_is_reported()
        {
            const string edit = "{ set: 1 }";
            EditError(edit, "Edit 1 of what-if 'gambit' gives neither 'target' nor 'drop'.", "{");
        }

        [Fact]
        public void A_drop_with_a_target_is_reported()
        {
            const string edit = "{ target: kim.capability, drop: kim }";
            EditError(edit, "gives both 'target' and 'drop'", "drop");
        }

        [Fact]
        public void A_drop_with_a_value_is_reported()
        {
            const string edit = "{ drop: kim, set: 1 }";
            EditError(edit, "gives both 'drop' and 'set'", "set");
        }

        [Fact]
        public void A_negative_after_round_is_reported()
        {
            const string edit = "{ target: kim.capability, set: 1, after_round: -1 }";
            EditError(edit, "'after_round' is -1, below the minimum 0.", "-1");
        }

        [Fact]
        public void A_fractional_after_round_is_reported()
        {
            const string edit = "{ target: kim.capability, set: 1, after_round: 1.5 }";
            var error = EditError(edit, "'after_round' must be a whole number", "1.5");
            Assert.Equal("a whole number ≥ 0", error.Expected);
        }

        [Fact]
        public void Dropping_an_unknown_actor_suggests_the_closest()
        {
            const string edit = "{ drop: kin }";
            EditError(edit, "Edit 'drop kin': unknown actor 'kin'. Did you mean 'kim'?", "kin");
        }

        [Fact]
        public void Editing_an_actor_dropped_earlier_is_reported_at_the_later_edit()
        {
            var result = WithEdits("{ drop: trump }", "{ target: trump.summit.position, set: 1 }");
            var error = ErrorContaining(result, "actor 'trump' was dropped by an earlier edit");
            AssertAt(error, "w.yaml", 26, Column("{ target: trump.summit.position, set: 1 }", "trump"));
        }

        [Fact]
        public void A_drop_that_leaves_an_issue_without_actors_is_reported()
        {
            var result = WithEdits("{ drop: trump }", "{ drop: kim }");
            var error = ErrorContaining(result, "Edit 'drop kim': dropping 'kim' leaves issue 'summit' with no actor.");
            AssertAt(error, "w.yaml", 26, Column("{ drop: kim }", "kim"));
        }

        [Fact]
        public void A_stance_edit_for_an_actor_without_a_stance_is_reported()
        {
            const string edit = "{ target: trump.sanctions.position, set: 1 }";
            var error = EditError(edit, "actor 'trump' has no stance on issue 'sanctions'; an edit changes a stance, it does not create one.", "trump");
            Assert.Equal("an issue on which 'trump' has a stance: summit", error.Expected);
        }

        [Fact]
        public void A_duplicate_what_if_name_is_reported_at_the_second()
        {
            var text = Base + "      - { drop: trump }\n  - name: gambit\n    edits: [{ drop: kim }]\n";
            var error = ErrorContaining(Parse(text, "w.yaml"), "Duplicate what-if name 'gambit'; it was first used at line 21.");
            AssertAt(error, "w.yaml", 26, 11);
        }

        [Fact]
        public void An_empty_edit_list_is_reported()
        {
            var error = ErrorContaining(Parse(Base.Replace("    edits:\n", "    edits: []\n", StringComparison.Ordinal), "w.yaml"), "'edits' is empty");
            AssertAt(error, "w.yaml", 24, 5);
        }
    }
}
