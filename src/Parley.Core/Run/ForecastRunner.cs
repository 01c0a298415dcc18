using Parley.Core.Analysis;
using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Models.Breakdown;
using Parley.Core.Scenarios;
using Parley.Core.Uncertainty;

namespace Parley.Core.Run;

/// <summary>
/// The run layer: turns a <see cref="ForecastRequest"/> into a <see cref="ForecastOutcome"/>.
/// Each model first checks that it can run the scenario (a model that cannot is reported with its
/// reasons and the others still run); then it runs on the inputs as written (the point forecast,
/// with its path), on every input draw (the input sensitivity and, with a calibration, the forecast
/// interval), and once per input moved down and up (the drivers). Flags mark cycles, runs cut at
/// their round limit and models that disagree. No I/O; the same request gives the same outcome,
/// byte for byte, on any number of threads.
/// </summary>
public static class ForecastRunner
{
    /// <summary>Rounds added to a fixed-length model's run, in a second run made only to see whether its path cycles.</summary>
    public const int CycleLookahead = 30;

    /// <summary>The problems with <paramref name="request"/> itself (usage errors: bad counts, duplicate models); empty when it can run.</summary>
    public static IReadOnlyList<Diagnostic> Validate(ForecastRequest request)
    {
        Preconditions.NotNull(request, nameof(request));
        var problems = new List<Diagnostic>();
        if (request.Draws is < 0 or > ForecastRequest.MaxDraws)
        {
            problems.Add(Diagnostic.Error($"Cannot make {request.Draws} input draws.", expected: $"a number of draws from 0 to {ForecastRequest.MaxDraws}"));
        }

        if (request.Models.Count == 0)
        {
            problems.Add(Diagnostic.Error("No model to run.", expected: "at least one model (see 'parley models')"));
        }

        foreach (var name in request.Models.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add(Diagnostic.Error($"Model '{name}' is listed more than once."));
        }

        if (request.Options.Rounds is { } rounds && (rounds < 1 || rounds > ModelOptions.MaxRounds))
        {
            problems.Add(Diagnostic.Error($"Cannot run {rounds} rounds.", expected: $"a number of rounds from 1 to {ModelOptions.MaxRounds}"));
        }

        if (request.MaxDegreeOfParallelism is <= 0)
        {
            problems.Add(Diagnostic.Error($"Cannot run on {request.MaxDegreeOfParallelism} threads.", expected: "a positive number of threads"));
        }

        return problems;
    }

    /// <summary>Runs <paramref name="request"/>, which must pass <see cref="Validate"/>.</summary>
    public static ForecastOutcome Run(ForecastRequest request, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(request, nameof(request));
        Preconditions.Check(Validate(request).Count == 0, nameof(request), "The request is invalid; call Validate first.");
        var scenario = request.Scenario;
        var models = request.Models;
        var options = request.Options with { Seed = request.Seed };
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = request.MaxDegreeOfParallelism ?? -1,
        };

        // 1. Checks and point runs.
        var problems = new IReadOnlyList<Diagnostic>[models.Count];
        var results = new ModelResult?[models.Count];
        progress?.Report(new RunProgress(RunStage.PointForecasts, 0, models.Count));
        for (var m = 0; m < models.Count; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Parley's limits first (docs/limits.md), so that no model allocates for a scenario past them.
            var limits = RunLimits.Check(models[m], scenario, options);
            problems[m] = limits.Count > 0 ? limits : models[m].Check(scenario, options);
            if (ModelRuns.FirstError(problems[m]) is null)
            {
                var result = models[m].Run(scenario, options, null, cancellationToken);
                if (result.Failure is { } failure)
                {
                    problems[m] = [.. problems[m], failure];
                }
                else
                {
                    results[m] = result;
                }
            }

            progress?.Report(new RunProgress(RunStage.PointForecasts, m + 1, models.Count));
        }

        var runnable = results.Select(r => r is not null).ToArray();
        var points = results.Select(r => r?.Issues.Select(i => i.Forecast).ToArray() ?? []).ToArray();

        // 2. Input draws.
        var draws = request.Draws > 0
            ? DrawRunner.Run(new InputSampler(scenario), models, runnable, points, options, request.Draws, request.Seed, parallel, progress, PointVerdicts(results), request.Cache)
            : new DrawRunner.ModelDraws?[models.Count];

        // 3. Drivers.
        var drivers = new IReadOnlyList<Driver>[models.Count][];
        if (request.Drivers)
        {
            for (var m = 0; m < models.Count; m++)
            {
                progress?.Report(new RunProgress(RunStage.Drivers, m, models.Count));
                drivers[m] = runnable[m] ? DriverRunner.Run(models[m], scenario, options, parallel) : [];
            }

            progress?.Report(new RunProgress(RunStage.Drivers, models.Count, models.Count));
        }

        // 4. Analysis per model and issue.
        var modelFlags = new List<ForecastFlag>[models.Count];
        for (var m = 0; m < models.Count; m++)
        {
            modelFlags[m] = runnable[m] ? PathFlags(models[m], results[m]!, scenario, options, cancellationToken) : [];
        }

        var disagreement = new ForecastFlag?[scenario.Issues.Count];
        for (var k = 0; k < scenario.Issues.Count; k++)
        {
            var forecasts = Enumerable.Range(0, models.Count).Where(m => runnable[m]).Select(m => (models[m].Name, points[m][k])).ToList();
            var scale = scenario.Issues[k].Scale;
            disagreement[k] = PathDiagnostics.Disagreement(scenario.Issues[k].Id, forecasts, scale.Maximum - scale.Minimum);
        }

