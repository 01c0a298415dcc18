using System.Text;
using System.Text.Json;

namespace Parley.Formats.Results;

/// <summary>Writes an <see cref="AdviceReport"/> as JSON or CSV.</summary>
public static class AdviceReportWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The report as indented JSON.</summary>
    public static string ToJson(AdviceReport report) => JsonSerializer.Serialize(report, s_json);

    /// <summary>
    /// The report as CSV, one row per issue and line of advice:
    /// <c>issue,kind,actor,position,salience,forecast,distance,gain,gain_share,robustness</c>, with kind
    /// <c>base</c> (the stance as written), <c>best</c>, <c>alternative</c> or <c>persuade</c> (actor = the one persuaded,
    /// position = where it is moved to); empty cells where a number does not apply.
    /// </summary>
    public static string ToCsv(AdviceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder("issue,kind,actor,position,salience,forecast,distance,gain,gain_share,robustness\n");
        void Row(string issue, string kind, string actor, double? position, double? salience, double forecast, double? distance, double? gain, double? share, double? robustness) =>
            sb.Append(CsvText.Field(issue)).Append(',').Append(kind).Append(',').Append(CsvText.Field(actor)).Append(',')
                .Append(CsvText.Number(position)).Append(',').Append(CsvText.Number(salience)).Append(',').Append(CsvText.Number(forecast)).Append(',')
                .Append(CsvText.Number(distance)).Append(',').Append(CsvText.Number(gain)).Append(',').Append(CsvText.Number(share)).Append(',')
                .Append(CsvText.Number(robustness)).Append('\n');
        foreach (var i in report.Issues)
        {
            Row(i.Issue, "base", report.Actor, i.Ideal, i.Salience, i.BaseForecast, i.BaseDistance, null, null, null);
            if (i.Best is { } b)
            {
                Row(i.Issue, "best", report.Actor, b.Position, b.Salience, b.Forecast, b.Distance, b.Gain, b.GainShare, b.Robustness);
            }

            foreach (var a in i.Alternatives)
            {
                Row(i.Issue, "alternative", report.Actor, a.Position, a.Salience, a.Forecast, a.Distance, a.Gain, a.GainShare, a.Robustness);
            }

            foreach (var p in i.Persuade)
            {
                Row(i.Issue, "persuade", p.Actor, p.To, null, p.Forecast, i.BaseDistance - p.Gain, p.Gain, null, p.Robustness);
            }
        }

        return sb.ToString();
    }
}
