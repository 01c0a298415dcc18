using Parley.Core.Models;

namespace Parley.Tests.Models;

public sealed class IssueStatisticsTests
{
    // EC car-emission case (BDM 1994; Scholz et al. 2011, Table 1): the weighted mean is 7.39 (BRIEF.md).
    private static readonly double[] X = [4, 7, 4, 4, 10, 10, 10, 7, 4, 7];
    private static readonly double[] C = [0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08];
    private static readonly double[] S = [0.8, 0.4, 0.2, 0.8, 0.6, 0.6, 0.9, 0.1, 1.0, 0.7];

    [Fact]
    public void Weighted_mean_of_the_EC_case_is_the_published_7_39()
    {
        Assert.Equal(7.39, IssueStatistics.WeightedMean(X, C, S), 2);
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_two_middle_positions()
    {
        Assert.Equal(2.5, IssueStatistics.Median([4, 1, 3, 2]));
        Assert.Equal(3, IssueStatistics.Median([5, 1, 3]));
    }

    [Fact]
    public void Median_voter_matches_the_direct_double_sum_of_pairwise_votes()
    {
        var w = new double[X.Length];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = C[i] * S[i];
        }

        // Direct: the actor position with the largest Σ_k Σ_i w_i(|x_i − x_k| − |x_i − x|); first in input order wins ties.
        var best = double.NegativeInfinity;
        var bestX = double.NaN;
        foreach (var x in X)
        {
            var total = 0.0;
            foreach (var xk in X)
            {
                for (var i = 0; i < X.Length; i++)
                {
                    total += w[i] * (Math.Abs(X[i] - xk) - Math.Abs(X[i] - x));
                }
            }

            if (total > best + 1e-12)
            {
                best = total;
                bestX = x;
            }
        }

        Assert.Equal(bestX, IssueStatistics.MedianVoter(X, w));
        // Weights at 4: 0.248, at 7: 0.093, at 10: 0.336 (total 0.677): the cumulative weight first passes half at 7.
        Assert.Equal(7, bestX);
    }

    [Fact]
    public void Weighted_mean_with_all_weights_zero_falls_back_to_the_plain_mean()
    {
        Assert.Equal(2, IssueStatistics.WeightedMean([1.0, 3.0], [0.0, 0.0]));
    }
}
