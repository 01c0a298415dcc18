using BenchmarkDotNet.Attributes;
using Parley.Core.Models;
using Parley.Core.Models.Ktab;
using Parley.Formats.Ktab;

namespace Parley.Benchmarks.Ktab;

/// <summary>
/// ktab-smp on seeded random KTAB-format scenarios of 10 to 200 actors × 3 dimensions: a full run
/// (to KTAB's stopping rule) and a single turn. Run briefly with
/// <c>dotnet run -c Release --project bench/Parley.Benchmarks -- --filter *KtabSmp* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class KtabSmpBenchmarks
{
    private readonly KtabSmpModel _model = new();
    private Parley.Core.Scenarios.Scenario _scenario = null!;
    private ModelOptions _oneTurn = null!;

    [Params(10, 25, 50, 100, 200)]
    public int Actors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scenario = KtabCsvReader.Parse(KtabRandomScenario.Csv(Actors, 3, 42), "bench.csv").Value!.Scenario;
        _oneTurn = new ModelOptions { Rounds = 1 };
    }

    [Benchmark(Description = "full run")]
    public int FullRun() => _model.Run(_scenario, ModelOptions.Default).Issues[0].Rounds.Count;

    [Benchmark(Description = "one turn")]
    public int OneTurn() => _model.Run(_scenario, _oneTurn).Issues[0].Rounds.Count;
}
