using System.Diagnostics;
using System.Globalization;
using Parley.Core.Models;
using Parley.Core.Models.Exchange;

namespace Parley.Benchmarks.Exchange;

/// <summary>
/// Prints the wall and CPU time of the exchange model (10 rounds, doubles) against the size of the
/// scenario (best of three runs after warming up for at least a second, so that the JIT's tiers are
/// done), with the number of candidates of the first round
/// and of realized exchanges, which drive the cost.
/// </summary>
internal static class ExchangeScaling
{
    public static void Run(TextWriter output, string[] sizes)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"exchange model, 10 rounds, doubles, random scenarios (seed 42), every actor on every issue, {Environment.ProcessorCount} cores");
        output.WriteLine("size       candidates/round 1   exchanges (10 rounds)   wall s   CPU s");
        var model = new ExchangeModel();
        foreach (var size in sizes)
        {
            var scenario = RandomExchangeScenario.Create(size);
            var result = model.Run(scenario, ModelOptions.Default);
            var warm = Stopwatch.StartNew();
            for (var n = 0; n < 30 && warm.Elapsed.TotalSeconds < 1; n++)
            {
                result = model.Run(scenario, ModelOptions.Default);
            }

            var wall = double.MaxValue;
            var cpu = double.MaxValue;
            var process = Process.GetCurrentProcess();
            for (var rep = 0; rep < 3; rep++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                result = model.Run(scenario, ModelOptions.Default);
                sw.Stop();
                process.Refresh();
                cpu = Math.Min(cpu, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
                wall = Math.Min(wall, sw.Elapsed.TotalSeconds);
            }

            var rounds = result.Issues[0].Rounds.Skip(1).Select(r => ((ExchangeRoundDetail)r.Detail!).Round).ToList();
            var a = int.Parse(size.Split('x')[0], inv);
            var m = int.Parse(size.Split('x')[1], inv);
            var candidates = CountCandidates(result, a, m);
            output.WriteLine(string.Format(inv, "{0,-10} {1,18:N0} {2,23:N0} {3,8:0.000} {4,7:0.000}", size, candidates, rounds.Sum(r => r.Exchanges.Count), wall, cpu));
        }
    }

    /// <summary>The a×d plus b×c pairs of round 1 over all issue pairs, from the input sides of the NBS.</summary>
    private static long CountCandidates(ModelResult result, int actors, int issues)
    {
        var right = new bool[actors, issues];
        for (var k = 0; k < issues; k++)
        {
            var round0 = result.Issues[k].Rounds[0];
            for (var a = 0; a < actors; a++)
            {
                right[a, k] = round0.Positions[a] > round0.Mean;
            }
        }

        long total = 0;
        for (var p = 0; p < issues; p++)
        {
            for (var q = p + 1; q < issues; q++)
            {
                var g = new long[4];
                for (var a = 0; a < actors; a++)
                {
                    g[(right[a, p] ? 0 : 1) + (right[a, q] == right[a, p] ? 0 : 2)]++;
                }

                // same sides: a (right, right) × d (left, left); different sides: b × c.
                total += (g[0] * g[1]) + (g[2] * g[3]);
            }
        }

        return total;
    }
}
