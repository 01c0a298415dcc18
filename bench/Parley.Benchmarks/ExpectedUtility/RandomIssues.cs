using Parley.Core.Scenarios;
using Parley.Core.Simulation;

namespace Parley.Benchmarks.ExpectedUtility;

/// <summary>Seeded random one-issue inputs: positions uniform on 0–100, capabilities 0.1–10, saliences 0.05–1.</summary>
internal static class RandomIssues
{
    public static IssueInput Create(int actors, ulong seed = 42)
    {
        var rng = new SeededRandom(seed);
        var ids = Enumerable.Range(0, actors).Select(i => $"a{i}").ToArray();
        var x = new double[actors];
        var c = new double[actors];
        var s = new double[actors];
        for (var i = 0; i < actors; i++)
        {
            x[i] = 100 * rng.NextDouble();
            c[i] = 0.1 + (9.9 * rng.NextDouble());
            s[i] = 0.05 + (0.95 * rng.NextDouble());
        }

        return new IssueInput("issue", ids, ids, x, c, s);
    }
}
