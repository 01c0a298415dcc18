using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using static Parley.Tests.Formats.FormatTestHelpers;

namespace Parley.Tests.Scenarios;

public sealed class ScenarioEditorTests
{
    private const string Base =
        """
        title: Edits
        salience_scale: percent
        issues:
          - id: summit
            name: Second summit
            scale: { min: 0, max: 10 }
            status_quo: 2
            veto: [us, kim]
          - id: sanctions
            name: Sanctions relief
        actors:
          - id: us
            name: United States
            capability: 40
            capability_range: [30, 50]
            capability_by_issue:
              sanctions: 60
            stances:
              summit:
                position: 4
                salience: 80
                position_sd: 1.5
                salience_range: [60, 90]
              sanctions:
                position: 10
                salience: 70
                position_range: [5, 20]
          - id: kim
            name: North Korea
            capability: 30
            capability_sd: 4
            stances:
              summit:
                position: 9
                salience: 90
                salience_sd: 5
              sanctions:
                position: 90
                salience: 100
          - id: china
            name: China
            capability: 50
            stances:
              sanctions:
                position: 60
                salience: 40

        """;

    private const string KimBlock =
        """
          - id: kim
            name: North Korea
            capability: 30
            capability_sd: 4
            stances:
              summit:
                position: 9
                salience: 90
                salience_sd: 5
              sanctions:
                position: 90
                salience: 100

        """;

    private static Scenario BaseScenario => Valid(Parse(Base, "base.yaml"));

