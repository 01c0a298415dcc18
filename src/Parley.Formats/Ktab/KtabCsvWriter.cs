using System.Globalization;
using System.Text;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;

namespace Parley.Formats.Ktab;

/// <summary>A scenario written as a KTAB SMP CSV, with notes on what the format could not hold.</summary>
/// <param name="Text">The CSV text.</param>
/// <param name="Notes">What changed on the way (rescaled saliences, dropped per-issue capabilities, missing stances filled in) and what KTAB will refuse.</param>
public sealed record KtabCsvExport(string Text, IReadOnlyList<Diagnostic> Notes);

/// <summary>
/// Writes a scenario in KTAB's SMP CSV format (the one <see cref="KtabCsvReader"/> reads): a header
/// <c>title,description,actors,dimensions</c> (title and description cut to KTAB's 512 bytes), a column line, then per actor its id (as KTAB's actor
/// name, at most 25 bytes), its name as the description, its capability as the power, and per
/// issue the position rescaled to 0–100 and the salience on 0–100. KTAB needs each actor's
/// saliences to add up to at most 100: an actor whose saliences add up to more has them scaled
/// down in proportion. An actor without a stance on an issue gets salience 0 at the middle of the
/// scale; per-issue capabilities are dropped (KTAB has one power per actor). Each such change is a note.
/// </summary>
public static class KtabCsvWriter
{
    /// <summary>The scenario as KTAB CSV.</summary>
    public static KtabCsvExport Write(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var notes = new List<Diagnostic>();
        var sb = new StringBuilder();
        sb.Append(Truncate(Text(scenario.Title), 512)).Append(',').Append(Truncate(Text(scenario.Description), 512)).Append(',')
            .Append(scenario.Actors.Count.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(scenario.Issues.Count.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        sb.Append("Actor,Description,Power");
        foreach (var issue in scenario.Issues)
        {
            sb.Append(',').Append(Text(issue.Id)).Append(" Position,").Append(Text(issue.Id)).Append(" Salience");
        }

        sb.Append(",\n");
        if (scenario.Actors.Count is < 3 or > 250)
        {
            notes.Add(Diagnostic.Warning($"The scenario has {scenario.Actors.Count} actors; KTAB reads 3 to 250."));
        }

        for (var a = 0; a < scenario.Actors.Count; a++)
        {
            var actor = scenario.Actors[a];
            var name = Truncate(actor.Id, 25);
            if (name != actor.Id)
            {
                notes.Add(Diagnostic.Warning($"Actor id '{actor.Id}' is longer than KTAB's 25 bytes; written as '{name}'.", actorId: actor.Id));
            }

            if (actor.CapabilityByIssue is { Count: > 0 })
            {
                notes.Add(Diagnostic.Info($"Actor '{actor.Id}': per-issue capabilities are dropped; KTAB has one power per actor ({Number(actor.Capability)})."));
            }

            if (actor.Capability <= 0)
            {
                notes.Add(Diagnostic.Warning($"Actor '{actor.Id}' has capability 0; KTAB refuses a power of 0.", actorId: actor.Id));
            }

            var saliences = new double[scenario.Issues.Count];
            var positions = new double[scenario.Issues.Count];
            for (var k = 0; k < scenario.Issues.Count; k++)
            {
                var scale = scenario.Issues[k].Scale;
                if (scenario.StanceOf(a, k) is { } stance)
                {
                    positions[k] = 100 * (stance.Position - scale.Minimum) / (scale.Maximum - scale.Minimum);
                    saliences[k] = 100 * stance.Salience;
                }
                else
                {
                    positions[k] = 50;
                    notes.Add(Diagnostic.Info($"Actor '{actor.Id}' has no stance on issue '{scenario.Issues[k].Id}': written with salience 0 at the middle of the scale."));
                }
            }

            var total = saliences.Sum();
            if (total > 100)
            {
                for (var k = 0; k < saliences.Length; k++)
                {
                    saliences[k] *= 100 / total;
                }

                notes.Add(Diagnostic.Info($"Actor '{actor.Id}': saliences add up to {Number(total)} on 0–100; scaled down to add up to 100, as KTAB needs."));
            }

            sb.Append(Text(name)).Append(',').Append(Truncate(Text(actor.Name), 256)).Append(',').Append(Number(actor.Capability));
            for (var k = 0; k < positions.Length; k++)
            {
                sb.Append(',').Append(Number(Math.Clamp(positions[k], 0, 100))).Append(',').Append(Number(Math.Clamp(saliences[k], 0, 100)));
            }

            sb.Append(",\n");
        }

        return new KtabCsvExport(sb.ToString(), notes);
    }

    /// <summary>Text in KTAB's tokenizer: a comma is written <c>$$</c>, a double quote <c>&amp;quot;</c>, line breaks become spaces.</summary>
    private static string Text(string? text) =>
        (text ?? string.Empty).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace(",", "$$", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Trim();

    private static string Truncate(string text, int maxBytes)
    {
        while (Encoding.UTF8.GetByteCount(text) > maxBytes)
        {
            text = text[..^1];
        }

        return text;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
