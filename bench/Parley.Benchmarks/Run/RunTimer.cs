using System.Diagnostics;
using System.Globalization;

namespace Parley.Benchmarks.Run;

/// <summary>`run-timing`: times each run-layer benchmark once after a warm-up, with wall and CPU seconds and bytes allocated (a quick look; BenchmarkDotNet gives the real figures).</summary>
public static class RunTimer
{
    /// <summary>Runs the timings and prints one line per benchmark.</summary>
    public static int Run(TextWriter output)
    {
        var b = new RunLayerBenchmarks();
        b.Setup();
        foreach (var (name, body) in new (string, Func<int>)[] { ("korea-2018 × 10,000 draws", b.Korea10000), ("DEU III dev × 1,000 draws", b.Deu1000) })
        {
            body();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            body();
            sw.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            var alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {sw.Elapsed.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU, {alloc / 1e6:F0} MB allocated"));
        }

        return 0;
    }

    /// <summary>`run-timing models`: 1,000 draws of korea-2018 per default model on its own, without drivers: where the time goes.</summary>
    public static int PerModel(TextWriter output)
    {
        var b = new RunLayerBenchmarks();
        b.Setup();
        foreach (var model in Parley.Core.Models.ModelCatalog.Defaults)
        {
            var request = new Parley.Core.Run.ForecastRequest(b.Korea) { Models = [model], Draws = 1000, Drivers = false };
            Parley.Core.Run.ForecastRunner.Run(request with { Draws = 10 });
            var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            Parley.Core.Run.ForecastRunner.Run(request);
            sw.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            var alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model.Name,-14} 1,000 draws: {sw.Elapsed.TotalMilliseconds,8:F0} ms wall, {cpu.TotalMilliseconds,8:F0} ms CPU, {alloc / 1e6,6:F1} MB"));
        }

        return 0;
    }
}
