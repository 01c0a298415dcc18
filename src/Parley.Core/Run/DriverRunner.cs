using Parley.Core.Analysis;
using Parley.Core.Models;
using Parley.Core.Scenarios;

namespace Parley.Core.Run;

/// <summary>
/// Finds who drives each forecast: reruns a model with one input at a time moved down and up by
/// <see cref="DriverSteps"/> (everything else as written) and ranks the inputs by the swing of the
/// forecast. One-issue models rerun only the issue; models that run issues together rerun the
/// whole scenario (a capability then moves every issue, and is rerun once for all of them).
/// </summary>
internal static class DriverRunner
{
    /// <summary>Above this many actors on an issue, drivers are not computed (3 × 2 reruns per actor); the run says so.</summary>
    public const int MaxActors = 100;

    /// <summary>The drivers of <paramref name="model"/> on every issue of <paramref name="scenario"/>, largest swing first; a list is empty where the issue has too many actors.</summary>
    public static IReadOnlyList<Driver>[] Run(IForecastModel model, Scenario scenario, ModelOptions options, ParallelOptions parallel)
    {
        var lean = ModelRuns.Lean(options);
        return model is IssueModel issueModel
            ? ForIssueModel(issueModel, scenario, lean, parallel)
            : ForJointModel(model, scenario, lean, parallel);
    }

    private static IReadOnlyList<Driver>[] ForIssueModel(IssueModel model, Scenario scenario, ModelOptions options, ParallelOptions parallel)
    {
        var result = new IReadOnlyList<Driver>[scenario.Issues.Count];
        for (var k = 0; k < result.Length; k++)
        {
            var input = scenario.Compile(k);
            if (input.Count > MaxActors)
            {
                result[k] = [];
                continue;
            }

            var scale = scenario.Issues[k].Scale;
            var drivers = new Driver?[input.Count * 3];
            Parallel.For(0, drivers.Length, parallel, t =>
            {
                var row = t / 3;
                var which = (DriverInput)(t % 3);
                var value = which switch
                {
                    DriverInput.Position => input.Positions[row],
                    DriverInput.Salience => input.Saliences[row],
                    _ => input.Capabilities[row],
                };
                var (low, high) = DriverSteps.Around(which, value, scale);
                var atLow = ModelRuns.TryForecast(model, DriverSteps.With(input, row, which, low), options, parallel.CancellationToken);
                var atHigh = ModelRuns.TryForecast(model, DriverSteps.With(input, row, which, high), options, parallel.CancellationToken);
                if (atLow is { } l && atHigh is { } h)
                {
                    drivers[t] = new Driver(input.ActorIds[row], which, low, high, l, h);
                }
            });
            result[k] = Rank(drivers);
        }

        return result;
    }

    private static IReadOnlyList<Driver>[] ForJointModel(IForecastModel model, Scenario scenario, ModelOptions options, ParallelOptions parallel)
    {
        var issues = scenario.Issues.Count;
        var actors = scenario.Actors.Count;
        if (actors > MaxActors)
        {
            return [.. Enumerable.Range(0, issues).Select(_ => (IReadOnlyList<Driver>)[])];
        }

        // Tasks: (actor, capability) once, and (actor, issue, position|salience) per stance.
        var tasks = new List<(int Actor, int Issue, DriverInput Input)>();
        for (var a = 0; a < actors; a++)
        {
            tasks.Add((a, -1, DriverInput.Capability));
            for (var k = 0; k < issues; k++)
            {
                if (scenario.StanceOf(a, k) is not null)
                {
                    tasks.Add((a, k, DriverInput.Position));
                    tasks.Add((a, k, DriverInput.Salience));
                }
            }
        }

        var outcomes = new (double Low, double High, double[]? AtLow, double[]? AtHigh)[tasks.Count];
        Parallel.For(0, tasks.Count, parallel, t =>
        {
            var (a, k, which) = tasks[t];
            var actor = scenario.Actors[a];
            var stance = k >= 0 ? scenario.StanceOf(a, k)! : null;
            var value = which switch
            {
                DriverInput.Position => stance!.Position,
                DriverInput.Salience => stance!.Salience,
                _ => actor.Capability,
            };
            var (low, high) = DriverSteps.Around(which, value, k >= 0 ? scenario.Issues[k].Scale : Scale.Percent);
            outcomes[t] = (low, high, Forecasts(model, With(scenario, a, k, which, low), options, issues, parallel), Forecasts(model, With(scenario, a, k, which, high), options, issues, parallel));
        });

        var result = new IReadOnlyList<Driver>[issues];
        for (var k = 0; k < issues; k++)
        {
            var drivers = new List<Driver?>();
            for (var t = 0; t < tasks.Count; t++)
            {
                var (a, issue, which) = tasks[t];
                var (low, high, atLow, atHigh) = outcomes[t];
                if ((issue == k || issue < 0) && atLow is not null && atHigh is not null && scenario.StanceOf(a, k) is not null)
                {
                    drivers.Add(new Driver(scenario.Actors[a].Id, which, low, high, atLow[k], atHigh[k]));
                }
            }

            result[k] = Rank([.. drivers]);
        }

        return result;
    }

    private static double[]? Forecasts(IForecastModel model, Scenario scenario, ModelOptions options, int issues, ParallelOptions parallel)
    {
        var f = new double[issues];
        return ModelRuns.TryForecast(model, scenario, options, f, out _, parallel.CancellationToken) ? f : null;
    }

    /// <summary>A copy of <paramref name="scenario"/> with one input of actor <paramref name="actor"/> set to <paramref name="value"/> (a capability on every issue, scaling per-issue ones alike).</summary>
    private static Scenario With(Scenario scenario, int actor, int issue, DriverInput which, double value)
    {
        var actors = scenario.Actors.ToArray();
        var stances = scenario.Stances.ToArray();
        if (which == DriverInput.Capability)
        {
            var a = actors[actor];
            var factor = a.Capability > 0 ? value / a.Capability : 1;
            actors[actor] = a with
            {
                Capability = value,
                CapabilityByIssue = a.CapabilityByIssue?.ToDictionary(p => p.Key, p => p.Value * factor, StringComparer.Ordinal),
            };
        }
        else
        {
            var id = scenario.Actors[actor].Id;
            var issueId = scenario.Issues[issue].Id;
            var i = Array.FindIndex(stances, s => s.ActorId == id && s.IssueId == issueId);
            stances[i] = which == DriverInput.Position ? stances[i] with { Position = value } : stances[i] with { Salience = value };
        }

        return scenario.WithInputs(actors, stances);
    }

    private static Driver[] Rank(Driver?[] drivers) =>
        [.. drivers.Select((d, i) => (d, i)).Where(p => p.d is not null).OrderByDescending(p => Math.Abs(p.d!.Effect)).ThenBy(p => p.i).Select(p => p.d!)];
}
