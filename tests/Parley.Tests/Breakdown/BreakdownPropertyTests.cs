using CsCheck;
using Parley.Core.Models;
using Parley.Core.Models.Breakdown;
using Parley.Core.Scenarios;
using Parley.Core.Simulation;

namespace Parley.Tests.Breakdown;

/// <summary>
/// Properties of the breakdown and win-set steps on random one-issue scenarios (2–12 actors, a random
/// status quo, a random set of veto players): the outcome is the deal or the status quo (breakdown),
/// or lies between them (win set); it is blocked exactly when some veto player prefers the status
/// quo; and it does not depend on the order of the actors, a common shift of every position, or a
/// common factor on the capabilities.
/// </summary>
public sealed class BreakdownPropertyTests
{
    public sealed record VetoCase(double[] X, double[] C, double[] S, bool[] Veto, double Q)
    {
        public override string ToString() => $"x=[{string.Join(", ", X)}] s=[{string.Join(", ", S)}] veto=[{string.Join(", ", Veto)}] q={Q}";
    }

    private static readonly Gen<VetoCase> Cases =
        from n in Gen.Int[2, 12]
        from seed in Gen.ULong
        select Draw(n, new SeededRandom(seed));

    private static VetoCase Draw(int n, SeededRandom rng)
    {
        double Grid(double v) => Math.Round(v * 64) / 64; // exact in binary, so shifts and factors are exact
        return new VetoCase(
            [.. Enumerable.Range(0, n).Select(_ => Grid(100 * rng.NextDouble()))],
            [.. Enumerable.Range(0, n).Select(_ => Grid(0.5 + (4 * rng.NextDouble())))],
            [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.1 ? 0 : Grid(0.05 + (0.95 * rng.NextDouble())))],
            [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.4)],
            Grid(100 * rng.NextDouble()));
    }

    private static Scenario Build(VetoCase k, int[]? order = null, double shift = 0, double factor = 1)
    {
        order ??= [.. Enumerable.Range(0, k.X.Length)];
        var veto = order.Where(i => k.Veto[i]).Select(i => new VetoPlayer($"a{i}")).ToArray();
        var issue = new Issue("i", "Issue", new Scale(shift, 100 + shift), StatusQuo: new StatusQuo(k.Q + shift), VetoPlayers: veto);
        return new Scenario(
            "random",
            [issue],
            [.. order.Select(i => new Actor($"a{i}", $"A{i}", k.C[i] * factor))],
            [.. order.Select(i => new Stance($"a{i}", "i", k.X[i] + shift, k.S[i]))]);
    }

    private static IssueResult Run(string model, Scenario scenario) => ModelCatalog.Find(model)!.Run(scenario, ModelOptions.Default).Issues[0];

    [Theory]
    [InlineData("compromise")]
    [InlineData("median-voter")]
    [InlineData("bdm")]
    public void The_breakdown_outcome_is_the_deal_or_the_status_quo_and_blocked_exactly_when_a_veto_player_prefers_it(string model)
    {
        Cases.Sample(k =>
        {
            var scenario = Build(k);
            var deal = Run(model, scenario).Forecast;
            var r = Run(model + "+veto", scenario);
            var prefers = Enumerable.Range(0, k.X.Length).Any(i => k.Veto[i] && k.S[i] > 0 && Math.Abs(k.X[i] - k.Q) < Math.Abs(k.X[i] - deal));
            var anyVeto = k.Veto.Any(v => v);
            return r.Breakdown!.Status == (!anyVeto ? BreakdownStatus.NotPossible : prefers ? BreakdownStatus.Blocked : BreakdownStatus.Agreed)
                && r.Forecast == (prefers ? k.Q : deal);
        }, iter: 60);
    }

    [Fact]
    public void The_win_set_outcome_lies_between_the_deal_and_the_status_quo_and_no_veto_player_prefers_the_status_quo_to_it()
    {
        Cases.Sample(k =>
        {
            var scenario = Build(k);
            var deal = Run("compromise", scenario).Forecast;
            var y = Run("compromise+winset", scenario).Forecast;
            var between = y >= Math.Min(deal, k.Q) - 1e-9 && y <= Math.Max(deal, k.Q) + 1e-9;
            var accepted = Enumerable.Range(0, k.X.Length).All(i => !k.Veto[i] || k.S[i] == 0 || Math.Abs(k.X[i] - y) <= Math.Abs(k.X[i] - k.Q) + 1e-9);
            return between && accepted;
        }, iter: 100);
    }

    [Theory]
    [InlineData("compromise+veto")]
    [InlineData("bdm+veto")]
    [InlineData("compromise+winset")]
    public void Permuting_actors_shifting_positions_or_scaling_capabilities_changes_nothing(string model)
    {
        Cases.SelectMany(k => Gen.Shuffle(Enumerable.Range(0, k.X.Length).ToArray()).Select(p => (k, p))).Sample(t =>
        {
            var (k, p) = t;
            var a = Run(model, Build(k));
            var permuted = Run(model, Build(k, p));
            var shifted = Run(model, Build(k, shift: 256));
            var scaled = Run(model, Build(k, factor: 8));
            const double tol = 1e-6;
            return Math.Abs(a.Forecast - permuted.Forecast) <= tol
                && Math.Abs(a.Forecast + 256 - shifted.Forecast) <= tol
                && Math.Abs(a.Forecast - scaled.Forecast) <= tol
                && a.Breakdown!.Status == permuted.Breakdown!.Status
                && a.Breakdown.Status == shifted.Breakdown!.Status;
        }, iter: 40);
    }
}
