namespace Parley.Core.Scenarios;

/// <summary>
/// One issue compiled into flat arrays: the actors that hold a position on it, in input order,
/// with their positions, capabilities and saliences (0–1). This is what one-dimensional models run on;
/// it is cheap to copy and perturb.
/// </summary>
public sealed class IssueInput
{
    /// <summary>Creates an input from parallel arrays (all of the same length).</summary>
    /// <param name="issueId">The issue's id.</param>
    /// <param name="actorIds">Ids of the participating actors.</param>
    /// <param name="actorNames">Their names.</param>
    /// <param name="positions">Their positions.</param>
    /// <param name="capabilities">Their capabilities.</param>
    /// <param name="saliences">Their saliences (0–1).</param>
    /// <param name="procedure">The issue's status quo and veto players; null for none (the issue cannot break down).</param>
    public IssueInput(string issueId, string[] actorIds, string[] actorNames, double[] positions, double[] capabilities, double[] saliences, IssueProcedure? procedure = null)
    {
        var n = positions.Length;
        Preconditions.Check(actorIds.Length == n && actorNames.Length == n && capabilities.Length == n && saliences.Length == n,
            nameof(positions), "All arrays of an issue input must have the same length.");
        IssueId = issueId;
        ActorIds = actorIds;
        ActorNames = actorNames;
        Positions = positions;
        Capabilities = capabilities;
        Saliences = saliences;
        Procedure = procedure;
    }

    /// <summary>The issue's id.</summary>
    public string IssueId { get; }

    /// <summary>Ids of the participating actors, in input order.</summary>
    public string[] ActorIds { get; }

    /// <summary>Names of the participating actors, in input order.</summary>
    public string[] ActorNames { get; }

    /// <summary>Positions on the issue's scale.</summary>
    public double[] Positions { get; }

    /// <summary>Capabilities (≥ 0).</summary>
    public double[] Capabilities { get; }

    /// <summary>Saliences on 0–1.</summary>
    public double[] Saliences { get; }

    /// <summary>The issue's status quo and veto players (see <see cref="IssueProcedure"/>); null when the issue states neither.</summary>
    public IssueProcedure? Procedure { get; }

    /// <summary>The number of participating actors.</summary>
    public int Count => Positions.Length;

    /// <summary>Builds the input for issue number <paramref name="issue"/> of <paramref name="scenario"/>.</summary>
    public static IssueInput From(Scenario scenario, int issue)
    {
        var ids = new List<string>();
        var names = new List<string>();
        var x = new List<double>();
        var c = new List<double>();
        var s = new List<double>();
        var issueId = scenario.Issues[issue].Id;
        for (var a = 0; a < scenario.Actors.Count; a++)
        {
            var stance = scenario.StanceOf(a, issue);
            if (stance is null)
            {
                continue;
            }

            var actor = scenario.Actors[a];
            ids.Add(actor.Id);
            names.Add(actor.Name);
            x.Add(stance.Position);
            c.Add(actor.CapabilityOn(issueId));
            s.Add(stance.Salience);
        }

        return new IssueInput(issueId, [.. ids], [.. names], [.. x], [.. c], [.. s], IssueProcedure.Of(scenario.Issues[issue]));
    }

    /// <summary>A copy with other positions (same actors, capabilities and saliences).</summary>
    public IssueInput WithPositions(double[] positions) =>
        new(IssueId, ActorIds, ActorNames, positions, Capabilities, Saliences, Procedure);

    /// <summary>A copy with other numbers (same actors and procedure).</summary>
    public IssueInput WithNumbers(double[] positions, double[] capabilities, double[] saliences) =>
        new(IssueId, ActorIds, ActorNames, positions, capabilities, saliences, Procedure);
}
