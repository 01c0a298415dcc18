using Parley.Core.Analysis;
using Parley.Core.Models;

namespace Parley.Tests.Analysis;

/// <summary>Flags from a path of rounds: cycles, round limits, unsettled ends, disagreement.</summary>
public sealed class PathDiagnosticsTests
{
    private static RoundState Round(int k, params double[] x) => new(k, x, x.Average(), x[0]);

    private static IssueResult Path(StopReason stop, params double[][] rounds) =>
        new("i", rounds[^1].Average(), [.. Enumerable.Range(0, rounds[0].Length).Select(i => $"a{i}")],
            [.. rounds.Select((x, k) => Round(k, x))], null, stop, rounds.Length - 1);

    [Fact]
    public void Positions_that_alternate_cycle_with_period_two()
    {
        var path = Path(StopReason.FixedRounds, [0, 100], [10, 90], [20, 80], [10, 90], [20, 80], [10, 90], [20, 80]);
        Assert.Equal(2, PathDiagnostics.CyclePeriod(path.Rounds, 100));
        var flag = Assert.Single(PathDiagnostics.Flags("m", path, null, 100));
        Assert.Equal(FlagKind.Cycles, flag.Kind);
        Assert.Equal(2, flag.Period);
    }

    [Fact]
    public void A_period_of_three_is_found_and_settled_positions_are_no_cycle()
    {
        var three = Path(StopReason.FixedRounds, [0, 0], [1, 5], [2, 6], [3, 7], [1, 5], [2, 6], [3, 7], [1, 5], [2, 6], [3, 7]);
        Assert.Equal(3, PathDiagnostics.CyclePeriod(three.Rounds, 100));
        var settled = Path(StopReason.FixedRounds, [0, 100], [40, 60], [50, 50], [50, 50], [50, 50]);
        Assert.Null(PathDiagnostics.CyclePeriod(settled.Rounds, 100));
        Assert.Empty(PathDiagnostics.Flags("m", settled, null, 100));
    }

    [Fact]
    public void A_run_cut_at_its_round_limit_and_a_fixed_run_still_moving_are_flagged()
    {
        var limit = Path(StopReason.RoundLimit, [0, 100], [10, 95], [20, 90]);
        Assert.Equal(FlagKind.RoundLimit, Assert.Single(PathDiagnostics.Flags("bdm", limit, null, 100)).Kind);
        var moving = Path(StopReason.FixedRounds, [0, 100], [10, 95], [20, 90]);
        var flag = Assert.Single(PathDiagnostics.Flags("scholz2011", moving, null, 100));
        Assert.Equal(FlagKind.StillMoving, flag.Kind);
        Assert.Contains("moved the forecast by 2.5", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_further_apart_than_15_percent_of_the_scale_are_flagged()
    {
        Assert.Null(PathDiagnostics.Disagreement("i", [("a", 40), ("b", 55)], 100));
        var flag = PathDiagnostics.Disagreement("i", [("a", 40), ("b", 55.5), ("c", 50)], 100)!;
        Assert.Equal(FlagKind.ModelsDisagree, flag.Kind);
        Assert.Contains("a 40 to b 55.5", flag.Message, StringComparison.Ordinal);
    }
}