        var outcomes = new ModelForecast[models.Count];
        var allFlags = new List<ForecastFlag>();
        var calibrated = false;
        for (var m = 0; m < models.Count; m++)
        {
            if (!runnable[m])
            {
                outcomes[m] = new ModelForecast(models[m].Name, null, problems[m], []);
                continue;
            }

            var residuals = request.Calibration.For(models[m].Name);
            calibrated |= residuals is not null && request.Draws > 0;
            var issues = new IssueForecast[scenario.Issues.Count];
            for (var k = 0; k < issues.Length; k++)
            {
                var issue = scenario.Issues[k];
                var flags = modelFlags[m].Where(f => f.IssueId == issue.Id).ToList();
                if (draws[m] is { Failed: > 0 } failedDraws)
                {
                    flags.Add(new ForecastFlag(FlagKind.DrawsFailed, issue.Id, models[m].Name,
                        $"{models[m].Name} could not run {failedDraws.Failed} of {request.Draws} input draws (first: {failedDraws.FirstFailure?.Message}); the intervals use the others."));
                }

                if (disagreement[k] is { } d)
                {
                    flags.Add(d);
                }

                // A static model forecasts the input as the timed edits leave it (see ShockSchedule): so do its shares.
                var input = scenario.Compile(k);
                if (options.Shocks is { IsEmpty: false } shocks && !models[m].Traits.Iterative)
                {
                    input = shocks.ApplyAll(input, []);
                }

                var breakdown = results[m]!.Issues[k].Breakdown is { } verdict
                    ? BreakdownForecast.Of(verdict, draws[m]?.Verdicts?[k], [.. issue.VetoPlayers.Select(v => v.ActorId)])
                    : null;
                issues[k] = Analyse(models[m], issue, input, points[m][k], draws[m]?.Forecasts[k], residuals, request.Drivers ? drivers[m][k] : [], flags) with { Breakdown = breakdown };
                allFlags.AddRange(flags.Where(f => f.Model is not null));
            }

            outcomes[m] = new ModelForecast(models[m].Name, results[m], problems[m], issues);
        }

        allFlags.AddRange(disagreement.OfType<ForecastFlag>());
        return new ForecastOutcome(scenario, request.Seed, request.Draws, outcomes, allFlags, calibrated ? request.Calibration.Source : null);
    }

    /// <summary>[model][issue]: the point runs' breakdown verdicts, null for a model without a breakdown step (or that did not run).</summary>
    private static BreakdownVerdict?[]?[] PointVerdicts(ModelResult?[] results) =>
        [.. results.Select(r => r is not null && r.Issues.Any(i => i.Breakdown is not null) ? r.Issues.Select(i => i.Breakdown).ToArray() : null)];

    private static IssueForecast Analyse(
        IForecastModel model,
        Issue issue,
        IssueInput input,
        double point,
        double[]? drawForecasts,
        ModelResiduals? residuals,
        IReadOnlyList<Driver> drivers,
        IReadOnlyList<ForecastFlag> flags)
    {
        var scale = issue.Scale;
        DrawSummary? sensitivity = null;
        IReadOnlyList<Interval>? interval = null;
        IReadOnlyList<BandProbability> bands = [];
        var valid = drawForecasts?.Where(double.IsFinite).ToArray();
        if (valid is { Length: > 0 })
        {
            sensitivity = DrawSummary.Of(valid, scale);
            if (residuals is not null)
            {
                var predictive = new PredictiveDistribution(valid, residuals, scale, ResidualScale.Of(input, scale, residuals.Scale));
                interval = [.. IntervalLevels.All.Select(predictive.Central)];
                bands = ScaleBands.Of(scale, predictive.Cdf);
            }
            else
            {
                Array.Sort(valid);
                bands = ScaleBands.Of(scale, v => Quantiles.ShareAtOrBelow(valid, v));
            }
        }

        IReadOnlyList<ActorShare>? shares = null;
        if (model is IWeightedMeanModel weighted && input.Count > 0)
        {
            var w = weighted.Weights(input);
            var total = w.Sum();
            shares = [.. input.ActorIds.Select((id, i) => new ActorShare(id, total > 0 ? w[i] / total : 1.0 / w.Length))];
        }

        var reading = interval?.FirstOrDefault(i => i.Percent == 80) is { } fi
            ? ForecastReading.Describe(point, scale, fi, "80% interval")
            : sensitivity?.Intervals.FirstOrDefault(i => i.Percent == 80) is { } si
                ? ForecastReading.Describe(point, scale, si, "80% input-sensitivity interval")
                : ForecastReading.Describe(point, scale);
        return new IssueForecast(issue.Id, point, sensitivity, interval, bands, drivers, shares, reading, flags);
    }

    /// <summary>Cycle, round-limit and still-moving flags for every issue of one model's point run.</summary>
    private static List<ForecastFlag> PathFlags(IForecastModel model, ModelResult result, Scenario scenario, ModelOptions options, CancellationToken cancellationToken)
    {
        var flags = new List<ForecastFlag>();
        if (!model.Traits.Iterative)
        {
            return flags;
        }

        for (var k = 0; k < result.Issues.Count; k++)
        {
            var issueResult = result.Issues[k];
            var scale = scenario.Issues[k].Scale;
            IssueResult? extended = null;
            if (issueResult.Stop == StopReason.FixedRounds && model is IssueModel issueModel)
            {
                // A second, longer run only to see where the path goes after the reported end.
                var longer = options with { Rounds = issueResult.RoundsRun + CycleLookahead, Offers = OfferRecording.None, KeepPath = true };
                extended = issueModel.RunIssue(scenario.Compile(k), longer, null, cancellationToken);
            }

            flags.AddRange(PathDiagnostics.Flags(model.Name, issueResult, extended, scale.Maximum - scale.Minimum));
        }

        return flags;
    }
}
