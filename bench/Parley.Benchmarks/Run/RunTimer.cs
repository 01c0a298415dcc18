using System.Diagnostics;
using System.Globalization;

namespace Parley.Benchmarks.Run;

/// <summary>`run-timing`: times each run-layer benchmark once after a warm-up (the DEU backtest's with 10 draws), with wall and CPU seconds and bytes allocated (a quick look; BenchmarkDotNet gives the real figures).</summary>
public static class RunTimer
{
    /// <summary>Runs the timings and prints one line per benchmark.</summary>
    public static int Run(TextWriter output)
    {
        var b = new RunLayerBenchmarks();
        b.Setup();
        foreach (var (name, body, warmUp) in new (string, Func<int>, Func<int>)[] { ("korea-2018 × 10,000 draws", b.Korea10000, b.Korea10000), ("DEU III dev × 1,000 draws", b.Deu1000, b.Deu10) })
        {
            warmUp();
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

    /// <summary>`run-timing deu-models [cases]`: the DEU III dev backtest with 1,000 draws per issue for each one-issue model on its own (on the first <paramref name="cases"/> cases, or all): where the time goes.</summary>
    public static int PerDeuModel(TextWriter output, int? cases)
    {
        var b = new RunLayerBenchmarks();
        b.Setup();
        var deu = cases is { } c ? b.Deu.Take(c).ToArray() : b.Deu;
        var total = 0.0;
        foreach (var model in Parley.Core.Models.ModelCatalog.All.OfType<Parley.Core.Models.IssueModel>())
        {
            var options = new Parley.Core.Backtest.BacktestOptions { Draws = 1000, Uncertainty = RunLayerBenchmarks.DefaultUncertainty };
            Parley.Core.Backtest.BacktestEngine.Run(deu.Take(3).ToArray(), [model], options with { Draws = 10 });
            var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            Parley.Core.Backtest.BacktestEngine.Run(deu, [model], options);
            sw.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            var alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
            total += cpu.TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model.Name,-18} {deu.Count} cases × 1,000 draws: {sw.Elapsed.TotalSeconds,7:F2} s wall, {cpu.TotalSeconds,7:F2} s CPU, {alloc / 1e6,7:F0} MB"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {total:F2} s CPU"));
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
