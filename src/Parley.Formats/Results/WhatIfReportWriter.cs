using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Formats.Results;

/// <summary>Writes a <see cref="WhatIfReport"/> as JSON or as a CSV table of the changes.</summary>
public static class WhatIfReportWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The report as indented JSON.</summary>
    public static string ToJson(WhatIfReport report) => JsonSerializer.Serialize(report, s_json);

    /// <summary>
    /// The changes as CSV, one row per what-if × issue × model:
    /// <c>whatif,issue,model,base,whatif_forecast,change,base_median,whatif_median,median_change,base_80_low,base_80_high,whatif_80_low,whatif_80_high</c>
    /// (the 80% columns hold the calibrated forecast interval, else the input-sensitivity interval; empty cells where there is none).
    /// </summary>
    public static string ToCsv(WhatIfReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder("whatif,issue,model,base,whatif_forecast,change,base_median,whatif_median,median_change,base_80_low,base_80_high,whatif_80_low,whatif_80_high\n");
        foreach (var whatIf in report.WhatIfs)
        {
            foreach (var c in whatIf.Changes)
            {
                var b = c.BaseInterval80 ?? c.BaseSensitivity80;
                var w = c.WhatIfInterval80 ?? c.WhatIfSensitivity80;
                sb.Append(CsvText.Field(whatIf.Name)).Append(',').Append(CsvText.Field(c.Issue)).Append(',').Append(CsvText.Field(c.Model)).Append(',')
                    .Append(CsvText.Number(c.Base)).Append(',').Append(CsvText.Number(c.WhatIf)).Append(',').Append(CsvText.Number(c.Change)).Append(',')
                    .Append(CsvText.Number(c.BaseMedian)).Append(',').Append(CsvText.Number(c.WhatIfMedian)).Append(',').Append(CsvText.Number(c.MedianChange)).Append(',')
                    .Append(CsvText.Number(b?[0])).Append(',').Append(CsvText.Number(b?[1])).Append(',')
                    .Append(CsvText.Number(w?[0])).Append(',').Append(CsvText.Number(w?[1])).Append('\n');
            }
        }

        return sb.ToString();
    }
}

/// <summary>How the result writers spell fields and numbers in CSV.</summary>
internal static class CsvText
{
    /// <summary>A number in round-trip form with '.' as the decimal point; empty for null.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A text field, quoted when it holds a comma, a quote or a line break.</summary>
    public static string Field(string? text) =>
        text is null ? string.Empty
        : text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
