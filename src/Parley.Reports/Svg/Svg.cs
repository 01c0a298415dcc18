using System.Globalization;
using System.Text;

namespace Parley.Reports.Svg;

/// <summary>
/// A small writer of inline SVG: shapes and text with coordinates written the same way on every
/// machine (invariant culture, two decimals), so that a report's bytes depend on its data only.
/// </summary>
internal sealed class Svg
{
    private readonly StringBuilder _sb = new();

    /// <summary>Starts a drawing of <paramref name="width"/> × <paramref name="height"/> user units, labelled for screen readers.</summary>
    public Svg(double width, double height, string label)
    {
        Width = width;
        Height = height;
        _sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height))
            .Append("\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(height)).Append("\" role=\"img\" aria-label=\"").Append(Html.HtmlText.Attribute(label)).Append("\">");
    }

    /// <summary>Width in user units.</summary>
    public double Width { get; }

    /// <summary>Height in user units.</summary>
    public double Height { get; }

    /// <summary>A rectangle.</summary>
    public Svg Rect(double x, double y, double width, double height, string fill, string? title = null, double opacity = 1)
    {
        _sb.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(Math.Max(0, width))).Append("\" height=\"").Append(N(Math.Max(0, height)))
            .Append("\" fill=\"").Append(fill).Append('"');
        if (opacity < 1)
        {
            _sb.Append(" fill-opacity=\"").Append(N(opacity)).Append('"');
        }

        return Close("rect", title);
    }

    /// <summary>A straight line.</summary>
    public Svg Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        _sb.Append("<line x1=\"").Append(N(x1)).Append("\" y1=\"").Append(N(y1)).Append("\" x2=\"").Append(N(x2)).Append("\" y2=\"").Append(N(y2))
            .Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width)).Append('"');
        if (dash is not null)
        {
            _sb.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        }

        _sb.Append("/>");
        return this;
    }

    /// <summary>A polyline through <paramref name="points"/>.</summary>
    public Svg Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 1.5, string? title = null)
    {
        _sb.Append("<polyline fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width)).Append("\" points=\"");
        var first = true;
        foreach (var (x, y) in points)
        {
            _sb.Append(first ? string.Empty : " ").Append(N(x)).Append(',').Append(N(y));
            first = false;
        }

        _sb.Append('"');
        return Close("polyline", title);
    }

    /// <summary>A circle.</summary>
    public Svg Circle(double cx, double cy, double r, string fill, string? title = null, string? stroke = null)
    {
        _sb.Append("<circle cx=\"").Append(N(cx)).Append("\" cy=\"").Append(N(cy)).Append("\" r=\"").Append(N(r)).Append("\" fill=\"").Append(fill).Append('"');
        if (stroke is not null)
        {
            _sb.Append(" stroke=\"").Append(stroke).Append('"');
        }

        return Close("circle", title);
    }

    /// <summary>Text at (<paramref name="x"/>, <paramref name="y"/>), anchored start, middle or end.</summary>
    public Svg Text(double x, double y, string text, string anchor = "start", double size = 11, string fill = "#333", bool bold = false)
    {
        _sb.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" font-size=\"").Append(N(size)).Append("\" fill=\"").Append(fill).Append('"');
        if (anchor != "start")
        {
            _sb.Append(" text-anchor=\"").Append(anchor).Append('"');
        }

        if (bold)
        {
            _sb.Append(" font-weight=\"bold\"");
        }

        _sb.Append('>').Append(Html.HtmlText.Escape(text)).Append("</text>");
        return this;
    }

    /// <summary>The finished SVG element.</summary>
    public override string ToString() => _sb + "</svg>";

    /// <summary>A coordinate or size as written: at most two decimals, invariant culture.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private Svg Close(string element, string? title)
    {
        if (title is null)
        {
            _sb.Append("/>");
        }
        else
        {
            _sb.Append("><title>").Append(Html.HtmlText.Escape(title)).Append("</title></").Append(element).Append('>');
        }

        return this;
    }
}
