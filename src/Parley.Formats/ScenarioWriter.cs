using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;

namespace Parley.Formats;

/// <summary>Writes scenarios in the documented YAML and JSON formats; the text reads back to an equal scenario.</summary>
public static class ScenarioWriter
{
    /// <summary>The scenario as YAML (docs/scenario-format.md), saliences on the scenario's own scale.</summary>
    public static string ToYaml(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var sb = new StringBuilder();
        sb.Append("title: ").Append(Quote(scenario.Title)).Append('\n');
        if (scenario.Description.Length > 0)
        {
            sb.Append("description: ").Append(Quote(scenario.Description)).Append('\n');
        }

        if (scenario.Sources.Count > 0)
        {
            sb.Append("sources:\n");
            foreach (var source in scenario.Sources)
            {
                sb.Append("  - ").Append(Quote(source)).Append('\n');
            }
        }

        sb.Append("salience_scale: ").Append(scenario.SalienceScale == SalienceScale.Percent ? "percent" : "unit").Append('\n');
        if (!scenario.Uncertainty.IsNone)
        {
            sb.Append("uncertainty:\n");
            foreach (var (key, value) in UncertaintyEntries(scenario))
            {
                sb.Append("  ").Append(key).Append(": ").Append(Number(value)).Append('\n');
            }
        }

        sb.Append("issues:\n");
        foreach (var issue in scenario.Issues)
        {
            sb.Append("  - id: ").Append(Quote(issue.Id)).Append('\n');
            sb.Append("    name: ").Append(Quote(issue.Name)).Append('\n');
            if (issue.Description is not null)
            {
                sb.Append("    description: ").Append(Quote(issue.Description)).Append('\n');
            }

            sb.Append("    scale:\n");
            sb.Append("      min: ").Append(Number(issue.Scale.Minimum)).Append('\n');
            sb.Append("      max: ").Append(Number(issue.Scale.Maximum)).Append('\n');
            if (issue.Scale.Anchors.Count > 0)
            {
                sb.Append("      anchors:\n");
                foreach (var anchor in issue.Scale.Anchors)
                {
                    sb.Append("        - { value: ").Append(Number(anchor.Value)).Append(", label: ").Append(Quote(anchor.Label)).Append(" }\n");
                }
            }

            if (issue.StatusQuo is { } statusQuo)
            {
                sb.Append("    status_quo: ").Append(Point(statusQuo.Position, "rationale", statusQuo.Rationale)).Append('\n');
            }

            if (issue.VetoPlayers.Count > 0)
            {
                sb.Append("    veto:\n");
                foreach (var veto in issue.VetoPlayers)
                {
                    sb.Append("      - ").Append(veto.Rationale is null ? Quote(veto.ActorId) : $"{{ actor: {Quote(veto.ActorId)}, rationale: {Quote(veto.Rationale)} }}").Append('\n');
                }
            }

            if (issue.Outcome is { } outcome)
            {
                sb.Append("    outcome: ").Append(Point(outcome.Position, "record", outcome.Record)).Append('\n');
            }
        }

        sb.Append("actors:\n");
        for (var a = 0; a < scenario.Actors.Count; a++)
        {
            var actor = scenario.Actors[a];
            sb.Append("  - id: ").Append(Quote(actor.Id)).Append('\n');
            sb.Append("    name: ").Append(Quote(actor.Name)).Append('\n');
            sb.Append("    capability: ").Append(Number(actor.Capability)).Append('\n');
            if (SpreadEntry(actor.CapabilitySpread, "capability") is { } capabilitySpread)
            {
                sb.Append("    ").Append(capabilitySpread.Key).Append(": ").Append(YamlValue(capabilitySpread.Value)).Append('\n');
            }
            if (actor.CapabilityByIssue is { Count: > 0 } byIssue)
            {
                sb.Append("    capability_by_issue:\n");
                foreach (var (issueId, capability) in byIssue)
                {
                    sb.Append("      ").Append(Quote(issueId)).Append(": ").Append(Number(capability)).Append('\n');
                }
            }

            if (actor.Description is not null)
            {
                sb.Append("    description: ").Append(Quote(actor.Description)).Append('\n');
            }

            var stances = StancesOf(scenario, actor.Id);
            if (stances.Count > 0)
            {
                sb.Append("    stances:\n");
                foreach (var stance in stances)
                {
                    sb.Append("      ").Append(Quote(stance.IssueId)).Append(":\n");
                    sb.Append("        position: ").Append(Number(stance.Position)).Append('\n');
                    sb.Append("        salience: ").Append(Number(WrittenSalience(stance.Salience, scenario.SalienceScale))).Append('\n');
                    foreach (var (key, value) in StanceSpreadEntries(stance, scenario.SalienceScale))
                    {
                        sb.Append("        ").Append(key).Append(": ").Append(YamlValue(value)).Append('\n');
                    }
                    if (stance.Rationale is not null)
                    {
                        sb.Append("        rationale: ").Append(Quote(stance.Rationale)).Append('\n');
                    }
                }
            }
        }

        if (scenario.WhatIfs.Count > 0)
        {
            sb.Append("whatifs:\n");
            foreach (var whatIf in scenario.WhatIfs)
            {
                sb.Append("  - name: ").Append(Quote(whatIf.Name)).Append('\n');
                if (whatIf.Description is not null)
                {
                    sb.Append("    description: ").Append(Quote(whatIf.Description)).Append('\n');
                }

                if (whatIf.Rationale is not null)
                {
                    sb.Append("    rationale: ").Append(Quote(whatIf.Rationale)).Append('\n');
                }

                sb.Append("    edits:\n");
                foreach (var edit in whatIf.Edits)
                {
                    sb.Append("      - { ").Append(string.Join(", ", EditEntries(edit).Select(e => e.Key + ": " + (e.Value is string text ? Quote(text) : YamlValue(e.Value))))).Append(" }\n");
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>The scenario as JSON with the same keys as the YAML format, indented.</summary>
    public static string ToJson(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("title", scenario.Title);
            if (scenario.Description.Length > 0)
            {
                w.WriteString("description", scenario.Description);
            }

            if (scenario.Sources.Count > 0)
            {
                w.WriteStartArray("sources");
                foreach (var source in scenario.Sources)
                {
                    w.WriteStringValue(source);
                }

                w.WriteEndArray();
            }

            w.WriteString("salience_scale", scenario.SalienceScale == SalienceScale.Percent ? "percent" : "unit");
            if (!scenario.Uncertainty.IsNone)
            {
                w.WriteStartObject("uncertainty");
                foreach (var (key, value) in UncertaintyEntries(scenario))
                {
                    w.WriteNumber(key, value);
                }

                w.WriteEndObject();
            }

            w.WriteStartArray("issues");
            foreach (var issue in scenario.Issues)
            {
                w.WriteStartObject();
                w.WriteString("id", issue.Id);
                w.WriteString("name", issue.Name);
                if (issue.Description is not null)
                {
                    w.WriteString("description", issue.Description);
                }

                w.WriteStartObject("scale");
                w.WriteNumber("min", issue.Scale.Minimum);
                w.WriteNumber("max", issue.Scale.Maximum);
                if (issue.Scale.Anchors.Count > 0)
                {
                    w.WriteStartArray("anchors");
                    foreach (var anchor in issue.Scale.Anchors)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("value", anchor.Value);
                        w.WriteString("label", anchor.Label);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
                if (issue.StatusQuo is { } statusQuo)
                {
                    WritePoint(w, "status_quo", statusQuo.Position, "rationale", statusQuo.Rationale);
                }

                if (issue.VetoPlayers.Count > 0)
                {
                    w.WriteStartArray("veto");
                    foreach (var veto in issue.VetoPlayers)
                    {
                        if (veto.Rationale is null)
                        {
                            w.WriteStringValue(veto.ActorId);
                            continue;
                        }

                        w.WriteStartObject();
                        w.WriteString("actor", veto.ActorId);
                        w.WriteString("rationale", veto.Rationale);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                if (issue.Outcome is { } outcome)
                {
                    WritePoint(w, "outcome", outcome.Position, "record", outcome.Record);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("actors");
            foreach (var actor in scenario.Actors)
            {
                w.WriteStartObject();
                w.WriteString("id", actor.Id);
                w.WriteString("name", actor.Name);
                w.WriteNumber("capability", actor.Capability);
                if (SpreadEntry(actor.CapabilitySpread, "capability") is { } capabilitySpread)
                {
                    WriteValue(w, capabilitySpread.Key, capabilitySpread.Value);
                }
                if (actor.CapabilityByIssue is { Count: > 0 } byIssue)
                {
                    w.WriteStartObject("capability_by_issue");
                    foreach (var (issueId, capability) in byIssue)
                    {
                        w.WriteNumber(issueId, capability);
                    }

                    w.WriteEndObject();
                }

                if (actor.Description is not null)
                {
                    w.WriteString("description", actor.Description);
                }

                var stances = StancesOf(scenario, actor.Id);
                if (stances.Count > 0)
                {
                    w.WriteStartObject("stances");
                    foreach (var stance in stances)
                    {
                        w.WriteStartObject(stance.IssueId);
                        w.WriteNumber("position", stance.Position);
                        w.WriteNumber("salience", WrittenSalience(stance.Salience, scenario.SalienceScale));
                        foreach (var (key, value) in StanceSpreadEntries(stance, scenario.SalienceScale))
                        {
                            WriteValue(w, key, value);
                        }
                        if (stance.Rationale is not null)
                        {
                            w.WriteString("rationale", stance.Rationale);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (scenario.WhatIfs.Count > 0)
            {
                w.WriteStartArray("whatifs");
                foreach (var whatIf in scenario.WhatIfs)
                {
                    w.WriteStartObject();
                    w.WriteString("name", whatIf.Name);
                    if (whatIf.Description is not null)
                    {
                        w.WriteString("description", whatIf.Description);
                    }

                    if (whatIf.Rationale is not null)
                    {
                        w.WriteString("rationale", whatIf.Rationale);
                    }

                    w.WriteStartArray("edits");
                    foreach (var edit in whatIf.Edits)
                    {
                        w.WriteStartObject();
                        foreach (var (key, value) in EditEntries(edit))
                        {
                            WriteValue(w, key, value);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static List<(string Key, double Value)> UncertaintyEntries(Scenario scenario)
    {
        var u = scenario.Uncertainty;
        var entries = new List<(string, double)>();
        if (u.PositionSdShare != 0)
        {
            entries.Add(("position_sd_share", u.PositionSdShare));
        }

        if (u.SalienceSd != 0)
        {
            entries.Add(("salience_sd", WrittenSalience(u.SalienceSd, scenario.SalienceScale)));
        }

        if (u.CapabilitySdShare != 0)
        {
            entries.Add(("capability_sd_share", u.CapabilitySdShare));
        }

        return entries;
    }

    /// <summary>The key and value of a spread as written: <c>NAME_sd: x</c> or <c>NAME_range: [lo, hi]</c>; saliences on the file's scale.</summary>
    private static (string Key, object Value)? SpreadEntry(Spread? spread, string name, SalienceScale? salienceScale = null)
    {
        double Written(double v) => salienceScale is { } scale ? WrittenSalience(v, scale) : v;
        return spread switch
        {
            NormalSpread n => (name + "_sd", Written(n.StandardDeviation)),
            RangeSpread r => (name + "_range", new[] { Written(r.Low), Written(r.High) }),
            _ => null,
        };
    }

    private static List<(string Key, object Value)> StanceSpreadEntries(Stance stance, SalienceScale scale)
    {
        var entries = new List<(string, object)>();
        if (SpreadEntry(stance.PositionSpread, "position") is { } position)
        {
            entries.Add(position);
        }

        if (SpreadEntry(stance.SalienceSpread, "salience", scale) is { } salience)
        {
            entries.Add(salience);
        }

        return entries;
    }

    /// <summary>The keys of an edit as written in a what-if: target with set or scale, or drop; then after_round.</summary>
    private static List<(string Key, object Value)> EditEntries(ScenarioEdit edit)
    {
        var entries = new List<(string, object)>();
        switch (edit)
        {
            case SetValueEdit set:
                var target = set.ActorId + (set.IssueId is null ? string.Empty : "." + set.IssueId) + "." + SetValueEdit.FieldName(set.Field);
                entries.Add(("target", target));
                entries.Add((set.Operation == EditOperation.Set ? "set" : "scale", set.Value));
                break;
            case DropActorEdit drop:
                entries.Add(("drop", drop.ActorId));
                break;
        }

        if (edit.AfterRound is { } round)
        {
            entries.Add(("after_round", (double)round));
        }

        return entries;
    }

    private static void WritePoint(Utf8JsonWriter w, string key, double position, string textKey, string? text)
    {
        if (text is null)
        {
            w.WriteNumber(key, position);
            return;
        }

        w.WriteStartObject(key);
        w.WriteNumber("position", position);
        w.WriteString(textKey, text);
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, string key, object value)
    {
        switch (value)
        {
            case double number:
                w.WriteNumber(key, number);
                break;
            case double[] pair:
                w.WriteStartArray(key);
                foreach (var v in pair)
                {
                    w.WriteNumberValue(v);
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteString(key, value.ToString());
                break;
        }
    }

    private static string Point(double position, string textKey, string? text) =>
        text is null ? Number(position) : $"{{ position: {Number(position)}, {textKey}: {Quote(text)} }}";

    private static string YamlValue(object value) => value switch
    {
        double number => Number(number),
        double[] pair => "[" + string.Join(", ", pair.Select(Number)) + "]",
        _ => Quote(value.ToString() ?? string.Empty),
    };

    private static List<Stance> StancesOf(Scenario scenario, string actorId) =>
        scenario.Stances.Where(s => s.ActorId == actorId).ToList();

    /// <summary>The salience as written on <paramref name="scale"/> (see <see cref="SalienceUnits.ToFile"/>).</summary>
    internal static double WrittenSalience(double salience, SalienceScale scale) => SalienceUnits.ToFile(salience, scale);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A double-quoted string, valid in YAML and JSON: backslash, quote and control characters escaped.</summary>
    private static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (ch < 0x20 || ch == '\u007F' || ch is '\u0085' or '\u2028' or '\u2029' or '\uFEFF')
                    {
                        sb.Append("\\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
