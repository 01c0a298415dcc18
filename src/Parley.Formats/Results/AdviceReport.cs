using System.Text.Json.Serialization;
using Parley.Core.Advice;
using Parley.Core.Scenarios;

namespace Parley.Formats.Results;

/// <summary>The serialisable form of an <see cref="ActorAdvice"/> (docs/advice.md); saliences on the scenario file's scale.</summary>
/// <param name="ParleyVersion">The version of Parley that made the run.</param>
/// <param name="Scenario">The scenario's title.</param>
/// <param name="Actor">The actor advised.</param>
/// <param name="ActorName">Its name.</param>
/// <param name="Model">The model.</param>
/// <param name="Draws">The input draws every move was judged on.</param>
/// <param name="Seed">Their seed.</param>
/// <param name="SalienceScale">unit (0–1) or percent (0–100): the scale of every salience in the report.</param>
/// <param name="Issues">One entry per issue.</param>
/// <param name="InputsCertain">True when no input has a spread: every draw was the inputs as written.</param>
public sealed record AdviceReport(
    [property: JsonPropertyName("parley_version")] string ParleyVersion,
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("actor_name")] string ActorName,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("draws")] int Draws,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("salience_scale")] string SalienceScale,
    [property: JsonPropertyName("issues")] IReadOnlyList<IssueAdviceReport> Issues,
    [property: JsonPropertyName("inputs_certain")] bool InputsCertain)
{
    /// <summary>The report of <paramref name="advice"/> on the scenario titled <paramref name="scenario"/>.</summary>
    public static AdviceReport Create(ActorAdvice advice, string scenario)
    {
        ArgumentNullException.ThrowIfNull(advice);
        ArgumentNullException.ThrowIfNull(scenario);
        var scale = advice.SalienceScale;
        AdviceMoveReport? Move(AdviceMove? m) => m is null ? null : new AdviceMoveReport(m.Position, SalienceUnits.ToFile(m.Salience, scale), m.Forecast, m.Distance, m.Gain, m.GainShare, m.Robustness, m.Hurts, m.Refined);
        return new AdviceReport(
            Core.ParleyVersion.Current,
            scenario,
            advice.ActorId,
            advice.ActorName,
            advice.Model,
            advice.Draws,
            advice.Seed,
            scale == Core.Scenarios.SalienceScale.Percent ? "percent" : "unit",
            [.. advice.Issues.Select(i => new IssueAdviceReport(
                i.IssueId,
                i.IssueName,
                i.Ideal,
                SalienceUnits.ToFile(i.Salience, scale),
                i.BaseForecast,
                i.BaseDistance,
                Move(i.Best),
                [.. i.Alternatives.Select(a => Move(a)!)],
                [.. i.Persuade.Select(p => new PersuasionReport(p.ActorId, p.From, p.To, p.Forecast, p.Gain, p.Robustness))],
                i.Evaluated,
                i.Skipped))],
            advice.InputsCertain);
    }
}

/// <summary>The advice on one issue.</summary>
/// <param name="Issue">The issue id.</param>
/// <param name="IssueName">Its name.</param>
/// <param name="Ideal">The actor's position as written.</param>
/// <param name="Salience">Its salience as written.</param>
/// <param name="BaseForecast">The forecast with the stance as written (median over the draws).</param>
/// <param name="BaseDistance">Its distance from the ideal.</param>
/// <param name="Best">The best move; null when none does better than the stance as written.</param>
/// <param name="Alternatives">The next best moves.</param>
/// <param name="Persuade">Whom to persuade, most helpful first.</param>
/// <param name="Evaluated">Moves judged.</param>
/// <param name="Skipped">Moves the model could not run.</param>
public sealed record IssueAdviceReport(
    [property: JsonPropertyName("issue")] string Issue,
    [property: JsonPropertyName("issue_name")] string IssueName,
    [property: JsonPropertyName("ideal")] double Ideal,
    [property: JsonPropertyName("salience")] double Salience,
    [property: JsonPropertyName("base_forecast")] double BaseForecast,
    [property: JsonPropertyName("base_distance")] double BaseDistance,
    [property: JsonPropertyName("best")] AdviceMoveReport? Best,
    [property: JsonPropertyName("alternatives")] IReadOnlyList<AdviceMoveReport> Alternatives,
    [property: JsonPropertyName("persuade")] IReadOnlyList<PersuasionReport> Persuade,
    [property: JsonPropertyName("evaluated")] int Evaluated,
    [property: JsonPropertyName("skipped")] int Skipped);

/// <summary>A move of the advice (see <see cref="AdviceMove"/>).</summary>
/// <param name="Position">The position to announce.</param>
/// <param name="Salience">The salience to commit (file scale).</param>
/// <param name="Forecast">The forecast with the move.</param>
/// <param name="Distance">Its distance from the ideal.</param>
/// <param name="Gain">How much nearer the ideal, in scale points.</param>
/// <param name="GainShare">The gain as a share of the base distance.</param>
/// <param name="Robustness">The share of draws in which it helps.</param>
/// <param name="Hurts">The share of draws in which it hurts.</param>
/// <param name="Refined">True when found by the refinement.</param>
public sealed record AdviceMoveReport(
    [property: JsonPropertyName("position")] double Position,
    [property: JsonPropertyName("salience")] double Salience,
    [property: JsonPropertyName("forecast")] double Forecast,
    [property: JsonPropertyName("distance")] double Distance,
    [property: JsonPropertyName("gain")] double Gain,
    [property: JsonPropertyName("gain_share"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? GainShare,
    [property: JsonPropertyName("robustness"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Robustness,
    [property: JsonPropertyName("hurts"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Hurts,
    [property: JsonPropertyName("refined")] bool Refined);

/// <summary>Whom to persuade: another actor moved toward the ideal, and what it brings.</summary>
/// <param name="Actor">The actor.</param>
/// <param name="From">Its position as written.</param>
/// <param name="To">Moved toward the ideal.</param>
/// <param name="Forecast">The forecast then.</param>
/// <param name="Gain">How much nearer the ideal, in scale points.</param>
/// <param name="Robustness">The share of draws in which it helps.</param>
public sealed record PersuasionReport(
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("from")] double From,
    [property: JsonPropertyName("to")] double To,
    [property: JsonPropertyName("forecast")] double Forecast,
    [property: JsonPropertyName("gain")] double Gain,
    [property: JsonPropertyName("robustness"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Robustness);
