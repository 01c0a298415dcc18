namespace Parley.Core.Models.Breakdown;

/// <summary>What a breakdown step found on one issue of one run.</summary>
public enum BreakdownStatus
{
    /// <summary>Every veto player prefers the deal (or is indifferent): the model's forecast stands.</summary>
    Agreed,

    /// <summary>A veto player prefers the status quo and blocks: the outcome is the status quo.</summary>
    Blocked,

    /// <summary>The issue cannot break down: it states no status quo, or no veto player with a stance on it.</summary>
    NotPossible,

    /// <summary>The win-set step moved the deal to the nearest point every veto player accepts (see <see cref="VetoRule.Constrain"/>).</summary>
    Amended,
}

/// <summary>What a veto player's objection does to the deal.</summary>
public enum VetoStep
{
    /// <summary><c>MODEL+veto</c>: a veto player that prefers the status quo blocks the deal, and the outcome is the status quo.</summary>
    Breakdown,

    /// <summary><c>MODEL+winset</c>: the deal is moved to the nearest point that every veto player likes at least as much as the status quo (the veto players' win set).</summary>
    WinSet,
}

/// <summary>The breakdown step's verdict on one issue of one run (see <see cref="VetoRule"/>).</summary>
/// <param name="Status">Agreed, blocked, or not possible.</param>
/// <param name="Deal">The bargained outcome: the wrapped model's forecast.</param>
/// <param name="StatusQuo">The status quo, or null when it states none.</param>
/// <param name="Blockers">The ids of the veto players that block (or, for the win-set step, that object to the deal), in the order the issue names them.</param>
/// <param name="Reason">Why the issue cannot break down; null when it can.</param>
/// <param name="Amended">The amended deal, when the win-set step moved it; null otherwise.</param>
public sealed record BreakdownVerdict(BreakdownStatus Status, double Deal, double? StatusQuo, IReadOnlyList<string> Blockers, string? Reason = null, double? Amended = null)
{
    /// <summary>True when a veto player blocks the deal.</summary>
    public bool Blocked => Status == BreakdownStatus.Blocked;

    /// <summary>True when a veto player prefers the status quo to the deal: it blocks it (breakdown step) or forces an amendment (win-set step).</summary>
    public bool Objected => Status is BreakdownStatus.Blocked or BreakdownStatus.Amended;

    /// <summary>The outcome after the step: the status quo when blocked, the amended deal when amended, else the deal.</summary>
    public double Outcome => Blocked ? StatusQuo!.Value : Amended ?? Deal;
}
