using Parley.Core.Text;
using System.Globalization;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;

namespace Parley.Formats.Scenarios;

/// <summary>
/// Reads a scenario document (YAML or JSON, as a <see cref="DocumentNode"/> tree): the structural
/// pass against the JSON Schema, then the checks the schema cannot express (duplicate keys and ids,
/// unknown issue ids, positions within each issue's scale, scale bounds, issues without stances),
/// then builds the <see cref="Scenario"/> when nothing is wrong. Every problem is reported.
/// </summary>
internal static class ScenarioBuilder
{
    /// <summary>Validates and builds; returns null when any error was found.</summary>
    public static Scenario? Build(DocumentNode root, string fileName, List<Diagnostic> diagnostics)
    {
        var errorsBefore = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        SchemaValidator.Validate(root, fileName, diagnostics);
        ReportDuplicateKeys(root, string.Empty, root, fileName, diagnostics);
        if (root is not MappingNode document)
        {
            return null;
        }

        var reader = new Reader(fileName, diagnostics);
        var scenario = reader.Read(document);
        return diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error) > errorsBefore ? null : scenario;
    }

    private static void ReportDuplicateKeys(DocumentNode node, string pointer, DocumentNode root, string fileName, List<Diagnostic> diagnostics)
    {
        switch (node)
        {
            case MappingNode mapping:
            {
                var first = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
                foreach (var entry in mapping.Entries)
                {
                    var childPointer = pointer + "/" + entry.Key.Text;
                    if (!first.TryAdd(entry.Key.Text, entry.Key))
                    {
                        var (actor, issue) = SchemaValidator.Context(childPointer, root);
                        diagnostics.Add(Diagnostic.Error(
                            $"Duplicate key '{entry.Key.Text}'; it was first given at line {first[entry.Key.Text].Line}.",
                            new SourceLocation(fileName, entry.Key.Line, entry.Key.Column), actor, issue, "each key once per mapping"));
                        continue;
                    }

                    ReportDuplicateKeys(entry.Value, childPointer, root, fileName, diagnostics);
                }

                break;
            }

            case SequenceNode sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    ReportDuplicateKeys(sequence.Items[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), root, fileName, diagnostics);
                }

                break;
        }
    }

    /// <summary>Reads the well-typed parts of a document; type errors were reported by the schema pass.</summary>
    private sealed class Reader(string fileName, List<Diagnostic> diagnostics)
    {
        private readonly Dictionary<string, (Issue? Issue, ScalarNode IdNode, bool HasStance)> _issues = new(StringComparer.Ordinal);

        public Scenario? Read(MappingNode document)
        {
            var title = Text(document, "title");
            var description = Text(document, "description");
            var sources = document.Find("sources")?.Value is SequenceNode s
                ? s.Items.OfType<ScalarNode>().Where(n => n.Kind == ScalarKind.String).Select(n => n.Text).ToList()
                : [];
            var percent = Text(document, "salience_scale") == "percent";

            var issues = new List<Issue>();
            if (document.Find("issues")?.Value is SequenceNode issueNodes)
            {
                foreach (var item in issueNodes.Items.OfType<MappingNode>())
                {
                    ReadIssue(item, issues);
                }
            }

            var actors = new List<Actor>();
            var stances = new List<Stance>();
            var actorIds = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
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
                        diagnostics.Add(Diagnostic.Error($"No actor has a stance on issue '{id}'.", At(entry.IdNode), issueId: id, expected: "at least one actor with a position and salience on this issue"));
                    }
                }
            }

            if (title is null || issues.Count == 0 || actors.Count == 0 || issues.Count != _issues.Count)
            {
                return null;
            }

            try
            {
                return new Scenario(title, issues, actors, stances, description, sources, percent ? SalienceScale.Percent : SalienceScale.Unit);
            }
            catch (ArgumentException)
            {
                // Every condition the constructor guards is reported above with its location.
                return null;
            }
        }

        private void ReadIssue(MappingNode item, List<Issue> issues)
        {
            if (item.Find("id")?.Value is not ScalarNode { Kind: ScalarKind.String } idNode)
            {
                return;
            }

            var id = idNode.Text;
            if (_issues.TryGetValue(id, out var existing))
            {
                diagnostics.Add(Diagnostic.Error($"Duplicate issue id '{id}'; it was first declared at line {existing.IdNode.Line}.", At(idNode), issueId: id, expected: "a unique issue id"));
                return;
            }

            var scale = ReadScale(item.Find("scale")?.Value as MappingNode, id);
            var name = Text(item, "name");
            var issue = scale is not null && name is not null ? new Issue(id, name, scale, Text(item, "description")) : null;
            _issues[id] = (issue, idNode, false);
            if (issue is not null)
            {
                issues.Add(issue);
            }
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
                    At(minNode ?? maxNode ?? node), issueId: issueId, expected: "min < max (defaults: min 0, max 100)"));
                return null;
            }

            var anchors = new List<ScaleAnchor>();
            if (node.Find("anchors")?.Value is SequenceNode anchorNodes)
            {
                foreach (var anchor in anchorNodes.Items.OfType<MappingNode>())
                {
                    var valueNode = anchor.Find("value")?.Value;
                    var value = valueNode is null ? null : Number(valueNode);
                    var label = Text(anchor, "label");
                    if (value is null || label is null)
                    {
                        continue;
                    }

                    if (value < min || value > max)
                    {
                        diagnostics.Add(Diagnostic.Error(
                            $"Anchor value {Format(value.Value)} lies outside the scale ({Format(min.Value)} to {Format(max.Value)}).",
                            At(valueNode!), issueId: issueId, expected: $"a value from {Format(min.Value)} to {Format(max.Value)}"));
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
                diagnostics.Add(Diagnostic.Error($"Duplicate actor id '{id}'; it was first declared at line {actorIds[id].Line}.", At(idNode!), id, expected: "a unique actor id"));
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
                    var (issue, issueIdNode, _) = _issues[issueId];
                    _issues[issueId] = (issue, issueIdNode, true);
                    if (entry.Value is not MappingNode stance)
                    {
                        continue;
                    }

                    var positionNode = stance.Find("position")?.Value;
                    var position = positionNode is null ? null : Number(positionNode);
                    var salienceNode = stance.Find("salience")?.Value;
                    var salience = salienceNode is null ? null : Number(salienceNode);
                    if (position is not null && issue is not null && !issue.Scale.Contains(position.Value))
                    {
                        diagnostics.Add(Diagnostic.Error(
                            $"Position {Format(position.Value)} lies outside the scale of issue '{issueId}' ({Format(issue.Scale.Minimum)} to {Format(issue.Scale.Maximum)}).",
                            At(positionNode!), id, issueId, $"a position from {Format(issue.Scale.Minimum)} to {Format(issue.Scale.Maximum)}"));
                        position = null;
                    }

                    var limit = percent ? 100 : 1;
                    if (position is null || salience is null || salience < 0 || salience > limit)
                    {
                        valid = false;
                        continue;
                    }

                    stances.Add(new Stance(id ?? string.Empty, issueId, position.Value, percent ? salience.Value / 100 : salience.Value, Text(stance, "rationale")));
                }
            }

            var name = Text(item, "name");
            var capabilityNode = item.Find("capability")?.Value;
            var capability = capabilityNode is null ? null : Number(capabilityNode);
            if (valid && name is not null && capability is >= 0)
            {
                actors.Add(new Actor(id!, name, capability.Value, Text(item, "description"), byIssue.Count > 0 ? byIssue : null));
            }
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
                At(key), actorId, key.Text, known.Count > 0 ? "one of the declared issue ids: " + string.Join(", ", known) : "an issue declared under 'issues'"));
            return false;
        }

        private SourceLocation At(DocumentNode node) => new(fileName, node.Line, node.Column);

        private static string? Text(MappingNode node, string key) =>
            node.Find(key)?.Value is ScalarNode { Kind: ScalarKind.String } s ? s.Text : null;

        private static double? Number(DocumentNode node) =>
            node is ScalarNode { Kind: ScalarKind.Number } s && double.IsFinite(s.Number) ? s.Number : null;

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
