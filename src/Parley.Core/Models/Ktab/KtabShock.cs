namespace Parley.Core.Models.Ktab;

/// <summary>Which input of an actor a <see cref="KtabShock"/> changes.</summary>
public enum KtabShockTarget
{
    /// <summary>The actor's capability (raw, &gt; 0).</summary>
    Capability,

    /// <summary>The actor's salience on one dimension, on the engine's [0, 1] scale; the actor's saliences must still sum to at most 1.</summary>
    Salience,

    /// <summary>The actor's position on one dimension, on the engine's [0, 1] scale; its ideal moves with it.</summary>
    Position,
}

/// <summary>
/// A timed shock: after turn <paramref name="AfterTurn"/> (0 = before the first turn) one input of
/// one actor is set to <paramref name="Value"/>, and the run goes on from the edited state. The state
/// of turn <paramref name="AfterTurn"/> in the run's history is the edited one. A shock after turn 0
/// equals a run on the edited input; a shock after the run's last turn changes nothing.
/// </summary>
/// <param name="AfterTurn">The turn after which the edit takes effect (≥ 0).</param>
/// <param name="Actor">The actor (0-based, input order).</param>
/// <param name="Target">What is changed.</param>
/// <param name="Dimension">The dimension (0-based) for <see cref="KtabShockTarget.Salience"/> and <see cref="KtabShockTarget.Position"/>; 0 for a capability.</param>
/// <param name="Value">The new value.</param>
public sealed record KtabShock(int AfterTurn, int Actor, KtabShockTarget Target, int Dimension, double Value)
{
    /// <summary>A shock to an actor's capability.</summary>
    public static KtabShock Capability(int afterTurn, int actor, double value) => new(afterTurn, actor, KtabShockTarget.Capability, 0, value);

    /// <summary>A shock to an actor's salience on one dimension ([0, 1] scale).</summary>
    public static KtabShock Salience(int afterTurn, int actor, int dimension, double value) => new(afterTurn, actor, KtabShockTarget.Salience, dimension, value);

    /// <summary>A shock to an actor's position (and ideal) on one dimension ([0, 1] scale).</summary>
    public static KtabShock Position(int afterTurn, int actor, int dimension, double value) => new(afterTurn, actor, KtabShockTarget.Position, dimension, value);
}
