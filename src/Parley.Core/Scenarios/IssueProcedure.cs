namespace Parley.Core.Scenarios;

/// <summary>
/// What a compiled issue carries of its procedure: the status quo (where it stays without a deal)
/// and the ids of the actors that can block a deal. Breakdown steps (<c>MODEL+veto</c>) read it;
/// every other model ignores it.
/// </summary>
/// <param name="StatusQuo">The status quo on the issue's scale, or null when the issue states none.</param>
/// <param name="VetoPlayers">The ids of the veto players, in the order the issue names them (some may have no stance on the issue).</param>
public sealed record IssueProcedure(double? StatusQuo, IReadOnlyList<string> VetoPlayers)
{
    /// <summary>The procedure of <paramref name="issue"/>, or null when it states neither a status quo nor a veto player.</summary>
    public static IssueProcedure? Of(Issue issue)
    {
        Preconditions.NotNull(issue, nameof(issue));
        return issue.StatusQuo is null && issue.VetoPlayers.Count == 0
            ? null
            : new IssueProcedure(issue.StatusQuo?.Position, [.. issue.VetoPlayers.Select(v => v.ActorId)]);
    }
}
