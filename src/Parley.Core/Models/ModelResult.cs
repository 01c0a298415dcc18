using Parley.Core.Diagnostics;

namespace Parley.Core.Models;

/// <summary>The result of one model on one scenario: a forecast and a path per issue, or the failure that stopped the run.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Issues">One result per issue, in scenario order; empty when the run failed.</param>
/// <param name="Seed">The seed the run drew from, when it drew anything.</param>
/// <param name="Failure">Why the model aborted a run that its check let through (KTAB aborts on some states no check can foresee); null for a run that finished.</param>
public sealed record ModelResult(string Model, IReadOnlyList<IssueResult> Issues, ulong? Seed = null, Diagnostic? Failure = null)
{
    /// <summary>True when the run finished and <see cref="Issues"/> holds every issue.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>The result of a run of <paramref name="model"/> that aborted with <paramref name="failure"/>.</summary>
    public static ModelResult Failed(string model, Diagnostic failure) => new(model, [], null, Preconditions.NotNull(failure, nameof(failure)));
}

/// <summary>Why a model's run on an issue ended where it did.</summary>
public enum StopReason
{
    /// <summary>A static model: one step, no rounds.</summary>
    Static,

    /// <summary>The model ran the fixed number of rounds it always runs (e.g. <c>scholz2011</c>'s 10).</summary>
    FixedRounds,

    /// <summary>The model's stopping rule said the positions had settled.</summary>
    Converged,

    /// <summary>The model stopped at its round limit before its stopping rule was met.</summary>
    RoundLimit,

    /// <summary>Every actor started at the same position; nothing moves.</summary>
    Unanimous,
}

/// <summary>A model's forecast on one issue, with the path that leads there.</summary>
/// <param name="IssueId">The issue.</param>
/// <param name="Forecast">The forecast outcome on the issue's scale.</param>
/// <param name="ActorIds">The participating actors, in input order; every per-actor list below follows this order.</param>
/// <param name="Rounds">Round 0 is the input; round k the state after k rounds. Static models have one round. A run that keeps no path (see <see cref="ModelOptions.KeepPath"/>) holds round 0 and the last round only.</param>
/// <param name="Note">Anything the user should know about this run (e.g. why it stopped).</param>
/// <param name="Stop">Why the run ended.</param>
/// <param name="RoundsRun">How many rounds the model ran (0 for static models), whether or not the path was kept.</param>
/// <param name="Shocks">The timed edits that struck, with the round after which each did (see <see cref="ModelOptions.Shocks"/>); null or empty when none.</param>
/// <param name="Breakdown">The breakdown step's verdict (models named <c>MODEL+veto</c>); null for models without one.</param>
public sealed record IssueResult(
    string IssueId,
    double Forecast,
    IReadOnlyList<string> ActorIds,
    IReadOnlyList<RoundState> Rounds,
    string? Note = null,
    StopReason Stop = StopReason.Static,
    int RoundsRun = 0,
    IReadOnlyList<StruckShock>? Shocks = null,
    Breakdown.BreakdownVerdict? Breakdown = null)
{
    /// <summary>The edits that struck after round <paramref name="round"/>; empty when none.</summary>
    public IEnumerable<string> ShocksAfter(int round) => (Shocks ?? []).Where(s => s.Round == round).Select(s => s.Edit);
}

/// <summary>The state of one issue after a round: what every model reports, plus a model-specific <see cref="Detail"/>.</summary>
/// <param name="Round">0 for the input.</param>
/// <param name="Positions">Each actor's position after the round.</param>
/// <param name="Mean">The capability × salience weighted mean of the positions.</param>
/// <param name="MedianVoter">The weighted median-voter position (see <see cref="Baselines.MedianVoterModel"/>).</param>
/// <param name="Detail">What this model computed in the round (risk exponents and offers, win probabilities, exchanges); null for round 0 and static models.</param>
public sealed record RoundState(
    int Round,
    IReadOnlyList<double> Positions,
    double Mean,
    double MedianVoter,
    RoundDetail? Detail = null);

/// <summary>What one kind of model computes in a round, beyond the positions every model reports.</summary>
public abstract record RoundDetail;

/// <summary>A round of the expected-utility model: the risk exponents used and the offers made.</summary>
/// <param name="RiskExponents">Each actor's risk exponent rᵢ in the round, in input order.</param>
/// <param name="Offers">The offers made in the round (all, only those taken, or none: see <see cref="ModelOptions.Offers"/>).</param>
/// <param name="Absent">The actors a timed drop has taken out of the bargaining by the end of the round (their positions stay where they were, their risk exponents read 1, and they count in no mean); null when none.</param>
public sealed record ExpectedUtilityRound(IReadOnlyList<double> RiskExponents, IReadOnlyList<Offer>? Offers, IReadOnlyList<string>? Absent = null) : RoundDetail;

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
