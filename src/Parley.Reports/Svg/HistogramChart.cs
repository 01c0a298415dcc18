using Parley.Formats.Results;
using Parley.Reports.Html;

namespace Parley.Reports.Svg;

/// <summary>The distribution of a model's forecast over the input draws: the histogram's bins across the scale, the point forecast marked.</summary>
internal static class HistogramChart
{
    private const double Width = 720;
    private const double Height = 170;
    private const double Left = 50;
    private const double Top = 12;
    private const double Bottom = Height - 34;

    /// <summary>The chart of <paramref name="model"/>'s draws on <paramref name="issue"/>; null when it has none.</summary>
    public static string? Render(IssueReport issue, string model, ModelIssueReport result)
    {
        if (result.Histogram is not { Counts.Count: > 0 } histogram)
        {
            return null;
        }

        var svg = new Svg(Width, Height, $"Distribution of the {model} forecast for {issue.Name} over the input draws");
        var axis = new ScaleAxis(histogram.Minimum, histogram.Maximum, Left, Width - 20);
        var most = Math.Max(1, histogram.Counts.Max());
        var total = histogram.Counts.Sum();
        var bin = (histogram.Maximum - histogram.Minimum) / histogram.Counts.Count;
        for (var b = 0; b < histogram.Counts.Count; b++)
        {
            var from = histogram.Minimum + (b * bin);
            var x0 = axis.At(from);
            var x1 = axis.At(from + bin);
            var h = (Bottom - Top) * histogram.Counts[b] / most;
            svg.Rect(x0 + 1, Bottom - h, x1 - x0 - 2, h, Palette.Interval80,
                $"{HtmlText.Short(from, 2)}–{HtmlText.Short(from + bin, 2)}: {histogram.Counts[b]} of {total} draws");
        }

        svg.Line(axis.At(result.Forecast), Top, axis.At(result.Forecast), Bottom, Palette.Series(1), 2);
        svg.Text(axis.At(result.Forecast) + 4, Top + 10, $"forecast {HtmlText.Number(result.Forecast)}", "start", 10, Palette.Series(1));
        svg.Line(Left, Bottom, Width - 20, Bottom, Palette.Axis);
        foreach (var tick in axis.Ticks(10))
        {
            svg.Line(axis.At(tick), Bottom, axis.At(tick), Bottom + 4, Palette.Axis);
            svg.Text(axis.At(tick), Bottom + 16, HtmlText.Short(tick, 2), "middle", 10, Palette.Axis);
        }

        svg.Text(Left - 6, Top + 8, HtmlText.Percent((double)most / Math.Max(1, total)), "end", 10, Palette.Axis);
        svg.Text(Left - 6, Bottom, "0", "end", 10, Palette.Axis);
        svg.Text(Left, Height - 4, $"{total} input draws, share per bin; the line is the point forecast", "start", 10, Palette.Axis);
        return svg.ToString();
    }
}
