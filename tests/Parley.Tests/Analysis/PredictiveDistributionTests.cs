using Parley.Core.Analysis;
using Parley.Core.Scenarios;

namespace Parley.Tests.Analysis;

/// <summary>The forecast interval's distribution, checked against the split-conformal interval computed by hand.</summary>
public sealed class PredictiveDistributionTests
{
    private static readonly Scale Wide = new(-1000, 1000);

    [Theory]
    [InlineData(50)]
    [InlineData(80)]
    [InlineData(95)]
    public void With_one_forecast_the_interval_is_the_forecast_plus_minus_the_conformal_quantile_of_the_errors(int percent)
    {
        // 20 errors 1..20 (in error-scale units); error scale 2.5.
        var residuals = new ModelResiduals("m", Enumerable.Range(1, 20).Select(i => (double)i), 5);
        var predictive = new PredictiveDistribution([10.0], residuals, Wide, 2.5);
        var interval = predictive.Central(percent);

        // By hand: Z = 10 ± 2.5·R with R uniform on {1..20} and a fair sign. The upper end is the
        // smallest z with P(Z ≤ z) ≥ 1 − α/2, i.e. ½ + ½·P(R ≤ r) ≥ 1 − α/2, i.e. P(R ≤ r) ≥ p:
        // r = ⌈20·p⌉ (the p-quantile of the errors by the inverted distribution function).
        var p = percent / 100.0;
        var r = Math.Ceiling((20 * p) - 1e-9);
        Assert.Equal(10 + (2.5 * r), interval.High, 1e-6);
        Assert.Equal(10 - (2.5 * r), interval.Low, 1e-6);
    }

    [Fact]
    public void The_distribution_is_kept_on_the_scale_with_the_mass_beyond_an_end_at_the_end()
    {
        var residuals = new ModelResiduals("m", [1.0, 2.0, 3.0, 4.0], 2);
        var predictive = new PredictiveDistribution([95.0], residuals, new Scale(0, 100), 10);
        Assert.Equal(1, predictive.Cdf(100));
        Assert.Equal(100, predictive.Central(95).High);
        // Z ≥ 105 with probability ½ (errors 1–4 × 10 ≥ 10 all push past 100 on the upper side).
        Assert.Equal(0.5, 1 - predictive.Cdf(99.999), 12);
    }

    [Fact]
    public void Several_forecasts_mix_with_equal_weight()
    {
        var residuals = new ModelResiduals("m", [0.0], 1);
        var predictive = new PredictiveDistribution([10.0, 20.0, 30.0, 40.0], residuals, Wide, 1);
        Assert.Equal(0.25, predictive.Cdf(10), 12);
        Assert.Equal(0.5, predictive.Cdf(25), 12);
        Assert.Equal(1, predictive.Cdf(40), 12);
        Assert.Equal(20, predictive.Quantile(0.5), 1e-6);
    }

    [Fact]
    public void More_draws_than_the_cap_are_summarised_by_their_quantiles()
    {
        var residuals = new ModelResiduals("m", [0.0], 1);
        var draws = Enumerable.Range(0, 10_000).Select(i => i / 100.0).ToArray();
        var predictive = new PredictiveDistribution(draws, residuals, Wide, 1);
        Assert.Equal(50, predictive.Quantile(0.5), 0.3);
        Assert.Equal(10, predictive.Quantile(0.1), 0.5);
    }
}
