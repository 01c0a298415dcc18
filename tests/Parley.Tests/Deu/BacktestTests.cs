using Parley.Core.Analysis;
using Parley.Core.Backtest;
using Parley.Core.Models;
using Parley.Core.Scenarios;
using Parley.Core.Simulation;

namespace Parley.Tests.Deu;

public sealed class BacktestTests
{
    private static readonly string[] s_baselines = ["compromise", "salience-mean", "mean", "median"];

    private static IForecastModel[] Models(params string[] names) => [.. names.Select(n => ModelCatalog.Find(n)!)];

    public sealed class OnTheDevelopmentSplit
    {
        [Fact]
        public void Reads_252_issues_in_94_proposals_and_skips_6_without_outcome()
        {
            var dev = DeuData.Dev;
            Assert.Equal(252, dev.Issues.Count);
            Assert.Equal(94, dev.ProposalCount);
            Assert.Equal(6, dev.SkippedWithoutOutcome);
        }

        [Theory]
        [InlineData("compromise", 22.59)]
        [InlineData("salience-mean", 23.53)]
        [InlineData("mean", 23.19)]
        [InlineData("median", 27.44)]
        public void Reproduces_the_published_baseline_error_within_0_01(string model, double expected)
        {
            var result = BacktestEngine.Run(DeuData.Dev.ToBacktestCases(), Models(s_baselines), new BacktestOptions { Replicates = 200 });
            Assert.Equal(252, result.CaseCount);
            Assert.Equal(94, result.ProposalCount);
            var score = result.Models.Single(m => m.Model == model);
            Assert.InRange(score.MeanAbsoluteError, expected - 0.01, expected + 0.01);
            Assert.InRange(score.MeanAbsoluteError, score.MaeLow, score.MaeHigh);
        }

        [Fact]
        public void Per_issue_forecasts_reproduce_each_models_error()
        {
            var result = BacktestEngine.Run(DeuData.Dev.ToBacktestCases(), Models(s_baselines), new BacktestOptions { Replicates = 50 });
            for (var k = 0; k < result.Models.Count; k++)
            {
                var mae = result.Cases.Average(c => Math.Abs(c.Forecasts[k] - c.Outcome));
                Assert.Equal(result.Models[k].MeanAbsoluteError, mae, 10);
            }

            var compromise = result.Models[0];
            Assert.Equal(0, compromise.DifferenceToReference);
            Assert.Equal((0.0, 0.0), (compromise.DifferenceLow, compromise.DifferenceHigh));
        }
    }

    public sealed class Determinism
    {
        [Fact]
        public void The_same_seed_gives_the_same_intervals_on_one_thread_and_on_several()
        {
            var cases = DeuData.Dev.ToBacktestCases();
            var models = Models(s_baselines);
            var one = BacktestEngine.Run(cases, models, new BacktestOptions { Seed = 7, Replicates = 500, MaxDegreeOfParallelism = 1 });
            var many = BacktestEngine.Run(cases, models, new BacktestOptions { Seed = 7, Replicates = 500, MaxDegreeOfParallelism = 4 });
            var again = BacktestEngine.Run(cases, models, new BacktestOptions { Seed = 7, Replicates = 500 });
            Assert.Equal(one.Models, many.Models);
            Assert.Equal(one.Models, again.Models);
            Assert.Equal(7UL, one.Seed);
        }

        [Fact]
        public void Another_seed_gives_other_intervals()
        {
            var cases = DeuData.Dev.ToBacktestCases();
            var a = BacktestEngine.Run(cases, Models("compromise"), new BacktestOptions { Seed = 1, Replicates = 200 });
            var b = BacktestEngine.Run(cases, Models("compromise"), new BacktestOptions { Seed = 2, Replicates = 200 });
            Assert.Equal(a.Models[0].MeanAbsoluteError, b.Models[0].MeanAbsoluteError);
            Assert.NotEqual(a.Models[0].MaeLow, b.Models[0].MaeLow);
        }

        [Fact]
        public void The_reference_model_is_added_first_when_it_is_not_listed()
        {
            var result = BacktestEngine.Run(DeuData.Dev.ToBacktestCases(), Models("median"), new BacktestOptions { Replicates = 100 });
            Assert.Equal(["compromise", "median"], result.Models.Select(m => m.Model));
            Assert.Equal(27.44 - 22.59, result.Models[1].DifferenceToReference, 1);
        }

