using Parley.Core.Models.Breakdown;

namespace Parley.Core.Analysis;

/// <summary>
/// How likely a deal on an issue breaks down, for a model with a breakdown step (<c>MODEL+veto</c>):
/// the verdict on the inputs as written and, over the input draws, the share in which a veto
/// player blocks the deal.
/// </summary>
/// <param name="Possible">False when the issue cannot break down (no status quo, or no veto player with a stance); <paramref name="Reason"/> says why.</param>
/// <param name="Reason">Why the issue cannot break down; null when it can.</param>
/// <param name="StatusQuo">The status quo, or null.</param>
/// <param name="Deal">The wrapped model's forecast on the inputs as written (the deal the veto players judge).</param>
/// <param name="Blocked">True when a veto player prefers the status quo to the deal on the inputs as written: it blocks it (<c>+veto</c>), or the deal is amended into the veto players' win set (<c>+winset</c>).</param>
/// <param name="Blockers">Who objects on the inputs as written (actor ids).</param>
/// <param name="Probability">The share of the input draws in which a veto player objects (the deal breaks down under <c>+veto</c>, is amended under <c>+winset</c>); null without draws.</param>
/// <param name="BlockerShares">Per veto player (actor id, in the order), the share of the draws in which it blocks; empty without draws.</param>
public sealed record BreakdownForecast(
    bool Possible,
    string? Reason,
    double? StatusQuo,
    double Deal,
    bool Blocked,
    IReadOnlyList<string> Blockers,
    double? Probability,
    IReadOnlyList<ActorShare> BlockerShares)
{
    /// <summary>
    /// The summary of a point verdict and the verdicts on the draws (null entries are draws the
    /// model could not run; without draws, null or empty).
    /// </summary>
    public static BreakdownForecast Of(BreakdownVerdict point, IReadOnlyList<BreakdownVerdict?>? draws, IReadOnlyList<string> vetoPlayers)
    {
        Preconditions.NotNull(point, nameof(point));
        Preconditions.NotNull(vetoPlayers, nameof(vetoPlayers));
        var valid = draws?.OfType<BreakdownVerdict>().ToArray() ?? [];
        double? probability = valid.Length > 0 ? valid.Count(v => v.Objected) / (double)valid.Length : null;
        IReadOnlyList<ActorShare> shares = valid.Length > 0 && point.Status != BreakdownStatus.NotPossible
            ? [.. vetoPlayers.Select(id => new ActorShare(id, valid.Count(v => v.Blockers.Contains(id)) / (double)valid.Length))]
            : [];
        return new BreakdownForecast(point.Status != BreakdownStatus.NotPossible, point.Reason, point.StatusQuo, point.Deal, point.Objected, point.Blockers, probability, shares);
    }
}
