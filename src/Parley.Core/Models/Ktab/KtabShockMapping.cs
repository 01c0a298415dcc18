using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// Turns a run's timed edits (<see cref="ModelOptions.Shocks"/>) into the engine's shocks: a set of a
/// position, salience or capability is the engine's set (a position mapped to [0, 1], a salience to
/// 0–1, divided like the actor's other saliences when they were normalised); a scale of a capability
/// or salience multiplies the number as the earlier edits left it. The engine cannot drop an actor,
/// has one capability per actor and cannot scale a position it has not yet reached: those edits are errors.
/// </summary>
internal static class KtabShockMapping
{
    /// <summary>The engine's shocks and, for each, the edit it came from; or the problems that keep the edits from running.</summary>
    public static (List<KtabShock> Shocks, List<string> Edits, List<Diagnostic> Problems) Map(Scenario scenario, ShockSchedule? schedule, KtabSmpModel.Input input)
    {
        var shocks = new List<KtabShock>();
        var texts = new List<string>();
        var problems = new List<Diagnostic>();
        if (schedule is null || schedule.IsEmpty)
        {
            return (shocks, texts, problems);
        }

        var dims = input.Dimensions;
        var capability = (double[])input.Capabilities.Clone();
        var salience = (double[])input.Saliences.Clone();
        foreach (var edit in schedule.Edits)
        {
            var turn = edit.AfterRound!.Value;
            var a = scenario.IndexOfActor(edit.ActorId);
            Preconditions.Check(a >= 0, nameof(schedule), $"Actor '{edit.ActorId}' of a timed edit is not in the scenario.");
            if (edit is not SetValueEdit set)
            {
                problems.Add(Diagnostic.Error($"Model 'ktab-smp' cannot take the timed edit '{edit.Text}': KTAB's engine cannot take an actor out during a run.", actorId: edit.ActorId, expected: "a drop before the run (--drop ACTOR, without @N)"));
                continue;
            }

            switch (set.Field)
            {
                case EditField.Capability when set.IssueId is not null:
                    problems.Add(Diagnostic.Error($"Model 'ktab-smp' cannot take the timed edit '{edit.Text}': it has one capability per actor, on every issue.", actorId: edit.ActorId, issueId: set.IssueId, expected: $"{edit.ActorId}.capability (every issue)"));
                    break;
                case EditField.Capability:
                    capability[a] = set.Operation == EditOperation.Set ? set.Value : capability[a] * set.Value;
                    shocks.Add(KtabShock.Capability(turn, a, capability[a]));
                    texts.Add(edit.Text);
                    break;
                case EditField.Position when set.Operation == EditOperation.Scale:
                    problems.Add(Diagnostic.Error($"Model 'ktab-smp' cannot take the timed edit '{edit.Text}': a position can be set after a turn, not scaled.", actorId: edit.ActorId, issueId: set.IssueId, expected: $"{edit.ActorId}.{set.IssueId}.position=V@{turn}"));
                    break;
                case EditField.Position:
                {
                    var d = scenario.IndexOfIssue(set.IssueId!);
                    var scale = scenario.Issues[d].Scale;
                    shocks.Add(KtabShock.Position(turn, a, d, (scale.Clamp(set.Value) - scale.Minimum) / scale.Width));
                    texts.Add(edit.Text);
                    break;
                }

                default:
                {
                    var d = scenario.IndexOfIssue(set.IssueId!);
                    var k = (a * dims) + d;
                    var written = scenario.StanceOf(a, d)!.Salience;
                    var factor = written > 0 ? input.Saliences[k] / written : 1;
                    salience[k] = set.Operation == EditOperation.Set
                        ? Math.Clamp(SalienceUnits.FromFile(set.Value, scenario.SalienceScale), 0, 1) * factor
                        : salience[k] * set.Value;
                    shocks.Add(KtabShock.Salience(turn, a, d, Math.Clamp(salience[k], 0, 1)));
                    texts.Add(edit.Text);
                    break;
                }
            }
        }

        return (shocks, texts, problems);
    }

    /// <summary>The shocks of <paramref name="applied"/> as struck edits (the same on every issue: the run is joint).</summary>
    public static List<StruckShock> Struck(IReadOnlyList<KtabShock> applied, List<KtabShock> shocks, List<string> edits)
    {
        var struck = new List<StruckShock>();
        foreach (var shock in applied)
        {
            var i = shocks.FindIndex(s => ReferenceEquals(s, shock));
            if (i >= 0)
            {
                struck.Add(new StruckShock(shock.AfterTurn, edits[i]));
            }
        }

        return struck;
    }
}
