using Parley.Core.Scenarios;

namespace Parley.Core.Models.Breakdown;

/// <summary>How a veto player values an outcome, by the family of the model it wraps (docs/models/breakdown.md).</summary>
public enum VetoUtility
{
    /// <summary>
    /// u = −s·|x − y| / width: salience-weighted distance from the player's own (input) position.
    /// The baselines; the expected-utility models, whose utility of an outcome at distance d,
    /// 2 − 4(0.5 + 0.5d)^r, falls strictly with d for every risk exponent r &gt; 0 and so ranks
    /// outcomes the same way; and the exchange model, whose gains are salience × shift.
    /// </summary>
    Distance,

    /// <summary>
    /// KTAB's utility 1 − δ with δ = √(Σ_d (s_d·(x_d − y_d))² / Σ_d s_d²) on each scale mapped to
    /// [0, 1] (SMP-SPEC §3.2.1): a package is judged by the salience-weighted Euclidean distance.
    /// </summary>
    KtabDistance,
}

/// <summary>
/// The breakdown step: a veto player that prefers the status quo to the bargained outcome blocks
/// it, and the outcome is the status quo. Positions are the players' input positions (their
/// ideal points), not where a model moved them: a concession in bargaining is not a change of
/// interest. Ties, and a veto player of salience 0, do not block. A veto player without a stance
/// on the issue cannot be judged and is left out; an issue with no status quo, or no veto player
/// with a stance, cannot break down.
/// </summary>
public static class VetoRule
{
    /// <summary>The verdict on one issue run on its own: veto player v blocks when sᵥ &gt; 0 and |xᵥ − q| &lt; |xᵥ − deal|.</summary>
    /// <param name="input">The issue as run (its draw's numbers), with its procedure.</param>
    /// <param name="deal">The model's forecast on it.</param>
    public static BreakdownVerdict Judge(IssueInput input, double deal)
    {
        Preconditions.NotNull(input, nameof(input));
        if (NotPossible(input, deal) is { } none)
        {
            return none;
        }

        var q = input.Procedure!.StatusQuo!.Value;
        var blockers = new List<string>();
        foreach (var id in input.Procedure.VetoPlayers)
        {
            var i = Array.IndexOf(input.ActorIds, id);
            if (i >= 0 && input.Saliences[i] > 0 && Math.Abs(input.Positions[i] - q) < Math.Abs(input.Positions[i] - deal))
            {
                blockers.Add(id);
            }
        }

        return blockers.Count > 0
            ? new BreakdownVerdict(BreakdownStatus.Blocked, deal, q, blockers)
            : new BreakdownVerdict(BreakdownStatus.Agreed, deal, q, []);
    }

    /// <summary>
    /// The win-set step on one issue run on its own: veto player v (sᵥ &gt; 0) accepts every outcome y
    /// with |xᵥ − y| ≤ |xᵥ − q|, an interval around xᵥ that contains q. The outcome is the deal moved
    /// to the nearest point of the intersection of those intervals (which contains q, so it is never
    /// empty): the bargain amended until no veto player would rather keep the status quo
    /// (Tsebelis 2002). The objectors are the veto players who prefer q to the deal.
    /// </summary>
    public static BreakdownVerdict Constrain(IssueInput input, double deal)
    {
        var judged = Judge(input, deal);
        if (judged.Status != BreakdownStatus.Blocked)
        {
            return judged;
        }

        var q = judged.StatusQuo!.Value;
        double low = double.NegativeInfinity, high = double.PositiveInfinity;
        foreach (var id in input.Procedure!.VetoPlayers)
        {
            var i = Array.IndexOf(input.ActorIds, id);
            if (i >= 0 && input.Saliences[i] > 0)
            {
                var x = input.Positions[i];
                var r = Math.Abs(x - q);
                low = Math.Max(low, x - r);
                high = Math.Min(high, x + r);
            }
        }

        // q lies in every interval; rounding must not push the ends past it.
        low = Math.Min(low, q);
        high = Math.Max(high, q);
        return judged with { Status = BreakdownStatus.Amended, Amended = Math.Clamp(deal, low, high) };
    }

    /// <summary>The verdict of <paramref name="step"/> on one issue run on its own.</summary>
    public static BreakdownVerdict Apply(VetoStep step, IssueInput input, double deal) =>
        step == VetoStep.WinSet ? Constrain(input, deal) : Judge(input, deal);

