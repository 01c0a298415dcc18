using Parley.Core.Scenarios;

namespace Parley.Core.Advice;

/// <summary>The advice for one actor: per issue, the move that brings the forecast closest to its ideal, the alternatives, and whom to persuade.</summary>
/// <param name="ActorId">The actor advised.</param>
/// <param name="ActorName">Its name.</param>
/// <param name="Model">The model whose forecast the moves change.</param>
/// <param name="Draws">The input draws every move was judged on (0: the point forecast alone).</param>
/// <param name="Seed">The seed of the draws.</param>
/// <param name="SalienceScale">The scale the scenario's file writes saliences on (the moves' saliences are on 0–1).</param>
/// <param name="Issues">One entry per issue advised, in scenario order.</param>
/// <param name="InputsCertain">True when no input has a spread and the model draws nothing: every draw is the inputs as written, so one run stood for all of them (robustness is then 0 or 1).</param>
public sealed record ActorAdvice(
    string ActorId,
    string ActorName,
    string Model,
    int Draws,
    ulong Seed,
    SalienceScale SalienceScale,
    IReadOnlyList<IssueAdvice> Issues,
    bool InputsCertain = false)
{
    /// <summary>The advice on <paramref name="issueId"/>, or null.</summary>
    public IssueAdvice? Issue(string issueId) => Issues.FirstOrDefault(i => i.IssueId == issueId);
}

/// <summary>The advice on one issue.</summary>
/// <param name="IssueId">The issue.</param>
/// <param name="IssueName">Its name.</param>
/// <param name="Ideal">The actor's position as written: its ideal.</param>
/// <param name="Salience">Its salience as written (0–1).</param>
/// <param name="BaseForecast">The forecast with the actor's stance as written (the median over the draws, or the point forecast without draws).</param>
/// <param name="BaseDistance">How far that forecast lies from the ideal.</param>
/// <param name="Best">The move that brings the forecast closest to the ideal; null when no move searched does better than the stance as written.</param>
/// <param name="Alternatives">The next best moves (the best that changes only the position, the best that changes only the salience, then the next best overall).</param>
/// <param name="Persuade">The other actors, most helpful first: the gain if each moved toward the ideal by the grid's persuasion share.</param>
/// <param name="Evaluated">How many moves were judged (grid and refinement).</param>
/// <param name="Skipped">Moves the model could not run (e.g. ktab-smp saliences summing above 1), left out.</param>
public sealed record IssueAdvice(
    string IssueId,
    string IssueName,
    double Ideal,
    double Salience,
    double BaseForecast,
    double BaseDistance,
    AdviceMove? Best,
    IReadOnlyList<AdviceMove> Alternatives,
    IReadOnlyList<Persuasion> Persuade,
    int Evaluated,
    int Skipped);

/// <summary>A move: the position the actor announces and the salience it commits on the issue, and what it does to the forecast.</summary>
/// <param name="Position">The announced position.</param>
/// <param name="Salience">The committed salience (0–1).</param>
/// <param name="Forecast">The forecast with the move (median over the draws, or the point forecast).</param>
/// <param name="Distance">How far that forecast lies from the ideal.</param>
/// <param name="Gain">The base distance minus this one, in scale points (&gt; 0: the move helps).</param>
/// <param name="GainShare">The gain as a share of the base distance; null when the base forecast is at the ideal.</param>
/// <param name="Robustness">The share of the draws in which the move brings that draw's forecast closer to the ideal; null without draws.</param>
/// <param name="Hurts">The share of the draws in which it takes the forecast further away; null without draws.</param>
/// <param name="Refined">True when the move came from the refinement around the grid's best, not from the grid.</param>
public sealed record AdviceMove(double Position, double Salience, double Forecast, double Distance, double Gain, double? GainShare, double? Robustness, double? Hurts, bool Refined = false);

/// <summary>What it would bring if another actor moved toward the advised actor's ideal.</summary>
/// <param name="ActorId">The other actor.</param>
/// <param name="From">Its position as written.</param>
/// <param name="To">Its position moved toward the ideal.</param>
/// <param name="Forecast">The forecast then (median over the draws, or the point forecast).</param>
/// <param name="Gain">The base distance minus the distance then, in scale points.</param>
/// <param name="Robustness">The share of draws in which it helps; null without draws.</param>
public sealed record Persuasion(string ActorId, double From, double To, double Forecast, double Gain, double? Robustness);
