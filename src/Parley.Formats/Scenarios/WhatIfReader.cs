using System.Globalization;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using static Parley.Formats.Scenarios.NodeValues;

namespace Parley.Formats.Scenarios;

/// <summary>
/// Reads the <c>whatifs:</c> list against the scenario it belongs to: each edit is
/// <c>{ target: ACTOR.ISSUE.FIELD, set: V | scale: F, after_round: N }</c> or
/// <c>{ drop: ACTOR, after_round: N }</c>, and is checked by <see cref="ScenarioEditor.Validate"/>
/// with its diagnostics placed at the part of the file they concern.
/// </summary>
internal sealed class WhatIfReader(string fileName, List<Diagnostic> diagnostics)
{
    /// <summary>The what-ifs, or null when any is invalid.</summary>
    public List<WhatIf>? Read(SequenceNode list, Scenario scenario)
    {
        var result = new List<WhatIf>();
        var names = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
        var valid = true;
        foreach (var item in list.Items)
        {
            if (item is not MappingNode whatIf || whatIf.Find("name")?.Value is not ScalarNode { Kind: ScalarKind.String } nameNode)
            {
                valid = false; // The schema pass reported the shape.
                continue;
            }

            var name = nameNode.Text;
            if (!names.TryAdd(name, nameNode))
            {
                diagnostics.Add(Diagnostic.Error($"Duplicate what-if name '{name}'; it was first used at line {names[name].Line}.", At(fileName, nameNode), expected: "a unique name per what-if"));
                valid = false;
                continue;
            }

            var edits = ReadEdits(whatIf.Find("edits")?.Value as SequenceNode, name, scenario);
            if (edits is null)
            {
                valid = false;
                continue;
            }

            result.Add(new WhatIf(name, Text(whatIf, "description"), Text(whatIf, "rationale"), edits));
        }

        return valid ? result : null;
    }

    private List<ScenarioEdit>? ReadEdits(SequenceNode? list, string whatIfName, Scenario scenario)
    {
        if (list is null)
        {
            return null;
        }

        var edits = new List<ScenarioEdit>();
        var nodes = new List<MappingNode>();
        var valid = true;
        for (var n = 0; n < list.Items.Count; n++)
        {
            if (list.Items[n] is not MappingNode node)
            {
                valid = false;
                continue;
            }

            var edit = ReadEdit(node, $"Edit {(n + 1).ToString(CultureInfo.InvariantCulture)} of what-if '{whatIfName}'", scenario);
            if (edit is null)
            {
                valid = false;
                continue;
            }

            edits.Add(edit);
            nodes.Add(node);
        }

        if (!valid)
        {
            return null;
        }

        var problems = ScenarioEditor.Validate(scenario, edits, (i, part) => At(fileName, PartNode(nodes[i], part)));
        diagnostics.AddRange(problems.Select(d => d with { Message = $"What-if '{whatIfName}': {d.Message}" }));
        return problems.Count == 0 ? edits : null;
    }

    private static DocumentNode PartNode(MappingNode edit, EditPart part) => part switch
    {
        EditPart.Value => edit.Find("set")?.Value ?? edit.Find("scale")?.Value ?? edit,
        EditPart.AfterRound => edit.Find("after_round")?.Value ?? edit,
        _ => edit.Find("target")?.Value ?? edit.Find("drop")?.Value ?? edit,
    };

    private ScenarioEdit? ReadEdit(MappingNode node, string label, Scenario scenario)
    {
        var targetNode = node.Find("target")?.Value;
        var dropNode = node.Find("drop")?.Value;
        var setNode = node.Find("set")?.Value;
        var scaleNode = node.Find("scale")?.Value;
        var roundNode = node.Find("after_round")?.Value;
        int? round = null;
        if (roundNode is not null)
        {
            if (Number(roundNode) is not { } r || r < 0 || r != Math.Floor(r) || r > int.MaxValue)
            {
                return null; // The schema pass reported the type or sign.
            }

            round = (int)r;
        }

        if ((targetNode is not null && dropNode is not null) || (setNode is not null && scaleNode is not null)
            || (dropNode is not null && (setNode is not null || scaleNode is not null)))
        {
            return null; // The schema pass reported the combination.
        }

        if (dropNode is not null)
        {
            return dropNode is ScalarNode { Kind: ScalarKind.String } drop ? new DropActorEdit(drop.Text, round) : null;
        }

        if (targetNode is null)
        {
            diagnostics.Add(Diagnostic.Error(
                $"{label} gives neither 'target' nor 'drop'.", At(fileName, node),
                expected: "{ target: ACTOR.ISSUE.FIELD, set: V } or { target: …, scale: F } or { drop: ACTOR }"));
            return null;
        }

        if (targetNode is not ScalarNode { Kind: ScalarKind.String } targetText)
        {
            return null;
        }

        if (setNode is null && scaleNode is null)
        {
            diagnostics.Add(Diagnostic.Error(
                $"{label} names the target '{targetText.Text}' but gives neither 'set' nor 'scale'.", At(fileName, targetNode),
                expected: "'set: V' for the new value or 'scale: F' to multiply it"));
            return null;
        }

        var value = Number(setNode ?? scaleNode);
        if (value is null)
        {
            return null;
        }

        var target = ScenarioEditParser.ParseTarget(targetText.Text, scenario);
        if (!target.Succeeded)
        {
            diagnostics.AddRange(target.Diagnostics.Select(d => d with { Message = $"{label}: {d.Message}", Location = At(fileName, targetNode) }));
            return null;
        }

        return target.Value!.ToEdit(setNode is not null ? EditOperation.Set : EditOperation.Scale, value.Value, round);
    }
}
