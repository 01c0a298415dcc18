using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Formats.Results;

/// <summary>Writes a <see cref="ForecastReport"/> as JSON, as a summary CSV table, or as a long CSV table of paths.</summary>
public static class ForecastReportWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The report as indented JSON.</summary>
    public static string ToJson(ForecastReport report) => JsonSerializer.Serialize(report, s_json);

    /// <summary>
    /// The report as CSV, one row per issue × model:
    /// <c>issue,model,forecast,median,interval_50_low,…,interval_95_high,sensitivity_50_low,…,reading,flags,no_deal</c>
    /// (empty cells where there is no interval; <c>no_deal</c> is the breakdown probability of a
    /// <c>MODEL+veto</c> model, 0 where the issue cannot break down, empty for other models or without draws).
    /// </summary>
    public static string ToSummaryCsv(ForecastReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder("issue,model,forecast,median");
        foreach (var kind in new[] { "interval", "sensitivity" })
        {
            foreach (var level in new[] { "50", "80", "95" })
            {
                sb.Append(CultureInfo.InvariantCulture, $",{kind}_{level}_low,{kind}_{level}_high");
            }
        }

        sb.Append(",reading,flags,no_deal\n");
        foreach (var issue in report.Issues)
        {
            foreach (var (model, r) in issue.Models)
            {
                sb.Append(Csv(issue.Id)).Append(',').Append(Csv(model)).Append(',').Append(Number(r.Forecast)).Append(',').Append(r.Median is { } m ? Number(m) : string.Empty);
                foreach (var intervals in new[] { r.Interval, r.Sensitivity })
                {
                    foreach (var level in new[] { "50", "80", "95" })
                    {
                        var pair = intervals?.GetValueOrDefault(level);
                        sb.Append(',').Append(pair is null ? string.Empty : Number(pair[0])).Append(',').Append(pair is null ? string.Empty : Number(pair[1]));
                    }
                }

                sb.Append(',').Append(Csv(r.Reading)).Append(',').Append(Csv(string.Join(' ', r.Flags)))
                    .Append(',').Append(r.Breakdown?.Probability is { } p ? Number(p) : string.Empty).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The paths as CSV, one row per issue × model × round × actor:
    /// <c>issue,model,round,actor,position,mean,forecast</c> (actors by id).
    /// </summary>
    public static string ToPathsCsv(ForecastReport report)
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
