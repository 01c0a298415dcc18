using BenchmarkDotNet.Attributes;
using Parley.Core.Backtest;
using Parley.Core.Models;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Formats;
using Parley.Formats.Calibration;
using Parley.Formats.Deu;

namespace Parley.Benchmarks.Run;

/// <summary>
/// The run layer on the bundled Korea case and the DEU III backtest (issue 7 §8). Targets on the
/// 2-core machine: 10,000 input draws of korea-2018 with every default model under 2 s; the DEU III
/// dev backtest with 1,000 draws per issue for every one-issue model under 60 s.
/// The scenario's own spreads are used when it states them; otherwise a default uncertainty
/// (positions ± 5% of the scale, saliences ± 0.1, capabilities ± 20%) makes every draw a real rerun.
/// Run: dotnet run -c Release --project bench/Parley.Benchmarks -- --filter '*RunLayer*'
/// </summary>
[MemoryDiagnoser]
public class RunLayerBenchmarks
{
    /// <summary>The uncertainty applied where a scenario states none, so that the draws are real work.</summary>
    public static readonly ScenarioUncertainty DefaultUncertainty = new(0.05, 0.1, 0.2);

    private Scenario _korea = null!;

    /// <summary>The Korea scenario as benchmarked (with the default uncertainty where it states none).</summary>
    public Scenario Korea => _korea;
    private IReadOnlyList<BacktestCase> _deu = null!;

    /// <summary>The DEU III development cases as benchmarked.</summary>
    public IReadOnlyList<BacktestCase> Deu => _deu;

    [GlobalSetup]
    public void Setup()
    {
        var root = RepositoryRoot();
        _korea = ScenarioFiles.Read(Path.Combine(root, "scenarios", "korea-2018.yaml")).Value!;
        if (new Parley.Core.Uncertainty.InputSampler(_korea).IsCertain)
        {
            _korea = _korea.WithUncertainty(DefaultUncertainty);
        }

        _deu = DeuReader.ReadFile(Path.Combine(root, "data", "deu3", "deu3-dev.tsv")).Value!.ToBacktestCases();
    }

    /// <summary>10,000 draws of korea-2018, every default model, drivers and flags included (what `parley forecast korea-2018 --draws 10000` runs).</summary>
    [Benchmark(Description = "korea-2018, 10,000 draws, default models")]
    public int Korea10000() =>
        ForecastRunner.Run(new ForecastRequest(_korea) { Draws = 10_000, Calibration = ShippedCalibration.Instance }).Models.Count;

    /// <summary>The DEU III dev backtest with 1,000 draws per issue for every one-issue model.</summary>
    [Benchmark(Description = "DEU III dev backtest, 1,000 draws per issue")]
    public int Deu1000() =>
        BacktestEngine.Run(_deu, [.. ModelCatalog.All.OfType<IssueModel>()], new BacktestOptions { Draws = 1000, Uncertainty = DefaultUncertainty }).Models.Count;

    /// <summary>The DEU III dev backtest with 10 draws per issue: a warm-up for <see cref="Deu1000"/>.</summary>
    public int Deu10() =>
        BacktestEngine.Run(_deu, [.. ModelCatalog.All.OfType<IssueModel>()], new BacktestOptions { Draws = 10, Uncertainty = DefaultUncertainty }).Models.Count;

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Parley.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Parley.sln not found above " + AppContext.BaseDirectory);
    }
}
