using Parley.Formats.Results;
using Parley.Reports.Html;

namespace Parley.Reports.Svg;

/// <summary>
/// One issue's forecasts, one row per model on the issue's whole scale: the 95%, 80% and 50%
/// forecast intervals as nested bands (the input-sensitivity interval as a thin line below when
/// there is no forecast interval), and the point forecast as a dot; the scale's anchors as
/// dashed lines.
/// </summary>
internal static class ForecastChart
{
    private const double Width = 720;
    private const double LabelWidth = 130;
    private const double RowHeight = 28;
    private const double Top = 16;

    /// <summary>The chart of <paramref name="issue"/>.</summary>
    public static string Render(IssueReport issue)
    {
        var models = issue.Models.ToList();
        var height = Top + (models.Count * RowHeight) + 34;
        var svg = new Svg(Width, height, $"Forecast and intervals for {issue.Name}, per model");
        var axis = new ScaleAxis(issue.Minimum, issue.Maximum, LabelWidth + 10, Width - 20);
        var bottom = Top + (models.Count * RowHeight);
        foreach (var anchor in issue.Anchors)
        {
            svg.Line(axis.At(anchor.Value), Top - 6, axis.At(anchor.Value), bottom, Palette.Grid, 1, "3,3");
        }

        for (var m = 0; m < models.Count; m++)
        {
            var (name, r) = models[m];
            var y = Top + (m * RowHeight);
            var mid = y + (RowHeight / 2);
            svg.Text(LabelWidth, mid + 4, name, "end", 12);
            var bands = r.Interval ?? r.Sensitivity;
            if (bands is not null)
            {
                var kind = r.Interval is not null ? "forecast interval" : "input sensitivity";
                Band(svg, axis, bands, "95", y + 6, RowHeight - 12, Palette.Interval95, $"{name}: 95% {kind}");
                Band(svg, axis, bands, "80", y + 8, RowHeight - 16, Palette.Interval80, $"{name}: 80% {kind}");
                Band(svg, axis, bands, "50", y + 10, RowHeight - 20, Palette.Interval50, $"{name}: 50% {kind}");
            }

            svg.Circle(axis.At(r.Forecast), mid, 5, Palette.Series(m), $"{name}: {HtmlText.Number(r.Forecast)}", "#ffffff");
        }

        svg.Line(axis.Left, bottom, axis.Right, bottom, Palette.Axis);
        foreach (var tick in axis.Ticks(10))
        {
            svg.Line(axis.At(tick), bottom, axis.At(tick), bottom + 4, Palette.Axis);
            svg.Text(axis.At(tick), bottom + 16, HtmlText.Short(tick, 2), "middle", 10, Palette.Axis);
        }

        svg.Text(axis.Left, bottom + 30, "dot: forecast · bands: 50% / 80% / 95% interval · dashed: the scale's named points", "start", 10, Palette.Axis);
        return svg.ToString();
    }

    private static void Band(Svg svg, ScaleAxis axis, IReadOnlyDictionary<string, double[]> intervals, string level, double y, double height, string fill, string title)
    {
        if (intervals.TryGetValue(level, out var pair) && pair.Length == 2)
        {
            var x0 = axis.At(pair[0]);
            var x1 = axis.At(pair[1]);
            svg.Rect(x0, y, Math.Max(1.5, x1 - x0), height, fill, $"{title}: {HtmlText.Number(pair[0])}–{HtmlText.Number(pair[1])}");
        }
    }
}
