using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using static Parley.Formats.Scenarios.NodeValues;

namespace Parley.Formats.Scenarios;

/// <summary>
/// Reads the uncertainty of a scenario's numbers: per stance <c>position_sd</c> or
/// <c>position_range</c> and <c>salience_sd</c> or <c>salience_range</c>, per actor
/// <c>capability_sd</c> or <c>capability_range</c>, and the
/// scenario's <c>uncertainty</c> block. Saliences are given on the file's salience scale and
/// converted to 0–1. Shapes and signs are checked by the schema; order, bounds and "contains the
/// value" here.
/// </summary>
internal sealed class SpreadReader(string fileName, List<Diagnostic> diagnostics)
{
    /// <summary>Reads the spreads of one stance whose position and salience (as written) are valid; false when any spread is invalid.</summary>
    public bool ReadStanceSpreads(MappingNode stance, string? actorId, Issue issue, double position, double writtenSalience, bool percent, out Spread? positionSpread, out Spread? salienceSpread)
    {
        positionSpread = null;
        salienceSpread = null;
        var valid = true;
        var sdNode = stance.Find("position_sd")?.Value;
        var rangeNode = stance.Find("position_range")?.Value;
        if (sdNode is not null && rangeNode is not null)
        {
            return false; // The schema pass reported that only one may be given.
        }

        if (sdNode is not null)
        {
            if (Number(sdNode) is >= 0 and var sd)
            {
                positionSpread = new NormalSpread(sd);
            }
            else
            {
                valid = false;
            }
        }

        if (rangeNode is not null)
        {
            var scale = issue.Scale;
            var range = CheckRange(rangeNode, "position_range", "position", position, scale.Minimum, scale.Maximum, $"the scale of issue '{issue.Id}'", actorId, issue.Id);
            valid &= range is not null;
            positionSpread = range;
        }

        var salienceSdNode = stance.Find("salience_sd")?.Value;
        var salienceNode = stance.Find("salience_range")?.Value;
        if (salienceSdNode is not null && salienceNode is not null)
        {
            return false; // The schema pass reported that only one may be given.
        }

        if (salienceSdNode is not null)
        {
            if (Number(salienceSdNode) is >= 0 and var sd)
            {
                salienceSpread = new NormalSpread(percent ? sd / 100 : sd);
            }
            else
            {
                valid = false;
            }
        }

        if (salienceNode is not null)
        {
            var limit = percent ? 100 : 1;
            var range = CheckRange(salienceNode, "salience_range", "salience", writtenSalience, 0, limit, percent ? "0 to 100 (salience_scale: percent)" : "0 to 1", actorId, issue.Id);
            valid &= range is not null;
            salienceSpread = range is null || !percent ? range : new RangeSpread(range.Low / 100, range.High / 100);
        }

        return valid;
    }

    /// <summary>Reads an actor's <c>capability_sd</c> or <c>capability_range</c>; false when it is invalid.</summary>
    public bool ReadCapabilitySpread(MappingNode actor, double capability, string? actorId, out Spread? spread)
    {
        spread = null;
        var sdNode = actor.Find("capability_sd")?.Value;
        var rangeNode = actor.Find("capability_range")?.Value;
        if (sdNode is not null && rangeNode is not null)
        {
            return false; // The schema pass reported that only one may be given.
        }

        if (sdNode is not null)
        {
            spread = Number(sdNode) is >= 0 and var sd ? new NormalSpread(sd) : null;
            return spread is not null;
        }

        if (rangeNode is null)
        {
            return true;
        }

        spread = CheckRange(rangeNode, "capability_range", "capability", capability, 0, double.PositiveInfinity, "capabilities (≥ 0)", actorId, null);
        return spread is not null;
    }

    /// <summary>Reads the <c>uncertainty</c> block; <see cref="ScenarioUncertainty.None"/> when absent, null when invalid.</summary>
    public static ScenarioUncertainty? ReadUncertainty(MappingNode? node, bool percent)
    {
        if (node is null)
        {
            return ScenarioUncertainty.None;
        }

        var valid = true;
        double Read(string key)
        {
            var value = node.Find(key)?.Value;
            if (value is null)
            {
                return 0;
            }

            if (Number(value) is >= 0 and var number)
            {
                return number;
            }

            valid = false; // The schema pass reported the type or sign.
            return 0;
        }

        var position = Read("position_sd_share");
        var salience = Read("salience_sd");
        var capability = Read("capability_sd_share");
        return valid ? new ScenarioUncertainty(position, percent ? salience / 100 : salience, capability) : null;
    }

    private RangeSpread? CheckRange(DocumentNode node, string key, string what, double value, double min, double max, string bounds, string? actorId, string? issueId)
    {
        if (Pair(node) is not { } range)
        {
            return null; // The schema pass reported the shape.
        }

        var shown = Format(range);
        if (range.Low > range.High)
        {
            diagnostics.Add(Diagnostic.Error(
                $"'{key}' {shown} is reversed: its low end is above its high end.",
                At(fileName, node), actorId, issueId, $"[low, high] with low ≤ high, e.g. {Format((range.High, range.Low))}"));
            return null;
        }

        if (range.Low < min || range.High > max)
        {
            // Signs and the salience limits are in the schema; report only what it cannot see.
            if (what == "position")
            {
                diagnostics.Add(Diagnostic.Error(
                    $"'{key}' {shown} goes outside {bounds} ({Format(min)} to {Format(max)}).",
                    At(fileName, node), actorId, issueId, $"a range within {Format(min)} to {Format(max)}"));
            }

            return null;
        }

        if (value < range.Low || value > range.High)
        {
            diagnostics.Add(Diagnostic.Error(
                $"'{key}' {shown} does not contain the {what} {Format(value)} it is the range of.",
                At(fileName, node), actorId, issueId, $"a range [low, high] with low ≤ {Format(value)} ≤ high"));
            return null;
        }

        return new RangeSpread(range.Low, range.High);
    }
}
