using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using Parley.Formats;
using static Parley.Tests.Formats.FormatTestHelpers;

namespace Parley.Tests.Scenarios;

public sealed class ScenarioModelTests
{
    private static Scenario Full => Valid(ScenarioFiles.Read(TestData("full.yaml")));

    public sealed class Effective_spreads
    {
        [Fact]
        public void A_stated_position_spread_wins_and_an_unstated_one_takes_the_share_of_the_scale_width()
        {
            var s = Full;
            Assert.Equal(new NormalSpread(1.5), s.EffectivePositionSpread(s.IndexOfActor("us"), 0));
            Assert.Equal(new RangeSpread(5, 20), s.EffectivePositionSpread(s.IndexOfActor("us"), 1));
            // kim on the summit: 0.05 of a 0–10 scale; china on sanctions: 0.05 of a 0–100 scale.
            var kim = Assert.IsType<NormalSpread>(s.EffectivePositionSpread(s.IndexOfActor("kim"), 0));
            Assert.Equal(0.5, kim.StandardDeviation, 12);
            var china = Assert.IsType<NormalSpread>(s.EffectivePositionSpread(s.IndexOfActor("china"), 1));
            Assert.Equal(5, china.StandardDeviation, 12);
            Assert.Null(s.EffectivePositionSpread(s.IndexOfActor("china"), 0));
        }

        [Fact]
        public void Salience_spreads_are_on_0_to_1_whatever_the_file_scale()
        {
            var s = Full;
            Assert.Equal(new RangeSpread(0.6, 0.9), s.EffectiveSalienceSpread(s.IndexOfActor("us"), 0));
            Assert.Equal(new NormalSpread(0.05), s.EffectiveSalienceSpread(s.IndexOfActor("kim"), 0));
            Assert.Equal(new NormalSpread(0.1), s.EffectiveSalienceSpread(s.IndexOfActor("china"), 1));
        }

        [Fact]
        public void A_capability_spread_is_scaled_to_a_per_issue_capability()
        {
            var s = Full;
            var us = s.IndexOfActor("us");
            Assert.Equal(new RangeSpread(30, 50), s.EffectiveCapabilitySpread(us, 0));
            // us has capability 60 on sanctions against 40 in general: the range [30, 50] becomes [45, 75].
            Assert.Equal(new RangeSpread(45, 75), s.EffectiveCapabilitySpread(us, 1));
            Assert.Equal(new NormalSpread(4), s.EffectiveCapabilitySpread(s.IndexOfActor("kim"), 0));
            // china: 0.2 × 50.
            Assert.Equal(new NormalSpread(10), s.EffectiveCapabilitySpread(s.IndexOfActor("china"), 1));
        }

        [Fact]
        public void Zero_spreads_hold_a_number_fixed_and_a_stated_zero_beats_the_default()
        {
            var issue = new Issue("i", "I", Scale.Percent);
            var actor = new Actor("a", "A", 2, CapabilitySpread: new RangeSpread(2, 2));
            var stance = new Stance("a", "i", 50, 0.5, PositionSpread: new NormalSpread(0), SalienceSpread: new RangeSpread(0.5, 0.5));
            var s = new Scenario("t", [issue], [actor], [stance], uncertainty: new ScenarioUncertainty(0.1, 0.1, 0.1));
            Assert.Null(s.EffectivePositionSpread(0, 0));
            Assert.Null(s.EffectiveSalienceSpread(0, 0));
            Assert.Null(s.EffectiveCapabilitySpread(0, 0));
            var none = new Scenario("t", [issue], [actor with { CapabilitySpread = null }], [stance with { PositionSpread = null, SalienceSpread = null }]);
            Assert.Null(none.EffectivePositionSpread(0, 0));
            Assert.Null(none.EffectiveSalienceSpread(0, 0));
            Assert.Null(none.EffectiveCapabilitySpread(0, 0));
        }
    }

    public sealed class Guards
    {
        private static readonly Issue Issue = new("i", "I", new Scale(0, 10));
        private static readonly Actor Actor = new("a", "A", 2);
        private static readonly Stance Stance = new("a", "i", 5, 0.5);

