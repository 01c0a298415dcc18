using Parley.Formats.Results;
using Parley.Reports.Html;

namespace Parley.Reports.Svg;

/// <summary>How positions move round by round in an iterative model: one line per actor over the rounds (at most twelve named, the rest grey), the weighted mean in black.</summary>
internal static class PathChart
{
    private const double Width = 720;
    private const double Height = 240;
    private const double Left = 50;
    private const double Right = 150;
    private const double Top = 12;
    private const double Bottom = Height - 32;
    private const int NamedActors = 12;

    /// <summary>The chart of <paramref name="model"/>'s path on <paramref name="issue"/>; null for a model without rounds.</summary>
    public static string? Render(IssueReport issue, string model, ModelIssueReport result, IReadOnlyDictionary<string, string> actorNames)
    {
        if (result.Rounds.Count < 2)
        {
            return null;
        }

        var svg = new Svg(Width, Height, $"Positions round by round in {model} on {issue.Name}");
        var rounds = result.Rounds;
        var last = rounds[^1].Round;
        var x = new ScaleAxis(rounds[0].Round, Math.Max(last, rounds[0].Round + 1), Left, Width - Right);
        var y = new ScaleAxis(issue.Minimum, issue.Maximum, Bottom, Top);
        foreach (var tick in y.Ticks(5))
        {
            svg.Line(Left, y.At(tick), Width - Right, y.At(tick), Palette.Grid);
            svg.Text(Left - 6, y.At(tick) + 3, HtmlText.Short(tick, 2), "end", 10, Palette.Axis);
        }

        var actors = rounds[0].Positions.Keys.ToList();
        for (var a = actors.Count - 1; a >= 0; a--)
        {
            var id = actors[a];
            var named = a < NamedActors;
            var colour = named ? Palette.Series(a) : "#bbbbbb";
            var points = rounds.Where(r => r.Positions.ContainsKey(id)).Select(r => (x.At(r.Round), y.At(r.Positions[id]))).ToList();
            var name = actorNames.TryGetValue(id, out var n) ? n : id;
            svg.Polyline(points, colour, named ? 1.6 : 1, name);
            if (named)
            {
                var end = rounds[^1].Positions.TryGetValue(id, out var p) ? p : rounds[0].Positions[id];
                svg.Text(Width - Right + 6, y.At(end) + 3, Shorten(name, 22), "start", 9, colour);
            }
        }

        svg.Polyline(rounds.Select(r => (x.At(r.Round), y.At(r.Mean))), "#000000", 2.5, "weighted mean");
        svg.Line(Left, Bottom, Width - Right, Bottom, Palette.Axis);
        foreach (var tick in x.Ticks(Math.Min(10, Math.Max(1, last))))
        {
            svg.Text(x.At(tick), Bottom + 14, HtmlText.Short(tick, 0), "middle", 10, Palette.Axis);
        }

        svg.Text(Left, Height - 4, "round → (0 is the input) · black: capability × salience weighted mean", "start", 10, Palette.Axis);
        return svg.ToString();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
