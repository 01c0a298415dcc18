using Parley.Core.Scenarios;

namespace Parley.Core.Analysis;

/// <summary>A stretch of a scale between two adjacent anchors (or an anchor and an end), with the probability that the outcome falls in it.</summary>
/// <param name="From">Lower edge (excluded, except for the first band, which starts at the scale's minimum).</param>
/// <param name="To">Upper edge (included).</param>
/// <param name="FromLabel">The anchor label at the lower edge, or null at a bare end of the scale.</param>
/// <param name="ToLabel">The anchor label at the upper edge, or null at a bare end of the scale.</param>
/// <param name="Probability">The probability of an outcome in the band.</param>
public sealed record BandProbability(double From, double To, string? FromLabel, string? ToLabel, double Probability);

/// <summary>Splits a scale at its anchors into bands and gives each band's probability under a distribution.</summary>
public static class ScaleBands
{
    /// <summary>The bands of <paramref name="scale"/>, each with its probability under the distribution function <paramref name="cdf"/> (P(Z ≤ v)); empty when the scale has no anchor inside it.</summary>
    public static IReadOnlyList<BandProbability> Of(Scale scale, Func<double, double> cdf)
    {
        Preconditions.NotNull(scale, nameof(scale));
        Preconditions.NotNull(cdf, nameof(cdf));
        var anchors = scale.Anchors
            .Where(a => scale.Contains(a.Value))
            .GroupBy(a => a.Value)
            .Select(g => g.First())
            .OrderBy(a => a.Value)
            .ToList();
        if (anchors.Count == 0)
        {
            return [];
        }

        var edges = new List<(double Value, string? Label)>();
        if (anchors[0].Value > scale.Minimum)
        {
            edges.Add((scale.Minimum, null));
        }

        edges.AddRange(anchors.Select(a => (a.Value, (string?)a.Label)));
        if (anchors[^1].Value < scale.Maximum)
        {
            edges.Add((scale.Maximum, null));
        }

        var bands = new List<BandProbability>();
        var below = 0.0;
        for (var i = 0; i + 1 < edges.Count; i++)
        {
            var upTo = i + 2 == edges.Count ? 1.0 : Math.Clamp(cdf(edges[i + 1].Value), 0, 1);
            bands.Add(new BandProbability(edges[i].Value, edges[i + 1].Value, edges[i].Label, edges[i + 1].Label, Math.Max(0, upTo - below)));
            below = Math.Max(below, upTo);
        }

        return bands;
    }
}
