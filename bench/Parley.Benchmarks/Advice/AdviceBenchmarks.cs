using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Parley.Benchmarks.Run;
using Parley.Core.Advice;
using Parley.Core.Scenarios;

namespace Parley.Benchmarks.Advice;

/// <summary>
/// Advice for one actor over every Korea issue with 1,000 input draws (issue 10 §6; target under 10 s on
/// the 2-core machine), with the default model (scholz2011) and grid. The scenario's own spreads are used
/// when it states them; otherwise the run-layer benchmark's default uncertainty makes every draw a real rerun.
/// Run: dotnet run -c Release --project bench/Parley.Benchmarks -- --filter '*Advice*'
/// (or `advice-timing` for one timed run of each, with CPU seconds).
/// </summary>
[MemoryDiagnoser]
public class AdviceBenchmarks
{
    private Scenario _korea = null!;

    /// <summary>The actor advised.</summary>
    [Params("kim", "trump")]
    public string Actor { get; set; } = "kim";

    [GlobalSetup]
    public void Setup()
    {
        var run = new RunLayerBenchmarks();
        run.Setup();
        _korea = run.Korea;
    }

    /// <summary>One actor, every issue it has a stance on, 1,000 draws, scholz2011, the default grid.</summary>
    [Benchmark(Description = "advise, every Korea issue, 1,000 draws")]
    public int Korea1000() => AdviceSearch.Run(new AdviceRequest(_korea, Actor) { Draws = 1000 }).Issues.Count;

    /// <summary>`advice-timing`: each actor once after a warm-up, wall and CPU seconds, moves judged.</summary>
    public static int Time(TextWriter output)
    {
        var b = new AdviceBenchmarks();
        b.Setup();
        foreach (var actor in new[] { "kim", "trump" })
        {
            b.Actor = actor;
            AdviceSearch.Run(new AdviceRequest(b._korea, actor) { Draws = 20 });
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var advice = AdviceSearch.Run(new AdviceRequest(b._korea, actor) { Draws = 1000 });
            sw.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            var moves = advice.Issues.Sum(i => i.Evaluated + 1 + i.Persuade.Count);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"advise {actor}, {advice.Issues.Count} issues × 1,000 draws: {sw.Elapsed.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU, {moves} stances judged ({moves * 1000:N0} model runs)"));
        }

        return 0;
    }
}
