using BenchmarkDotNet.Attributes;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using Parley.Formats;
using Parley.Formats.Calibration;

namespace Parley.Benchmarks.Run;

/// <summary>
/// A what-if rerun of korea-2018 as the web server makes one for a dashboard slider (issue 11: under
/// 300 ms): 1,000 draws, every default model, drivers off, the shipped calibration, the server's
/// <see cref="DrawCache"/> warm from the base run. Every call moves the slider to a value not asked
/// before, so the edited issue is always run anew: a stance edit (one issue's draws change) and a
/// capability edit (every issue's draws change, nothing to reuse).
/// Run: dotnet run -c Release --project bench/Parley.Benchmarks -- --filter '*WhatIfRerun*'
/// </summary>
[MemoryDiagnoser]
public class WhatIfRerunBenchmarks
{
    private Scenario _korea = null!;
    private DrawCache _cache = null!;
    private int _calls;

    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Parley.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Parley.sln not found above " + AppContext.BaseDirectory);
        }

        _korea = ScenarioFiles.Read(Path.Combine(root, "scenarios", "korea-2018.yaml")).Value!;
        _cache = new DrawCache();
        ForecastRunner.Run(Request(_korea));
    }

    /// <summary>china.sanctions.salience moved: four of the five issues come from the cache.</summary>
    [Benchmark(Description = "what-if rerun, a stance (1,000 draws)")]
    public int Stance() => Rerun(FormattableString.Invariant($"china.sanctions.salience={0.1 + ((++_calls % 8000) * 0.0001):R}"));

    /// <summary>china.capability moved: every issue is run anew.</summary>
    [Benchmark(Description = "what-if rerun, a capability (1,000 draws)")]
    public int Capability() => Rerun(FormattableString.Invariant($"china.capability={10 + ((++_calls % 8000) * 0.001):R}"));

    private int Rerun(string edit)
    {
        var parsed = ScenarioEditParser.Parse(edit, _korea).Value!;
        return ForecastRunner.Run(Request(ScenarioEditor.Apply(_korea, [parsed]).Value!)).Models.Count;
    }

    private ForecastRequest Request(Scenario scenario) => new(scenario)
    {
        Draws = 1000,
        Drivers = false,
        Calibration = ShippedCalibration.Instance,
        Cache = _cache,
    };
}
