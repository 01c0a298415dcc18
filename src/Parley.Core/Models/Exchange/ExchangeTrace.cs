namespace Parley.Core.Models.Exchange;

/// <summary>Everything one run of the exchange engine computed, on the internal 0–100 scale.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="Rounds">One entry per round, in order.</param>
/// <param name="FinalPositions">The positions after the last round, at [actor × issues + issue].</param>
/// <param name="FinalNbs">The NBS of every issue after the last round.</param>
public sealed record ExchangeTrace<T>(IReadOnlyList<ExchangeRoundTrace<T>> Rounds, T[] FinalPositions, T[] FinalNbs);

/// <summary>One round of the exchange engine (EXCHANGE-SPEC §3–§5, §7.3).</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="Round">1 for the first round.</param>
/// <param name="StartPositions">Positions at the start of the round, at [actor × issues + issue].</param>
/// <param name="StartNbs">The NBS of every issue at the start of the round.</param>
/// <param name="VotingPositions">Positions after the round's exchanges, before partial retention (§5.2).</param>
/// <param name="VotingNbs">The NBS of every issue at the voting positions.</param>
/// <param name="Exchanges">The realized exchanges, in realisation order.</param>
/// <param name="Externalities">Per actor, its five externality sums (§7.3).</param>
public sealed record ExchangeRoundTrace<T>(
    int Round,
    T[] StartPositions,
    T[] StartNbs,
    T[] VotingPositions,
    T[] VotingNbs,
    IReadOnlyList<ExchangeTraceEntry<T>> Exchanges,
    IReadOnlyList<ExternalitySums<T>> Externalities);

/// <summary>One realized exchange (EXCHANGE-SPEC §4, §8): actor I supplies issue Q and demands P, actor J the reverse.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="P">The first issue of the pair (issue index).</param>
/// <param name="Q">The second issue of the pair.</param>
/// <param name="Groups">Which pair of groups the two actors came from.</param>
/// <param name="Gain">The equal gain g of both actors.</param>
/// <param name="Dp">The first ratio register (the NBS shift on p, unless an NBS check rewrote it).</param>
/// <param name="Dq">The second ratio register.</param>
/// <param name="I">Role I: supplies Q, demands P.</param>
/// <param name="J">Role J: supplies P, demands Q.</param>
public sealed record ExchangeTraceEntry<T>(int P, int Q, ExchangeGroups Groups, T Gain, T Dp, T Dq, ExchangeTraceRole<T> I, ExchangeTraceRole<T> J);

/// <summary>One side of a realized exchange.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="Actor">The actor (index).</param>
/// <param name="Supply">The issue the actor moves on.</param>
/// <param name="Demand">The issue on which the partner moves toward it.</param>
/// <param name="Start">Its position on the supply issue at the start of the round.</param>
/// <param name="From">The position it moved from (later than the start when an earlier exchange of the round moved it).</param>
/// <param name="Move">The signed move.</param>
/// <param name="Voting">Its position after the move.</param>
/// <param name="NbsBefore">The supply issue's NBS before the move, as the exchange saw it.</param>
/// <param name="NbsAfter">The supply issue's NBS after the move (may be stale, EXCHANGE-SPEC §4.3).</param>
public sealed record ExchangeTraceRole<T>(int Actor, int Supply, int Demand, T Start, T From, T Move, T Voting, T NbsBefore, T NbsAfter);

/// <summary>An actor's externality sums in one round (EXCHANGE-SPEC §7.3).</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="InnerPositive">Positive effects of exchanges between actors of its own pair of groups.</param>
/// <param name="InnerNegative">Negative (or zero) effects of those.</param>
/// <param name="OuterPositive">Positive effects of the other exchanges.</param>
/// <param name="OuterNegative">Negative (or zero) effects of the other exchanges.</param>
/// <param name="Own">The gains of the exchanges it took part in.</param>
public sealed record ExternalitySums<T>(T InnerPositive, T InnerNegative, T OuterPositive, T OuterNegative, T Own);

/// <summary>The groups an exchange pairs (EXCHANGE-SPEC §3.2).</summary>
public enum ExchangeGroups
{
    /// <summary>Group a (right on both issues) with group d (left on both).</summary>
    Ad,

    /// <summary>Group b (left on p, right on q) with group c (right on p, left on q).</summary>
    Bc,
}
