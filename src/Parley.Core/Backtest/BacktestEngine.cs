using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Core.Simulation;
using Parley.Core.Uncertainty;

namespace Parley.Core.Backtest;

/// <summary>
/// Runs every model on every case and scores the forecasts against the outcomes: mean and median
/// absolute error, share of hits, a cluster-bootstrap interval for the mean absolute error, and a
/// paired interval for each model's difference to the reference (compromise) model. No I/O.
/// </summary>
public static class BacktestEngine
{
    /// <summary>Runs the backtest.</summary>
    /// <param name="cases">The issues with known outcomes (at least one).</param>
    /// <param name="models">The models to score (at least one, distinct names). The reference model is added first when missing.</param>
    /// <param name="options">Seed, replicates, threads; null for the defaults.</param>
    /// <param name="progress">Receives progress reports from any thread; may be null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static BacktestResult Run(
        IReadOnlyList<BacktestCase> cases,
        IReadOnlyList<IForecastModel> models,
        BacktestOptions? options = null,
        IProgress<BacktestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(cases, nameof(cases));
        Preconditions.NotNull(models, nameof(models));
        options ??= BacktestOptions.Default;
        Preconditions.Check(cases.Count > 0, nameof(cases), "A backtest needs at least one case.");
        Preconditions.Check(models.Count > 0, nameof(models), "A backtest needs at least one model.");
        Preconditions.Check(options.Replicates >= 10, nameof(options), "A backtest needs at least 10 bootstrap replicates.");
        Preconditions.Check(options.Confidence > 0 && options.Confidence < 1, nameof(options), "The confidence level must lie strictly between 0 and 1.");
        Preconditions.Check(options.MaxDegreeOfParallelism is null or > 0, nameof(options), "The number of threads must be positive.");
        Preconditions.Check(
            models.Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() == models.Count,
            nameof(models),
            "Each model may be listed only once.");

