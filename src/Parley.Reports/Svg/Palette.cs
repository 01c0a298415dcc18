namespace Parley.Reports.Svg;

/// <summary>The colours of the charts: one per model (by its place in the run), one per actor, and the interval shades.</summary>
internal static class Palette
{
    private static readonly string[] s_series =
    [
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
    ];

    /// <summary>The colour of series number <paramref name="index"/> (cycling after ten).</summary>
    public static string Series(int index) => s_series[((index % s_series.Length) + s_series.Length) % s_series.Length];

    /// <summary>The shade of the 95% interval.</summary>
    public const string Interval95 = "#c6dbef";

    /// <summary>The shade of the 80% interval.</summary>
    public const string Interval80 = "#9ecae1";

    /// <summary>The shade of the 50% interval.</summary>
    public const string Interval50 = "#4292c6";

    /// <summary>Grid lines.</summary>
    public const string Grid = "#dddddd";

    /// <summary>Axis text.</summary>
    public const string Axis = "#555555";
}
