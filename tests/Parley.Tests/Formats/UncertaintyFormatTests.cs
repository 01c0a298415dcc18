using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using static Parley.Tests.Formats.FormatTestHelpers;

namespace Parley.Tests.Formats;

public sealed class UncertaintyFormatTests
{
    // Line numbers below refer to this text; each test adds or edits a line after line 13.
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
              summit:
                position: 9
                salience: 0.9
        """;

    private static ReadResult<Scenario> WithStanceLine(string line, string prefix = "") =>
        Parse(prefix + Base + "\n        " + line + "\n", "u.yaml");

    private static ReadResult<Scenario> WithActorLine(string line) =>
        Parse(Base.Replace("    capability: 30\n", "    capability: 30\n    " + line + "\n", StringComparison.Ordinal), "u.yaml");

    public sealed class Valid_spreads
    {
        [Fact]
        public void A_position_sd_and_a_salience_range_are_read_in_core_units()
        {
            var scenario = Valid(Parse(Base + "\n        position_sd: 1.5\n        salience_range: [0.5, 1]\n", "u.yaml"));
            Assert.Equal(new NormalSpread(1.5), scenario.Stances[0].PositionSpread);
            Assert.Equal(new RangeSpread(0.5, 1), scenario.Stances[0].SalienceSpread);
        }

        [Fact]
        public void A_position_range_and_a_salience_sd_are_read()
        {
            var scenario = Valid(Parse(Base + "\n        position_range: [7, 10]\n        salience_sd: 0.05\n", "u.yaml"));
            Assert.Equal(new RangeSpread(7, 10), scenario.Stances[0].PositionSpread);
            Assert.Equal(new NormalSpread(0.05), scenario.Stances[0].SalienceSpread);
        }

        [Fact]
        public void Percent_salience_spreads_are_divided_by_100_like_saliences()
        {
            var text = "salience_scale: percent\nuncertainty: { salience_sd: 10 }\n" + Base.Replace("salience: 0.9", "salience: 90\n        salience_range: [60, 95]", StringComparison.Ordinal);
            var scenario = Valid(Parse(text, "u.yaml"));
            Assert.Equal(new RangeSpread(0.6, 0.95), scenario.Stances[0].SalienceSpread);
            Assert.Equal(0.1, scenario.Uncertainty.SalienceSd);
            var sd = Valid(Parse(text.Replace("salience_range: [60, 95]", "salience_sd: 5", StringComparison.Ordinal), "u.yaml"));
            Assert.Equal(new NormalSpread(0.05), sd.Stances[0].SalienceSpread);
        }

        [Fact]
        public void Capability_spreads_and_the_uncertainty_block_are_read()
        {
            var scenario = Valid(Parse("uncertainty:\n  position_sd_share: 0.05\n  capability_sd_share: 0.2\n" + Base.Replace("capability: 30", "capability: 30\n    capability_range: [20, 30]", StringComparison.Ordinal), "u.yaml"));
            Assert.Equal(new RangeSpread(20, 30), scenario.Actors[0].CapabilitySpread);
            Assert.Equal(new ScenarioUncertainty(0.05, 0, 0.2), scenario.Uncertainty);
            var sd = Valid(WithActorLine("capability_sd: 4"));
            Assert.Equal(new NormalSpread(4), sd.Actors[0].CapabilitySpread);
        }

        [Fact]
        public void Without_spreads_the_scenario_has_no_uncertainty()
        {
            var scenario = Valid(Parse(Base, "u.yaml"));
            Assert.Same(ScenarioUncertainty.None, scenario.Uncertainty);
            Assert.Null(scenario.Stances[0].PositionSpread);
            Assert.Null(scenario.Actors[0].CapabilitySpread);
        }
    }

    public sealed class Invalid_spreads
    {
        [Fact]
        public void A_negative_position_sd_is_reported_at_its_value()
        {
            var error = ErrorContaining(WithStanceLine("position_sd: -1"), "'position_sd' is -1, below the minimum 0");
            AssertAt(error, "u.yaml", 14, 22);
            Assert.Equal(("kim", "summit"), (error.ActorId, error.IssueId));
        }

        [Fact]
        public void Both_position_sd_and_position_range_is_an_error_at_the_second()
        {
            var result = Parse(Base + "\n        position_sd: 1\n        position_range: [8, 10]\n", "u.yaml");
            var error = ErrorContaining(result, "The stance on 'summit' gives both 'position_sd' and 'position_range'; give only one of them.");
            AssertAt(error, "u.yaml", 15, 9);
            Assert.Equal(("kim", "summit"), (error.ActorId, error.IssueId));
            Assert.Equal("either 'position_sd' or 'position_range'", error.Expected);
            Assert.Single(result.Errors);
        }

        [Fact]
        public void A_reversed_position_range_is_reported()
        {
            var error = ErrorContaining(WithStanceLine("position_range: [10, 8]"), "'position_range' [10, 8] is reversed");
            AssertAt(error, "u.yaml", 14, 25);
            Assert.Equal(("kim", "summit"), (error.ActorId, error.IssueId));
            Assert.Contains("[8, 10]", error.Expected, StringComparison.Ordinal);
        }

        [Fact]
        public void A_position_range_outside_the_scale_names_the_scale()
        {
            var error = ErrorContaining(WithStanceLine("position_range: [8, 12]"), "'position_range' [8, 12] goes outside the scale of issue 'summit' (0 to 10)");
            AssertAt(error, "u.yaml", 14, 25);
            Assert.Equal("a range within 0 to 10", error.Expected);
        }

        [Fact]
        public void A_position_range_that_misses_the_position_is_reported()
        {
            var error = ErrorContaining(WithStanceLine("position_range: [1, 5]"), "'position_range' [1, 5] does not contain the position 9");
            AssertAt(error, "u.yaml", 14, 25);
            Assert.Equal("a range [low, high] with low ≤ 9 ≤ high", error.Expected);
        }

        [Fact]
        public void A_range_of_three_numbers_is_reported()
        {
            var error = ErrorContaining(WithStanceLine("position_range: [1, 5, 9]"), "'position_range' has 3 numbers; a range has two.");
            AssertAt(error, "u.yaml", 14, 25);
        }

        [Fact]
        public void A_salience_range_above_1_is_reported_on_the_unit_scale()
        {
            var error = ErrorContaining(WithStanceLine("salience_range: [0.5, 1.5]"), "Item 2 of 'salience_range' is 1.5, above the maximum 1");
            AssertAt(error, "u.yaml", 14, 31);
            Assert.Equal(("kim", "summit"), (error.ActorId, error.IssueId));
            Assert.Contains("salience_scale: percent", error.Expected, StringComparison.Ordinal);
        }

        [Fact]
        public void A_salience_range_above_100_is_reported_on_the_percent_scale()
        {
            var text = "salience_scale: percent\n" + Base.Replace("salience: 0.9", "salience: 90\n        salience_range: [50, 120]", StringComparison.Ordinal);
            var error = ErrorContaining(Parse(text, "u.yaml"), "Item 2 of 'salience_range' is 120, above the maximum 100");
            AssertAt(error, "u.yaml", 15, 30);
        }

        [Fact]
        public void A_negative_salience_range_is_reported()
        {
            var error = ErrorContaining(WithStanceLine("salience_range: [-0.1, 1]"), "Item 1 of 'salience_range' is -0.1, below the minimum 0");
            AssertAt(error, "u.yaml", 14, 26);
        }

        [Fact]
        public void A_salience_range_that_misses_the_salience_is_reported_on_the_file_scale()
        {
            var text = "salience_scale: percent\n" + Base.Replace("salience: 0.9", "salience: 90\n        salience_range: [20, 40]", StringComparison.Ordinal);
            var error = ErrorContaining(Parse(text, "u.yaml"), "'salience_range' [20, 40] does not contain the salience 90");
            AssertAt(error, "u.yaml", 15, 25);
        }

        [Fact]
        public void A_reversed_salience_range_is_reported()
        {
            var error = ErrorContaining(WithStanceLine("salience_range: [1, 0.5]"), "'salience_range' [1, 0.5] is reversed");
            AssertAt(error, "u.yaml", 14, 25);
        }

        [Fact]
        public void Both_salience_sd_and_salience_range_is_an_error()
        {
            var result = Parse(Base + "\n        salience_range: [0.5, 1]\n        salience_sd: 0.1\n", "u.yaml");
            AssertAt(ErrorContaining(result, "gives both 'salience_sd' and 'salience_range'"), "u.yaml", 15, 9);
        }

        [Fact]
        public void A_negative_capability_range_is_reported()
        {
            var error = ErrorContaining(WithActorLine("capability_range: [-5, 40]"), "Item 1 of 'capability_range' is -5, below the minimum 0");
            AssertAt(error, "u.yaml", 10, 24);
            Assert.Equal("kim", error.ActorId);
        }

        [Fact]
        public void A_capability_range_that_misses_the_capability_is_reported()
        {
            var error = ErrorContaining(WithActorLine("capability_range: [35, 40]"), "'capability_range' [35, 40] does not contain the capability 30");
            AssertAt(error, "u.yaml", 10, 23);
            Assert.Equal("kim", error.ActorId);
        }

        [Fact]
        public void A_reversed_capability_range_is_reported()
        {
            var error = ErrorContaining(WithActorLine("capability_range: [40, 20]"), "'capability_range' [40, 20] is reversed");
            AssertAt(error, "u.yaml", 10, 23);
        }

        [Fact]
        public void Both_capability_sd_and_capability_range_is_an_error()
        {
            var text = Base.Replace("    capability: 30\n", "    capability: 30\n    capability_sd: 3\n    capability_range: [20, 40]\n", StringComparison.Ordinal);
            var error = ErrorContaining(Parse(text, "u.yaml"), "Actor number 1 gives both 'capability_sd' and 'capability_range'");
            AssertAt(error, "u.yaml", 11, 5);
            Assert.Equal("kim", error.ActorId);
        }

        [Fact]
        public void A_negative_default_spread_is_reported()
        {
            var error = ErrorContaining(Parse("uncertainty: { salience_sd: -0.1 }\n" + Base, "u.yaml"), "'salience_sd' is -0.1, below the minimum 0");
            AssertAt(error, "u.yaml", 1, 29);
        }

        [Fact]
        public void A_misspelt_default_suggests_the_key()
        {
            var error = ErrorContaining(Parse("uncertainty: { position_sd_shares: 0.1 }\n" + Base, "u.yaml"), "Unknown key 'position_sd_shares'. Did you mean 'position_sd_share'?");
            AssertAt(error, "u.yaml", 1, 16);
        }
    }

    public sealed class Salience_scale_mismatch
    {
        [Fact]
        public void A_percent_file_whose_saliences_are_all_at_most_1_is_warned_about_but_read()
        {
            var result = Parse("salience_scale: percent\n" + Base, "u.yaml");
            var scenario = Valid(result);
            var warning = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
            Assert.StartsWith("'salience_scale' is percent, but every salience is at most 1", warning.Message, StringComparison.Ordinal);
            AssertAt(warning, "u.yaml", 1, 17);
            Assert.Contains("salience_scale: unit", warning.Expected, StringComparison.Ordinal);
            Assert.Equal(0.009, scenario.Stances[0].Salience, 15);
        }

        [Fact]
        public void A_percent_file_with_a_salience_above_1_is_not_warned_about()
        {
            var text = "salience_scale: percent\n" + Base.Replace("salience: 0.9", "salience: 90", StringComparison.Ordinal);
            var result = Parse(text, "u.yaml");
            Assert.True(result.Succeeded);
            Assert.Empty(result.Diagnostics);
        }

        [Fact]
        public void A_unit_file_with_a_salience_above_1_is_an_error_that_points_to_percent()
        {
            var error = ErrorContaining(Parse(Base.Replace("salience: 0.9", "salience: 90", StringComparison.Ordinal), "u.yaml"), "'salience' is 90, above the maximum 1");
            AssertAt(error, "u.yaml", 13, 19);
            Assert.Contains("salience_scale: percent", error.Expected, StringComparison.Ordinal);
        }
    }
}
