using Parley.Core.Models;
using Parley.Core.Scenarios;

namespace Parley.Core.Analysis;

/// <summary>How an issue's forecast errors are scaled before they are pooled across issues.</summary>
public enum ResidualScaleKind
{
    /// <summary>
    /// The capability × salience weighted standard deviation of the positions plus 5% of the scale
    /// width: issues where the actors agree get narrower intervals. Chosen on the DEU III development
    /// split by cross-validation over proposals (docs/validation.md): it is the only scale of those
    /// tried that calibrates every one-issue model within a point or two, and its intervals are the
    /// narrowest or near it.
    /// </summary>
    PositionSpread,

    /// <summary>The scale width: every issue's errors count alike (compared in docs/validation.md).</summary>
    ScaleWidth,
}

/// <summary>The scale of an issue's forecast errors (see <see cref="ResidualScaleKind"/>).</summary>
public static class ResidualScale
{
    /// <summary>The floor added to the positions' spread, as a share of the scale width.</summary>
    public const double FloorShare = 0.05;

    /// <summary>The error scale of <paramref name="input"/> on <paramref name="scale"/> (always &gt; 0).</summary>
    public static double Of(IssueInput input, Scale scale, ResidualScaleKind kind = ResidualScaleKind.PositionSpread)
    {
        Preconditions.NotNull(input, nameof(input));
        Preconditions.NotNull(scale, nameof(scale));
        var width = scale.Maximum - scale.Minimum;
        if (kind == ResidualScaleKind.ScaleWidth || input.Count == 0)
        {
            return width;
        }

        var w = new double[input.Count];
        var total = 0.0;
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = input.Capabilities[i] * input.Saliences[i];
            total += w[i];
        }

        if (!(total > 0))
        {
            Array.Fill(w, 1.0);
        }

        var mean = IssueStatistics.WeightedMean(input.Positions, w);
        var sum = 0.0;
        var weights = 0.0;
        for (var i = 0; i < w.Length; i++)
        {
            var d = input.Positions[i] - mean;
            sum += w[i] * d * d;
            weights += w[i];
        }

        return Math.Sqrt(sum / weights) + (FloorShare * width);
    }
}
