using System.Diagnostics;
using System.Globalization;
using Parley.Core.Models;
using Parley.Core.Models.Ktab;
using Parley.Formats.Ktab;

namespace Parley.Benchmarks.Ktab;

/// <summary>Prints wall time per run and per turn of ktab-smp next to smpc's figures (issue #3).</summary>
public static class KtabScaling
{
    private static readonly (int Actors, string Ktab)[] s_rows =
    [
        (10, "0.07 s"), (25, "1.3 s"), (50, "13 s"), (100, "~230 s"), (200, "> 300 s for one turn"),
    ];

    public static int Run(string[] args)
    {
        var dims = 3;
        var threads = 0;
        for (var k = 0; k < args.Length - 1; k++)
        {
            if (args[k] == "--dims")
            {
                dims = int.Parse(args[k + 1], CultureInfo.InvariantCulture);
            }
            else if (args[k] == "--threads")
            {
                threads = int.Parse(args[k + 1], CultureInfo.InvariantCulture);
            }
        }

        var model = new KtabSmpModel();
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        Console.WriteLine($"ktab-smp scaling on {Environment.ProcessorCount} cores, threads = {(threads == 0 ? "all" : threads)}; random KTAB scenarios (seed 42); load average {load}");
        Console.WriteLine("| actors | dims | turns | wall s | s/turn | CPU s | smpc (issue #3) | speed-up (wall) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---|---:|");
        // Warm up until the JIT has compiled the hot loops fully (tiered compilation), as smpc is compiled ahead of time.
        var warm = KtabCsvReader.Parse(KtabRandomScenario.Csv(40, dims, 7), "warm.csv").Value!;
        var warmClock = Stopwatch.StartNew();
        while (warmClock.Elapsed.TotalSeconds < 1.5)
        {
            model.Run(warm.Scenario, new ModelOptions());
        }
        foreach (var (n, ktab) in s_rows)
        {
            var ks = KtabCsvReader.Parse(KtabRandomScenario.Csv(n, dims, 42), $"rand-{n}.csv").Value!;
            var options = new ModelOptions { Ktab = new KtabSmpParameters { Threads = threads } };
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var result = model.Run(ks.Scenario, options);
            sw.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            var turns = result.Issues[0].Rounds.Count - 1;
            var secs = sw.Elapsed.TotalSeconds;
            var ktabSecs = n switch { 10 => 0.07, 25 => 1.3, 50 => 13.0, 100 => 230.0, _ => double.NaN };
            var speedup = double.IsNaN(ktabSecs) ? "> " + (300.0 / (secs / turns)).ToString("0", CultureInfo.InvariantCulture) + "× per turn" : (ktabSecs / secs).ToString("0", CultureInfo.InvariantCulture) + "×";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n} | {dims} | {turns} | {secs:0.000} | {secs / turns:0.0000} | {cpu:0.000} | {ktab} | {speedup} |"));
        }

        return 0;
    }
}
