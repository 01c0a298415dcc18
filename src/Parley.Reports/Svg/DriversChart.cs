using Parley.Formats.Results;
using Parley.Reports.Html;

namespace Parley.Reports.Svg;

/// <summary>
/// Who drives a forecast, as a tornado: one bar per input (actor × position, salience or
/// capability), from the forecast with the input moved down to the forecast with it moved up,
/// largest swing on top; the point forecast as a line. The axis is zoomed onto the swings.
/// </summary>
internal static class DriversChart
{
    private const double Width = 720;
    private const double LabelWidth = 220;
    private const double RowHeight = 20;
    private const double Top = 10;

    /// <summary>The chart of the first <paramref name="count"/> drivers; null when there are none.</summary>
    public static string? Render(IssueReport issue, string model, ModelIssueReport result, IReadOnlyDictionary<string, string> actorNames, int count = 8)
    {
        var drivers = result.Drivers.Take(count).ToList();
        if (drivers.Count == 0)
        {
            return null;
        }

        var low = drivers.Min(d => Math.Min(d.ForecastAtLow, d.ForecastAtHigh));
        var high = drivers.Max(d => Math.Max(d.ForecastAtLow, d.ForecastAtHigh));
        var (min, max) = ScaleAxis.Around(Math.Min(low, result.Forecast), Math.Max(high, result.Forecast), issue.Minimum, issue.Maximum);
        var axis = new ScaleAxis(min, max, LabelWidth + 10, Width - 20);
        var bottom = Top + (drivers.Count * RowHeight);
        var svg = new Svg(Width, bottom + 36, $"The inputs that move the {model} forecast for {issue.Name} most");
        for (var i = 0; i < drivers.Count; i++)
        {
            var d = drivers[i];
            var y = Top + (i * RowHeight);
            var name = actorNames.TryGetValue(d.Actor, out var n) ? n : d.Actor;
            svg.Text(LabelWidth, y + 14, $"{Shorten(name, 26)} · {d.Input}", "end", 11);
            var x0 = axis.At(Math.Min(d.ForecastAtLow, d.ForecastAtHigh));
            var x1 = axis.At(Math.Max(d.ForecastAtLow, d.ForecastAtHigh));
            var up = d.ForecastAtHigh >= d.ForecastAtLow;
            svg.Rect(x0, y + 3, Math.Max(1.5, x1 - x0), RowHeight - 6, up ? Palette.Series(0) : Palette.Series(1),
                $"{name}, {d.Input} {HtmlText.Short(d.Low)} → {HtmlText.Short(d.High)}: forecast {HtmlText.Number(d.ForecastAtLow)} → {HtmlText.Number(d.ForecastAtHigh)} ({(d.Effect >= 0 ? "+" : string.Empty)}{HtmlText.Number(d.Effect)})", 0.85);
        }

        svg.Line(axis.At(result.Forecast), Top - 4, axis.At(result.Forecast), bottom, "#000000", 1.5);
        svg.Line(axis.Left, bottom, axis.Right, bottom, Palette.Axis);
        foreach (var tick in axis.Ticks(8))
        {
            svg.Line(axis.At(tick), bottom, axis.At(tick), bottom + 4, Palette.Axis);
            svg.Text(axis.At(tick), bottom + 16, HtmlText.Short(tick, 2), "middle", 10, Palette.Axis);
        }

        svg.Text(axis.Left, bottom + 31, "bar: forecast with the input moved down → up (blue: up raises it, red: up lowers it) · line: the forecast", "start", 10, Palette.Axis);
        return svg.ToString();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
