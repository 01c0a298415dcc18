using System.Globalization;
using BenchmarkDotNet.Attributes;
using Parley.Core.Models;
using Parley.Core.Models.Exchange;
using Parley.Core.Scenarios;

namespace Parley.Benchmarks.Exchange;

/// <summary>
/// The exchange model (10 rounds, doubles) on seeded random scenarios with every actor on every
/// issue: 28 actors × 4 issues (the size of a DEU III proposal) and 100 actors × 10 issues. Run with
/// <c>dotnet run -c Release --project bench/Parley.Benchmarks -- --filter *Exchange* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ExchangeBenchmarks
{
    private readonly ExchangeModel _model = new();
    private Scenario _scenario = null!;

    [Params("28x4", "100x10")]
    public string Size { get; set; } = "28x4";

    [GlobalSetup]
    public void Setup() => _scenario = RandomExchangeScenario.Create(Size);

    [Benchmark(Description = "exchange, 10 rounds, doubles")]
    public double Doubles() => _model.Run(_scenario, ModelOptions.Default).Issues[0].Forecast;
}

/// <summary>The same model in the reference's 28-digit decimal arithmetic, on the DEU-sized scenario only.</summary>
[MemoryDiagnoser]
public class ExchangeDecimalBenchmarks
{
    private readonly ExchangeModel _model = new();
    private readonly ModelOptions _decimals = new() { Exchange = new ExchangeOptions { Numbers = ExchangeNumbers.Decimal28 } };
    private readonly Scenario _scenario = RandomExchangeScenario.Create("28x4");

    [Benchmark(Description = "exchange, 10 rounds, 28-digit decimals, 28x4")]
    public double Decimals() => _model.Run(_scenario, _decimals).Issues[0].Forecast;
}

/// <summary>Helpers to name a size as "actors x issues".</summary>
internal static partial class RandomExchangeScenario
{
    public static Scenario Create(string size)
    {
        var parts = size.Split('x');
        return Create(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