    private static string HandEdit(params (string Old, string New)[] replacements)
    {
        var text = Base;
        foreach (var (old, replacement) in replacements)
        {
            Assert.True(text.Split(old).Length == 2, $"'{old}' must occur exactly once in the base text.");
            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        return text;
    }

    private static ScenarioEdit Edit(string text) =>
        text.StartsWith("--drop ", StringComparison.Ordinal)
            ? ScenarioEditParser.ParseDrop(text["--drop ".Length..]).Value!
            : ScenarioEditParser.Parse(text, BaseScenario).Value!;

    /// <summary>Each edit, with the replacements (old, new, old, new, …) that make the same change by hand in the base file.</summary>
    public static TheoryData<string, string[]> EveryKindOfEdit => new()
    {
        { "us.summit.position=6", ["        position: 4\n", "        position: 6\n"] },
        { "us.sanctions.position=15", ["position: 10\n        salience: 70\n        position_range: [5, 20]", "position: 15\n        salience: 70\n        position_range: [10, 25]"] },
        { "us.sanctions.position*=2", ["position: 10\n        salience: 70\n        position_range: [5, 20]", "position: 20\n        salience: 70\n        position_range: [10, 40]"] },
        { "us.summit.salience=70", ["salience: 80\n        position_sd: 1.5\n        salience_range: [60, 90]", "salience: 70\n        position_sd: 1.5\n        salience_range: [50, 80]"] },
        { "us.summit.salience=95", ["salience: 80\n        position_sd: 1.5\n        salience_range: [60, 90]", "salience: 95\n        position_sd: 1.5\n        salience_range: [75, 100]"] },
        { "kim.summit.salience*=0.5", ["salience: 90\n        salience_sd: 5", "salience: 45\n        salience_sd: 2.5"] },
        { "china.sanctions.salience=0", ["salience: 40\n", "salience: 0\n"] },
        { "us.capability=45", ["capability: 40\n    capability_range: [30, 50]\n    capability_by_issue:\n      sanctions: 60\n", "capability: 45\n    capability_range: [35, 55]\n"] },
        { "us.capability*=0.5", ["capability: 40\n    capability_range: [30, 50]\n    capability_by_issue:\n      sanctions: 60\n", "capability: 20\n    capability_range: [15, 25]\n    capability_by_issue:\n      sanctions: 30\n"] },
        { "kim.capability*=0.5", ["capability: 30\n    capability_sd: 4\n", "capability: 15\n    capability_sd: 2\n"] },
        { "kim.sanctions.capability=10", ["capability: 30\n    capability_sd: 4\n", "capability: 30\n    capability_sd: 4\n    capability_by_issue: { sanctions: 10 }\n"] },
        { "us.sanctions.capability*=0.5", ["      sanctions: 60\n", "      sanctions: 30\n"] },
        { "china.summit.capability=5", ["capability: 50\n", "capability: 50\n    capability_by_issue: { summit: 5 }\n"] },
        { "--drop kim", [KimBlock, string.Empty, "veto: [us, kim]", "veto: [us]"] },
        { "--drop china", ["  - id: china\n    name: China\n    capability: 50\n    stances:\n      sanctions:\n        position: 60\n        salience: 40\n", string.Empty] },
        { "us.summit.salience=20@2", [] },
        { "--drop kim@1", [] },
    };

    [Theory]
    [MemberData(nameof(EveryKindOfEdit))]
    public void Applying_an_edit_equals_reading_the_file_edited_by_hand(string edit, string[] replacements)
    {
        var pairs = replacements.Chunk(2).Select(p => (p[0], p[1])).ToArray();
        var applied = ScenarioEditor.Apply(BaseScenario, [Edit(edit)]);
        Assert.True(applied.Succeeded, string.Join("\n", applied.Diagnostics));
        AssertEqual(Valid(Parse(HandEdit(pairs), "hand.yaml")), applied.Value!);
    }

    [Fact]
    public void Several_edits_apply_in_order_like_one_hand_edit()
    {
        var edits = new[] { "us.capability*=0.5", "us.sanctions.capability=12", "kim.summit.position*=0.5", "--drop china" }.Select(Edit).ToList();
        var hand = HandEdit(
            ("capability: 40\n    capability_range: [30, 50]\n    capability_by_issue:\n      sanctions: 60\n", "capability: 20\n    capability_range: [15, 25]\n    capability_by_issue:\n      sanctions: 12\n"),
            ("        position: 9\n", "        position: 4.5\n"),
            ("  - id: china\n    name: China\n    capability: 50\n    stances:\n      sanctions:\n        position: 60\n        salience: 40\n", string.Empty));
        AssertEqual(Valid(Parse(hand, "hand.yaml")), Valid(ScenarioEditor.Apply(BaseScenario, edits)));
    }

    [Fact]
    public void An_edited_scenario_keeps_no_what_ifs_and_the_base_is_unchanged()
    {
        var withWhatIf = BaseScenario.With(whatIfs: [new WhatIf("w", null, null, [new DropActorEdit("china")])]);
        var edited = Valid(ScenarioEditor.Apply(withWhatIf, withWhatIf.WhatIfs[0]));
        Assert.Empty(edited.WhatIfs);
        Assert.Equal(2, edited.Actors.Count);
        Assert.Equal(3, withWhatIf.Actors.Count);
        Assert.Single(withWhatIf.WhatIfs);
    }

    [Fact]
    public void Every_invalid_edit_is_reported_naming_the_edit()
    {
        var edits = new ScenarioEdit[]
        {
            new SetValueEdit("us", "summit", EditField.Position, EditOperation.Set, 11),
            new SetValueEdit("us", "summit", EditField.Salience, EditOperation.Set, 101),
            new SetValueEdit("us", null, EditField.Capability, EditOperation.Scale, -1),
            new SetValueEdit("china", "summit", EditField.Salience, EditOperation.Set, 10),
            new SetValueEdit("us", "summit", EditField.Salience, EditOperation.Scale, 2, 3),
            new DropActorEdit("chna"),
        };
        var result = ScenarioEditor.Apply(BaseScenario, edits);
        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                "Edit 'us.summit.position=11': position 11 lies outside the scale of issue 'summit' (0 to 10).",
                "Edit 'us.summit.salience=101': salience 101 lies outside 0 to 100.",
                "Edit 'us.capability*=-1': a capability cannot be scaled by a negative factor (-1).",
                "Edit 'china.summit.salience=10': actor 'china' has no stance on issue 'summit'; an edit changes a stance, it does not create one.",
                "Edit 'drop chna': unknown actor 'chna'. Did you mean 'china'?",
                "Edit 'us.summit.salience*=2@3': scaling the salience 80 by 2 gives 160, above 100.",
            ],
            result.Errors.Select(e => e.Message));
        Assert.Equal("a salience from 0 to 100 (the scenario's saliences are on the percent scale)", result.Errors.ElementAt(1).Expected);
        Assert.All(result.Errors, e => Assert.Null(e.Location));
    }

    [Fact]
    public void Validate_places_each_problem_where_the_caller_says()
    {
        var at = new SourceLocation("cli", 1, 7);
        var problems = ScenarioEditor.Validate(BaseScenario, [new DropActorEdit("us"), new SetValueEdit("kim", "summit", EditField.Position, EditOperation.Set, 20)],
            (i, part) => i == 1 && part == EditPart.Value ? at : null);
        var problem = Assert.Single(problems);
        Assert.Same(at, problem.Location);
        Assert.Equal(("kim", "summit"), (problem.ActorId, problem.IssueId));
    }

    [Fact]
    public void A_timed_edit_may_precede_a_later_timed_drop_but_not_follow_it()
    {
        var before = new ScenarioEdit[] { new DropActorEdit("kim", 3), new SetValueEdit("kim", "summit", EditField.Position, EditOperation.Set, 1, 2) };
        Assert.Empty(ScenarioEditor.Validate(BaseScenario, before));
        var after = new ScenarioEdit[] { new DropActorEdit("kim", 2), new SetValueEdit("kim", "summit", EditField.Position, EditOperation.Set, 1, 3) };
        Assert.Equal("Edit 'kim.summit.position=1@3': actor 'kim' was dropped by an earlier edit.", Assert.Single(ScenarioEditor.Validate(BaseScenario, after)).Message);
    }

    [Fact]
    public void Timed_edits_come_out_in_the_order_they_strike()
    {
        var a = new DropActorEdit("china", 3);
        var b = new SetValueEdit("us", null, EditField.Capability, EditOperation.Set, 1, 1);
        var c = new SetValueEdit("kim", null, EditField.Capability, EditOperation.Set, 1);
        var d = new SetValueEdit("kim", null, EditField.Capability, EditOperation.Set, 2, 1);
        Assert.Equal([b, d, a], ScenarioEditor.TimedEdits([a, b, c, d]));
    }

    public sealed class Timed_edits_on_compiled_issues
    {
        private static IssueInput Summit => BaseScenario.Compile(0);

        [Fact]
        public void A_salience_set_is_read_on_the_files_scale()
        {
            var edited = ScenarioEditor.ApplyToIssue(BaseScenario, Summit, new SetValueEdit("us", "summit", EditField.Salience, EditOperation.Set, 20, 2));
            Assert.Equal([0.2, 0.9], edited.Saliences);
            Assert.Equal([0.8, 0.9], Summit.Saliences);
        }

        [Fact]
        public void A_scaled_position_is_kept_on_the_scale_of_the_current_state()
        {
            var moved = Summit.WithPositions([4, 8]);
            var edited = ScenarioEditor.ApplyToIssue(BaseScenario, moved, new SetValueEdit("kim", "summit", EditField.Position, EditOperation.Scale, 2, 1));
            Assert.Equal([4, 10], edited.Positions);
        }

        [Fact]
        public void A_capability_edit_for_every_issue_applies_and_one_for_another_issue_does_not()
        {
            var all = ScenarioEditor.ApplyToIssue(BaseScenario, Summit, new SetValueEdit("us", null, EditField.Capability, EditOperation.Scale, 0.5, 1));
            Assert.Equal([20, 30], all.Capabilities);
            var other = Summit;
            Assert.Same(other, ScenarioEditor.ApplyToIssue(BaseScenario, other, new SetValueEdit("us", "sanctions", EditField.Capability, EditOperation.Set, 1, 1)));
            Assert.Same(other, ScenarioEditor.ApplyToIssue(BaseScenario, other, new SetValueEdit("china", null, EditField.Capability, EditOperation.Set, 1, 1)));
        }

        [Fact]
        public void A_drop_removes_the_actor_from_every_array()
        {
            var edited = ScenarioEditor.ApplyToIssue(BaseScenario, BaseScenario.Compile(1), new DropActorEdit("kim", 2));
            Assert.Equal(["us", "china"], edited.ActorIds);
            Assert.Equal([10, 60], edited.Positions);
            Assert.Equal([60, 50], edited.Capabilities);
            Assert.Equal([0.7, 0.4], edited.Saliences);
        }

        [Fact]
        public void Results_are_kept_within_their_bounds()
        {
            var salience = ScenarioEditor.ApplyToIssue(BaseScenario, Summit, new SetValueEdit("kim", "summit", EditField.Salience, EditOperation.Scale, 3, 1));
            Assert.Equal(1, salience.Saliences[1]);
            var capability = ScenarioEditor.ApplyToIssue(BaseScenario, Summit, new SetValueEdit("kim", null, EditField.Capability, EditOperation.Set, -5, 1));
            Assert.Equal(0, capability.Capabilities[1]);
        }
    }
}
