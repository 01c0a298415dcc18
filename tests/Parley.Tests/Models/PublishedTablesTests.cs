using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Parley.Formats;
using Parley.Tests.Formats;

namespace Parley.Tests.Models;

public sealed class PublishedTablesTests
{
    public static TheoryData<string> Tables => new(
        Directory.GetFiles(FormatTestHelpers.Data("bdm"), "*.csv").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_published_table_runs_ten_rounds_of_both_variants_with_finite_in_range_results(string table)
    {
        var scenario = ScenarioFiles.Read(FormatTestHelpers.Data("bdm", table)).Value!;
        var input = scenario.Compile(0);
        var (lo, hi) = (input.Positions.Min(), input.Positions.Max());
        foreach (var variant in Enum.GetValues<ExpectedUtilityVariant>())
        {
            var result = new ExpectedUtilityModel(variant).RunIssue(input, new ModelOptions { Rounds = 10 });
            if (variant == ExpectedUtilityVariant.Scholz2011)
            {
                Assert.Equal(11, result.Rounds.Count); // round 0 and ten rounds
            }
            else
            {
                Assert.InRange(result.Rounds.Count, 2, 11); // bdm may stop early once the mean settles
            }

            foreach (var round in result.Rounds)
            {
                Assert.All(round.Positions, x => Assert.InRange(x, lo, hi));
                Assert.True(double.IsFinite(round.Mean) && double.IsFinite(round.MedianVoter));
                if (round.Detail is ExpectedUtilityRound eu)
                {
                    Assert.All(eu.RiskExponents, r => Assert.InRange(r, 0.5 - 1e-12, 2.0 + 1e-12)); // [0.5, 2] up to rounding
                }

                foreach (var offer in (round.Detail as ExpectedUtilityRound)?.Offers ?? [])
                {
                    Assert.True(double.IsFinite(offer.ReceiverUtility) && double.IsFinite(offer.ProposerUtility));
                }
            }
        }
    }
}
