using BenchmarkDotNet.Attributes;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Scenarios;

namespace Parley.Benchmarks.ExpectedUtility;

/// <summary>
/// The expected-utility model on random issues of 10, 100 and 1,000 actors, ten rounds.
/// Target (issue 2): 1,000 actors × 10 rounds of scholz2011 under 1 s on the 2-core machine.
/// Run: dotnet run -c Release --project bench/Parley.Benchmarks -- --filter '*ExpectedUtility*'
/// </summary>
[MemoryDiagnoser]
public class ExpectedUtilityBenchmarks
{
    private IssueInput _input = null!;
    private readonly ModelOptions _options = new() { Rounds = 10, Offers = OfferRecording.None };

    [Params(10, 100, 1000)]
    public int Actors { get; set; }

    [Params(ExpectedUtilityVariant.Scholz2011, ExpectedUtilityVariant.Bdm)]
    public ExpectedUtilityVariant Variant { get; set; }

    [GlobalSetup]
    public void Setup() => _input = RandomIssues.Create(Actors);

    [Benchmark(Description = "10 rounds")]
    public double TenRounds() => new ExpectedUtilityModel(Variant).RunIssue(_input, _options).Forecast;
}
