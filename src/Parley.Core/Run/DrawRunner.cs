using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Simulation;
using Parley.Core.Uncertainty;

namespace Parley.Core.Run;

/// <summary>
/// Runs every model on every input draw. Draw d perturbs the inputs from stream d of the seed (see
/// <see cref="InputSampler"/>) and is written to slot d only, so the forecasts are the same bytes on
/// any number of threads. Models that draw random numbers of their own get, for draw d, the seed
/// taken from stream d of a second generator (seed XOR <see cref="ModelSeedSalt"/>).
/// </summary>
internal static class DrawRunner
{
    /// <summary>Mixed into the seed to derive each draw's model seed, so that it does not repeat the input draws' numbers.</summary>
    public const ulong ModelSeedSalt = 0x9E3779B97F4A7C15;

    /// <summary>The forecasts of one model: [issue][draw], NaN where the draw could not be run, with the count and first reason of such draws.</summary>
    public sealed record ModelDraws(double[][] Forecasts, int Failed, Diagnostic? FirstFailure);

    /// <summary>Runs <paramref name="models"/> (each index of <paramref name="runnable"/> true) on <paramref name="draws"/> draws.</summary>
    public static ModelDraws?[] Run(
        InputSampler sampler,
        IReadOnlyList<IForecastModel> models,
        bool[] runnable,
        double[][] pointForecasts,
        ModelOptions options,
        int draws,
        ulong seed,
        ParallelOptions parallel,
        IProgress<RunProgress>? progress)
    {
        var issues = sampler.Scenario.Issues.Count;
        var result = new ModelDraws?[models.Count];
        var forecasts = new double[models.Count][][];
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
            if (!rerun[m])
            {
                for (var k = 0; k < issues; k++)
                {
                    Array.Fill(forecasts[m][k], pointForecasts[m][k]);
                }
            }
        }

        var failures = new Diagnostic?[models.Count, draws];
        if (rerun.Any(r => r))
        {
            var lean = ModelRuns.Lean(options);
            var done = 0;
            var step = Math.Max(1, draws / 100);
            progress?.Report(new RunProgress(RunStage.Draws, 0, draws));
            Parallel.For(0, draws, parallel, () => new double[issues], (d, _, buffer) =>
            {
                var draw = sampler.Draw(seed, d);
                for (var m = 0; m < models.Count; m++)
                {
                    if (!rerun[m])
                    {
                        continue;
                    }

                    var model = models[m];
                    var modelOptions = model.Traits.DrawsRandomNumbers
                        ? lean with { Seed = new SeededRandom(seed ^ ModelSeedSalt, (ulong)d).NextUInt64() }
                        : lean;
                    if (ModelRuns.TryForecast(model, draw, modelOptions, buffer, out var problem, parallel.CancellationToken))
                    {
                        for (var k = 0; k < issues; k++)
                        {
                            forecasts[m][k][d] = buffer[k];
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

                return buffer;
            }, _ => { });
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

            result[m] = new ModelDraws(forecasts[m], failed, first);
        }

        return result;
    }
}
