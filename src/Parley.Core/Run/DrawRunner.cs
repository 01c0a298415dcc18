using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Models.Breakdown;
using Parley.Core.Simulation;
using Parley.Core.Uncertainty;

namespace Parley.Core.Run;

/// <summary>
/// Runs every model on every input draw. Draw d perturbs each input from a stream of its own, named
/// by the seed, d and the input's ids (see <see cref="InputSampler"/>), and is written to slot d
/// only, so the forecasts are the same bytes on any number of threads. One-issue models run issue
/// by issue, so that with a <see cref="DrawCache"/> an issue whose draws an earlier run made
/// already takes that run's forecasts. Models that draw random numbers of their own get, for draw d, the seed
/// taken from stream d of a second generator (seed XOR <see cref="ModelSeedSalt"/>).
/// </summary>
internal static class DrawRunner
{
    /// <summary>Mixed into the seed to derive each draw's model seed, so that it does not repeat the input draws' numbers.</summary>
    public const ulong ModelSeedSalt = 0x9E3779B97F4A7C15;

    /// <summary>The most draws kept in memory between making their cache keys and running the models on them.</summary>
    public const int KeptDraws = 4096;

    /// <summary>
    /// The forecasts of one model: [issue][draw], NaN where the draw could not be run, with the count
    /// and first reason of such draws, and for a model with a breakdown step its verdicts [issue][draw]
    /// (null where the draw could not be run; null for other models).
    /// </summary>
    public sealed record ModelDraws(double[][] Forecasts, int Failed, Diagnostic? FirstFailure, BreakdownVerdict?[][]? Verdicts = null);