    /// <summary>
    /// The verdicts on every issue of a scenario run jointly (issue linkage). Each veto player v
    /// judges the package Vᵥ of the issues on which it holds a veto, has a stance and a status quo
    /// is stated: it blocks them all when its loss from the status quo on Vᵥ is smaller than its
    /// loss from the deal (by <paramref name="utility"/>). Every veto player judges the same deal;
    /// an issue any of them blocks reverts to its status quo.
    /// </summary>
    /// <param name="scenario">The scenario as run (a draw's numbers).</param>
    /// <param name="deals">The model's forecast of every issue, in scenario order.</param>
    /// <param name="utility">How a veto player values a package.</param>
    public static BreakdownVerdict[] JudgePackage(Scenario scenario, IReadOnlyList<double> deals, VetoUtility utility)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.NotNull(deals, nameof(deals));
        var issues = scenario.Issues.Count;
        Preconditions.Check(deals.Count == issues, nameof(deals), "There must be one deal per issue.");
        var inputs = Enumerable.Range(0, issues).Select(scenario.Compile).ToArray();
        var verdicts = new BreakdownVerdict?[issues];
        for (var k = 0; k < issues; k++)
        {
            verdicts[k] = NotPossible(inputs[k], deals[k]);
        }

        var blockers = Enumerable.Range(0, issues).Select(_ => new List<string>()).ToArray();
        foreach (var actor in scenario.Actors)
        {
            double lossDeal = 0, lossStatusQuo = 0;
            var package = new List<int>();
            for (var k = 0; k < issues; k++)
            {
                var input = inputs[k];
                var i = Array.IndexOf(input.ActorIds, actor.Id);
                if (verdicts[k] is not null || i < 0 || !input.Procedure!.VetoPlayers.Contains(actor.Id))
                {
                    continue;
                }

                package.Add(k);
                var width = scenario.Issues[k].Scale.Width;
                lossDeal += Loss(utility, input.Saliences[i], (input.Positions[i] - deals[k]) / width);
                lossStatusQuo += Loss(utility, input.Saliences[i], (input.Positions[i] - input.Procedure.StatusQuo!.Value) / width);
            }

            if (package.Count > 0 && lossStatusQuo < lossDeal)
            {
                foreach (var k in package)
                {
                    blockers[k].Add(actor.Id);
                }
            }
        }

        var result = new BreakdownVerdict[issues];
        for (var k = 0; k < issues; k++)
        {
            if (verdicts[k] is { } fixedVerdict)
            {
                result[k] = fixedVerdict;
                continue;
            }

            var q = inputs[k].Procedure!.StatusQuo!.Value;
            var order = inputs[k].Procedure!.VetoPlayers;
            var named = order.Where(blockers[k].Contains).ToArray();
            result[k] = named.Length > 0
                ? new BreakdownVerdict(BreakdownStatus.Blocked, deals[k], q, named)
                : new BreakdownVerdict(BreakdownStatus.Agreed, deals[k], q, []);
        }

        return result;
    }

    /// <summary>The verdict when <paramref name="input"/> cannot break down, else null.</summary>
    private static BreakdownVerdict? NotPossible(IssueInput input, double deal)
    {
        var procedure = input.Procedure;
        if (procedure?.StatusQuo is null)
        {
            return new BreakdownVerdict(BreakdownStatus.NotPossible, deal, null, [], "The issue states no status quo, so it cannot break down.");
        }

        if (procedure.VetoPlayers.Count == 0)
        {
            return new BreakdownVerdict(BreakdownStatus.NotPossible, deal, procedure.StatusQuo, [], "The issue names no veto player, so no one can block a deal.");
        }

        return procedure.VetoPlayers.Any(v => Array.IndexOf(input.ActorIds, v) >= 0)
            ? null
            : new BreakdownVerdict(BreakdownStatus.NotPossible, deal, procedure.StatusQuo, [], "No veto player has a stance on the issue, so none can be judged to prefer the status quo.");
    }

    /// <summary>The loss of an outcome at normalised signed distance <paramref name="d"/> for an actor of salience <paramref name="s"/>.</summary>
    private static double Loss(VetoUtility utility, double s, double d) => utility switch
    {
        VetoUtility.KtabDistance => s * s * d * d,
        _ => s * Math.Abs(d),
    };
}
