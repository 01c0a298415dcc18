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
        var actors = MergeInOrder(issues.Select(i => i.Scenario.Actors).ToList());
        var scenario = new Scenario(
            $"DEU proposal {first.ProposalNumber} ({first.ProposalId} {first.ProposalName}), {issues.Count} issue(s)",
            [.. issues.Select(i => i.Scenario.Issues[0])],
            actors,
            [.. issues.SelectMany(i => i.Scenario.Stances)],
            sources: [.. issues.SelectMany(i => i.Scenario.Sources)],
            salienceScale: SalienceScale.Percent);
        return new DeuProposal(first.ProposalNumber, first.ProposalId, first.ProposalName, issues, scenario);
    }

    /// <summary>
    /// The actors of all issues in one order that keeps each issue's own (column) order: a
    /// topological merge, ties to the actor seen first.
    /// </summary>
    private static List<Actor> MergeInOrder(IReadOnlyList<IReadOnlyList<Actor>> lists)
    {
        var seen = new List<Actor>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var actor in lists.SelectMany(l => l))
        {
            if (index.TryAdd(actor.Id, seen.Count))
            {
                seen.Add(actor);
            }
        }

        var after = seen.Select(_ => new HashSet<int>()).ToList();
        var before = new int[seen.Count];
        foreach (var list in lists)
        {
            for (var n = 1; n < list.Count; n++)
            {
                if (after[index[list[n - 1].Id]].Add(index[list[n].Id]))
                {
                    before[index[list[n].Id]]++;
                }
            }
        }

        var ready = new SortedSet<int>(Enumerable.Range(0, seen.Count).Where(i => before[i] == 0));
        var merged = new List<Actor>(seen.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            merged.Add(seen[next]);
            foreach (var later in after[next])
            {
                if (--before[later] == 0)
                {
                    ready.Add(later);
                }
            }
        }

        // The issues of one file list their actors in the same column order, so there is no cycle.
        return merged.Count == seen.Count ? merged : seen;
    }
}