    /// <summary>
    /// Runs <paramref name="models"/> (each index of <paramref name="runnable"/> true) on <paramref name="draws"/> draws.
    /// <paramref name="pointVerdicts"/> ([model][issue]; null, or null for a model) are the point runs' breakdown
    /// verdicts: for the models that have them the draws' verdicts are kept too (the point run's in every
    /// draw when the draws would only repeat it).
    /// </summary>
    public static ModelDraws?[] Run(
        InputSampler sampler,
        IReadOnlyList<IForecastModel> models,
        bool[] runnable,
        double[][] pointForecasts,
        ModelOptions options,
        int draws,
        ulong seed,
        ParallelOptions parallel,
        IProgress<RunProgress>? progress,
        BreakdownVerdict?[]?[]? pointVerdicts = null,
        DrawCache? cache = null)
    {
        var issues = sampler.Scenario.Issues.Count;
        var result = new ModelDraws?[models.Count];
        var forecasts = new double[models.Count][][];
        var verdicts = new BreakdownVerdict?[models.Count][][];
        var rerun = new bool[models.Count];
        for (var m = 0; m < models.Count; m++)
        {
            if (!runnable[m])
            {
                continue;
            }

            forecasts[m] = new double[issues][];
            for (var k = 0; k < issues; k++)
            {
                forecasts[m][k] = new double[draws];
            }

            // With every input as written and a model that draws nothing, every draw is the point run.
            rerun[m] = !sampler.IsCertain || models[m].Traits.DrawsRandomNumbers;
            if (pointVerdicts?[m] is not null)
            {
                // A model with a breakdown step: its verdicts are kept per draw.
                verdicts[m] = new BreakdownVerdict?[issues][];
                for (var k = 0; k < issues; k++)
                {
                    verdicts[m][k] = new BreakdownVerdict?[draws];
                    if (!rerun[m])
                    {
                        Array.Fill(verdicts[m][k], pointVerdicts![m]![k]);
                    }
                }
            }

            if (!rerun[m])
            {
                for (var k = 0; k < issues; k++)
                {
                    Array.Fill(forecasts[m][k], pointForecasts[m][k]);
                }
            }
        }

        // A breakdown step around a model that is rerun too judges that model's forecast of the same
        // draw instead of running it again (the same input, options and seed give the same deal).
        var inner = new int[models.Count];
        for (var m = 0; m < models.Count; m++)
        {
            inner[m] = -1;
            if (rerun[m] && models[m] is IssueVetoModel veto)
            {
                for (var j = 0; j < models.Count; j++)
                {
                    if (j != m && rerun[j] && ReferenceEquals(models[j], veto.Inner) && models[j] is not IssueVetoModel)
                    {
                        inner[m] = j;
                        break;
                    }
                }
            }
        }

        int[] order = [.. Enumerable.Range(0, models.Count).Where(m => inner[m] < 0), .. Enumerable.Range(0, models.Count).Where(m => inner[m] >= 0)];
        var failures = new Diagnostic?[models.Count, draws];

        // One-issue models are run issue by issue ("cells"), so that an issue can be taken from the
        // cache and a draw's failure kept per issue; the others on the whole drawn scenario.
        var cells = new IssueCells?[models.Count][];
        var found = new bool[models.Count][];
        foreach (var m in order)
        {
            if (rerun[m] && models[m] is IssueModel && (inner[m] < 0 || cells[inner[m]] is not null))
            {
                cells[m] = new IssueCells?[issues];
                found[m] = new bool[issues];
                for (var k = 0; k < issues; k++)
                {
                    cells[m][k] = new IssueCells(forecasts[m][k], verdicts[m]?[k], new Diagnostic?[draws]);
                }
            }
        }

        var (keys, made) = cache is not null && Enumerable.Range(0, models.Count).Any(m => cells[m] is not null && DrawCache.Keeps(models[m], options))
            ? Keys(sampler, seed, draws, parallel)
            : (null, null);
        var modelKeys = new string?[models.Count];
        if (keys is not null)
        {
            for (var m = 0; m < models.Count; m++)
            {
                if (cells[m] is null || !DrawCache.Keeps(models[m], options))
                {
                    continue;
                }

                modelKeys[m] = DrawCache.ModelKey(models[m], options);
                for (var k = 0; k < issues; k++)
                {
                    if (cache!.Find(keys[k], modelKeys[m]!) is { } kept)
                    {
                        kept.Forecasts.CopyTo(cells[m]![k]!.Forecasts, 0);
                        kept.Verdicts?.CopyTo(cells[m]![k]!.Verdicts!, 0);
                        kept.Problems?.CopyTo(cells[m]![k]!.Problems!, 0);
                        found[m][k] = true;
                    }
                }
            }
        }

        var work = Enumerable.Range(0, models.Count).Any(m => rerun[m] && (found[m] is null || found[m].Any(f => !f)));
        if (!work && rerun.Any(r => r))
        {
            // Every draw was found in the cache.
            progress?.Report(new RunProgress(RunStage.Draws, draws, draws));
        }

        if (work)
        {
            var lean = ModelRuns.Lean(options);
            var done = 0;
            var step = Math.Max(1, draws / 100);
            progress?.Report(new RunProgress(RunStage.Draws, 0, draws));
            Parallel.For(0, draws, parallel, () => (new double[issues], new BreakdownVerdict?[issues]), (d, _, buffers) =>
            {
                var (buffer, verdictBuffer) = buffers;
                var draw = made?[d] ?? sampler.Draw(seed, d);
                foreach (var m in order)
                {
                    if (!rerun[m])
                    {
                        continue;
                    }

                    if (cells[m] is { } modelCells)
                    {
                        if (inner[m] >= 0)
                        {
                            JudgeCells((IssueVetoModel)models[m], draw, cells[inner[m]], modelCells, found[m], d);
                        }
                        else
                        {
                            RunCells((IssueModel)models[m], draw, lean, modelCells, found[m], d, parallel.CancellationToken);
                        }

                        continue;
                    }

                    if (inner[m] >= 0)
                    {
                        Judge((IssueVetoModel)models[m], draw, forecasts[inner[m]], failures[inner[m], d], forecasts[m], verdicts[m], failures, m, d);
                        continue;
                    }

                    var model = models[m];
                    var modelOptions = model.Traits.DrawsRandomNumbers
                        ? lean with { Seed = new SeededRandom(seed ^ ModelSeedSalt, (ulong)d).NextUInt64() }
                        : lean;
                    var keep = verdicts[m] is not null ? verdictBuffer : null;
                    if (ModelRuns.TryForecast(model, draw, modelOptions, buffer, keep, out var problem, parallel.CancellationToken))
                    {
                        for (var k = 0; k < issues; k++)
                        {
                            forecasts[m][k][d] = buffer[k];
                            if (keep is not null)
                            {
                                verdicts[m][k][d] = keep[k];
                            }
                        }
                    }
                    else
                    {
                        failures[m, d] = problem;
                        for (var k = 0; k < issues; k++)
                        {
                            forecasts[m][k][d] = double.NaN;
                        }
                    }
                }

                var n = Interlocked.Increment(ref done);
                if (n % step == 0 || n == draws)
                {
                    progress?.Report(new RunProgress(RunStage.Draws, n, draws));
                }

                return buffers;
            }, _ => { });
        }

        for (var m = 0; m < models.Count; m++)
        {
            if (cells[m] is null)
            {
                continue;
            }

            if (keys is not null && modelKeys[m] is { } modelKey)
            {
                for (var k = 0; k < issues; k++)
                {
                    if (!found[m][k] && cache!.Fits(cells[m][k]!))
                    {
                        var c = cells[m][k]!;
                        cache!.Add(keys[k], modelKey, new IssueCells((double[])c.Forecasts.Clone(), c.Verdicts?.Clone() as BreakdownVerdict?[], c.Problems!.Any(p => p is not null) ? (Diagnostic?[])c.Problems!.Clone() : null));
                    }
                }
            }

            // A draw the model cannot run on one issue fails as a whole, with the first issue's reason.
            var (combined, combinedVerdicts) = CombineCells(cells[m], verdicts[m], failures, m, draws);
            forecasts[m] = combined;
            verdicts[m] = combinedVerdicts!;
        }

        for (var m = 0; m < models.Count; m++)
        {
            if (!runnable[m])
            {
                continue;
            }

            var failed = 0;
            Diagnostic? first = null;
            for (var d = 0; d < draws; d++)
            {
                if (failures[m, d] is { } f)
                {
                    failed++;
                    first ??= f;
                }
            }

            result[m] = new ModelDraws(forecasts[m], failed, first, verdicts[m]);
        }

        return result;
    }

