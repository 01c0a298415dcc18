using Parley.Core.Scenarios;
using Parley.Core.Simulation;

namespace Parley.Benchmarks.Exchange;

/// <summary>Seeded random multi-issue scenarios: every actor on every issue, positions uniform on 0–100, saliences and capabilities uniform on 0.05–1.</summary>
internal static partial class RandomExchangeScenario
{
    public static Scenario Create(int actors, int issues, ulong seed = 42)
    {
        var rng = new SeededRandom(seed);
        var issueList = Enumerable.Range(0, issues).Select(k => new Issue($"i{k}", $"Issue {k}", Scale.Percent)).ToList();
        var actorList = Enumerable.Range(0, actors).Select(a => new Actor($"a{a}", $"Actor {a}", 0.05 + (0.95 * rng.NextDouble()))).ToList();
        var stances = new List<Stance>();
        foreach (var actor in actorList)
        {
            foreach (var issue in issueList)
            {
                stances.Add(new Stance(actor.Id, issue.Id, 100 * rng.NextDouble(), 0.05 + (0.95 * rng.NextDouble())));
            }
        }

        return new Scenario($"random {actors} × {issues}", issueList, actorList, stances);
    }
}
