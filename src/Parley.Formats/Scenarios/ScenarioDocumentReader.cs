using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Core.Text;
using static Parley.Formats.Scenarios.NodeValues;

namespace Parley.Formats.Scenarios;

/// <summary>
/// Reads the issues, actors, stances and uncertainty of a scenario document and checks what the
/// schema cannot (cross-references, values within each issue's scale, ranges around their values).
/// The what-ifs are read afterwards by <see cref="WhatIfReader"/>, against the scenario built here.
/// </summary>
internal sealed class ScenarioDocumentReader(string fileName, List<Diagnostic> diagnostics)
{
    private readonly Dictionary<string, IssueEntry> _issues = new(StringComparer.Ordinal);
    private readonly List<double> _writtenSaliences = [];
    private readonly SpreadReader _spreads = new(fileName, diagnostics);

    /// <summary>The scenario without its what-ifs, or null when anything needed to build it is invalid.</summary>
    public Scenario? Read(MappingNode document)
    {
        var title = Text(document, "title");
        var description = Text(document, "description");
        var sources = document.Find("sources")?.Value is SequenceNode s
            ? s.Items.OfType<ScalarNode>().Where(n => n.Kind == ScalarKind.String).Select(n => n.Text).ToList()
            : [];
        var percent = Text(document, "salience_scale") == "percent";

        if (document.Find("issues")?.Value is SequenceNode issueNodes)
        {
            foreach (var item in issueNodes.Items.OfType<MappingNode>())
            {
                ReadIssue(item);
            }
        }

        var actors = new List<Actor>();
        var stances = new List<Stance>();
        var actorIds = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
        var valid = true;
        if (document.Find("actors")?.Value is SequenceNode actorNodes)
        {
            foreach (var item in actorNodes.Items.OfType<MappingNode>())
            {
                ReadActor(item, actorIds, actors, stances, percent);
            }

            foreach (var (id, entry) in _issues)
            {
                if (!entry.HasStance)
                {
                    diagnostics.Add(Diagnostic.Error($"No actor has a stance on issue '{id}'.", At(fileName, entry.IdNode), issueId: id, expected: "at least one actor with a position and salience on this issue"));
                }
            }

            var procedures = new ProcedureReader(fileName, diagnostics);
            foreach (var entry in _issues.Values)
            {
                if (entry.Issue is not null && entry.Veto is not null)
                {
                    var vetoes = procedures.ReadVeto(entry.Veto, entry.Issue.Id, actorIds, stances);
                    valid &= vetoes is not null;
                    entry.Issue = entry.Issue with { VetoPlayers = vetoes ?? [] };
                }
            }
        }

        WarnOnPercentMismatch(document, percent);
        var uncertainty = SpreadReader.ReadUncertainty(document.Find("uncertainty")?.Value as MappingNode, percent);
        var issues = _issues.Values.Select(e => e.Issue).OfType<Issue>().ToList();
        if (!valid || title is null || uncertainty is null || issues.Count == 0 || actors.Count == 0 || issues.Count != _issues.Count
            || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        return new Scenario(title, issues, actors, stances, description, sources, percent ? SalienceScale.Percent : SalienceScale.Unit, uncertainty);
    }

    /// <summary>Warns when a file says its saliences are on 0–100 but every one of them is at most 1 (they were probably written on 0–1).</summary>
    private void WarnOnPercentMismatch(MappingNode document, bool percent)
    {
        if (!percent || _writtenSaliences.Count == 0 || _writtenSaliences.Any(v => v > 1))
        {
            return;
        }

        var node = document.Find("salience_scale")!.Value;
        diagnostics.Add(Diagnostic.Warning(
            $"'salience_scale' is percent, but every salience is at most 1, so each is read as at most 1% (0.01 on Parley's 0–1 scale); if the saliences are on 0–1, this changes every forecast.",
            At(fileName, node),
            expected: "saliences on 0–100 with 'salience_scale: percent', or 'salience_scale: unit' (the default) for saliences on 0–1"));
    }

    private void ReadIssue(MappingNode item)
    {
        if (item.Find("id")?.Value is not ScalarNode { Kind: ScalarKind.String } idNode)
        {
            return;
        }

        var id = idNode.Text;
        if (_issues.TryGetValue(id, out var existing))
        {
            diagnostics.Add(Diagnostic.Error($"Duplicate issue id '{id}'; it was first declared at line {existing.IdNode.Line}.", At(fileName, idNode), issueId: id, expected: "a unique issue id"));
            return;
        }

        var scale = ReadScale(item.Find("scale")?.Value as MappingNode, id);
        var name = Text(item, "name");
        Issue? issue = null;
        if (scale is not null && name is not null)
        {
            var procedures = new ProcedureReader(fileName, diagnostics);
            var statusQuo = procedures.ReadStatusQuo(item.Find("status_quo")?.Value, id, scale, out var statusQuoValid);
            var outcome = procedures.ReadOutcome(item.Find("outcome")?.Value, id, scale, out var outcomeValid);
            if (statusQuoValid && outcomeValid)
            {
                issue = new Issue(id, name, scale, Text(item, "description"), statusQuo, null, outcome);
            }
        }

        _issues[id] = new IssueEntry(issue, idNode, item.Find("veto")?.Value);
    }

    private Scale? ReadScale(MappingNode? node, string issueId)
    {
        if (node is null)
        {
            return Scale.Percent;
        }

        var minNode = node.Find("min")?.Value;
        var maxNode = node.Find("max")?.Value;
        var min = minNode is null ? 0 : Number(minNode);
        var max = maxNode is null ? 100 : Number(maxNode);
        if (min is null || max is null)
        {
            return null;
        }

        if (min >= max)
        {
            diagnostics.Add(Diagnostic.Error(
                $"The scale's min ({Format(min.Value)}) must be below its max ({Format(max.Value)}).",
                At(fileName, minNode ?? maxNode ?? node), issueId: issueId, expected: "min < max (defaults: min 0, max 100)"));
            return null;
        }

        var anchors = new List<ScaleAnchor>();
        if (node.Find("anchors")?.Value is SequenceNode anchorNodes)
        {
            foreach (var anchor in anchorNodes.Items.OfType<MappingNode>())
            {
                var valueNode = anchor.Find("value")?.Value;
                var value = Number(valueNode);
                var label = Text(anchor, "label");
                if (value is null || label is null)
                {
                    continue;
                }

                if (value < min || value > max)
                {
                    diagnostics.Add(Diagnostic.Error(
                        $"Anchor value {Format(value.Value)} lies outside the scale ({Format(min.Value)} to {Format(max.Value)}).",
                        At(fileName, valueNode!), issueId: issueId, expected: $"a value from {Format(min.Value)} to {Format(max.Value)}"));
                    continue;
                }

                anchors.Add(new ScaleAnchor(value.Value, label));
            }
        }

        return new Scale(min.Value, max.Value, anchors);
    }

    private void ReadActor(MappingNode item, Dictionary<string, ScalarNode> actorIds, List<Actor> actors, List<Stance> stances, bool percent)
    {
        var idNode = item.Find("id")?.Value as ScalarNode;
        var id = idNode is { Kind: ScalarKind.String } ? idNode.Text : null;
        if (id is not null && !actorIds.TryAdd(id, idNode!))
        {
            diagnostics.Add(Diagnostic.Error($"Duplicate actor id '{id}'; it was first declared at line {actorIds[id].Line}.", At(fileName, idNode!), id, expected: "a unique actor id"));
            id = null;
        }

        var valid = id is not null;
        var byIssue = new Dictionary<string, double>(StringComparer.Ordinal);
        if (item.Find("capability_by_issue")?.Value is MappingNode overrides)
        {
            foreach (var entry in overrides.Entries)
            {
                if (!KnownIssue(entry.Key, id))
                {
                    valid = false;
                    continue;
                }

                if (Number(entry.Value) is { } c && c >= 0)
                {
                    byIssue.TryAdd(entry.Key.Text, c);
                }
            }
        }

        if (item.Find("stances")?.Value is MappingNode stanceNodes)
        {
            foreach (var entry in stanceNodes.Entries)
            {
                if (!KnownIssue(entry.Key, id))
                {
                    valid = false;
                    continue;
                }

                var issueId = entry.Key.Text;
                var issueEntry = _issues[issueId];
                issueEntry.HasStance = true;
                if (entry.Value is not MappingNode stanceNode)
                {
                    continue;
                }

                var stance = ReadStance(stanceNode, id, issueId, issueEntry.Issue, percent);
                if (stance is null)
                {
                    valid = false;
                    continue;
                }

                stances.Add(stance);
            }
        }

        var name = Text(item, "name");
        var capability = Number(item.Find("capability")?.Value);
        if (capability is not >= 0)
        {
            valid = false;
        }
        else if (!_spreads.ReadCapabilitySpread(item, capability.Value, id, out var capabilitySpread))
        {
            valid = false;
        }
        else if (valid && name is not null)
        {
            actors.Add(new Actor(id!, name, capability.Value, Text(item, "description"), byIssue.Count > 0 ? byIssue : null, capabilitySpread));
        }
    }

    private Stance? ReadStance(MappingNode stance, string? actorId, string issueId, Issue? issue, bool percent)
    {
        var positionNode = stance.Find("position")?.Value;
        var position = Number(positionNode);
        var salience = Number(stance.Find("salience")?.Value);
        if (salience is not null)
        {
            _writtenSaliences.Add(salience.Value);
        }

        if (position is not null && issue is not null && !issue.Scale.Contains(position.Value))
        {
            diagnostics.Add(Diagnostic.Error(
                $"Position {Format(position.Value)} lies outside the scale of issue '{issueId}' ({Format(issue.Scale.Minimum)} to {Format(issue.Scale.Maximum)}).",
                At(fileName, positionNode!), actorId, issueId, $"a position from {Format(issue.Scale.Minimum)} to {Format(issue.Scale.Maximum)}"));
            position = null;
        }

        var limit = percent ? 100 : 1;
        if (position is null || salience is null || salience < 0 || salience > limit || issue is null)
        {
            return null;
        }

        var spreadsValid = _spreads.ReadStanceSpreads(stance, actorId, issue, position.Value, salience.Value, percent, out var positionSpread, out var salienceSpread);
        return spreadsValid
            ? new Stance(actorId ?? string.Empty, issueId, position.Value, percent ? salience.Value / 100 : salience.Value, Text(stance, "rationale"), positionSpread, salienceSpread)
            : null;
    }

    /// <summary>True when <paramref name="key"/> names a declared issue; otherwise reports it with a "did you mean".</summary>
    private bool KnownIssue(ScalarNode key, string? actorId)
    {
        if (_issues.ContainsKey(key.Text))
        {
            return true;
        }

        var known = _issues.Keys.ToList();
        diagnostics.Add(Diagnostic.Error(
            $"Unknown issue id '{key.Text}'.{DidYouMean.Hint(key.Text, known)}",
            At(fileName, key), actorId, key.Text, known.Count > 0 ? "one of the declared issue ids: " + string.Join(", ", known) : "an issue declared under 'issues'"));
        return false;
    }

    /// <summary>What is known about one declared issue while the document is read.</summary>
    private sealed class IssueEntry(Issue? issue, ScalarNode idNode, DocumentNode? veto)
    {
        /// <summary>The issue, or null when its own fields are invalid.</summary>
        public Issue? Issue { get; set; } = issue;

        /// <summary>Where its id was declared.</summary>
        public ScalarNode IdNode { get; } = idNode;

        /// <summary>Its 'veto' list, read once the actors are known.</summary>
        public DocumentNode? Veto { get; } = veto;

        /// <summary>True once some actor has a stance on it.</summary>
        public bool HasStance { get; set; }
    }
}
