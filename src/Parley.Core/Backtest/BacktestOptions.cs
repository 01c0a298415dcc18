using Parley.Core.Models;

namespace Parley.Core.Backtest;

/// <summary>How a backtest is run.</summary>
public sealed record BacktestOptions
{
    /// <summary>The default seed (printed with every result).</summary>
    public const ulong DefaultSeed = 20181128;

    /// <summary>The default number of bootstrap replicates.</summary>
    public const int DefaultReplicates = 2000;

    /// <summary>The default options.</summary>
    public static BacktestOptions Default { get; } = new();

    /// <summary>Seed of the bootstrap; replicate b draws from stream b of this seed.</summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>Number of bootstrap replicates (at least 100).</summary>
    public int Replicates { get; init; } = DefaultReplicates;

    /// <summary>Coverage of the percentile intervals, e.g. 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>An absolute error at or below this counts as a hit in <see cref="ModelScore.ShareWithin"/>.</summary>
    public double HitThreshold { get; init; } = 10;

    /// <summary>Name of the model every other is compared with.</summary>
    public string ReferenceModel { get; init; } = "compromise";

    /// <summary>Most threads to use; null uses every core. The result does not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Input draws per case for the interval scores (0: no interval scores). A case without stated spreads needs no reruns.</summary>
    public int Draws { get; init; }

    /// <summary>Folds (grouped by proposal) of the cross-validation that scores the intervals; fewer when there are fewer proposals (none below two).</summary>
    public int Folds { get; init; } = 10;

    /// <summary>An input uncertainty applied to every case that states none (e.g. DEU, whose files give none); null to keep each case's own.</summary>
    public Scenarios.ScenarioUncertainty? Uncertainty { get; init; }

    /// <summary>How each case's errors are scaled for the intervals (the shipped calibration uses the default).</summary>
    public Analysis.ResidualScaleKind ErrorScale { get; init; } = Analysis.ResidualScaleKind.PositionSpread;

    /// <summary>Options passed to every model run.</summary>
    public ModelOptions ModelOptions { get; init; } = ModelOptions.Default;
}

/// <summary>A progress report from a running backtest.</summary>
/// <param name="Stage">What is running: <see cref="BacktestStage.Forecasting"/> or <see cref="BacktestStage.Bootstrapping"/>.</param>
/// <param name="Done">Units finished in this stage (cases, or replicates).</param>
/// <param name="Total">Units in this stage.</param>
public sealed record BacktestProgress(BacktestStage Stage, int Done, int Total);

/// <summary>The stages of a backtest.</summary>
public enum BacktestStage
{
    /// <summary>Every model is run on every case.</summary>
    Forecasting,

    /// <summary>Proposals are resampled for the intervals.</summary>
    Bootstrapping,

    /// <summary>Every model runs on every input draw of every case.</summary>
    Drawing,
}
