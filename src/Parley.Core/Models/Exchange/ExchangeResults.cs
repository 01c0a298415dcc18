namespace Parley.Core.Models.Exchange;

/// <summary>
/// What the exchange model reports about one round on one issue: the issue's NBS before and after
/// the round's exchanges, the voting positions, and the trades that touched the issue.
/// </summary>
/// <param name="StartNbs">The issue's NBS at the start of the round.</param>
/// <param name="VotingNbs">The issue's NBS at the voting positions, after the exchanges and before partial retention.</param>
/// <param name="VotingPositions">Each actor's voting position, in the order of <see cref="IssueResult.ActorIds"/>.</param>
/// <param name="Trades">The realized exchanges that moved an actor on this issue, in realisation order.</param>
/// <param name="Round">The whole round: every exchange on every issue, and the externalities.</param>
public sealed record ExchangeRoundDetail(
    double StartNbs,
    double VotingNbs,
    IReadOnlyList<double> VotingPositions,
    IReadOnlyList<IssueTrade> Trades,
    ExchangeRound Round) : RoundDetail;

/// <summary>One round of the exchange model over all issues.</summary>
/// <param name="Number">1 for the first round.</param>
/// <param name="Exchanges">The realized exchanges, in realisation order.</param>
/// <param name="Externalities">Per actor, in scenario order, the effects of the round's exchanges on it.</param>
public sealed record ExchangeRound(int Number, IReadOnlyList<RealizedExchange> Exchanges, IReadOnlyList<ActorExternalities> Externalities);

/// <summary>
/// One realized exchange: actor <see cref="I"/> moves on issue <see cref="Q"/> toward actor
/// <see cref="J"/>, which moves on issue <see cref="P"/> toward it, both gaining <see cref="Gain"/>.
/// </summary>
/// <param name="Sequence">1 for the first exchange realized in the round.</param>
/// <param name="P">The first issue of the pair (scenario order).</param>
/// <param name="Q">The second issue.</param>
/// <param name="Groups">Which groups of actors were paired.</param>
/// <param name="Gain">The equal gain of both actors.</param>
/// <param name="Dp">The reference's first ratio register (the NBS shift the move on p causes, on the internal 0–100 scale, unless an NBS check rewrote it).</param>
/// <param name="Dq">The reference's second ratio register.</param>
/// <param name="I">The actor that supplies q and demands p.</param>
/// <param name="J">The actor that supplies p and demands q.</param>
public sealed record RealizedExchange(int Sequence, string P, string Q, ExchangeGroups Groups, double Gain, double Dp, double Dq, ExchangeSide I, ExchangeSide J);

/// <summary>One actor's side of a realized exchange; positions on the supply issue's scale.</summary>
/// <param name="ActorId">The actor.</param>
/// <param name="SupplyIssueId">The issue it moves on.</param>
/// <param name="DemandIssueId">The issue on which its partner moves.</param>
/// <param name="Start">Its position at the start of the round.</param>
/// <param name="From">The position it moved from (an earlier exchange of the round may have moved it already).</param>
/// <param name="Move">The signed move.</param>
/// <param name="Voting">Where it moved to.</param>
/// <param name="NbsBefore">The supply issue's NBS before the move, as the exchange saw it.</param>
/// <param name="NbsAfter">The supply issue's NBS after it (as the reference reports it; it can be stale, EXCHANGE-SPEC §4.3).</param>
public sealed record ExchangeSide(string ActorId, string SupplyIssueId, string DemandIssueId, double Start, double From, double Move, double Voting, double NbsBefore, double NbsAfter);

/// <summary>An actor's externalities in one round (EXCHANGE-SPEC §7.3): how the exchanges of others moved the NBS toward or away from it.</summary>
/// <param name="ActorId">The actor.</param>
/// <param name="InnerPositive">Gains from exchanges between the actor's own pair of groups.</param>
/// <param name="InnerNegative">Losses (or zero effects) from those.</param>
/// <param name="OuterPositive">Gains from the other exchanges.</param>
/// <param name="OuterNegative">Losses (or zero effects) from the other exchanges.</param>
/// <param name="Own">The gains of the exchanges it took part in.</param>
public sealed record ActorExternalities(string ActorId, double InnerPositive, double InnerNegative, double OuterPositive, double OuterNegative, double Own);

/// <summary>
/// Issue linkage: what one realized exchange did to one issue. The supplier moved on this issue in
/// return for its partner's move on the linked issue; the move shifts this issue's NBS by
/// <see cref="NbsShift"/> at the vote, of which <see cref="RetainedNbsShift"/> stays into the next round.
/// </summary>
/// <param name="Sequence">The exchange's place in the round (as in <see cref="RealizedExchange.Sequence"/>).</param>
/// <param name="LinkedIssueId">The other issue of the trade.</param>
/// <param name="SupplierId">The actor that moved on this issue.</param>
/// <param name="PartnerId">The actor that moved on the linked issue in return.</param>
/// <param name="Move">The supplier's signed move on this issue.</param>
/// <param name="NbsBefore">This issue's NBS before the move, as the exchange saw it.</param>
/// <param name="NbsAfter">This issue's NBS after it, as the reference reports it.</param>
/// <param name="NbsShift">The shift of this issue's NBS the move causes: move × salience × capability / Σ salience × capability.</param>
/// <param name="RetainedNbsShift">The part of <see cref="NbsShift"/> the supplier keeps into the next round: × (0.1 + 0.4 (1 − salience)).</param>
/// <param name="Exchange">The whole exchange.</param>
public sealed record IssueTrade(
    int Sequence,
    string LinkedIssueId,
    string SupplierId,
    string PartnerId,
    double Move,
    double NbsBefore,
    double NbsAfter,
    double NbsShift,
    double RetainedNbsShift,
    RealizedExchange Exchange);
