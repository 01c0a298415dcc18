using System.Globalization;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;

namespace Parley.Formats.Scenarios;

/// <summary>
/// Reads a scenario document (YAML or JSON, as a <see cref="DocumentNode"/> tree): the structural
/// pass against the JSON Schema, then the checks the schema cannot express (duplicate keys and ids,
/// unknown issue and actor ids, positions, ranges, status quos and outcomes within each issue's
/// scale, scale bounds, issues without stances, what-if edits), then builds the
/// <see cref="Scenario"/> when nothing is wrong. Every problem is reported.
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

        var scenario = new ScenarioDocumentReader(fileName, diagnostics).Read(document);
        if (scenario is not null && document.Find("whatifs")?.Value is SequenceNode whatIfs)
        {
            var read = new WhatIfReader(fileName, diagnostics).Read(whatIfs, scenario);
            scenario = read is null ? null : scenario.With(whatIfs: read);
        }

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
}
