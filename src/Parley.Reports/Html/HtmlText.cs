using System.Globalization;
using System.Text;

namespace Parley.Reports.Html;

/// <summary>Escaping and number formatting for the report's HTML.</summary>
internal static class HtmlText
{
    /// <summary><paramref name="text"/> escaped for element content.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary><paramref name="text"/> escaped for an attribute value.</summary>
    public static string Attribute(string? text) => Escape(text);

    /// <summary>A forecast or position for reading: one decimal.</summary>
    public static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A number with as many decimals as it needs, up to <paramref name="decimals"/>.</summary>
    public static string Short(double value, int decimals = 3) => Math.Round(value, decimals).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A probability as a percentage.</summary>
    public static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