        private static void Rejects(Func<Scenario> build, string fragment)
        {
            var e = Assert.ThrowsAny<ArgumentException>(build);
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Off_scale_status_quos_and_outcomes_and_unknown_or_repeated_veto_players_are_programming_errors()
        {
            Rejects(() => new Scenario("t", [Issue with { StatusQuo = new StatusQuo(11) }], [Actor], [Stance]), "status quo must lie on the scale");
            Rejects(() => new Scenario("t", [Issue with { Outcome = new RecordedOutcome(-1) }], [Actor], [Stance]), "recorded outcome must lie on the scale");
            Rejects(() => new Scenario("t", [Issue with { VetoPlayers = [new VetoPlayer("b")] }], [Actor], [Stance]), "veto player 'b' is not an actor");
            Rejects(() => new Scenario("t", [Issue with { VetoPlayers = [new VetoPlayer("a"), new VetoPlayer("a")] }], [Actor], [Stance]), "named twice");
        }

        [Fact]
        public void Invalid_spreads_are_programming_errors()
        {
            Rejects(() => new Scenario("t", [Issue], [Actor], [Stance with { PositionSpread = new NormalSpread(-1) }]), "standard deviation must be finite and ≥ 0");
            Rejects(() => new Scenario("t", [Issue], [Actor], [Stance with { PositionSpread = new RangeSpread(6, 4) }]), "low ≤ high");
            Rejects(() => new Scenario("t", [Issue], [Actor], [Stance with { PositionSpread = new RangeSpread(4, 11) }]), "within the number's bounds");
            Rejects(() => new Scenario("t", [Issue], [Actor], [Stance with { SalienceSpread = new RangeSpread(0.4, 1.2) }]), "within the number's bounds");
            Rejects(() => new Scenario("t", [Issue], [Actor with { CapabilitySpread = new RangeSpread(-1, 3) }], [Stance]), "within the number's bounds");
            Rejects(() => new Scenario("t", [Issue], [Actor], [Stance], uncertainty: new ScenarioUncertainty(SalienceSd: -0.1)), "default salience spread");
            Rejects(() => new Scenario("t", [Issue], [Actor], [Stance], uncertainty: new ScenarioUncertainty(PositionSdShare: double.NaN)), "default position spread");
        }

        [Fact]
        public void Drawn_or_perturbed_inputs_may_leave_their_stated_range()
        {
            var scenario = new Scenario("t", [Issue], [Actor with { CapabilitySpread = new RangeSpread(1, 3) }], [Stance with { PositionSpread = new RangeSpread(4, 6) }]);
            var perturbed = scenario.WithInputs([scenario.Actors[0] with { Capability = 9 }], [scenario.Stances[0] with { Position = 9 }]);
            Assert.Equal(9, perturbed.Stances[0].Position);
            Assert.Equal(new RangeSpread(4, 6), perturbed.EffectivePositionSpread(0, 0));
        }

        [Fact]
        public void Duplicate_what_if_names_and_negative_rounds_are_programming_errors()
        {
            var w = new WhatIf("w", null, null, [new SetValueEdit("a", null, EditField.Capability, EditOperation.Set, 3)]);
            Rejects(() => new Scenario("t", [Issue], [Actor], [Stance], whatIfs: [w, w]), "Duplicate what-if name 'w'");
            Assert.ThrowsAny<ArgumentException>(() => new DropActorEdit("a", -1));
            var invalid = new WhatIf("bad", null, null, [new SetValueEdit("a", "i", EditField.Position, EditOperation.Set, 20)]);
            Rejects(() => new Scenario("t", [Issue], [Actor], [Stance], whatIfs: [invalid]), "What-if 'bad': Edit 'a.i.position=20': position 20 lies outside the scale");
        }
    }

    public sealed class Immutability
    {
        [Fact]
        public void A_scenario_copies_the_callers_lists()
        {
            var issues = new List<Issue> { new("i", "I", Scale.Percent) };
            var actors = new List<Actor> { new("a", "A", 1) };
            var stances = new List<Stance> { new("a", "i", 1, 1) };
            var sources = new List<string> { "s" };
            var whatIfs = new List<WhatIf> { new("w", null, null, [new SetValueEdit("a", null, EditField.Capability, EditOperation.Scale, 2)]) };
            var s = new Scenario("t", issues, actors, stances, sources: sources, whatIfs: whatIfs);
            issues.Clear();
            actors.Clear();
            stances.Clear();
            sources.Clear();
            whatIfs.Clear();
            Assert.Single(s.Issues);
            Assert.Single(s.Actors);
            Assert.Single(s.Stances);
            Assert.Single(s.Sources);
            Assert.Single(s.WhatIfs);
            Assert.False(s.Issues is List<Issue>);
            Assert.Throws<NotSupportedException>(() => ((IList<Issue>)s.Issues)[0] = new Issue("j", "J", Scale.Percent));
        }

        [Fact]
        public void Issues_actors_scales_and_what_ifs_copy_their_lists()
        {
            var vetoes = new List<VetoPlayer> { new("a") };
            var byIssue = new Dictionary<string, double> { ["i"] = 3 };
            var anchors = new List<ScaleAnchor> { new(0, "zero") };
            var edits = new List<ScenarioEdit> { new DropActorEdit("a") };
            var issue = new Issue("i", "I", new Scale(0, 1, anchors), VetoPlayers: vetoes);
            var actor = new Actor("a", "A", 1, CapabilityByIssue: byIssue);
            var whatIf = new WhatIf("w", null, null, edits);
            vetoes.Add(new VetoPlayer("b"));
            byIssue["i"] = 99;
            anchors.Clear();
            edits.Clear();
            Assert.Single(issue.VetoPlayers);
            Assert.Equal(3, actor.CapabilityOn("i"));
            Assert.Single(issue.Scale.Anchors);
            Assert.Single(whatIf.Edits);
            Assert.Equal(issue, issue with { VetoPlayers = [new VetoPlayer("a")] });
            Assert.NotEqual(issue, issue with { VetoPlayers = [] });
        }
    }
}
