using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;

namespace Parley.Tests.Scenarios;

public sealed class ScenarioEditParserTests
{
    private static ScenarioEdit Parsed(string text, Scenario? scenario = null)
    {
        var result = ScenarioEditParser.Parse(text, scenario);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Value!;
    }

    private static string ErrorOf(string text)
    {
        var result = ScenarioEditParser.Parse(text);
        Assert.False(result.Succeeded);
        return Assert.Single(result.Errors).Message;
    }

    [Theory]
    [InlineData("trump.summit.position=40", "trump", "summit", EditField.Position, EditOperation.Set, 40)]
    [InlineData("trump.summit.salience=0.2", "trump", "summit", EditField.Salience, EditOperation.Set, 0.2)]
    [InlineData("china.capability=12.5", "china", null, EditField.Capability, EditOperation.Set, 12.5)]
    [InlineData("china.sanctions.capability=3", "china", "sanctions", EditField.Capability, EditOperation.Set, 3)]
    [InlineData("china.capability*=0.5", "china", null, EditField.Capability, EditOperation.Scale, 0.5)]
    [InlineData(" kim.summit.position *= 1e-1 ", "kim", "summit", EditField.Position, EditOperation.Scale, 0.1)]
    public void Every_form_of_the_grammar_is_read(string text, string actor, string? issue, EditField field, EditOperation operation, double value)
    {
        Assert.Equal(new SetValueEdit(actor, issue, field, operation, value), Parsed(text));
    }

    [Fact]
    public void An_at_suffix_makes_the_edit_strike_after_that_round()
    {
        var edit = Parsed("trump.summit.salience=0.2@2");
        Assert.Equal(2, edit.AfterRound);
        Assert.False(edit.IsImmediate);
        Assert.Equal("trump.summit.salience=0.2@2", edit.Text);
        Assert.Null(Parsed("trump.summit.salience=0.2@0").AfterRound);
    }

    [Fact]
    public void A_drop_is_read_with_or_without_a_round()
    {
        Assert.Equal(new DropActorEdit("russia"), ScenarioEditParser.ParseDrop("russia").Value);
        Assert.Equal(new DropActorEdit("russia", 3), ScenarioEditParser.ParseDrop("russia@3").Value);
        Assert.Equal("drop russia@3", ScenarioEditParser.ParseDrop("russia@3").Value!.Text);
        Assert.Equal("The drop '' names no actor.", Assert.Single(ScenarioEditParser.ParseDrop(" ").Errors).Message);
    }

    [Fact]
    public void The_text_of_an_edit_reads_back_to_the_same_edit()
    {
        foreach (var text in new[] { "a.b.position=1.5", "a.capability*=2@4", "a.b.capability=0", "a.b.salience*=0.25" })
        {
            Assert.Equal(text, Parsed(text).Text);
            Assert.Equal(Parsed(text), Parsed(Parsed(text).Text));
        }
    }

    [Fact]
    public void Ids_holding_dots_are_split_where_the_scenario_knows_the_actor_and_issue()
    {
        var scenario = new Scenario(
            "t",
            [new Issue("eu.budget", "Budget", Scale.Percent)],
            [new Actor("de.gov", "Germany", 1)],
            [new Stance("de.gov", "eu.budget", 50, 0.5)]);
        Assert.Equal(new SetValueEdit("de.gov", "eu.budget", EditField.Position, EditOperation.Set, 10), Parsed("de.gov.eu.budget.position=10", scenario));
        Assert.Equal(new SetValueEdit("de.gov", null, EditField.Capability, EditOperation.Set, 2), Parsed("de.gov.capability=2", scenario));
        Assert.Equal(new SetValueEdit("de", "gov.eu.budget", EditField.Position, EditOperation.Set, 10), Parsed("de.gov.eu.budget.position=10"));
    }

    [Fact]
    public void A_missing_equals_sign_is_an_error_that_shows_the_grammar()
    {
        var result = ScenarioEditParser.Parse("trump.summit.salience 0.2");
        var error = Assert.Single(result.Errors);
        Assert.Equal("The edit 'trump.summit.salience 0.2' has no '=' (or '*=' to scale).", error.Message);
        Assert.Equal(ScenarioEditParser.Grammar, error.Expected);
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_an_error()
    {
        Assert.Equal("The edit 'trump.summit.salience=high' has the value 'high', which is not a finite number.", ErrorOf("trump.summit.salience=high"));
        Assert.Equal("The edit 'trump.summit.salience=NaN' has the value 'NaN', which is not a finite number.", ErrorOf("trump.summit.salience=NaN"));
        Assert.Equal("The edit 'a.b.position=1,5' has the value '1,5', which is not a finite number.", ErrorOf("a.b.position=1,5"));
    }

    [Fact]
    public void An_unknown_field_suggests_the_closest()
    {
        Assert.Equal(
            "The edit target 'trump.summit.salinece' ends in 'salinece', which is not a field that can be edited. Did you mean 'salience'?",
            ErrorOf("trump.summit.salinece=0.2"));
        Assert.Equal(
            "The edit target 'trump.summit' ends in 'summit', which is not a field that can be edited.",
            ErrorOf("trump.summit=0.2"));
    }

    [Fact]
    public void A_position_or_salience_without_an_issue_is_an_error()
    {
        var result = ScenarioEditParser.Parse("trump.salience=0.2");
        var error = Assert.Single(result.Errors);
        Assert.Equal("The edit target 'trump.salience' names no issue: a salience belongs to an actor on one issue.", error.Message);
        Assert.Equal("trump", error.ActorId);
        Assert.Contains("trump.summit.salience", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_actor_is_an_error()
    {
        Assert.Equal("The edit target 'capability' names no actor.", ErrorOf("capability=1"));
        Assert.Equal("The edit target '.capability' names no actor.", ErrorOf(".capability=1"));
        Assert.Equal("The edit target '.b.position' has an empty actor or issue id.", ErrorOf(".b.position=1"));
        Assert.Equal("The edit target 'a..position' has an empty actor or issue id.", ErrorOf("a..position=1"));
    }

    [Fact]
    public void A_round_that_is_not_a_whole_number_is_an_error()
    {
        Assert.Equal("The edit 'a.capability=1@-2' has the round '-2' after '@', which is not a whole number ≥ 0.", ErrorOf("a.capability=1@-2"));
        Assert.Equal("The edit 'a.capability=1@x' has the round 'x' after '@', which is not a whole number ≥ 0.", ErrorOf("a.capability=1@x"));
        Assert.Equal("The edit 'a.capability=1@99999999999' has the round '99999999999' after '@', which is not a whole number ≥ 0.", ErrorOf("a.capability=1@99999999999"));
    }
}