        [Fact]
        public void Cancellation_stops_the_run()
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() =>
                BacktestEngine.Run(DeuData.Dev.ToBacktestCases(), Models("compromise"), null, null, cts.Token));
        }

        [Fact]
        public void Progress_reaches_the_total_of_both_stages()
        {
            var reports = new System.Collections.Concurrent.ConcurrentBag<BacktestProgress>();
            var progress = new SynchronousProgress(reports.Add);
            BacktestEngine.Run(DeuData.Dev.ToBacktestCases(), Models("compromise"), new BacktestOptions { Replicates = 300 }, progress);
            Assert.Contains(reports, r => r.Stage == BacktestStage.Forecasting && r.Done == 252 && r.Total == 252);
            Assert.Contains(reports, r => r.Stage == BacktestStage.Bootstrapping && r.Done == 300 && r.Total == 300);
        }

        private sealed class SynchronousProgress(Action<BacktestProgress> report) : IProgress<BacktestProgress>
        {
            public void Report(BacktestProgress value) => report(value);
        }
    }

    public sealed class BootstrapStatistics
    {
        // Synthetic clusters: the absolute error of issue i in cluster p is 50 + 10·u_p + 5·e_i
        // (u, e standard normal), so the true mean absolute error is 50 and issues of one cluster
        // are correlated (intra-cluster correlation 0.8). One actor at that position and an outcome
        // of 0 make the compromise forecast's error exactly that number.
        private static List<BacktestCase> Synthetic(ulong seed, int clusters, int perCluster)
        {
            var rng = new SeededRandom(seed, 999);
            var cases = new List<BacktestCase>();
            for (var p = 0; p < clusters; p++)
            {
                var u = rng.NextGaussian();
                for (var i = 0; i < perCluster; i++)
                {
                    var x = Math.Clamp(50 + (10 * u) + (5 * rng.NextGaussian()), 0, 100);
                    var id = $"{p}-{i}";
                    var scenario = new Scenario(id, [new Issue(id, id, Scale.Percent)], [new Actor("a", "A", 1)], [new Stance("a", id, x, 1)]);
                    cases.Add(new BacktestCase(p.ToString(System.Globalization.CultureInfo.InvariantCulture), id, scenario, 0));
                }
            }

            return cases;
        }

        [Fact]
        public void The_95_percent_interval_covers_the_true_error_in_88_to_99_percent_of_samples()
        {
            // 200 independent samples of 40 clusters × 3 issues. The percentile interval of a
            // cluster bootstrap should cover the true mean of 50 about 93–95% of the time; with 200
            // samples the binomial standard deviation is 1.6 points, so [0.88, 0.99] is a loose but
            // failing-when-broken band: resampling issues instead of clusters would ignore the design
            // effect 1 + (3 − 1)·0.8 = 2.6 and cover only about P(|Z| < 1.96/√2.6) ≈ 78%.
            var covered = 0;
            const int Samples = 200;
            for (var s = 0; s < Samples; s++)
            {
                var result = BacktestEngine.Run(Synthetic((ulong)s, 40, 3), Models("compromise"), new BacktestOptions { Seed = (ulong)(1000 + s), Replicates = 1000 });
                var score = result.Models[0];
                if (score.MaeLow <= 50 && 50 <= score.MaeHigh)
                {
                    covered++;
                }
            }

            Assert.InRange(covered / (double)Samples, 0.88, 0.99);
        }

        [Fact]
        public void The_spread_of_the_replicates_matches_the_analytic_cluster_standard_error_within_3_percent()
        {
            // With equal cluster sizes the bootstrap MAE is the mean of P drawn cluster means, whose
            // variance is exactly (1/P)·(1/P)·Σ(ȳ_p − ȳ)². 20000 replicates estimate the standard
            // deviation with a relative error of about 1/√(2·20000) = 0.5%.
            const int P = 30;
            var rng = new SeededRandom(42);
            var sums = new double[P];
            var sizes = new int[P];
            for (var p = 0; p < P; p++)
            {
                sizes[p] = 4;
                sums[p] = 4 * (50 + (10 * rng.NextGaussian()));
            }

            var means = sums.Select(s => s / 4).ToArray();
            var grand = means.Average();
            var analyticSd = Math.Sqrt(means.Sum(m => (m - grand) * (m - grand)) / P / P);
            var boot = ClusterBootstrap.Run(sums, sizes, 1, 20000, 3, new ParallelOptions());
            var bootMean = boot.Average();
            var bootSd = Math.Sqrt(boot.Sum(b => (b - bootMean) * (b - bootMean)) / (boot.Length - 1));
            Assert.InRange(bootSd / analyticSd, 0.97, 1.03);
            Assert.InRange(bootMean, grand - (4 * analyticSd / Math.Sqrt(20000)), grand + (4 * analyticSd / Math.Sqrt(20000)));
        }

        [Fact]
        public void Quantile_interpolates_between_order_statistics()
        {
            double[] sorted = [1, 2, 3, 4];
            Assert.Equal(2.5, Quantiles.OfSorted(sorted, 0.5), 12);
            Assert.Equal(1.075, Quantiles.OfSorted(sorted, 0.025), 12);
            Assert.Equal(4, Quantiles.OfSorted(sorted, 1), 12);
        }
    }
}
