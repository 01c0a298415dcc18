using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Run;
using Parley.Core.Scenarios.Edits;

namespace Parley.Core.WhatIfs;

/// <summary>
/// Runs what-ifs side by side with the base case. Each what-if's immediate edits make a new scenario
/// (exactly the scenario a hand edit of the file would give, see <see cref="ScenarioEditor"/>), which is
/// forecast by <see cref="ForecastRunner"/> with the request's models, options, draws and seed: its
/// numbers are those of <c>parley forecast</c> on the hand-edited file. Its timed edits strike during
/// the runs of the iterative models (<see cref="ModelOptions.Shocks"/>; what each kind of model does
/// with them is in <see cref="ShockSchedule"/>). No I/O.
/// </summary>
public static class WhatIfRunner
{
    /// <summary>The name of the what-if made of edits given one by one (the command line's <c>--set</c> and <c>--drop</c>).</summary>
    public const string EditsName = "edits";

    /// <summary>
    /// The problems with <paramref name="request"/> (see <see cref="ForecastRunner.Validate"/>) and with the
    /// edits of every what-if on its scenario (unknown actors, issues or fields with a "did you mean",
    /// values off their scale, …), each message naming the what-if; empty when all can run.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Validate(ForecastRequest request, IReadOnlyList<WhatIf> whatIfs)
    {
        Preconditions.NotNull(request, nameof(request));
        Preconditions.NotNull(whatIfs, nameof(whatIfs));
        var problems = new List<Diagnostic>(ForecastRunner.Validate(request));
        if (whatIfs.Count == 0)
        {
            problems.Add(Diagnostic.Error("No what-if to run.", expected: "at least one edit or named what-if"));
        }

        foreach (var name in whatIfs.GroupBy(w => w.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add(Diagnostic.Error($"What-if '{name}' is asked for more than once."));
        }

        foreach (var whatIf in whatIfs)
        {
            if (whatIf.Edits.Count == 0)
            {
                problems.Add(Diagnostic.Error($"What-if '{whatIf.Name}' has no edits.", expected: "at least one edit"));
            }

            var found = new List<Diagnostic>(ScenarioEditor.Validate(request.Scenario, whatIf.Edits));
            foreach (var edit in whatIf.Edits.OfType<SetValueEdit>())
            {
                // The numbers a file could not hold, a run may not be given either (the edited scenario's are checked below).
                if (edit.Value != 0 && (Math.Abs(edit.Value) > Limits.MaxMagnitude || Math.Abs(edit.Value) < Limits.MinMagnitude))
                {
                    found.Add(Diagnostic.Error($"Edit '{edit.Text}': {edit.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is {RunLimits.MagnitudeProblem(edit.Value)}.", actorId: edit.ActorId, issueId: edit.IssueId, expected: RunLimits.MagnitudeExpected));
                }
            }

            if (found.Count == 0)
            {
                found.AddRange(RunLimits.CheckScenario(ScenarioEditor.Apply(request.Scenario, whatIf.Edits).Value!)
                    .Select(d => d with { Message = "After the edits: " + d.Message }));
            }

            foreach (var d in found)
            {
                problems.Add(whatIf.Name == EditsName ? d : d with { Message = $"What-if '{whatIf.Name}': {d.Message}" });
            }
        }

        return problems;
    }

    /// <summary>Runs the what-if made of <paramref name="edits"/> (named <see cref="EditsName"/>); see <see cref="Run(ForecastRequest, IReadOnlyList{WhatIf}, IProgress{RunProgress}, CancellationToken)"/>.</summary>
    public static WhatIfOutcome Run(ForecastRequest request, IReadOnlyList<ScenarioEdit> edits, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(request, [new WhatIf(EditsName, null, null, Preconditions.NotNull(edits, nameof(edits)))], progress, cancellationToken);

    /// <summary>
    /// Forecasts the base case (<paramref name="request"/> as given) and every what-if; the request and the
    /// what-ifs must pass <see cref="Validate"/>. <paramref name="progress"/> hears each run in turn.
    /// </summary>
    public static WhatIfOutcome Run(ForecastRequest request, IReadOnlyList<WhatIf> whatIfs, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(request, nameof(request));
        Preconditions.Check(Validate(request, whatIfs).Count == 0, nameof(whatIfs), "The request or a what-if is invalid; call Validate first.");
        // The what-ifs take the base case's forecasts of the issues their edits leave as they were
        // (the same draws, bit for bit: see DrawCache), unless the request brings a cache of its own.
        var plain = request with { Options = request.Options with { Shocks = null }, Cache = request.Cache ?? new DrawCache() };
        var baseCase = ForecastRunner.Run(plain, progress, cancellationToken);
        var cases = new List<WhatIfCase>(whatIfs.Count);
        foreach (var whatIf in whatIfs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var variant = ForecastRunner.Run(Variant(plain, whatIf), progress, cancellationToken);
            cases.Add(new WhatIfCase(whatIf, variant, Changes(baseCase, variant), Notes(request.Models, whatIf, variant)));
        }

        return new WhatIfOutcome(baseCase, cases);
    }

    /// <summary>
    /// The request that forecasts <paramref name="whatIf"/>: the scenario with its immediate edits made, and its
    /// timed edits as the models' <see cref="ModelOptions.Shocks"/>. The what-if must pass <see cref="Validate"/>.
    /// </summary>
    public static ForecastRequest Variant(ForecastRequest request, WhatIf whatIf)
    {
        Preconditions.NotNull(request, nameof(request));
        Preconditions.NotNull(whatIf, nameof(whatIf));
        var edited = ScenarioEditor.Apply(request.Scenario, whatIf.Edits);
        Preconditions.Check(edited.Succeeded, nameof(whatIf), $"What-if '{whatIf.Name}' is invalid; call Validate first.");
        var timed = ScenarioEditor.TimedEdits(whatIf.Edits);
        return request with
        {
            Scenario = edited.Value!,
            Options = request.Options with { Shocks = timed.Count > 0 ? new ShockSchedule(edited.Value!, timed) : null },
        };
    }

    private static List<ForecastChange> Changes(ForecastOutcome baseCase, ForecastOutcome variant)
    {
        var changes = new List<ForecastChange>();
        for (var k = 0; k < baseCase.Scenario.Issues.Count; k++)
        {
            var issueId = baseCase.Scenario.Issues[k].Id;
            for (var m = 0; m < baseCase.Models.Count; m++)
            {
                if (baseCase.Models[m].Issue(issueId) is { } before && variant.Models[m].Issue(issueId) is { } after)
                {
                    changes.Add(new ForecastChange(issueId, baseCase.Models[m].Model, before, after));
                }
            }
        }

        return changes;
    }

    private static List<string> Notes(IReadOnlyList<IForecastModel> models, WhatIf whatIf, ForecastOutcome variant)
    {
        var notes = new List<string>();
        var timed = ScenarioEditor.TimedEdits(whatIf.Edits);
        if (timed.Count == 0)
        {
            return notes;
        }

        var statics = models.Where(m => !m.Traits.Iterative).Select(m => m.Name).ToList();
        if (statics.Count > 0)
        {
            notes.Add($"Static models ({string.Join(", ", statics)}) have no rounds: they forecast the inputs as every edit leaves them, timed edits included.");
        }

        foreach (var (model, forecast) in models.Zip(variant.Models))
        {
            if (!model.Traits.Iterative || forecast.Result is not { } result)
            {
                continue;
            }

            var struck = result.Issues.SelectMany(i => i.Shocks ?? []).Select(s => s.Edit).ToHashSet(StringComparer.Ordinal);
            foreach (var edit in timed.Where(e => !struck.Contains(e.Text)))
            {
                var rounds = result.Issues.Count > 0 ? result.Issues.Max(i => i.RoundsRun) : 0;
                notes.Add($"'{edit.Text}' never struck in {model.Name}: the run ended after {rounds} round{(rounds == 1 ? string.Empty : "s")}, and an edit strikes only when another round follows its round.");
            }
        }

        return notes;
    }
}
