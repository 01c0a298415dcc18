using BenchmarkDotNet.Attributes;
using Parley.Core.Models;
using Parley.Core.Models.Exchange;
using Parley.Core.Scenarios;

namespace Parley.Benchmarks.Exchange;

/// <summary>
/// The exchange model (10 rounds, doubles) on seeded random scenarios: 28 actors × 4 issues (the
/// size of a DEU III proposal) and 100 actors × 10 issues; the 28-digit decimal path on the small
/// size for comparison. Run with
/// <c>dotnet run -c Release --project bench/Parley.Benchmarks -- --filter *Exchange* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ExchangeBenchmarks
{
    private readonly ExchangeModel _model = new();
    private readonly ExchangeModel _decimal = new(new ExchangeOptions { Numbers = ExchangeNumbers.Decimal28 });
    private Scenario _scenario = null!;

    [Params("28x4", "100x10")]
    public string Size { get; set; } = "28x4";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        _scenario = RandomExchangeScenario.Create(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Benchmark(Description = "10 rounds, doubles")]
    public double Doubles() => _model.Run(_scenario, ModelOptions.Default).Issues[0].Forecast;

    [Benchmark(Description = "10 rounds, 28-digit decimals")]
    public double Decimals() => Size == "28x4" ? _decimal.Run(_scenario, ModelOptions.Default).Issues[0].Forecast : double.NaN;
}
