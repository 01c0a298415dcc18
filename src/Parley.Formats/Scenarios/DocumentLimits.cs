using System.Globalization;
using Parley.Core;
using Parley.Core.Diagnostics;

namespace Parley.Formats.Scenarios;

/// <summary>Checks the counts of a YAML or JSON scenario document against <see cref="Limits"/> before anything is built from it.</summary>
internal static class DocumentLimits
{
    /// <summary>Adds an error at the first actor, issue or stance past its limit; returns false when there was one.</summary>
    public static bool Check(DocumentNode root, string fileName, List<Diagnostic> diagnostics)
    {
        if (root is not MappingNode document)
        {
            return true;
        }

        var within = true;
        var actors = document.Find("actors")?.Value as SequenceNode;
        within &= Count(document.Find("issues")?.Value as SequenceNode, Limits.MaxIssues, "issues", fileName, diagnostics);
        within &= Count(actors, Limits.MaxActors, "actors", fileName, diagnostics);
        if (!within || actors is null)
        {
            return within;
        }

        var stances = 0;
        foreach (var actor in actors.Items.OfType<MappingNode>())
        {
            if (actor.Find("stances")?.Value is not MappingNode map)
            {
                continue;
            }

            foreach (var entry in map.Entries)
            {
                if (++stances > Limits.MaxStances)
                {
                    diagnostics.Add(Diagnostic.Error(
                        F($"The scenario has more than {Limits.MaxStances:#,0} stances (actor × issue positions); this is stance number {stances:#,0}."),
                        new SourceLocation(fileName, entry.Key.Line, entry.Key.Column),
                        expected: F($"at most {Limits.MaxStances:#,0} stances (see docs/limits.md)")));
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Count(SequenceNode? list, int limit, string what, string fileName, List<Diagnostic> diagnostics)
    {
        if (list is null || list.Items.Count <= limit)
        {
            return true;
        }

        var first = list.Items[limit];
        diagnostics.Add(Diagnostic.Error(
            F($"The scenario has {list.Items.Count:#,0} {what}; Parley reads at most {limit:#,0}. This is number {limit + 1:#,0}."),
            new SourceLocation(fileName, first.Line, first.Column),
            expected: F($"at most {limit:#,0} {what} (see docs/limits.md)")));
        return false;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
