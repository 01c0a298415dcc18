using Parley.Core.Simulation;

namespace Parley.Core.Backtest;

/// <summary>
/// The cluster (block) bootstrap used by the backtest: each replicate draws as many clusters as
/// there are, with replacement, and recomputes each model's mean absolute error over every issue
/// of the drawn clusters. Replicate b draws only from stream b of the seed, so the replicates do
/// not depend on how they are spread over threads.
/// </summary>
internal static class ClusterBootstrap
{
    /// <summary>
    /// Runs <paramref name="replicates"/> replicates. Returns a replicates × models matrix (row-major)
    /// of the mean absolute error of each model in each replicate.
    /// </summary>
    /// <param name="clusterErrorSums">clusters × models, row-major: the sum of absolute errors of each model over the cluster's issues.</param>
    /// <param name="clusterSizes">Number of issues of each cluster (each at least 1).</param>
    /// <param name="models">Number of models.</param>
    /// <param name="replicates">Number of replicates.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="parallelOptions">Thread count and cancellation.</param>
    /// <param name="onReplicateDone">Called after each replicate (from any thread); may be null.</param>
    public static double[] Run(
        double[] clusterErrorSums,
        int[] clusterSizes,
        int models,
        int replicates,
        ulong seed,
        ParallelOptions parallelOptions,
        Action? onReplicateDone = null)
    {
        var clusters = clusterSizes.Length;
        Preconditions.Check(clusters > 0, nameof(clusterSizes), "At least one cluster is needed.");
        Preconditions.Check(clusterErrorSums.Length == clusters * models, nameof(clusterErrorSums), "There must be one error sum per cluster and model.");
        var result = new double[replicates * models];
        Parallel.For(0, replicates, parallelOptions, b =>
        {
            var rng = new SeededRandom(seed, (ulong)b);
            var sums = new double[models];
            long count = 0;
            for (var k = 0; k < clusters; k++)
            {
                var p = rng.NextInt(clusters);
                count += clusterSizes[p];
                var row = p * models;
                for (var m = 0; m < models; m++)
                {
                    sums[m] += clusterErrorSums[row + m];
                }
            }

            for (var m = 0; m < models; m++)
            {
                result[(b * models) + m] = sums[m] / count;
            }

            onReplicateDone?.Invoke();
        });
        return result;
    }
}
