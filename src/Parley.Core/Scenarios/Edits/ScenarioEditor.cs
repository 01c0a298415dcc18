using System.Globalization;
using Parley.Core.Diagnostics;
using Parley.Core.Text;

namespace Parley.Core.Scenarios.Edits;

/// <summary>
/// Checks what-if edits against a scenario and applies them. Edits apply in order: first every
/// immediate edit (no <see cref="ScenarioEdit.AfterRound"/>) in the order given, then the timed
/// ones by round (the order given among equal rounds). Rules:
/// <list type="bullet">
/// <item>an edit must name a known actor (not one dropped by an earlier edit), a known issue and,
/// for a position or salience, an issue on which the actor has a stance: edits change stances,
/// they never create them;</item>
/// <item>a position set or scaled must land on the issue's scale; a salience is given, and scaled,
/// on the scenario's salience scale (0–1, or 0–100 for a percent file), so that the result equals a
/// hand edit of the file, and must land on it; a capability must stay ≥ 0; factors for salience and
/// capability must be ≥ 0;</item>
/// <item><c>ACTOR.capability</c> is the actor's capability on every issue: setting it replaces the
/// per-issue capabilities too, scaling it scales them; <c>ACTOR.ISSUE.capability</c> sets or
/// scales the capability on that issue alone;</item>
/// <item>a stated range moves with its number (shifted by a set, multiplied by a scale, then cut
/// to the number's bounds); a normal spread's deviation is kept by a set and multiplied by a scale;</item>
/// <item>dropping an actor removes it, its stances and its vetoes; it may not leave an issue without actors.</item>
/// </list>
/// A timed edit is checked against the scenario as the immediate edits leave it; when it strikes
/// during a run (<see cref="ApplyToIssue"/>) the result is kept within the bounds.
/// </summary>
public static class ScenarioEditor
{
    /// <summary>
    /// The scenario with the immediate edits applied (the timed ones are checked, not applied), or
    /// the diagnostics of every invalid edit. The result keeps no what-ifs of its own.
    /// </summary>
    public static ReadResult<Scenario> Apply(Scenario scenario, IReadOnlyList<ScenarioEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(edits);
        var diagnostics = new List<Diagnostic>();
        var state = Run(scenario, edits, null, diagnostics);
        return diagnostics.Count > 0 ? ReadResult<Scenario>.Failure(diagnostics) : new ReadResult<Scenario>(state.ToScenario(), []);
    }

    /// <summary>The scenario with the immediate edits of <paramref name="whatIf"/> applied; see <see cref="Apply(Scenario, IReadOnlyList{ScenarioEdit})"/>.</summary>
    public static ReadResult<Scenario> Apply(Scenario scenario, WhatIf whatIf)
    {
        ArgumentNullException.ThrowIfNull(whatIf);
        return Apply(scenario, whatIf.Edits);
    }

