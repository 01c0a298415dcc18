using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Scenarios;
using Parley.Tests.Support;

namespace Parley.Tests.Models;

public sealed class ExpectedUtilityTests
{
    // The EC car-emission-standards case (BDM 1994; Scholz et al. 2011, Table 1), in input order.
    private static readonly string[] Names = ["Netherlands", "Belgium", "Luxembourg", "Germany", "France", "Italy", "UK", "Ireland", "Denmark", "Greece"];
    private static readonly double[] X = [4, 7, 4, 4, 10, 10, 10, 7, 4, 7];
    private static readonly double[] C = [0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08];
    private static readonly double[] S = [0.8, 0.4, 0.2, 0.8, 0.6, 0.6, 0.9, 0.1, 1.0, 0.7];

    private static IssueInput Ec() => new("emissions", Names, Names, (double[])X.Clone(), C, S);

    private static IssueResult RunScholz(IssueInput input, int? rounds = null) =>
        new ExpectedUtilityModel(ExpectedUtilityVariant.Scholz2011).RunIssue(input, new ModelOptions { Rounds = rounds });

    public sealed class TheEcEmissionsReference
    {
        private const double Tolerance = 1e-3; // BRIEF.md's numbers have three decimals.

        [Fact]
        public void Round_one_risk_exponents_match_the_published_values()
        {
            double[] expected = [1.406, 0.754, 0.509, 1.406, 1.047, 1.047, 1.965, 0.500, 2.000, 1.112];
            var risk = RunScholz(Ec(), 1).Rounds[1].Eu().RiskExponents;
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - risk[i]) <= Tolerance, $"{Names[i]}: expected {expected[i]}, got {risk[i]}");
            }
        }

        [Fact]
        public void Round_one_moves_are_Belgium_compromising_and_Luxembourg_and_Ireland_losing_confrontations()
        {
            var result = RunScholz(Ec(), 1);
            var after = result.Rounds[1].Positions;
            Assert.Equal(8.4159, after[1], Tolerance);
            Assert.Equal(7.0, after[2], Tolerance);
            Assert.Equal(4.0, after[7], Tolerance);

            var accepted = result.Rounds[1].Eu().Offers!.Where(o => o.Accepted).ToDictionary(o => o.To);
            Assert.Equal(("France", OfferKind.Compromise), (accepted["Belgium"].From, accepted["Belgium"].Kind));
            Assert.Equal(("Belgium", OfferKind.Confrontation), (accepted["Luxembourg"].From, accepted["Luxembourg"].Kind));
            Assert.Equal(("Luxembourg", OfferKind.Confrontation), (accepted["Ireland"].From, accepted["Ireland"].Kind));
        }

        [Fact]
        public void Weighted_mean_is_7_39_before_and_7_4613_after_round_one()
        {
            var result = RunScholz(Ec(), 1);
            Assert.Equal(7.39, result.Rounds[0].Mean, 0.005); // published with two decimals
            Assert.Equal(7.4613, result.Rounds[1].Mean, Tolerance);
        }

        [Fact]
        public void Ten_rounds_follow_the_same_rules_as_the_plain_reference()
        {
            var fast = RunScholz(Ec(), 10);
            var reference = ReferenceExpectedUtility.Scholz(X, C, S, 10);
            Assert.Equal(11, fast.Rounds.Count);
            for (var k = 0; k <= 10; k++)
            {
                for (var i = 0; i < X.Length; i++)
                {
                    Assert.Equal(reference.Positions[k][i], fast.Rounds[k].Positions[i], 1e-9);
                }
            }
        }
    }

    public sealed class TheFastImplementation
    {
        [Theory]
        [InlineData(5, 1)]
        [InlineData(12, 2)]
        [InlineData(30, 3)]
        [InlineData(70, 4)] // above the threshold where the tables are built in parallel
        public void Equals_the_plain_reference_for_both_variants(int n, int seed)
        {
            var rng = new Parley.Core.Simulation.SeededRandom((ulong)seed);
            var x = new double[n];
            var c = new double[n];
            var s = new double[n];
            for (var i = 0; i < n; i++)
            {
                x[i] = 100 * rng.NextDouble();
                c[i] = 0.1 + rng.NextDouble();
                s[i] = 0.05 + (0.95 * rng.NextDouble());
            }

            var ids = Enumerable.Range(0, n).Select(i => $"a{i}").ToArray();
            var input = new IssueInput("i", ids, ids, x, c, s);
            const int rounds = 6;
            foreach (var (variant, reference) in new[]
            {
                (ExpectedUtilityVariant.Scholz2011, ReferenceExpectedUtility.Scholz(x, c, s, rounds)),
                (ExpectedUtilityVariant.Bdm, ReferenceExpectedUtility.Bdm(x, c, s, rounds)),
            })
            {
                var fast = new ExpectedUtilityModel(variant).RunIssue(input, new ModelOptions { Rounds = rounds, Tolerance = 1e-300, Offers = OfferRecording.All });
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

    public sealed class TheBdmVariant
    {
        [Fact]
        public void Stops_once_the_mean_has_settled_for_three_rounds()
        {
            var result = new ExpectedUtilityModel(ExpectedUtilityVariant.Bdm).RunIssue(Ec(), ModelOptions.Default);
            var k = result.Rounds.Count - 1;
            Assert.True(k < ExpectedUtilityModel.DefaultBdmMaxRounds, result.Note);
            var delta = X.Max() - X.Min();
            for (var q = k - 2; q <= k; q++)
            {
                Assert.True(Math.Abs(result.Rounds[q].Mean - result.Rounds[q - 1].Mean) < ExpectedUtilityModel.DefaultBdmTolerance * delta);
            }

            Assert.Contains("Converged", result.Note, StringComparison.Ordinal);
        }

        [Fact]
        public void All_actors_at_one_position_produce_that_position_and_no_NaN()
        {
            var ids = new[] { "a", "b" };
            var input = new IssueInput("i", ids, ids, [3.0, 3.0], [1.0, 2.0], [0.5, 0.5]);
            foreach (var variant in Enum.GetValues<ExpectedUtilityVariant>())
            {
                var result = new ExpectedUtilityModel(variant).RunIssue(input, ModelOptions.Default);
                Assert.Equal(3.0, result.Forecast);
            }
        }
    }
}
