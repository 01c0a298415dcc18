using System.Diagnostics;
using System.Globalization;
using Parley.Benchmarks.ExpectedUtility;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;

namespace Parley.Benchmarks.Scaling;

/// <summary>
/// Prints wall time of the expected-utility model against the number of actors (best of three runs
/// after a warm-up), so that the growth rate can be read off: the direct method grows as n³ per round,
/// Parley's as n² log n.
/// </summary>
internal static class ExpectedUtilityScaling
{
    public static void Run(TextWriter output, int[] sizes)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"expected-utility model, 10 rounds, random actors (seed 42), {Environment.ProcessorCount} cores");
        output.WriteLine("variant     actors   seconds   ms/round   CPU s   growth vs previous size");
        foreach (var variant in Enum.GetValues<ExpectedUtilityVariant>())
        {
            double? previous = null;
            int? previousN = null;
            foreach (var n in sizes)
            {
                var input = RandomIssues.Create(n);
                var model = new ExpectedUtilityModel(variant);
                var options = new ModelOptions { Rounds = 10, Offers = OfferRecording.None, Tolerance = 1e-300 };
                model.RunIssue(input, options); // warm-up (JIT, tiered compilation)
                var best = double.MaxValue;
                var cpu = double.MaxValue;
                var process = Process.GetCurrentProcess();
                for (var rep = 0; rep < 3; rep++)
                {
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    var sw = Stopwatch.StartNew();
                    var result = model.RunIssue(input, options);
                    sw.Stop();
                    process.Refresh();
                    cpu = Math.Min(cpu, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
                    best = Math.Min(best, sw.Elapsed.TotalSeconds);
                    if (result.Rounds.Count != 11)
                    {
                        throw new InvalidOperationException($"Expected 10 rounds, got {result.Rounds.Count - 1}.");
                    }
                }

                var growth = previous is { } p && previousN is { } pn
                    ? string.Format(inv, "×{0:0.0} for ×{1:0.#} actors (n^{2:0.00})", best / p, (double)n / pn, Math.Log(best / p) / Math.Log((double)n / pn))
                    : "";
                output.WriteLine(string.Format(inv, "{0,-10} {1,7} {2,9:0.0000} {3,10:0.00} {4,7:0.000}   {5}", model.Name, n, best, best * 100, cpu, growth));
                previous = best;
                previousN = n;
            }
        }
    }
}
