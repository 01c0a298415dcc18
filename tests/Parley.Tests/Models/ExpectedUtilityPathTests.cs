using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Scenarios;
using Parley.Core.Simulation;
using Parley.Tests.Support;

namespace Parley.Tests.Models;

/// <summary>
/// The expected-utility model has two ways of computing a round — one for few actors, one for
/// thousands — and two shortcuts (skipping offers that cannot be made, and rounds that repeat).
/// Each must change nothing: these tests compare every pair bit for bit, on random issues whose
/// positions are continuous or on a coarse grid (so that actors share positions, as they do after
/// a few rounds), and check the fast path against the plain O(n³) reference too.
/// </summary>
public sealed class ExpectedUtilityPathTests
{
    private static readonly ExpectedUtilityVariant[] Variants = [ExpectedUtilityVariant.Scholz2011, ExpectedUtilityVariant.Bdm];

    private static IssueInput RandomIssue(int n, ulong seed, bool grid)
    {
        var rng = new SeededRandom(seed);
        var x = new double[n];
        var c = new double[n];
        var s = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = grid ? 10 * rng.NextInt(6) : 100 * rng.NextDouble();
            c[i] = grid && i % 3 == 0 ? 1 : 0.1 + (10 * rng.NextDouble());
            s[i] = grid && i % 4 == 0 ? 0.5 : 0.05 + (0.95 * rng.NextDouble());
        }

        if (x.Max() == x.Min())
        {
            x[0] += 10;
        }

