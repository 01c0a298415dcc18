namespace Parley.Core.Backtest;

/// <summary>The scores of every model on every case, with bootstrap intervals and the per-issue forecasts.</summary>
/// <param name="Seed">The bootstrap seed; the same seed gives the same result on any number of threads.</param>
/// <param name="Replicates">Number of bootstrap replicates.</param>
/// <param name="Confidence">Coverage of the intervals, e.g. 0.95.</param>
/// <param name="HitThreshold">The absolute error counted as a hit (10 points by default).</param>
/// <param name="ReferenceModel">The model every other is compared with.</param>
/// <param name="CaseCount">Number of issues scored.</param>
/// <param name="ProposalCount">Number of distinct proposals (bootstrap clusters).</param>
/// <param name="Models">One score per model, in the order the models were given (the reference first if it had to be added).</param>
/// <param name="Cases">Per issue: proposal, issue, outcome and each model's forecast (in the order of <paramref name="Models"/>).</param>
/// <param name="Draws">Input draws per case behind <paramref name="Intervals"/> (0: none).</param>
/// <param name="Intervals">Per model (same order), the cross-validated coverage and width of its forecast intervals; null without draws.</param>
public sealed record BacktestResult(
    ulong Seed,
    int Replicates,
    double Confidence,
    double HitThreshold,
    string ReferenceModel,
    int CaseCount,
    int ProposalCount,
    IReadOnlyList<ModelScore> Models,
    IReadOnlyList<CaseForecast> Cases,
    int Draws = 0,
    IReadOnlyList<IntervalScore>? Intervals = null)
{
    /// <summary>Models that aborted a run partway on some case (a model whose check passed); when any did, nothing was scored and <see cref="Models"/> is empty.</summary>
    public IReadOnlyList<ModelProblem> Failures { get; init; } = [];
}

/// <summary>How well one model forecast the outcomes.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="MeanAbsoluteError">Mean of |forecast − outcome| over all issues.</param>
/// <param name="MedianAbsoluteError">Median of |forecast − outcome|.</param>
/// <param name="ShareWithin">Share of issues with |forecast − outcome| at or below the hit threshold.</param>
/// <param name="MaeLow">Lower end of the percentile bootstrap interval of the mean absolute error (proposals resampled).</param>
/// <param name="MaeHigh">Upper end of that interval.</param>
/// <param name="DifferenceToReference">This model's mean absolute error minus the reference model's (negative = better).</param>
/// <param name="DifferenceLow">Lower end of the paired bootstrap interval of the difference (same resampled proposals for both).</param>
/// <param name="DifferenceHigh">Upper end of that interval.</param>
public sealed record ModelScore(
    string Model,
    double MeanAbsoluteError,
    double MedianAbsoluteError,
    double ShareWithin,
    double MaeLow,
    double MaeHigh,
    double DifferenceToReference,
    double DifferenceLow,
    double DifferenceHigh);

/// <summary>Every model's forecast on one issue.</summary>
/// <param name="ProposalId">The proposal (cluster).</param>
/// <param name="IssueId">The issue.</param>
/// <param name="Outcome">The outcome that was decided.</param>
/// <param name="Forecasts">One forecast per model, in the order of <see cref="BacktestResult.Models"/>.</param>
public sealed record CaseForecast(string ProposalId, string IssueId, double Outcome, IReadOnlyList<double> Forecasts);
