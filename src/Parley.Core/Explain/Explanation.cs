using Parley.Core.Models;

namespace Parley.Core.Explain;

/// <summary>Why every actor moved where it did in one model's run on one issue, round by round; who challenged whom; the coalitions at the end.</summary>
/// <param name="Scenario">The scenario's title.</param>
/// <param name="IssueId">The issue explained.</param>
/// <param name="IssueName">Its name.</param>
/// <param name="Model">The model that ran.</param>
/// <param name="Forecast">The model's forecast of the issue.</param>
/// <param name="Stop">Why the run ended.</param>
/// <param name="RoundsRun">How many rounds it ran.</param>
/// <param name="Note">The model's note on the run, if any.</param>
/// <param name="ActorNames">Actor id → name, for the actors on the issue.</param>
/// <param name="Rounds">Round 1 onwards: every actor's move in the round and its cause.</param>
/// <param name="Challenges">Who challenged whom over the run: per proposer, receiver and kind, how often, and how often the receiver took it.</param>
/// <param name="Coalitions">The groups of actors within <see cref="Explainer.CoalitionShare"/> of the scale of each other at the end, lowest first.</param>
public sealed record Explanation(
    string Scenario,
    string IssueId,
    string IssueName,
    string Model,
    double Forecast,
    StopReason Stop,
    int RoundsRun,
    string? Note,
    IReadOnlyDictionary<string, string> ActorNames,
    IReadOnlyList<RoundExplanation> Rounds,
    IReadOnlyList<ChallengeCount> Challenges,
    IReadOnlyList<Coalition> Coalitions)
{
    /// <summary>The round numbered <paramref name="round"/> (1 = the first), or null.</summary>
    public RoundExplanation? Round(int round) => Rounds.FirstOrDefault(r => r.Round == round);

    /// <summary>Per kind, how many challenges were made and how many the receivers took, over the whole run.</summary>
    public IReadOnlyList<(CauseKind Kind, int Count, int Taken)> Totals =>
        [.. Challenges.GroupBy(c => c.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(c => c.Count), g.Sum(c => c.Taken)))];
}

/// <summary>One round: where each actor went and why, and the timed edits that struck after it.</summary>
/// <param name="Round">The round (1 = the first).</param>
/// <param name="Mean">The capability × salience weighted mean after the round.</param>
/// <param name="Moves">Every actor on the issue (input order, actors a timed drop took out left out): where it stood, where it went and why.</param>
/// <param name="Shocks">The timed edits that struck after this round; empty when none.</param>
public sealed record RoundExplanation(int Round, double Mean, IReadOnlyList<ActorMove> Moves, IReadOnlyList<string> Shocks)
{
    /// <summary>The move of <paramref name="actorId"/> in this round, or null.</summary>
    public ActorMove? Move(string actorId) => Moves.FirstOrDefault(m => m.ActorId == actorId);
}

/// <summary>One actor in one round.</summary>
/// <param name="ActorId">The actor.</param>
/// <param name="From">Its position before the round.</param>
/// <param name="To">Its position after the round's bargaining (before any timed edit of the round).</param>
/// <param name="Cause">What it took: the offer (expected-utility models) or the bargain (ktab-smp); null when it kept its position.</param>
/// <param name="Refused">The other offers or bargains it had and did not take.</param>
/// <param name="Note">Why it kept its position when it did (no offers, or the election favoured its own position).</param>
public sealed record ActorMove(string ActorId, double From, double To, MoveCause? Cause, IReadOnlyList<MoveCause> Refused, string? Note = null)
{
    /// <summary>True when the actor's position changed in the round.</summary>
    public bool Moved => From != To;
}

/// <summary>The kind of an offer or bargain.</summary>
public enum CauseKind
{
    /// <summary>Expected-utility models: both expect to gain; the receiver gives in to the proposer's position.</summary>
    Confrontation,

    /// <summary>Expected-utility models: the receiver moves part of the way.</summary>
    Compromise,

    /// <summary>Expected-utility models: the receiver expects to lose more than the proposer gains and gives in.</summary>
    Capitulation,

    /// <summary>ktab-smp: a bargain proposed by an initiator to a receiver, where both would move.</summary>
    Bargain,
}

/// <summary>
/// An offer (expected-utility models) or a bargain (ktab-smp) between a proposer and a receiver, seen
/// from the actor that had it: the position it would move to and the numbers that made the offer.
/// </summary>
/// <param name="Kind">Confrontation, compromise, capitulation, or bargain.</param>
/// <param name="From">The proposer (expected-utility models) or the bargain's initiator (ktab-smp).</param>
/// <param name="To">The receiver.</param>
/// <param name="NewPosition">Where the actor that had it would move (on the issue's scale).</param>
/// <param name="ReceiverUtility">Expected-utility models: a = EU_receiver(receiver→proposer), seen by the receiver; null for ktab-smp.</param>
/// <param name="ProposerUtility">Expected-utility models: b = EU_receiver(proposer→receiver), seen by the receiver; null for ktab-smp.</param>
/// <param name="Value">ktab-smp: the initiator's expected gain from the challenge; null for the expected-utility models.</param>
/// <param name="InitiatorWinProbability">ktab-smp: the initiator's estimate that it would win the challenge; null otherwise.</param>
/// <param name="ElectionProbability">ktab-smp: the probability the actors' election gave this option; null otherwise.</param>
public sealed record MoveCause(
    CauseKind Kind,
    string From,
    string To,
    double NewPosition,
    double? ReceiverUtility = null,
    double? ProposerUtility = null,
    double? Value = null,
    double? InitiatorWinProbability = null,
    double? ElectionProbability = null);

/// <summary>How often one actor challenged another with one kind of offer over a run, and how often the receiver took it.</summary>
/// <param name="From">The proposer or initiator.</param>
/// <param name="To">The receiver.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Count">Rounds in which it was made.</param>
/// <param name="Taken">Rounds in which the receiver took it.</param>
public sealed record ChallengeCount(string From, string To, CauseKind Kind, int Count, int Taken);

/// <summary>A group of actors that end within a small share of the scale of each other.</summary>
/// <param name="Members">The actors, lowest position first.</param>
/// <param name="Low">The lowest final position in the group.</param>
/// <param name="High">The highest.</param>
/// <param name="Weight">The combined weight Σ capability × salience of the members on the issue.</param>
/// <param name="Share">Their weight as a share of every actor's on the issue.</param>
public sealed record Coalition(IReadOnlyList<string> Members, double Low, double High, double Weight, double Share);
