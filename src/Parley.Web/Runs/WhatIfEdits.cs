using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;

namespace Parley.Web.Runs;

/// <summary>
/// Applies what-if edits, written in the grammar of <c>parley whatif</c> (<c>ACTOR.ISSUE.position=V</c>,
/// <c>…salience=V</c>, <c>ACTOR.capability=V</c>, <c>*=F</c> to scale, or <c>drop ACTOR</c>), to a
/// scenario through the core's edit parser and editor: the server itself changes no number.
/// </summary>
internal static class WhatIfEdits
{
    /// <summary>The prefix of an edit that drops an actor.</summary>
    public const string DropPrefix = "drop ";

    /// <summary>The scenario with <paramref name="edits"/> made, or every problem with them (each naming the edit).</summary>
    public static ReadResult<Scenario> Apply(Scenario scenario, IReadOnlyList<string> edits)
    {
        if (edits.Count == 0)
        {
            return new ReadResult<Scenario>(scenario, []);
        }

        var parsed = new List<ScenarioEdit>();
        var positions = new List<int>();
        var problems = new List<Diagnostic>();
        for (var i = 0; i < edits.Count; i++)
        {
            var text = edits[i] ?? string.Empty;
            var read = text.TrimStart().StartsWith(DropPrefix, StringComparison.Ordinal)
                ? ScenarioEditParser.ParseDrop(text.TrimStart()[DropPrefix.Length..])
                : ScenarioEditParser.Parse(text, scenario);
            if (!read.Succeeded)
            {
                problems.AddRange(read.Diagnostics.Select(d => d with { Location = new SourceLocation($"whatif[{i}]") }));
            }
            else if (!read.Value!.IsImmediate)
            {
                problems.Add(Diagnostic.Error($"The edit '{text}' strikes after round {read.Value.AfterRound}; the server runs edits made before the run only.", new SourceLocation($"whatif[{i}]"), expected: "an edit without '@N'"));
            }
            else
            {
                parsed.Add(read.Value);
                positions.Add(i);
            }
        }

        problems.AddRange(ScenarioEditor.Validate(scenario, parsed, (i, _) => new SourceLocation($"whatif[{positions[i]}]")));
        if (problems.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return ReadResult<Scenario>.Failure([.. problems.OrderBy(d => d.Location?.File, StringComparer.Ordinal)]);
        }

        return ScenarioEditor.Apply(scenario, parsed);
    }
}
