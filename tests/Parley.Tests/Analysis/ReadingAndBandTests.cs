using Parley.Core.Analysis;
using Parley.Core.Scenarios;

namespace Parley.Tests.Analysis;

/// <summary>The forecast in the scale's words, and the probabilities of the stretches between anchors.</summary>
public sealed class ReadingAndBandTests
{
    private static readonly Scale Relief = new(0, 100,
    [
        new ScaleAnchor(0, "none"),
        new ScaleAnchor(50, "step-for-step"),
        new ScaleAnchor(75, "relief first"),
        new ScaleAnchor(100, "everything"),
    ]);

    [Fact]
    public void A_forecast_between_two_anchors_names_both_and_the_nearer()
    {
        Assert.Equal(
            "62 — between 'step-for-step' (50) and 'relief first' (75), nearer 50; 80% interval 41–79",
            ForecastReading.Describe(62.2, Relief, new Interval(80, 41.4, 78.6), "80% interval"));
        Assert.Equal("between 'step-for-step' (50) and 'relief first' (75), nearer 75", ForecastReading.Where(70, Relief));
        Assert.Equal("between 'step-for-step' (50) and 'relief first' (75), about halfway", ForecastReading.Where(62.5, Relief));
    }

    [Fact]
    public void A_forecast_on_an_anchor_is_read_as_that_anchor()
    {
        Assert.Equal("at 'step-for-step' (50)", ForecastReading.Where(50.3, Relief));
    }

    [Fact]
    public void Outside_the_anchors_and_without_anchors_the_reading_says_so()
    {
        var inner = new Scale(0, 100, [new ScaleAnchor(20, "low"), new ScaleAnchor(80, "high")]);
        Assert.Equal("below 'low' (20), the lowest named point", ForecastReading.Where(5, inner));
        Assert.Equal("above 'high' (80), the highest named point", ForecastReading.Where(95, inner));
        Assert.Equal("30% of the way from 4.00 to 10.00", ForecastReading.Where(5.8, new Scale(4, 10)));
    }

    [Fact]
    public void Long_labels_are_cut_with_an_ellipsis()
    {
        Assert.Equal("at 'step-f…' (50)", ForecastReading.Where(50, Relief, 7));
    }

    [Fact]
    public void Band_probabilities_follow_the_distribution_function_and_sum_to_one()
    {
        // A uniform distribution on [0, 100]: P(Z ≤ v) = v/100.
        var bands = ScaleBands.Of(Relief, v => v / 100);
        Assert.Equal(3, bands.Count);
        Assert.Equal([0.5, 0.25, 0.25], bands.Select(b => Math.Round(b.Probability, 12)));
        Assert.Equal(("none", "step-for-step"), (bands[0].FromLabel, bands[0].ToLabel));
        Assert.Equal(1, bands.Sum(b => b.Probability), 12);
    }

    [Fact]
    public void Anchors_inside_the_scale_make_bands_from_the_ends_too()
    {
        var inner = new Scale(0, 100, [new ScaleAnchor(40, "mid")]);
        var bands = ScaleBands.Of(inner, v => v >= 30 ? 1 : 0); // all mass at 30
        Assert.Equal(2, bands.Count);
        Assert.Equal((0.0, 40.0, (string?)null, "mid"), (bands[0].From, bands[0].To, bands[0].FromLabel, bands[0].ToLabel));
        Assert.Equal(1, bands[0].Probability);
        Assert.Equal(0, bands[1].Probability);
        Assert.Empty(ScaleBands.Of(new Scale(0, 1), v => v));
    }
}