    /// <summary>
    /// The cache keys of every issue's draws, and the draws themselves when there are at most
    /// <see cref="KeptDraws"/> (else they are made again as the models run, so that a run of many
    /// draws never holds them all). Made in parallel in blocks, hashed in draw order.
    /// </summary>
    private static (IssueDraws[] Keys, InputDraw[]? Made) Keys(InputSampler sampler, ulong seed, int draws, ParallelOptions parallel)
    {
        var issues = sampler.Scenario.Issues.Count;
        var block = new InputDraw[Math.Min(draws, KeptDraws)];
        var hashers = new IssueDrawsHasher[issues];
        try
        {
            for (var start = 0; start < draws; start += block.Length)
            {
                var count = Math.Min(block.Length, draws - start);
                Parallel.For(0, count, parallel, i => block[i] = sampler.Draw(seed, start + i));
                for (var k = 0; k < issues; k++)
                {
                    hashers[k] ??= new IssueDrawsHasher(block[0].Issue(k), draws);
                    for (var i = 0; i < count; i++)
                    {
                        hashers[k].Append(block[i].Issue(k));
                    }
                }
            }

            return ([.. hashers.Select(h => h.Finish())], draws <= KeptDraws ? block : null);
        }
        finally
        {
            foreach (var hasher in hashers)
            {
                hasher?.Dispose();
            }
        }
    }

