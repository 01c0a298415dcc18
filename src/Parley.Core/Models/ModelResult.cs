namespace Parley.Core.Models;

/// <summary>The result of one model on one scenario: a forecast and a path per issue.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Issues">One result per issue, in scenario order.</param>
/// <param name="Seed">The seed the run drew from, when it drew anything.</param>
public sealed record ModelResult(string Model, IReadOnlyList<IssueResult> Issues, ulong? Seed = null);

/// <summary>A model's forecast on one issue, with the path that leads there.</summary>
/// <param name="IssueId">The issue.</param>
/// <param name="Forecast">The forecast outcome on the issue's scale.</param>
/// <param name="ActorIds">The participating actors, in input order; every per-actor list below follows this order.</param>
/// <param name="Rounds">Round 0 is the input; round k the state after k rounds. Static models have one round.</param>
/// <param name="Note">Anything the user should know about this run (e.g. why it stopped).</param>
public sealed record IssueResult(
    string IssueId,
    double Forecast,
    IReadOnlyList<string> ActorIds,
    IReadOnlyList<RoundState> Rounds,
    string? Note = null);

/// <summary>The state of one issue after a round.</summary>
/// <param name="Round">0 for the input.</param>
/// <param name="Positions">Each actor's position after the round.</param>
/// <param name="Mean">The capability × salience weighted mean of the positions.</param>
/// <param name="MedianVoter">The weighted median-voter position (see <see cref="Baselines.MedianVoterModel"/>).</param>
/// <param name="RiskExponents">Risk exponents used in the round, for models that have them (null in round 0).</param>
/// <param name="Offers">The offers made in the round, for models that make them.</param>
/// <param name="WinProbabilities">Each actor's probability of winning, for models that compute one.</param>
/// <param name="Detail">What else the model reports about the round (e.g. <see cref="Exchange.ExchangeRoundDetail"/>); null when nothing.</param>
public sealed record RoundState(
    int Round,
    IReadOnlyList<double> Positions,
    double Mean,
    double MedianVoter,
    IReadOnlyList<double>? RiskExponents = null,
    IReadOnlyList<Offer>? Offers = null,
    IReadOnlyList<double>? WinProbabilities = null,
    RoundDetail? Detail = null);

/// <summary>The model-specific part of a round's state; each model that has one derives its own record.</summary>
public abstract record RoundDetail;

/// <summary>The kind of an offer in the expected-utility model.</summary>
public enum OfferKind
{
    /// <summary>Both expect to gain; the receiver would give in to the proposer's position.</summary>
    Confrontation,

    /// <summary>The receiver moves part of the way, in proportion to the two utilities.</summary>
    Compromise,

    /// <summary>The receiver expects to lose more than the proposer gains and gives in.</summary>
    Capitulation,
}

/// <summary>An offer made in one round of the expected-utility model.</summary>
/// <param name="Kind">Confrontation, compromise or capitulation.</param>
/// <param name="From">The actor making the offer (j).</param>
/// <param name="To">The actor receiving it (i).</param>
/// <param name="ReceiverUtility">a = EU_i(i→j), seen by the receiver.</param>
/// <param name="ProposerUtility">b = EU_i(j→i), seen by the receiver.</param>
/// <param name="NewPosition">Where the receiver would move.</param>
/// <param name="Accepted">True for the offer the receiver took.</param>
public sealed record Offer(OfferKind Kind, string From, string To, double ReceiverUtility, double ProposerUtility, double NewPosition, bool Accepted);
