using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Core.Text;
using static Parley.Formats.Scenarios.NodeValues;

namespace Parley.Formats.Scenarios;

/// <summary>Reads an issue's status quo, veto players and recorded outcome, checking them against its scale and the actors.</summary>
internal sealed class ProcedureReader(string fileName, List<Diagnostic> diagnostics)
{
    /// <summary>Reads <c>status_quo: 0</c> or <c>status_quo: { position: 0, rationale: "…" }</c>; null when absent or invalid.</summary>
    public StatusQuo? ReadStatusQuo(DocumentNode? node, string issueId, Scale scale, out bool valid)
    {
        var (position, text) = ReadPoint(node, "rationale", "status quo", issueId, scale, out valid);
        return position is { } p ? new StatusQuo(p, text) : null;
    }

    /// <summary>Reads <c>outcome: 5</c> or <c>outcome: { position: 5, record: "…" }</c>; null when absent or invalid.</summary>
    public RecordedOutcome? ReadOutcome(DocumentNode? node, string issueId, Scale scale, out bool valid)
    {
        var (position, text) = ReadPoint(node, "record", "outcome", issueId, scale, out valid);
        return position is { } p ? new RecordedOutcome(p, text) : null;
    }

    /// <summary>
    /// Reads <c>veto: [us, kim]</c> or <c>veto: [ { actor: us, rationale: "…" } ]</c>: every id a
    /// declared actor, each once. Null when any is invalid. Warns when a veto player has no stance
    /// on the issue, since no model can then tell whether it prefers the status quo.
    /// </summary>
    public List<VetoPlayer>? ReadVeto(DocumentNode node, string issueId, IReadOnlyDictionary<string, ScalarNode> actorIds, IReadOnlyList<Stance> stances)
    {
        if (node is not SequenceNode list)
        {
            return null;
        }

        var result = new List<VetoPlayer>();
        var first = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
        var valid = true;
        foreach (var item in list.Items)
        {
            var (idNode, rationale) = item switch
            {
                ScalarNode { Kind: ScalarKind.String } id => (id, null),
                MappingNode m => (m.Find("actor")?.Value as ScalarNode, Text(m, "rationale")),
                _ => (null, null),
            };
            if (idNode is not { Kind: ScalarKind.String })
            {
                valid = false; // The schema pass reported the shape.
                continue;
            }

            var actorId = idNode.Text;
            if (!actorIds.ContainsKey(actorId))
            {
                var known = actorIds.Keys.ToList();
                diagnostics.Add(Diagnostic.Error(
                    $"Unknown actor id '{actorId}' in 'veto'.{DidYouMean.Hint(actorId, known)}",
                    At(fileName, idNode), actorId, issueId, "one of the declared actor ids: " + string.Join(", ", known)));
                valid = false;
                continue;
            }

            if (!first.TryAdd(actorId, idNode))
            {
                diagnostics.Add(Diagnostic.Error(
                    $"Actor '{actorId}' is named twice in 'veto'; it was first named at line {first[actorId].Line}.",
                    At(fileName, idNode), actorId, issueId, "each veto player once"));
                valid = false;
                continue;
            }

            if (!stances.Any(s => s.ActorId == actorId && s.IssueId == issueId))
            {
                diagnostics.Add(Diagnostic.Warning(
                    $"Veto player '{actorId}' has no stance on issue '{issueId}', so no model can tell whether it prefers the status quo to a deal.",
                    At(fileName, idNode), actorId, issueId, "a stance (position and salience) for every veto player"));
            }

            result.Add(new VetoPlayer(actorId, rationale));
        }

        return valid ? result : null;
    }

    private (double? Position, string? Text) ReadPoint(DocumentNode? node, string textKey, string what, string issueId, Scale scale, out bool valid)
    {
        valid = true;
        if (node is null)
        {
            return (null, null);
        }

        var (positionNode, text) = node switch
        {
            MappingNode m => (m.Find("position")?.Value, Text(m, textKey)),
            _ => (node, null),
        };
        var position = Number(positionNode);
        if (position is null)
        {
            valid = false; // The schema pass reported the shape or type.
            return (null, null);
        }

        if (!scale.Contains(position.Value))
        {
            var range = $"{Format(scale.Minimum)} to {Format(scale.Maximum)}";
            diagnostics.Add(Diagnostic.Error(
                $"The {what} {Format(position.Value)} lies outside the scale of issue '{issueId}' ({range}).",
                At(fileName, positionNode!), issueId: issueId, expected: $"a position from {range}"));
            valid = false;
            return (null, null);
        }

        return (position, text);
    }
}