    /// <summary>
    /// Every problem with <paramref name="edits"/> on <paramref name="scenario"/>; empty when all are
    /// valid. <paramref name="locate"/>, when given, places the diagnostic of edit number i (its
    /// index in <paramref name="edits"/>) at the part of the file it concerns.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Validate(Scenario scenario, IReadOnlyList<ScenarioEdit> edits, Func<int, EditPart, SourceLocation?>? locate = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(edits);
        var diagnostics = new List<Diagnostic>();
        Run(scenario, edits, locate, diagnostics);
        return diagnostics;
    }

    /// <summary>The timed edits of <paramref name="edits"/>, in the order they strike (by round, then as given).</summary>
    public static IReadOnlyList<ScenarioEdit> TimedEdits(IReadOnlyList<ScenarioEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        return edits.Where(e => !e.IsImmediate).OrderBy(e => e.AfterRound!.Value).ToList();
    }

    /// <summary>
    /// Applies one edit to the compiled arrays of one issue during a run (a timed shock): a copy of
    /// <paramref name="input"/> with the edit made, or <paramref name="input"/> itself when the edit
    /// does not concern this issue or its actor takes no part in it. Pass the current positions
    /// (<see cref="IssueInput.WithPositions"/>) to edit the state a model has reached. Results are kept
    /// within the bounds: positions on the scale, saliences on 0–1, capabilities ≥ 0. The edit should
    /// have been checked by <see cref="Validate"/> first.
    /// </summary>
    public static IssueInput ApplyToIssue(Scenario scenario, IssueInput input, ScenarioEdit edit)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(edit);
        var k = scenario.IndexOfIssue(input.IssueId);
        Preconditions.Check(k >= 0, nameof(input), $"Issue '{input.IssueId}' is not in the scenario.");
        var a = Array.IndexOf(input.ActorIds, edit.ActorId);
        if (a < 0)
        {
            return input;
        }

        if (edit is DropActorEdit)
        {
            bool Keep(int i) => i != a;
            return new IssueInput(
                input.IssueId,
                Filter(input.ActorIds, Keep),
                Filter(input.ActorNames, Keep),
                Filter(input.Positions, Keep),
                Filter(input.Capabilities, Keep),
                Filter(input.Saliences, Keep),
                input.Procedure);
        }

        var set = (SetValueEdit)edit;
        if (set.IssueId is not null && set.IssueId != input.IssueId)
        {
            return input;
        }

        var positions = (double[])input.Positions.Clone();
        var saliences = (double[])input.Saliences.Clone();
        var capabilities = (double[])input.Capabilities.Clone();
        switch (set.Field)
        {
            case EditField.Position:
                positions[a] = scenario.Issues[k].Scale.Clamp(Result(set, positions[a]));
                break;
            case EditField.Salience:
                saliences[a] = Math.Clamp(NewSalience(set, saliences[a], scenario.SalienceScale), 0, 1);
                break;
            default:
                capabilities[a] = Math.Max(0, Result(set, capabilities[a]));
                break;
        }

        return input.WithNumbers(positions, capabilities, saliences);
    }

    /// <summary>The new value of a position or capability: the edit's value for a set, the number times the factor for a scale.</summary>
    private static double Result(SetValueEdit edit, double current) =>
        edit.Operation == EditOperation.Set ? edit.Value : current * edit.Value;

    /// <summary>
    /// The new salience (0–1), computed on the file's salience scale as a hand edit of the file would
    /// be: the edit's value for a set, the salience as written times the factor for a scale.
    /// </summary>
    private static double NewSalience(SetValueEdit edit, double current, SalienceScale scale) =>
        SalienceUnits.FromFile(Result(edit, SalienceUnits.ToFile(current, scale)), scale);

    private static T[] Filter<T>(T[] values, Func<int, bool> keep)
    {
        var result = new List<T>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (keep(i))
            {
                result.Add(values[i]);
            }
        }

        return [.. result];
    }

    private static Working Run(Scenario scenario, IReadOnlyList<ScenarioEdit> edits, Func<int, EditPart, SourceLocation?>? locate, List<Diagnostic> diagnostics)
    {
        var state = new Working(scenario);
        var order = Enumerable.Range(0, edits.Count)
            .OrderBy(i => edits[i] is null ? -1 : edits[i].AfterRound ?? -1)
            .ToList();
        foreach (var i in order)
        {
            var edit = Preconditions.NotNull(edits[i], nameof(edits));
            var at = (EditPart part) => locate?.Invoke(i, part);
            var error = edit switch
            {
                SetValueEdit set => Check(state, set, at),
                DropActorEdit drop => Check(state, drop, at),
                _ => Diagnostic.Error($"Edit '{edit.Text}' is of a kind Parley cannot apply.", at(EditPart.Target)),
            };
            if (error is not null)
            {
                diagnostics.Add(error);
                continue;
            }

            if (edit is DropActorEdit)
            {
                state.Drop(edit.ActorId, edit.IsImmediate);
            }
            else if (edit.IsImmediate)
            {
                state.Apply((SetValueEdit)edit);
            }
        }

        return state;
    }

    private static Diagnostic? CheckActor(Working state, ScenarioEdit edit, Func<EditPart, SourceLocation?> at)
    {
        if (state.Dropped.Contains(edit.ActorId))
        {
            return Diagnostic.Error($"Edit '{edit.Text}': actor '{edit.ActorId}' was dropped by an earlier edit.", at(EditPart.Target), edit.ActorId, expected: "edits of an actor before the edit that drops it");
        }

        if (state.ActorIndex(edit.ActorId) >= 0)
        {
            return null;
        }

        var known = state.Actors.Select(a => a.Id).ToList();
        return Diagnostic.Error(
            $"Edit '{edit.Text}': unknown actor '{edit.ActorId}'.{DidYouMean.Hint(edit.ActorId, known)}",
            at(EditPart.Target), edit.ActorId, expected: "one of the actors: " + string.Join(", ", known));
    }

    private static Diagnostic? Check(Working state, DropActorEdit edit, Func<EditPart, SourceLocation?> at)
    {
        if (CheckActor(state, edit, at) is { } error)
        {
            return error;
        }

        foreach (var issue in state.Issues)
        {
            if (!state.Stances.Any(s => s.IssueId == issue.Id && s.ActorId != edit.ActorId && !state.Dropped.Contains(s.ActorId)))
            {
                return Diagnostic.Error(
                    $"Edit '{edit.Text}': dropping '{edit.ActorId}' leaves issue '{issue.Id}' with no actor.",
                    at(EditPart.Target), edit.ActorId, issue.Id, "an edit that leaves at least one actor with a stance on every issue");
            }
        }

        return null;
    }

    private static Diagnostic? Check(Working state, SetValueEdit edit, Func<EditPart, SourceLocation?> at)
    {
        if (CheckActor(state, edit, at) is { } error)
        {
            return error;
        }

        var actor = state.Actors[state.ActorIndex(edit.ActorId)];
        Issue? issue = null;
        if (edit.IssueId is not null)
        {
            issue = state.Issues.FirstOrDefault(i => i.Id == edit.IssueId);
            if (issue is null)
            {
                var known = state.Issues.Select(i => i.Id).ToList();
                return Diagnostic.Error(
                    $"Edit '{edit.Text}': unknown issue '{edit.IssueId}'.{DidYouMean.Hint(edit.IssueId, known)}",
                    at(EditPart.Target), edit.ActorId, edit.IssueId, "one of the issues: " + string.Join(", ", known));
            }
        }

        Preconditions.Check(issue is not null || edit.Field == EditField.Capability, nameof(edit), "A position or salience edit must name an issue.");
        if (!double.IsFinite(edit.Value))
        {
            return Diagnostic.Error($"Edit '{edit.Text}': the value is not a finite number.", at(EditPart.Value), edit.ActorId, edit.IssueId, "a finite number");
        }

        Stance? stance = null;
        if (edit.Field != EditField.Capability)
        {
            stance = state.StanceOf(edit.ActorId, issue!.Id);
            if (stance is null)
            {
                var held = state.Stances.Where(s => s.ActorId == edit.ActorId).Select(s => s.IssueId).ToList();
                return Diagnostic.Error(
                    $"Edit '{edit.Text}': actor '{edit.ActorId}' has no stance on issue '{issue.Id}'; an edit changes a stance, it does not create one.",
                    at(EditPart.Target), edit.ActorId, issue.Id,
                    held.Count > 0 ? $"an issue on which '{edit.ActorId}' has a stance: {string.Join(", ", held)}" : "a stance added to the scenario file");
            }
        }

        var value = Format(edit.Value);
        switch (edit.Field)
        {
            case EditField.Position:
            {
                var scale = issue!.Scale;
                var result = Result(edit, stance!.Position);
                if (scale.Contains(result))
                {
                    return null;
                }

                var range = $"{Format(scale.Minimum)} to {Format(scale.Maximum)}";
                var what = edit.Operation == EditOperation.Set
                    ? $"position {value} lies outside the scale of issue '{issue.Id}' ({range})."
                    : $"scaling the position {Format(stance.Position)} by {value} gives {Format(result)}, outside the scale of issue '{issue.Id}' ({range}).";
                return Diagnostic.Error($"Edit '{edit.Text}': {what}", at(EditPart.Value), edit.ActorId, issue.Id,
                    edit.Operation == EditOperation.Set ? $"a position from {range}" : $"a factor that keeps the position within {range}");
            }

            case EditField.Salience:
            {
                var percent = state.Source.SalienceScale == SalienceScale.Percent;
                var limit = percent ? 100 : 1;
                var scaleWords = percent ? "0 to 100 (the scenario's saliences are on the percent scale)" : "0 to 1 (the scenario's salience scale)";
                if (edit.Operation == EditOperation.Set)
                {
                    return edit.Value is >= 0 && edit.Value <= limit
                        ? null
                        : Diagnostic.Error($"Edit '{edit.Text}': salience {value} lies outside {Format(0)} to {Format(limit)}.", at(EditPart.Value), edit.ActorId, issue!.Id, $"a salience from {scaleWords}");
                }

                if (edit.Value < 0)
                {
                    return Diagnostic.Error($"Edit '{edit.Text}': a salience cannot be scaled by a negative factor ({value}).", at(EditPart.Value), edit.ActorId, issue!.Id, "a factor ≥ 0");
                }

                var written = SalienceUnits.ToFile(stance!.Salience, state.Source.SalienceScale);
                var scaled = written * edit.Value;
                return scaled <= limit
                    ? null
                    : Diagnostic.Error(
                        $"Edit '{edit.Text}': scaling the salience {Format(written)} by {value} gives {Format(scaled)}, above {Format(limit)}.",
                        at(EditPart.Value), edit.ActorId, issue!.Id, $"a factor that keeps the salience within {scaleWords}");
            }

            default:
                if (edit.Value >= 0)
                {
                    return null;
                }

                return edit.Operation == EditOperation.Set
                    ? Diagnostic.Error($"Edit '{edit.Text}': capability {value} is negative.", at(EditPart.Value), actor.Id, edit.IssueId, "a capability ≥ 0")
                    : Diagnostic.Error($"Edit '{edit.Text}': a capability cannot be scaled by a negative factor ({value}).", at(EditPart.Value), actor.Id, edit.IssueId, "a factor ≥ 0");
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The scenario as the edits so far leave it.</summary>
    private sealed class Working(Scenario source)
    {
        public Scenario Source { get; } = source;

        public List<Actor> Actors { get; } = [.. source.Actors];

        public List<Issue> Issues { get; } = [.. source.Issues];

        public List<Stance> Stances { get; } = [.. source.Stances];

        /// <summary>Actors dropped by an earlier edit (immediate or timed).</summary>
        public HashSet<string> Dropped { get; } = new(StringComparer.Ordinal);

        public int ActorIndex(string id) => Actors.FindIndex(a => a.Id == id);

        public Stance? StanceOf(string actorId, string issueId) => Stances.Find(s => s.ActorId == actorId && s.IssueId == issueId);

        public void Drop(string actorId, bool immediate)
        {
            Dropped.Add(actorId);
            if (!immediate)
            {
                return;
            }

            Actors.RemoveAll(a => a.Id == actorId);
            Stances.RemoveAll(s => s.ActorId == actorId);
            for (var k = 0; k < Issues.Count; k++)
            {
                if (Issues[k].VetoPlayers.Any(v => v.ActorId == actorId))
                {
                    Issues[k] = Issues[k] with { VetoPlayers = Issues[k].VetoPlayers.Where(v => v.ActorId != actorId).ToList() };
                }
            }
        }

        public void Apply(SetValueEdit edit)
        {
            if (edit.Field == EditField.Capability)
            {
                ApplyCapability(edit);
                return;
            }

            var index = Stances.FindIndex(s => s.ActorId == edit.ActorId && s.IssueId == edit.IssueId);
            var stance = Stances[index];
            if (edit.Field == EditField.Position)
            {
                var scale = Issues.First(i => i.Id == edit.IssueId).Scale;
                var position = Result(edit, stance.Position);
                Stances[index] = stance with
                {
                    Position = position,
                    PositionSpread = Moved(stance.PositionSpread, edit, stance.Position, position, scale.Minimum, scale.Maximum),
                };
                return;
            }

            // Saliences are edited on the file's scale, so that the result equals a hand edit of the file.
            var salienceScale = Source.SalienceScale;
            var before = SalienceUnits.ToFile(stance.Salience, salienceScale);
            var after = Result(edit, before);
            var spread = stance.SalienceSpread switch
            {
                NormalSpread n => new NormalSpread(SalienceUnits.ToFile(n.StandardDeviation, salienceScale)),
                RangeSpread r => new RangeSpread(SalienceUnits.ToFile(r.Low, salienceScale), SalienceUnits.ToFile(r.High, salienceScale)),
                _ => (Spread?)null,
            };
            var moved = Moved(spread, edit, before, after, 0, SalienceUnits.FileMaximum(salienceScale));
            Stances[index] = stance with
            {
                Salience = SalienceUnits.FromFile(after, salienceScale),
                SalienceSpread = moved switch
                {
                    NormalSpread n => new NormalSpread(SalienceUnits.FromFile(n.StandardDeviation, salienceScale)),
                    RangeSpread r => new RangeSpread(SalienceUnits.FromFile(r.Low, salienceScale), SalienceUnits.FromFile(r.High, salienceScale)),
                    _ => null,
                },
            };
        }

        private void ApplyCapability(SetValueEdit edit)
        {
            var index = ActorIndex(edit.ActorId);
            var actor = Actors[index];
            if (edit.IssueId is { } issueId)
            {
                var byIssue = actor.CapabilityByIssue?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? new Dictionary<string, double>(StringComparer.Ordinal);
                byIssue[issueId] = Result(edit, actor.CapabilityOn(issueId));
                Actors[index] = actor with { CapabilityByIssue = byIssue };
                return;
            }

            var capability = Result(edit, actor.Capability);
            Actors[index] = actor with
            {
                Capability = capability,
                CapabilityByIssue = edit.Operation == EditOperation.Set || actor.CapabilityByIssue is null
                    ? null
                    : actor.CapabilityByIssue.ToDictionary(p => p.Key, p => p.Value * edit.Value, StringComparer.Ordinal),
                CapabilitySpread = Moved(actor.CapabilitySpread, edit, actor.Capability, capability, 0, double.PositiveInfinity),
            };
        }

        /// <summary>A spread moved with its number: shifted by a set, multiplied by a scale, a range then cut to [min, max].</summary>
        private static Spread? Moved(Spread? spread, SetValueEdit edit, double before, double after, double min, double max)
        {
            var moved = spread switch
            {
                null => null,
                _ when edit.Operation == EditOperation.Scale => Scenario.Scaled(spread, edit.Value),
                RangeSpread r => new RangeSpread(Shifted(r.Low, before, after), Shifted(r.High, before, after)),
                _ => spread,
            };
            return moved is RangeSpread range ? new RangeSpread(Math.Clamp(range.Low, min, max), Math.Clamp(range.High, min, max)) : moved;
        }

        /// <summary>
        /// <paramref name="bound"/> + (<paramref name="after"/> − <paramref name="before"/>) in decimal arithmetic, so that the moved
        /// range is the one a user would type by hand ([0.5, 0.9] around 0.7 set to 0.2 gives [0, 0.4], not [5.6e-17, 0.40000000000000008]).
        /// Falls back to double arithmetic for numbers beyond decimal's range.
        /// </summary>
        private static double Shifted(double bound, double before, double after)
        {
            const double decimalLimit = 1e27;
            if (Math.Abs(bound) < decimalLimit && Math.Abs(before) < decimalLimit && Math.Abs(after) < decimalLimit)
            {
                return (double)((decimal)bound + ((decimal)after - (decimal)before));
            }

            return bound + (after - before);
        }

        public Scenario ToScenario() => Source.With(Issues, Actors, Stances, whatIfs: []);
    }
}
