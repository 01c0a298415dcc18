using System.Diagnostics;
using System.Globalization;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Scenarios;
using Parley.Core.Uncertainty;

namespace Parley.Benchmarks.Run;

/// <summary>
/// `run-timing rounds`: the expected-utility model alone on the issues of 1,000 korea-2018 draws,
/// per variant and way of computing a round (the small-n path, the table path for thousands of
/// actors, and the small path without its shortcuts), as CPU microseconds per round. The variants
/// run alternately, three times, so that a machine's load falls on all of them alike.
/// </summary>
public static class RoundTimer
{
    /// <summary>Runs the timings (of the path called <paramref name="only"/>, or all) and prints one line per variant, path and repetition.</summary>
    public static int Run(TextWriter output, string set = "korea", string? only = null)
    {
        var b = new RunLayerBenchmarks();
        b.Setup();
        var inputs = new List<IssueInput>();
        if (set == "deu")
        {
            // 20 draws of every DEU III dev issue, with the benchmark's default uncertainty.
            foreach (var c in b.Deu)
            {
                var sampler = new InputSampler(c.Scenario.WithUncertainty(RunLayerBenchmarks.DefaultUncertainty));
                for (var d = 0; d < 20; d++)
                {
                    inputs.Add(sampler.Draw(42, d).Issue(0));
                }
            }
        }
        else
        {
            var sampler = new InputSampler(b.Korea);
            for (var d = 0; d < 1000; d++)
            {
                var draw = sampler.Draw(42, d);
                for (var k = 0; k < b.Korea.Issues.Count; k++)
                {
                    inputs.Add(draw.Issue(k));
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{set}: {inputs.Count} issue inputs, {inputs.Average(i => i.Count):F1} actors on average (max {inputs.Max(i => i.Count)})"));

        var options = new ModelOptions { KeepPath = false, Offers = OfferRecording.None };
        var paths = new (string Name, Func<ExpectedUtilityVariant, ExpectedUtilityModel> Create)[]
        {
            ("small", v => new ExpectedUtilityModel(v)),
            ("small, no skips", v => new ExpectedUtilityModel(v) { SkipImpossibleOffers = false, SkipRepeatedRounds = false }),
            ("table", v => new ExpectedUtilityModel(v) { SmallActorLimit = 0 }),
        };
        for (var rep = 0; rep < 2; rep++)
        {
            foreach (var variant in new[] { ExpectedUtilityVariant.Scholz2011, ExpectedUtilityVariant.Bdm })
            {
                foreach (var (name, create) in paths.Where(p => only is null || p.Name == only))
                {
                    var model = create(variant);
                    var rounds = 0L;
                    foreach (var input in inputs.Take(50))
                    {
                        model.RunIssue(input, options);
                    }

                    var alloc0 = GC.GetAllocatedBytesForCurrentThread();
                    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                    var sum = 0.0;
                    foreach (var input in inputs)
                    {
                        var result = model.RunIssue(input, options);
                        rounds += result.RoundsRun;
                        sum += result.Forecast;
                    }

                    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
                    var alloc = GC.GetAllocatedBytesForCurrentThread() - alloc0;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{model.Name,-10} {name,-16} {inputs.Count} runs, {rounds,7} rounds: {cpu.TotalMilliseconds,7:F0} ms CPU, {cpu.TotalMilliseconds * 1000 / rounds,6:F2} µs/round, {alloc / (double)inputs.Count,7:F0} B/run (forecast sum {sum:F6})"));
                }
            }
        }

        return 0;
    }
}
