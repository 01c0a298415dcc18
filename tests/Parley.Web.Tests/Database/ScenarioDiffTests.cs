using Parley.Core.Scenarios;
using Parley.Storage.Diff;

namespace Parley.Web.Tests.Database;

/// <summary>What a diff of two scenario versions reports: added, removed and changed parts, each with its path and numbers.</summary>
public sealed class ScenarioDiffTests
{
    private static Scenario Make(Action<List<Issue>, List<Actor>, List<Stance>>? change = null, string title = "T")
    {
        var issues = new List<Issue> { new("a", "Issue A", new Scale(0, 100)), new("b", "Issue B", new Scale(0, 10)) };
        var actors = new List<Actor> { new("x", "X", 10), new("y", "Y", 5) };
        var stances = new List<Stance> { new("x", "a", 20, 0.5, "because"), new("y", "a", 80, 0.9), new("x", "b", 3, 0.4), new("y", "b", 7, 0.2) };
        change?.Invoke(issues, actors, stances);
        return new Scenario(title, issues, actors, stances);
    }

    [Fact]
    public void The_same_scenario_has_no_changes()
    {
        Assert.True(ScenarioDiff.Between(Make(), Make()).IsEmpty);
    }

    [Fact]
    public void Changed_numbers_and_texts_are_listed_with_their_paths_and_the_difference()
    {
        var after = Make((_, actors, stances) =>
        {
            actors[1] = actors[1] with { Capability = 7.5 };
            stances[0] = stances[0] with { Position = 35, Rationale = "new reason" };
            stances[3] = stances[3] with { Salience = 0.25, PositionSpread = new NormalSpread(2) };
        }, "T2");
        var diff = ScenarioDiff.Between(Make(), after);
        Assert.Equal(
            [
                (ChangeKind.Changed, "title", "T", "T2", (double?)null),
                (ChangeKind.Changed, "actors.x.stances.a.position", "20", "35", 15),
                (ChangeKind.Changed, "actors.x.stances.a.rationale", "because", "new reason", null),
                (ChangeKind.Changed, "actors.y.capability", "5", "7.5", 2.5),
                (ChangeKind.Changed, "actors.y.stances.b.salience", "0.2", "0.25", 0.25 - 0.2),
                (ChangeKind.Added, "actors.y.stances.b.position_spread", null, "sd 2", null),
            ],
            diff.Changes.Select(c => (c.Kind, c.Path, c.Before, c.After, c.Delta)));
        Assert.Equal(["x", "y"], diff.Actors);
        Assert.Equal(["a", "b"], diff.Issues);
    }

    [Fact]
    public void Added_and_removed_actors_issues_and_stances_are_listed()
    {
        var after = Make((issues, actors, stances) =>
        {
            issues.RemoveAt(1);
            stances.RemoveAll(s => s.IssueId == "b" || s.ActorId == "y");
            actors.RemoveAt(1);
            actors.Add(new Actor("z", "Zed", 1));
            stances.Add(new Stance("z", "a", 50, 0.5));
        });
        var diff = ScenarioDiff.Between(Make(), after);
        var kinds = diff.Changes.Select(c => (c.Kind, c.Path)).ToList();
        Assert.Contains((ChangeKind.Removed, "issues.b"), kinds);
        Assert.Contains((ChangeKind.Removed, "actors.y"), kinds);
        Assert.Contains((ChangeKind.Added, "actors.z"), kinds);
        Assert.Contains((ChangeKind.Added, "actors.z.stances.a"), kinds);
        Assert.Contains((ChangeKind.Removed, "actors.x.stances.b"), kinds);
        Assert.Contains((ChangeKind.Removed, "actors.y.stances.a"), kinds);
        Assert.Equal("Zed", diff.Changes.Single(c => c.Path == "actors.z").After);
    }
}
