using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;

namespace Parley.Web.Runs;

/// <summary>
/// Applies what-if edits, written in the grammar of <c>parley whatif</c> (<c>ACTOR.ISSUE.position=V</c>,
/// <c>…salience=V</c>, <c>ACTOR.capability=V</c>, <c>*=F</c> to scale, or <c>drop ACTOR</c>), to a
/// scenario through the core's edit parser and editor: the server itself changes no number. An edit
/// with <c>@N</c> strikes after round N of the iterative models (the core's timed edits, as in
/// <c>parley whatif</c>): it comes back as the schedule of <see cref="ModelOptions.Shocks"/>.
/// </summary>
internal static class WhatIfEdits
{
    /// <summary>The prefix of an edit that drops an actor.</summary>
    public const string DropPrefix = "drop ";

    /// <summary>
    /// The scenario with the immediate <paramref name="edits"/> made and the timed ones as a schedule (null
    /// when there are none), or every problem with them (each naming the edit). Timed edits are refused
    /// unless <paramref name="allowTimed"/> (for the analyses that do not play them).
    /// </summary>
    public static ReadResult<EditedScenario> Apply(Scenario scenario, IReadOnlyList<string> edits, bool allowTimed = true)
    {
        if (edits.Count == 0)
        {
            return new ReadResult<EditedScenario>(new EditedScenario(scenario, null), []);
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
            else if (!read.Value!.IsImmediate && !allowTimed)
            {
                problems.Add(Diagnostic.Error($"The edit '{text}' strikes after round {read.Value.AfterRound}; advice is searched on edits made before the run only.", new SourceLocation($"whatif[{i}]"), expected: "an edit without '@N'"));
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
            return ReadResult<EditedScenario>.Failure([.. problems.OrderBy(d => d.Location?.File, StringComparer.Ordinal)]);
        }

        var edited = ScenarioEditor.Apply(scenario, parsed);
        if (!edited.Succeeded)
        {
            return ReadResult<EditedScenario>.Failure(edited.Diagnostics);
        }

        var timed = ScenarioEditor.TimedEdits(parsed);
        return new ReadResult<EditedScenario>(new EditedScenario(edited.Value!, timed.Count > 0 ? new ShockSchedule(edited.Value!, timed) : null), edited.Diagnostics);
    }
}

/// <summary>A scenario with what-if edits made: the immediate ones in it, the timed ones as the schedule the iterative models play (null for none).</summary>
/// <param name="Scenario">The scenario with the immediate edits made.</param>
/// <param name="Shocks">The timed edits, or null.</param>
internal sealed record EditedScenario(Scenario Scenario, ShockSchedule? Shocks);