    /// <summary>Draw <paramref name="d"/> of a one-issue model, on every issue not <paramref name="found"/> in the cache.</summary>
    private static void RunCells(IssueModel model, InputDraw draw, ModelOptions options, IssueCells?[] cells, bool[] found, int d, CancellationToken cancellationToken)
    {
        for (var k = 0; k < cells.Length; k++)
        {
            if (found[k])
            {
                continue;
            }

            var cell = cells[k]!;
            cell.Problems![d] = ModelRuns.TryIssue(model, draw.Issue(k), options, cell.Verdicts is not null, out cell.Forecasts[d], out var verdict, cancellationToken);
            if (cell.Verdicts is not null)
            {
                cell.Verdicts[d] = verdict;
            }
        }
    }

    /// <summary>Draw <paramref name="d"/> of a breakdown step, issue by issue, from its inner model's cells.</summary>
    private static void JudgeCells(IssueVetoModel model, InputDraw draw, IssueCells?[] innerCells, IssueCells?[] cells, bool[] found, int d)
    {
        for (var k = 0; k < cells.Length; k++)
        {
            if (found[k])
            {
                continue;
            }

            var cell = cells[k]!;
            var inner = innerCells[k]!;
            if (inner.Problems![d] is { } problem)
            {
                cell.Problems![d] = problem;
                cell.Forecasts[d] = double.NaN;
                continue;
            }

            var (forecast, verdict) = model.Judge(draw.Issue(k), inner.Forecasts[d]);
            cell.Forecasts[d] = forecast;
            if (cell.Verdicts is not null)
            {
                cell.Verdicts[d] = verdict;
            }
        }
    }

    /// <summary>
    /// A model's forecasts and verdicts [issue][draw] from its cells: where it could not run a draw on
    /// some issue, the draw fails (NaN and no verdict on every issue) with the first such issue's
    /// reason in <paramref name="failures"/>. The cells are left as they are (the cache keeps them).
    /// </summary>
    private static (double[][] Forecasts, BreakdownVerdict?[][]? Verdicts) CombineCells(IssueCells?[] cells, BreakdownVerdict?[][]? verdicts, Diagnostic?[,] failures, int m, int draws)
    {
        var forecasts = new double[cells.Length][];
        for (var k = 0; k < cells.Length; k++)
        {
            forecasts[k] = cells[k]!.Forecasts;
        }

        var copied = false;
        for (var d = 0; d < draws; d++)
        {
            Diagnostic? problem = null;
            for (var k = 0; k < cells.Length && problem is null; k++)
            {
                problem = cells[k]!.Problems![d];
            }

            if (problem is null)
            {
                continue;
            }

            if (!copied)
            {
                forecasts = [.. forecasts.Select(f => (double[])f.Clone())];
                verdicts = verdicts is null ? null : [.. verdicts.Select(v => (BreakdownVerdict?[])v.Clone())];
                copied = true;
            }

            failures[m, d] = problem;
            for (var k = 0; k < forecasts.Length; k++)
            {
                forecasts[k][d] = double.NaN;
                if (verdicts is not null)
                {
                    verdicts[k][d] = null;
                }
            }
        }

        return (forecasts, verdicts);
    }

    /// <summary>Draw <paramref name="d"/> of a breakdown step from its inner model's forecasts of the draw (or its failure).</summary>
    private static void Judge(IssueVetoModel model, InputDraw draw, double[][] innerForecasts, Diagnostic? innerFailure, double[][] forecasts, BreakdownVerdict?[][]? verdicts, Diagnostic?[,] failures, int m, int d)
    {
        if (innerFailure is not null)
        {
            failures[m, d] = innerFailure;
            for (var k = 0; k < forecasts.Length; k++)
            {
                forecasts[k][d] = double.NaN;
            }

            return;
        }

        for (var k = 0; k < forecasts.Length; k++)
        {
            var (forecast, verdict) = model.Judge(draw.Issue(k), innerForecasts[k][d]);
            forecasts[k][d] = forecast;
            if (verdicts is not null)
            {
                verdicts[k][d] = verdict;
            }
        }
    }
}