        var ids = Enumerable.Range(0, n).Select(i => $"a{i}").ToArray();
        return new IssueInput("issue", ids, ids, x, c, s);
    }

    private static IssueResult Run(ExpectedUtilityModel model, IssueInput input, int rounds = 10) =>
        model.RunIssue(input, new ModelOptions { Rounds = rounds, Tolerance = 1e-300, Offers = OfferRecording.All });

    /// <summary>Every round's positions, mean, median voter, risk exponents and offers (with both utilities) are the same bits.</summary>
    private static void AssertSameRounds(IssueResult expected, IssueResult actual)
    {
        Assert.Equal(expected.Rounds.Count, actual.Rounds.Count);
        Assert.Equal(expected.Forecast, actual.Forecast);
        for (var k = 0; k < expected.Rounds.Count; k++)
        {
            var (e, a) = (expected.Rounds[k], actual.Rounds[k]);
            Assert.Equal(e.Positions, a.Positions);
            Assert.Equal(e.Mean, a.Mean);
            Assert.Equal(e.MedianVoter, a.MedianVoter);
            if (k > 0)
            {
                Assert.Equal(e.Eu().RiskExponents, a.Eu().RiskExponents);
                Assert.Equal(e.Eu().Offers, a.Eu().Offers);
            }
        }
    }

    public static TheoryData<int, bool> Sizes()
    {
        var data = new TheoryData<int, bool>();
        foreach (var n in new[] { 2, 3, 5, 8, 9, 16, 29, 31, 32 })
        {
            data.Add(n, false);
            data.Add(n, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_small_and_the_large_path_give_the_same_rounds_bit_for_bit(int n, bool grid)
    {
        foreach (var variant in Variants)
        {
            for (var seed = 1UL; seed <= 5; seed++)
            {
                var input = RandomIssue(n, (seed * 1000) + (ulong)n, grid);
                var small = Run(new ExpectedUtilityModel(variant), input);
                var large = Run(new ExpectedUtilityModel(variant) { SmallActorLimit = 0 }, input);
                AssertSameRounds(large, small);
            }
        }
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(9, true)]
    [InlineData(32, false)]
    [InlineData(32, true)]
    public void The_small_path_equals_the_plain_reference_to_1e_9(int n, bool grid)
    {
        for (var seed = 1UL; seed <= 3; seed++)
        {
            var input = RandomIssue(n, seed + 77, grid);
            var (x, c, s) = (input.Positions, input.Capabilities, input.Saliences);
            foreach (var (variant, reference) in new[]
            {
                (ExpectedUtilityVariant.Scholz2011, ReferenceExpectedUtility.Scholz(x, c, s, 10)),
                (ExpectedUtilityVariant.Bdm, ReferenceExpectedUtility.Bdm(x, c, s, 10)),
            })
            {
                var fast = Run(new ExpectedUtilityModel(variant), input);
                for (var k = 1; k < fast.Rounds.Count; k++)
                {
                    for (var i = 0; i < n; i++)
                    {
                        Assert.Equal(reference.Risk[k - 1][i], fast.Rounds[k].Eu().RiskExponents[i], 1e-9);
                        Assert.Equal(reference.Positions[k][i], fast.Rounds[k].Positions[i], 1e-9);
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Skipping_offers_that_cannot_be_made_changes_nothing(int n, bool grid)
    {
        foreach (var variant in Variants)
        {
            for (var seed = 1UL; seed <= 5; seed++)
            {
                var input = RandomIssue(n, (seed * 7919) + (ulong)n, grid);
                var skipping = Run(new ExpectedUtilityModel(variant), input, 20);
                var full = Run(new ExpectedUtilityModel(variant) { SkipImpossibleOffers = false }, input, 20);
                AssertSameRounds(full, skipping);
            }
        }
    }

    [Fact]
    public void Skipping_rounds_that_repeat_gives_the_result_of_computing_them()
    {
        // Issues where the positions come back exactly (fixed points and cycles) are common on a
        // coarse grid; the test counts them, so that it cannot pass without exercising the skip.
        var repeating = 0;
        foreach (var variant in Variants)
        {
            for (var seed = 1UL; seed <= 150; seed++)
            {
                var input = RandomIssue(3 + (int)(seed % 10), seed, grid: seed % 2 == 0);
                foreach (var rounds in new int?[] { null, 7, 40 })
                {
                    var path = new ExpectedUtilityModel(variant).RunIssue(input, new ModelOptions { Rounds = rounds, Offers = OfferRecording.Accepted });
                    repeating += Repeats(path) ? 1 : 0;
                    var lean = new ModelOptions { Rounds = rounds, Offers = OfferRecording.Accepted, KeepPath = false };
                    var skipped = new ExpectedUtilityModel(variant).RunIssue(input, lean);
                    var computed = new ExpectedUtilityModel(variant) { SkipRepeatedRounds = false }.RunIssue(input, lean);
                    Assert.Equal((computed.Stop, computed.RoundsRun, computed.Note), (skipped.Stop, skipped.RoundsRun, skipped.Note));
                    Assert.Equal((path.Stop, path.RoundsRun, path.Note), (skipped.Stop, skipped.RoundsRun, skipped.Note));
                    AssertSameRounds(computed, skipped);
                    var last = skipped.Rounds[^1];
                    Assert.Equal(path.Rounds[^1].Positions, last.Positions);
                    Assert.Equal(path.Rounds[^1].Eu().RiskExponents, last.Eu().RiskExponents);
                    Assert.Equal(path.Rounds[^1].Eu().Offers, last.Eu().Offers);
                    Assert.Equal(path.Forecast, new ExpectedUtilityModel(variant).ForecastOnly(input, lean, default));
                }
            }
        }

        Assert.True(repeating >= 100, $"only {repeating} runs repeated their positions");
    }

    [Fact]
    public void A_forecast_alone_equals_the_forecast_of_a_full_run_for_every_one_issue_model()
    {
        var models = ModelCatalog.All.OfType<IssueModel>().ToList();
        Assert.Contains(models, m => m is ExpectedUtilityModel);
        for (var seed = 1UL; seed <= 40; seed++)
        {
            var input = RandomIssue(2 + (int)(seed % 40), seed, grid: seed % 3 == 0);
            foreach (var model in models)
            {
                Assert.Equal(model.RunIssue(input, ModelOptions.Default).Forecast, model.ForecastOnly(input, ModelOptions.Default, default));
            }
        }
    }

    /// <summary>True when some round's positions equal an earlier round's exactly.</summary>
    private static bool Repeats(IssueResult path)
    {
        for (var k = 1; k < path.Rounds.Count; k++)
        {
            for (var q = 0; q < k; q++)
            {
                if (path.Rounds[k].Positions.SequenceEqual(path.Rounds[q].Positions))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