        var modelList = models.ToList();
        var reference = modelList.FindIndex(m => string.Equals(m.Name, options.ReferenceModel, StringComparison.OrdinalIgnoreCase));
        if (reference < 0)
        {
            var found = ModelCatalog.Find(options.ReferenceModel)
                ?? throw new ArgumentException($"The reference model '{options.ReferenceModel}' is not in the catalog.", nameof(options));
            modelList.Insert(0, found);
            reference = 0;
        }

        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1,
        };

        var (forecasts, failures) = Forecast(cases, modelList, options.ModelOptions, parallel, progress);
        if (failures.Count > 0)
        {
            return new BacktestResult(options.Seed, options.Replicates, options.Confidence, options.HitThreshold, modelList[reference].Name, cases.Count, 0, [], []) { Failures = failures };
        }

        var result = Score(cases, [.. modelList.Select(model => model.Name)], forecasts, reference, options, parallel, progress);
        // Intervals are scored on proposals left out of their calibration: that needs two proposals at least.
        if (options.Draws <= 0 || result.ProposalCount < 2)
        {
            return result;
        }

        var draws = Draws(cases, modelList, forecasts, options, parallel, progress);
        var folds = CrossValidatedIntervals.Folds(cases, Math.Min(options.Folds, result.ProposalCount), options.Seed);
        return result with
        {
            Draws = options.Draws,
            Intervals = CrossValidatedIntervals.Score(cases, [.. modelList.Select(m => m.Name)], forecasts, draws, folds, options.ErrorScale),
        };
    }

    /// <summary>
    /// The problems that keep a model from running a case (the first case per model), as values: a
    /// backtest runs only when this is empty.
    /// </summary>
    public static IReadOnlyList<ModelProblem> Check(IReadOnlyList<BacktestCase> cases, IReadOnlyList<IForecastModel> models, ModelOptions? options = null)
    {
        Preconditions.NotNull(cases, nameof(cases));
        Preconditions.NotNull(models, nameof(models));
        options ??= ModelOptions.Default;
        var problems = new List<ModelProblem>();
        foreach (var model in models)
        {
            foreach (var c in cases)
            {
                var issues = model is IssueModel im ? im.CheckIssue(c.Input, options) : model.Check(c.Joint, options);
                if (ModelRuns.FirstError(issues) is { } error)
                {
                    problems.Add(new ModelProblem(model.Name, error with
                    {
                        Message = $"Model '{model.Name}' cannot run issue '{c.IssueId}' (proposal {c.ProposalId}): {error.Message}",
                        IssueId = error.IssueId ?? c.IssueId,
                    }));
                    break;
                }
            }
        }

        return problems;
    }

    /// <summary>Every model's forecast of every case, and the runs that a model aborted partway (the first per model, in case order).</summary>
    private static (double[] Forecasts, IReadOnlyList<ModelProblem> Failures) Forecast(
        IReadOnlyList<BacktestCase> cases,
        List<IForecastModel> models,
        ModelOptions modelOptions,
        ParallelOptions parallel,
        IProgress<BacktestProgress>? progress)
    {
        var n = cases.Count;
        var m = models.Count;
        var forecasts = new double[n * m];
        var done = 0;
        var lean = ModelRuns.Lean(modelOptions);
        var failures = new Diagnostic?[n * m];
        var joint = JointForecasts(cases, models, lean, parallel);
        progress?.Report(new BacktestProgress(BacktestStage.Forecasting, 0, n));
        Parallel.For(0, n, parallel, c =>
        {
            var @case = cases[c];
            for (var k = 0; k < m; k++)
            {
                var model = models[k];
                if (model is IssueModel issueModel)
                {
                    // A one-issue model that passed its check never aborts.
                    forecasts[(c * m) + k] = ModelRuns.TryForecast(issueModel, @case.Input, lean, parallel.CancellationToken)
                        ?? throw new InvalidOperationException($"Model '{model.Name}' cannot run issue '{@case.IssueId}'; call Check before Run.");
                }
                else
                {
                    var (run, problem) = joint[(k, @case.Joint)];
                    if (run is not null)
                    {
                        forecasts[(c * m) + k] = run[@case.JointIssue];
                    }
                    else
                    {
                        failures[(c * m) + k] = problem;
                    }
                }
            }

            var d = Interlocked.Increment(ref done);
            progress?.Report(new BacktestProgress(BacktestStage.Forecasting, d, n));
        });
        var list = new List<ModelProblem>();
        for (var k = 0; k < m; k++)
        {
            for (var c = 0; c < n; c++)
            {
                if (failures[(c * m) + k] is { } f)
                {
                    list.Add(new ModelProblem(models[k].Name, f with { Message = $"Model '{models[k].Name}' aborted on issue '{cases[c].IssueId}' (proposal {cases[c].ProposalId}): {f.Message}" }));
                    break;
                }
            }
        }

        return (forecasts, list);
    }

    /// <summary>
    /// The forecasts of every model that runs issues together on every distinct joint scenario of the
    /// cases (each run once, however many of its issues are cases), or the problem that aborted the run.
    /// </summary>
    private static Dictionary<(int Model, Scenario Joint), (double[]? Forecasts, Diagnostic? Problem)> JointForecasts(
        IReadOnlyList<BacktestCase> cases,
        List<IForecastModel> models,
        ModelOptions options,
        ParallelOptions parallel)
    {
        var scenarios = cases.Select(c => c.Joint).Distinct(ReferenceEqualityComparer.Instance).Cast<Scenario>().ToArray();
        var work = Enumerable.Range(0, models.Count).Where(k => models[k] is not IssueModel)
            .SelectMany(k => scenarios.Select(s => (Model: k, Joint: s))).ToArray();
        var results = new (double[]?, Diagnostic?)[work.Length];
        Parallel.For(0, work.Length, parallel, t =>
        {
            var (k, scenario) = work[t];
            var buffer = new double[scenario.Issues.Count];
            results[t] = ModelRuns.TryForecast(models[k], scenario, options, buffer, out var problem, parallel.CancellationToken) ? (buffer, null) : (null, problem);
        });
        var map = new Dictionary<(int, Scenario), (double[]?, Diagnostic?)>(new JointKeyComparer());
        for (var t = 0; t < work.Length; t++)
        {
            map[work[t]] = results[t];
        }

        return map;
    }

    /// <summary>Compares (model, scenario) keys by the model index and the scenario's identity.</summary>
    private sealed class JointKeyComparer : IEqualityComparer<(int Model, Scenario Joint)>
    {
        public bool Equals((int Model, Scenario Joint) x, (int Model, Scenario Joint) y) => x.Model == y.Model && ReferenceEquals(x.Joint, y.Joint);

        public int GetHashCode((int Model, Scenario Joint) key) => HashCode.Combine(key.Model, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Joint));
    }

    /// <summary>[model][case][draw]: every model's forecast on every input draw of every case (each case from its own seed, derived from the backtest's).</summary>
    private static double[][][] Draws(
        IReadOnlyList<BacktestCase> cases,
        List<IForecastModel> models,
        double[] forecasts,
        BacktestOptions options,
        ParallelOptions parallel,
        IProgress<BacktestProgress>? progress)
    {
        var n = cases.Count;
        var m = models.Count;
        var result = new double[m][][];
        for (var k = 0; k < m; k++)
        {
            result[k] = new double[n][];
        }

        var inner = new ParallelOptions { CancellationToken = parallel.CancellationToken, MaxDegreeOfParallelism = 1 };
        var runnable = Enumerable.Repeat(true, m).ToArray();
        var done = 0;
        progress?.Report(new BacktestProgress(BacktestStage.Drawing, 0, n));
        Parallel.For(0, n, parallel, c =>
        {
            var scenario = cases[c].Scenario;
            if (options.Uncertainty is { } u && scenario.Uncertainty == ScenarioUncertainty.None)
            {
                scenario = scenario.WithUncertainty(u);
            }

            var points = Enumerable.Range(0, m).Select(k => new[] { forecasts[(c * m) + k] }).ToArray();
            var seed = new SeededRandom(options.Seed ^ DrawSeedSalt, (ulong)c).NextUInt64();
            var draws = DrawRunner.Run(new InputSampler(scenario), models, runnable, points, options.ModelOptions, options.Draws, seed, inner, null);
            for (var k = 0; k < m; k++)
            {
                result[k][c] = draws[k]!.Forecasts[0];
            }

            // Models that run issues together draw the whole joint scenario the case was negotiated in.
            var joint = cases[c].Joint;
            if (!ReferenceEquals(joint, cases[c].Scenario) && models.Any(model => model is not IssueModel))
            {
                if (options.Uncertainty is { } ju && joint.Uncertainty == ScenarioUncertainty.None)
                {
                    joint = joint.WithUncertainty(ju);
                }

                var only = models.Select(model => model is not IssueModel).ToArray();
                var jointPoints = Enumerable.Range(0, m).Select(k =>
                {
                    var p = new double[joint.Issues.Count];
                    Array.Fill(p, double.NaN);
                    p[cases[c].JointIssue] = forecasts[(c * m) + k];
                    return p;
                }).ToArray();
                var jointDraws = DrawRunner.Run(new InputSampler(joint), models, only, jointPoints, options.ModelOptions, options.Draws, seed, inner, null);
                for (var k = 0; k < m; k++)
                {
                    if (only[k])
                    {
                        result[k][c] = jointDraws[k]!.Forecasts[cases[c].JointIssue];
                    }
                }
            }

            var d = Interlocked.Increment(ref done);
            progress?.Report(new BacktestProgress(BacktestStage.Drawing, d, n));
        });
        return result;
    }

    /// <summary>Mixed into the backtest seed to derive each case's draw seed.</summary>
    private const ulong DrawSeedSalt = 0xD1B54A32D192ED03;

    /// <summary>
    /// Scores forecasts made elsewhere (e.g. combinations computed from their parts) exactly as
    /// <see cref="Run"/> scores its own: <paramref name="forecasts"/>[case × models + model], one name
    /// per model, the reference model's index. Intervals as in <see cref="Run"/> (same seed, same replicates).
    /// </summary>
    public static BacktestResult Score(IReadOnlyList<BacktestCase> cases, IReadOnlyList<string> models, double[] forecasts, int reference, BacktestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(cases, nameof(cases));
        Preconditions.NotNull(models, nameof(models));
        Preconditions.NotNull(forecasts, nameof(forecasts));
        options ??= BacktestOptions.Default;
        Preconditions.Check(cases.Count > 0 && models.Count > 0 && forecasts.Length == cases.Count * models.Count, nameof(forecasts), "There must be one forecast per case and model.");
        Preconditions.Check(reference >= 0 && reference < models.Count, nameof(reference), "The reference must be one of the models.");
        Preconditions.Check(options.Replicates >= 10, nameof(options), "A backtest needs at least 10 bootstrap replicates.");
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        return Score(cases, models, forecasts, reference, options, parallel, null);
    }

    private static BacktestResult Score(
        IReadOnlyList<BacktestCase> cases,
        IReadOnlyList<string> models,
        double[] forecasts,
        int reference,
        BacktestOptions options,
        ParallelOptions parallel,
        IProgress<BacktestProgress>? progress)
    {
        var n = cases.Count;
        var m = models.Count;

        // Clusters in order of first appearance.
        var clusterIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var caseCluster = new int[n];
        for (var c = 0; c < n; c++)
        {
            if (!clusterIndex.TryGetValue(cases[c].ProposalId, out var p))
            {
                p = clusterIndex.Count;
                clusterIndex.Add(cases[c].ProposalId, p);
            }

            caseCluster[c] = p;
        }

        var clusters = clusterIndex.Count;
        var clusterSums = new double[clusters * m];
        var clusterSizes = new int[clusters];
        var errors = new double[m][];
        for (var k = 0; k < m; k++)
        {
            errors[k] = new double[n];
        }

        for (var c = 0; c < n; c++)
        {
            clusterSizes[caseCluster[c]]++;
            for (var k = 0; k < m; k++)
            {
                var e = Math.Abs(forecasts[(c * m) + k] - cases[c].Outcome);
                errors[k][c] = e;
                clusterSums[(caseCluster[c] * m) + k] += e;
            }
        }

        var replicates = options.Replicates;
        var done = 0;
        var step = Math.Max(1, replicates / 100);
        progress?.Report(new BacktestProgress(BacktestStage.Bootstrapping, 0, replicates));
        var boot = ClusterBootstrap.Run(clusterSums, clusterSizes, m, replicates, options.Seed, parallel, () =>
        {
            var d = Interlocked.Increment(ref done);
            if (d % step == 0 || d == replicates)
            {
                progress?.Report(new BacktestProgress(BacktestStage.Bootstrapping, d, replicates));
            }
        });

        var alpha = (1 - options.Confidence) / 2;
        var maes = new double[m];
        for (var k = 0; k < m; k++)
        {
            maes[k] = errors[k].Average();
        }

        var scores = new ModelScore[m];
        var column = new double[replicates];
        var diffColumn = new double[replicates];
        for (var k = 0; k < m; k++)
        {
            for (var b = 0; b < replicates; b++)
            {
                column[b] = boot[(b * m) + k];
                diffColumn[b] = boot[(b * m) + k] - boot[(b * m) + reference];
            }

            Array.Sort(column);
            Array.Sort(diffColumn);
            var sortedErrors = (double[])errors[k].Clone();
            Array.Sort(sortedErrors);
            scores[k] = new ModelScore(
                models[k],
                maes[k],
                Analysis.Quantiles.OfSorted(sortedErrors, 0.5),
                errors[k].Count(e => e <= options.HitThreshold) / (double)n,
                Analysis.Quantiles.OfSorted(column, alpha),
                Analysis.Quantiles.OfSorted(column, 1 - alpha),
                maes[k] - maes[reference],
                Analysis.Quantiles.OfSorted(diffColumn, alpha),
                Analysis.Quantiles.OfSorted(diffColumn, 1 - alpha));
        }

        var perCase = new CaseForecast[n];
        for (var c = 0; c < n; c++)
        {
            perCase[c] = new CaseForecast(cases[c].ProposalId, cases[c].IssueId, cases[c].Outcome, forecasts.AsSpan(c * m, m).ToArray());
        }

        return new BacktestResult(options.Seed, replicates, options.Confidence, options.HitThreshold, models[reference], n, clusters, scores, perCase);
    }
}

/// <summary>A model that cannot run some case of a backtest, and why (the first such case).</summary>
/// <param name="Model">The model.</param>
/// <param name="Problem">Why it cannot run the case.</param>
public sealed record ModelProblem(string Model, Diagnostic Problem);
