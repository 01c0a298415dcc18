using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Core.Text;
using static Parley.Formats.Scenarios.NodeValues;

namespace Parley.Formats.Scenarios;

/// <summary>
/// Reads an outcomes file (YAML or JSON): <c>outcomes: { ISSUE: { position: P, record: "…" } }</c>
/// (or <c>ISSUE: P</c>) with an optional <c>scenario: FILE</c>, and merges the outcomes into a
/// scenario. Every problem is a located diagnostic: unknown keys and issue ids (with a "did you
/// mean"), duplicate keys, wrong types, positions off the issue's scale.
/// </summary>
internal static class OutcomesDocumentReader
{
    private static readonly string[] RootKeys = ["scenario", "outcomes"];
    private static readonly string[] OutcomeKeys = ["position", "record"];

    /// <summary>The <c>scenario</c> key's value, when the document is a mapping that gives one as text.</summary>
    public static string? ScenarioPath(DocumentNode root) =>
        root is MappingNode m ? Text(m, "scenario") : null;

    /// <summary>The scenario with the file's outcomes merged in, or null when any error was found.</summary>
    public static Scenario? Merge(DocumentNode root, Scenario scenario, string fileName, List<Diagnostic> diagnostics)
    {
        var errorsBefore = Errors(diagnostics);
        if (root is not MappingNode document)
        {
            diagnostics.Add(Diagnostic.Error($"An outcomes file must be a mapping, but this one is {root.Describe()}.", At(fileName, root), expected: "outcomes: { ISSUE: { position: P, record: \"…\" } }"));
            return null;
        }

        CheckKeys(document, RootKeys, fileName, diagnostics, null);
        if (document.Find("scenario")?.Value is { } path && path is not ScalarNode { Kind: ScalarKind.String })
        {
            diagnostics.Add(Diagnostic.Error($"'scenario' must be text (a file name), but is {path.Describe()}.", At(fileName, path), expected: "the scenario file's path, relative to this file, e.g. korea-2018.yaml"));
        }

        var outcomesEntry = document.Find("outcomes");
        if (outcomesEntry is null)
        {
            diagnostics.Add(Diagnostic.Error("Missing required field 'outcomes'.", At(fileName, document), expected: "outcomes: { ISSUE: { position: P, record: \"…\" } }"));
            return null;
        }

        if (outcomesEntry.Value is not MappingNode outcomes)
        {
            diagnostics.Add(Diagnostic.Error($"'outcomes' must be a mapping of issue ids, but is {outcomesEntry.Value.Describe()}.", At(fileName, outcomesEntry.Value), expected: "outcomes: { ISSUE: { position: P, record: \"…\" } }"));
            return null;
        }

        var issues = scenario.Issues.ToList();
        var known = issues.Select(i => i.Id).ToList();
        var seen = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
        foreach (var entry in outcomes.Entries)
        {
            var id = entry.Key.Text;
            if (!seen.TryAdd(id, entry.Key))
            {
                diagnostics.Add(Diagnostic.Error($"Duplicate key '{id}'; it was first given at line {seen[id].Line}.", At(fileName, entry.Key), issueId: id, expected: "each issue once"));
                continue;
            }

            var k = scenario.IndexOfIssue(id);
            if (k < 0)
            {
                diagnostics.Add(Diagnostic.Error(
                    $"Unknown issue id '{id}'.{DidYouMean.Hint(id, known)}",
                    At(fileName, entry.Key), issueId: id, expected: "one of the scenario's issue ids: " + string.Join(", ", known)));
                continue;
            }

            var outcome = ReadOutcome(entry.Value, issues[k], fileName, diagnostics);
            if (outcome is null)
            {
                continue;
            }

            if (issues[k].Outcome is not null)
            {
                diagnostics.Add(Diagnostic.Warning($"The outcome of issue '{id}' replaces the one the scenario states.", At(fileName, entry.Key), issueId: id));
            }

            issues[k] = issues[k] with { Outcome = outcome };
        }

        return Errors(diagnostics) > errorsBefore ? null : scenario.With(issues: issues);
    }

    private static RecordedOutcome? ReadOutcome(DocumentNode node, Issue issue, string fileName, List<Diagnostic> diagnostics)
    {
        const string Expected = "a position on the issue's scale, or { position: P, record: \"one sentence of the public record\" }";
        DocumentNode? positionNode = node;
        string? record = null;
        if (node is MappingNode mapping)
        {
            CheckKeys(mapping, OutcomeKeys, fileName, diagnostics, issue.Id);
            positionNode = mapping.Find("position")?.Value;
            if (positionNode is null)
            {
                diagnostics.Add(Diagnostic.Error($"Missing required field 'position' in the outcome of issue '{issue.Id}'.", At(fileName, mapping), issueId: issue.Id, expected: Expected));
                return null;
            }

            var recordNode = mapping.Find("record")?.Value;
            if (recordNode is not null && recordNode is not ScalarNode { Kind: ScalarKind.String })
            {
                diagnostics.Add(Diagnostic.Error($"'record' must be text, but is {recordNode.Describe()}.", At(fileName, recordNode), issueId: issue.Id, expected: "one sentence of the public record, in quotes"));
                return null;
            }

            record = Text(mapping, "record");
        }

        if (Number(positionNode) is not { } position)
        {
            diagnostics.Add(Diagnostic.Error($"The outcome of issue '{issue.Id}' must be a finite number, but is {positionNode.Describe()}.", At(fileName, positionNode), issueId: issue.Id, expected: Expected));
            return null;
        }

        if (!issue.Scale.Contains(position))
        {
            var range = $"{Format(issue.Scale.Minimum)} to {Format(issue.Scale.Maximum)}";
            diagnostics.Add(Diagnostic.Error($"The outcome {Format(position)} lies outside the scale of issue '{issue.Id}' ({range}).", At(fileName, positionNode), issueId: issue.Id, expected: $"a position from {range}"));
            return null;
        }

        return new RecordedOutcome(position, record);
    }

    private static void CheckKeys(MappingNode mapping, string[] allowed, string fileName, List<Diagnostic> diagnostics, string? issueId)
    {
        var first = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Text;
            if (!allowed.Contains(key))
            {
                diagnostics.Add(Diagnostic.Error($"Unknown key '{key}'.{DidYouMean.Hint(key, allowed)}", At(fileName, entry.Key), issueId: issueId, expected: "one of: " + string.Join(", ", allowed)));
            }
            else if (!first.TryAdd(key, entry.Key))
            {
                diagnostics.Add(Diagnostic.Error($"Duplicate key '{key}'; it was first given at line {first[key].Line}.", At(fileName, entry.Key), issueId: issueId, expected: "each key once per mapping"));
            }
        }
    }

    private static int Errors(List<Diagnostic> diagnostics) => diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
}
