using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Formats.Results;

/// <summary>Writes a <see cref="ForecastReport"/> as JSON or as a long CSV table.</summary>
public static class ForecastReportWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The report as indented JSON.</summary>
    public static string ToJson(ForecastReport report) => JsonSerializer.Serialize(report, s_json);

    /// <summary>
    /// The report as CSV, one row per issue × model × round × actor:
    /// <c>issue,model,round,actor,position,mean,forecast</c>.
    /// </summary>
    public static string ToCsv(ForecastReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder("issue,model,round,actor,position,mean,forecast\n");
        foreach (var issue in report.Issues)
        {
            foreach (var (model, result) in issue.Models)
            {
                foreach (var round in result.Rounds)
                {
                    foreach (var (actor, position) in round.Positions)
                    {
                        sb.Append(Csv(issue.Id)).Append(',').Append(Csv(model)).Append(',')
                            .Append(round.Round.ToString(CultureInfo.InvariantCulture)).Append(',')
                            .Append(Csv(actor)).Append(',').Append(Number(position)).Append(',')
                            .Append(Number(round.Mean)).Append(',').Append(Number(result.Forecast)).Append('\n');
                    }
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>A number as CSV text; a non-finite one is a bug (inputs are checked against Parley.Core.Limits), refused as the JSON writer refuses it.</summary>
    private static string Number(double value) => double.IsFinite(value)
        ? value.ToString("R", CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"A result is {value.ToString(CultureInfo.InvariantCulture)}, which CSV output refuses; no input within Parley's limits should give it.");

    private static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
