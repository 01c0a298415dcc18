using Parley.Core.Diagnostics;

namespace Parley.Core.Models.Ktab;

/// <summary>Why a run of KTAB's Spatial Model of Politics could not be carried out (the abort conditions of SMP-SPEC §4.4).</summary>
public enum KtabSmpFailureKind
{
    /// <summary>An input the model cannot run: a capability, salience, position, accommodation entry or shock outside its range.</summary>
    InvalidInput,

    /// <summary>Every position of the start state is equally likely to win, so KTAB's risk attitudes are 0/0 and there is nothing to bargain over.</summary>
    NoFavourite,

    /// <summary>One of KTAB's sanity checks on utilities failed (§3.3, §3.4, §3.9); KTAB aborts the run there.</summary>
    UtilityCheck,

    /// <summary>A check on victory or election probabilities failed (§3.2.5–§3.2.7); KTAB aborts the run there.</summary>
    ProbabilityCheck,

    /// <summary>A Markov election did not converge within its cap of <see cref="KtabSmpFailure.MarkovIterationCap"/> iterations.</summary>
    NotConverged,
}

/// <summary>
/// A KTAB SMP run that could not be carried out, as a value: what failed, in which turn, for which
/// actor and dimension (0-based indices in input order), and what would have been valid. Models turn
/// it into a <see cref="Diagnostic"/> with <see cref="ToDiagnostic"/>.
/// </summary>
/// <param name="Kind">Which kind of check failed.</param>
/// <param name="Message">What failed, in plain words.</param>
/// <param name="Turn">The state (0 = the input) in which it failed; null for input checks made before the run.</param>
/// <param name="Actor">The actor concerned (0-based), if any.</param>
/// <param name="Dimension">The dimension (issue) concerned (0-based), if any.</param>
/// <param name="Expected">What would be valid, if it can be said.</param>
public sealed record KtabSmpFailure(
    KtabSmpFailureKind Kind,
    string Message,
    int? Turn = null,
    int? Actor = null,
    int? Dimension = null,
    string? Expected = null)
{
    /// <summary>The most iterations a Markov election may take; KTAB aborts a run whose election needs this many or more, so capping the loop here changes no run KTAB completes.</summary>
    public const int MarkovIterationCap = 1000;

    /// <summary>An input error.</summary>
    internal static KtabSmpFailure Input(string message, int? actor = null, int? dimension = null, string? expected = null) =>
        new(KtabSmpFailureKind.InvalidInput, message, null, actor, dimension, expected);

    /// <summary>A failed utility check.</summary>
    internal static KtabSmpFailure Utility(string message, int? actor = null) => new(KtabSmpFailureKind.UtilityCheck, message, Actor: actor);

    /// <summary>A failed probability check.</summary>
    internal static KtabSmpFailure Probability(string message) => new(KtabSmpFailureKind.ProbabilityCheck, message);

    /// <summary>This failure placed in state <paramref name="turn"/>, unless it already has a turn.</summary>
    internal KtabSmpFailure InTurn(int turn) => Turn is null ? this with { Turn = turn } : this;

    /// <summary>
    /// The failure as an error diagnostic, naming the actor and issue by id when
    /// <paramref name="actorIds"/> and <paramref name="issueIds"/> (input order) are given.
    /// </summary>
    public Diagnostic ToDiagnostic(IReadOnlyList<string>? actorIds = null, IReadOnlyList<string>? issueIds = null)
    {
        var actorId = Actor is { } a && actorIds is not null && a < actorIds.Count ? actorIds[a] : null;
        var issueId = Dimension is { } d && issueIds is not null && d < issueIds.Count ? issueIds[d] : null;
        return Diagnostic.Error(Describe(actorId is null, issueId is null), actorId: actorId, issueId: issueId, expected: Expected);
    }

    /// <summary>The message with the turn and the indices it concerns.</summary>
    public override string ToString() => Describe(true, true);

    private string Describe(bool withActorIndex, bool withDimensionIndex)
    {
        var where = Turn is { } t ? $"ktab-smp stopped in turn {t}: " : "ktab-smp cannot run this input: ";
        var who = (withActorIndex && Actor is { } a ? $" (actor #{a})" : string.Empty)
            + (withDimensionIndex && Dimension is { } d ? $" (dimension #{d})" : string.Empty);
        return where + Message + who;
    }
}
