using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Formats.Results;

/// <summary>Writes an <see cref="ExplanationReport"/> as JSON or as a CSV table of the moves.</summary>
public static class ExplanationReportWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The report as indented JSON.</summary>
    public static string ToJson(ExplanationReport report) => JsonSerializer.Serialize(report, s_json);

    /// <summary>
    /// The moves as CSV, one row per round × actor:
    /// <c>round,actor,from,to,moved,kind,from_actor,new_position,eu_receiver,eu_proposer,value,initiator_win_probability,election_probability,refused</c>
    /// (the cause's columns empty when the actor kept its position; <c>refused</c> counts the offers it did not take).
    /// </summary>
    public static string ToCsv(ExplanationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder("round,actor,from,to,moved,kind,from_actor,new_position,eu_receiver,eu_proposer,value,initiator_win_probability,election_probability,refused\n");
        foreach (var round in report.Rounds)
        {
            foreach (var m in round.Moves)
            {
                var c = m.Cause;
                sb.Append(round.Round.ToString(CultureInfo.InvariantCulture)).Append(',').Append(CsvText.Field(m.Actor)).Append(',')
                    .Append(CsvText.Number(m.From)).Append(',').Append(CsvText.Number(m.To)).Append(',').Append(m.Moved ? "true" : "false").Append(',')
                    .Append(CsvText.Field(c?.Kind)).Append(',').Append(CsvText.Field(c?.From)).Append(',').Append(CsvText.Number(c?.NewPosition)).Append(',')
                    .Append(CsvText.Number(c?.ReceiverUtility)).Append(',').Append(CsvText.Number(c?.ProposerUtility)).Append(',')
                    .Append(CsvText.Number(c?.Value)).Append(',').Append(CsvText.Number(c?.InitiatorWinProbability)).Append(',').Append(CsvText.Number(c?.ElectionProbability)).Append(',')
                    .Append(m.Refused.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return sb.ToString();
    }
}
