using System.Globalization;
using Parley.Core.Scenarios;

namespace Parley.Core.Analysis;

/// <summary>Reads a forecast in the words of its scale: where it falls between the scale's anchors.</summary>
public static class ForecastReading
{
    /// <summary>
    /// E.g. <c>62 — between 'step-for-step' (50) and 'relief first' (75), nearer 50; 80% interval 41–79</c>.
    /// Without anchors the value is read against the scale's ends.
    /// </summary>
    /// <param name="value">The forecast.</param>
    /// <param name="scale">Its issue's scale.</param>
    /// <param name="interval">The interval to quote after the reading, or null.</param>
    /// <param name="intervalKind">What the interval is, e.g. "80% interval" (used before its ends).</param>
    public static string Describe(double value, Scale scale, Interval? interval = null, string? intervalKind = null)
    {
        Preconditions.NotNull(scale, nameof(scale));
        var text = $"{Format(value, scale)} — {Where(value, scale)}";
        if (interval is not null)
        {
            text += $"; {intervalKind ?? $"{interval.Percent}% interval"} {Format(interval.Low, scale)}–{Format(interval.High, scale)}";
        }

        return text;
    }

    /// <summary>Where <paramref name="value"/> lies relative to the anchors of <paramref name="scale"/>, in words; labels longer than <paramref name="maxLabel"/> characters are cut with an ellipsis.</summary>
    public static string Where(double value, Scale scale, int maxLabel = int.MaxValue)
    {
        Preconditions.NotNull(scale, nameof(scale));
        var anchors = scale.Anchors.OrderBy(a => a.Value).Select(a => a with { Label = Cut(a.Label, maxLabel) }).ToList();
        var width = scale.Maximum - scale.Minimum;
        if (anchors.Count == 0)
        {
            return $"{Percent((value - scale.Minimum) / width)} of the way from {Format(scale.Minimum, scale)} to {Format(scale.Maximum, scale)}";
        }

        // "At" an anchor: within half a percent of the scale.
        var near = anchors.MinBy(a => Math.Abs(a.Value - value))!;
        if (Math.Abs(near.Value - value) <= 0.005 * width)
        {
            return $"at '{near.Label}' ({Format(near.Value, scale)})";
        }

        if (value < anchors[0].Value)
        {
            return $"below '{anchors[0].Label}' ({Format(anchors[0].Value, scale)}), the lowest named point";
        }

        if (value > anchors[^1].Value)
        {
            return $"above '{anchors[^1].Label}' ({Format(anchors[^1].Value, scale)}), the highest named point";
        }

        var upper = anchors.First(a => a.Value > value);
        var lower = anchors.Last(a => a.Value < value);
        var nearer = value - lower.Value <= upper.Value - value ? lower : upper;
        var share = (value - lower.Value) / (upper.Value - lower.Value);
        var where = Math.Abs(share - 0.5) < 0.01 ? "about halfway" : $"nearer {Format(nearer.Value, scale)}";
        return $"between '{lower.Label}' ({Format(lower.Value, scale)}) and '{upper.Label}' ({Format(upper.Value, scale)}), {where}";
    }

    /// <summary>A value rounded to what the scale's width makes meaningful: whole points on 0–100, more digits on narrow scales.</summary>
    public static string Format(double value, Scale scale)
    {
        Preconditions.NotNull(scale, nameof(scale));
        var width = scale.Maximum - scale.Minimum;
        var digits = Math.Clamp(2 - (int)Math.Floor(Math.Log10(width)), 0, 6);
        return Math.Round(value, digits).ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="label"/> cut to at most <paramref name="max"/> characters, ending in an ellipsis when cut.</summary>
    public static string Cut(string label, int max)
    {
        Preconditions.NotNull(label, nameof(label));
        return label.Length <= max ? label : label[..Math.Max(1, max - 1)].TrimEnd() + "…";
    }

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
