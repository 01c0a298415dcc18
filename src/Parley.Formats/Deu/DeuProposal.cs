using Parley.Core.Scenarios;

namespace Parley.Formats.Deu;

/// <summary>
/// One DEU proposal with its controversial issues as one multi-issue scenario, for models that
/// negotiate the issues of a proposal together (the exchange model). Issue k of
/// <see cref="Scenario"/> is <see cref="Issues"/>[k], with its outcome.
/// </summary>
/// <param name="ProposalNumber">Column <c>prnrnmc</c>.</param>
/// <param name="ProposalId">Column <c>prnr</c>.</param>
/// <param name="ProposalName">Column <c>prname</c>.</param>
/// <param name="Issues">The proposal's issues with an outcome, in file order.</param>
/// <param name="Scenario">Every actor with a position on any of the issues (in column order) and all their stances.</param>
public sealed record DeuProposal(int ProposalNumber, string ProposalId, string ProposalName, IReadOnlyList<DeuIssue> Issues, Scenario Scenario)
{
    /// <summary>Groups <paramref name="issues"/> by proposal number, in order of first appearance.</summary>
    public static IReadOnlyList<DeuProposal> Group(IReadOnlyList<DeuIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        return [.. issues.GroupBy(i => i.ProposalNumber).Select(g => Create([.. g]))];
    }

    private static DeuProposal Create(IReadOnlyList<DeuIssue> issues)
    {
        var first = issues[0];
        // Each issue lists its actors in column order; merging keeps that order.
        var actors = new List<Actor>();
        foreach (var issue in issues)
        {
            Actor? previous = null;
            foreach (var actor in issue.Scenario.Actors)
            {
                var at = actors.FindIndex(a => a.Id == actor.Id);
                if (at < 0)
                {
                    at = previous is null ? 0 : actors.FindIndex(a => a.Id == previous.Id) + 1;
                    actors.Insert(at, actor);
                }

                previous = actor;
            }
        }

        var scenario = new Scenario(
            $"DEU proposal {first.ProposalNumber} ({first.ProposalId} {first.ProposalName}), {issues.Count} issue(s)",
            [.. issues.Select(i => i.Scenario.Issues[0])],
            actors,
            [.. issues.SelectMany(i => i.Scenario.Stances)],
            sources: [.. issues.SelectMany(i => i.Scenario.Sources)],
            salienceScale: SalienceScale.Percent);
        return new DeuProposal(first.ProposalNumber, first.ProposalId, first.ProposalName, issues, scenario);
    }
}
