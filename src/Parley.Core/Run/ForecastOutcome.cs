using Parley.Core.Analysis;
using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Scenarios;

namespace Parley.Core.Run;

/// <summary>The outcome of a forecast run: per model its forecasts or its failure, and the flags.</summary>
/// <param name="Scenario">The scenario that was run.</param>
/// <param name="Seed">The seed every random number came from.</param>
/// <param name="Draws">The number of input draws (0: point forecasts only).</param>
/// <param name="Models">One entry per requested model, in request order.</param>
/// <param name="Flags">Every flag of every issue and model (also on each <see cref="IssueForecast"/>).</param>
/// <param name="CalibrationSource">Where the forecast intervals' residuals come from, or null when no model got one.</param>
public sealed record ForecastOutcome(
    Scenario Scenario,
    ulong Seed,
    int Draws,
    IReadOnlyList<ModelForecast> Models,
    IReadOnlyList<ForecastFlag> Flags,
    string? CalibrationSource)
{
    /// <summary>The models that ran.</summary>
    public IEnumerable<ModelForecast> Succeeded => Models.Where(m => m.Succeeded);

    /// <summary>The models that could not run the scenario.</summary>
    public IEnumerable<ModelForecast> Failed => Models.Where(m => !m.Succeeded);

    /// <summary>True when any model drew random numbers of its own (so the seed matters even without draws).</summary>
    public bool ModelsDrewRandomNumbers => Models.Any(m => m.Result?.Seed is not null);
}

/// <summary>One model's part of a run: its result and per-issue analysis, or why it could not run.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Result">The point run on the inputs as written, with its path; null when the model could not run.</param>
/// <param name="Problems">Why the model could not run (errors), or warnings about its run; empty when none.</param>
/// <param name="Issues">Per issue, in scenario order: the forecast and its analysis; empty when the model could not run.</param>
public sealed record ModelForecast(string Model, ModelResult? Result, IReadOnlyList<Diagnostic> Problems, IReadOnlyList<IssueForecast> Issues)
{
    /// <summary>True when the model ran.</summary>
    public bool Succeeded => Result is not null;

    /// <summary>The forecast of issue <paramref name="issueId"/>, or null.</summary>
    public IssueForecast? Issue(string issueId) => Issues.FirstOrDefault(i => i.IssueId == issueId);
}

/// <summary>A model's forecast on one issue, with how sure it is, who drives it, and what to watch.</summary>
/// <param name="IssueId">The issue.</param>
/// <param name="Forecast">The point forecast: the model run on the inputs as written.</param>
/// <param name="Sensitivity">How the forecast spreads over the input draws (input sensitivity); null without draws.</param>
/// <param name="Interval">The calibrated forecast interval (how far outcomes have fallen from this model's forecasts, widened by the input draws); null without draws or without a calibration for the model.</param>
/// <param name="Bands">The probability of each stretch between adjacent anchors of the scale, from the forecast interval's distribution (or the draws when there is none); empty without draws or anchors.</param>
/// <param name="Drivers">The inputs that move the forecast most, largest swing first; empty when not asked for.</param>
/// <param name="Shares">Each actor's share of the outcome, for weighted-mean models; null for others.</param>
/// <param name="Reading">The forecast in the words of the scale, with its 80% interval.</param>
/// <param name="Flags">The flags on this model's forecast of the issue (disagreement between models is on every model's entry).</param>
public sealed record IssueForecast(
    string IssueId,
    double Forecast,
    DrawSummary? Sensitivity,
    IReadOnlyList<Interval>? Interval,
    IReadOnlyList<BandProbability> Bands,
    IReadOnlyList<Driver> Drivers,
    IReadOnlyList<ActorShare>? Shares,
    string Reading,
    IReadOnlyList<ForecastFlag> Flags)
{
    /// <summary>For a model with a breakdown step (<c>MODEL+veto</c>): how likely the deal breaks down, and who blocks it; null for other models.</summary>
    public BreakdownForecast? Breakdown { get; init; }

    /// <summary>The calibrated forecast interval at <paramref name="percent"/>%, or null.</summary>
    public Interval? IntervalAt(int percent) => Interval?.FirstOrDefault(i => i.Percent == percent);
}
