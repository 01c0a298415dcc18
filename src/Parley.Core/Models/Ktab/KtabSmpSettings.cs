namespace Parley.Core.Models.Ktab;

/// <summary>How the probability that one coalition beats another is computed (KTAB <c>VictoryProbModel</c>).</summary>
public enum KtabVictoryProbModel
{
    /// <summary>C(i,j) / (C(i,j) + C(j,i)) (KTAB default).</summary>
    Linear = 0,

    /// <summary>Strengths squared before the ratio.</summary>
    Square = 1,

    /// <summary>Strengths to the fourth power before the ratio.</summary>
    Quartic = 2,

    /// <summary>Strengths to the eighth power before the ratio.</summary>
    Octic = 3,

    /// <summary>A step with a narrow linear ramp around a tie.</summary>
    Binary = 4,
}

/// <summary>How a probabilistic Condorcet election turns pairwise victory probabilities into option probabilities (KTAB <c>PCEModel</c>).</summary>
public enum KtabPceModel
{
    /// <summary>Each option's probability is proportional to the product of its pairwise win probabilities (KTAB default).</summary>
    Conditional = 0,

    /// <summary>Markov chain in which support moves in proportion to the incentive to defect.</summary>
    MarkovIncentive = 1,

    /// <summary>Markov chain in which support moves uniformly.</summary>
    MarkovUniform = 2,
}

/// <summary>How each actor picks among its bargains (KTAB <c>StateTransitions</c>).</summary>
public enum KtabStateTransitions
{
    /// <summary>The most probable bargain, the first on ties (KTAB default).</summary>
    Deterministic = 0,

    /// <summary>A bargain drawn with its probability, from Parley's seeded per-actor, per-turn streams.</summary>
    Stochastic = 1,
}

/// <summary>How an actor's utility difference becomes a vote (KTAB <c>VotingRule</c>).</summary>
public enum KtabVotingRule
{
    /// <summary>Weight × sign of the difference (with a 1e-8 ramp).</summary>
    Binary = 0,

    /// <summary>80 % proportional, 20 % binary.</summary>
    PropBin = 1,

    /// <summary>Weight × difference (KTAB default).</summary>
    Prop = 2,

    /// <summary>Half proportional, half cubic.</summary>
    PropCbc = 3,

    /// <summary>Weight × difference cubed.</summary>
    Cubic = 4,

    /// <summary>Asymmetric prospect-theory votes: gains count two thirds of losses.</summary>
    ASymProsp = 5,
}

/// <summary>How an actor estimates another's risk attitude from its own (KTAB <c>BigRAdjust</c>).</summary>
public enum KtabBigRAdjust
{
    /// <summary>Uses its own risk attitude.</summary>
    None = 0,

    /// <summary>(2·own + other's) / 3 (KTAB default).</summary>
    OneThird = 1,

    /// <summary>(own + other's) / 2.</summary>
    Half = 2,

    /// <summary>(own + 2·other's) / 3.</summary>
    TwoThirds = 3,

    /// <summary>The other's true attitude; KTAB's sanity check then always aborts the run.</summary>
    Full = 4,
}

/// <summary>The interval risk attitudes are mapped to (KTAB <c>BigRRange</c>).</summary>
public enum KtabBigRRange
{
    /// <summary>[0, 1].</summary>
    Min = 0,

    /// <summary>[−0.5, 1] (KTAB default).</summary>
    Mid = 1,

    /// <summary>[−1, 1].</summary>
    Max = 2,
}

/// <summary>How committed a third party is to the side it joins in a challenge (KTAB <c>ThirdPartyCommit</c>).</summary>
public enum KtabThirdPartyCommit
{
    /// <summary>Third parties keep their own position whichever side wins.</summary>
    NoCommit = 0,

    /// <summary>Third parties keep their position only when their side wins (KTAB default).</summary>
    SemiCommit = 1,

    /// <summary>Third parties adopt the winner's position.</summary>
    FullCommit = 2,
}

/// <summary>How two positions are interpolated into a bargain (KTAB <c>InterVecBrgn</c>).</summary>
public enum KtabInterVecBrgn
{
    /// <summary>Weights salience × probability, rounded to 0.01 on the 0–100 scale.</summary>
    S1P1 = 0,

    /// <summary>Weights salience² × probability², rounded to 0.01 on the 0–100 scale (KTAB default).</summary>
    S2P2 = 1,

    /// <summary>The weaker side moves toward the stronger by the probability gap; no rounding.</summary>
    S2PMax = 2,
}

/// <summary>Which bargains an initiator proposes (KTAB <c>BargnModel</c>).</summary>
public enum KtabBargnModel
{
    /// <summary>One bargain, interpolated with the initiator's probability estimate (KTAB default).</summary>
    InitOnlyInterp = 0,

    /// <summary>Two bargains: the initiator's interpolation and one from the receiver's estimate.</summary>
    InitRcvrInterp = 1,

    /// <summary>One bargain: the capability-weighted mean of the two interpolations.</summary>
    PWCompInterp = 2,
}

/// <summary>One entry of KTAB's accommodation matrix: how far actor <c>Actor</c>'s ideal follows actor <c>Reference</c>'s position.</summary>
/// <param name="Actor">0-based index of the actor whose ideal adjusts.</param>
/// <param name="Reference">0-based index of the actor whose position it follows.</param>
/// <param name="Adjust">The weight A(Actor, Reference), in [0, 1].</param>
public sealed record KtabAccommodation(int Actor, int Reference, double Adjust);
