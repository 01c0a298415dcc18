using System.Collections.Immutable;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// A bargain proposed in one turn of KTAB's Spatial Model of Politics (SMP-SPEC §3.5, §3.7): the
/// initiator challenged the receiver because it expected to gain, and proposed where both would move.
/// Positions are on the engine's [0, 1] scale, one value per dimension (issue).
/// </summary>
/// <param name="Initiator">The proposer (0-based, input order).</param>
/// <param name="Receiver">Its target.</param>
/// <param name="Value">The initiator's expected gain from challenging the receiver (§3.5; KTAB's <c>Bargn.Value</c>).</param>
/// <param name="InitiatorWinProbability">The initiator's estimate that it would win the challenge (§3.4), which weighted the proposal.</param>
/// <param name="InitiatorPosition">Where the initiator would move.</param>
/// <param name="ReceiverPosition">Where the receiver would move.</param>
public sealed record KtabProposal(
    int Initiator,
    int Receiver,
    double Value,
    double InitiatorWinProbability,
    ImmutableArray<double> InitiatorPosition,
    ImmutableArray<double> ReceiverPosition);

/// <summary>
/// What one actor took in one turn (§3.9): its status quo or one bargain of its list, decided by an
/// election among all actors over those options.
/// </summary>
/// <param name="Actor">The actor (0-based).</param>
/// <param name="Options">The proposals the actor chose among, as indices into <see cref="KtabTurn.Proposals"/>, after its status quo.</param>
/// <param name="Probabilities">The election's probability of the status quo (first) and of each option.</param>
/// <param name="Utilities">The actor's own utility ν (§3.9) of its status quo (first) and of each option.</param>
/// <param name="Chosen">0 when the actor kept its position, else 1 + the index into <paramref name="Options"/> of the bargain it took.</param>
public sealed record KtabChoice(
    int Actor,
    ImmutableArray<int> Options,
    ImmutableArray<double> Probabilities,
    ImmutableArray<double> Utilities,
    int Chosen)
{
    /// <summary>The proposal the actor took (an index into <see cref="KtabTurn.Proposals"/>), or null when it kept its position.</summary>
    public int? Proposal => Chosen == 0 ? null : Options[Chosen - 1];

    /// <summary>The election probability of what the actor took.</summary>
    public double Probability => Probabilities[Chosen];

    /// <summary>The election probability of the actor's status quo.</summary>
    public double StatusQuoProbability => Probabilities[0];
}

/// <summary>One turn (step from state <paramref name="Turn"/> to state <paramref name="Turn"/> + 1): every proposal and every actor's choice.</summary>
/// <param name="Turn">The state the turn started from (0 = the input).</param>
/// <param name="Proposals">The proposals, ordered by initiator (under InitRcvrInterp, two per initiator).</param>
/// <param name="Choices">Each actor's choice, in input order.</param>
public sealed record KtabTurn(int Turn, IReadOnlyList<KtabProposal> Proposals, IReadOnlyList<KtabChoice> Choices)
{
    /// <summary>The proposal that moved <paramref name="actor"/> in this turn, or null when it kept its position.</summary>
    public KtabProposal? Winner(int actor) => Choices[actor].Proposal is { } p ? Proposals[p] : null;

    /// <summary>The public view of an engine step.</summary>
    internal static KtabTurn From(int turn, KtabStepDetail step)
    {
        var proposals = step.Bargains
            .Select(b => new KtabProposal(b.Initiator, b.Receiver, b.Value, b.InitiatorWinProbability, [.. b.YI], [.. b.YJ]))
            .ToArray();
        var choices = new KtabChoice[step.Chosen.Length];
        for (var k = 0; k < choices.Length; k++)
        {
            choices[k] = new KtabChoice(k, [.. step.Lists[k]], [.. step.Probabilities[k]], [.. step.Utilities[k]], step.Chosen[k]);
        }

        return new KtabTurn(turn, proposals, choices);
    }
}
