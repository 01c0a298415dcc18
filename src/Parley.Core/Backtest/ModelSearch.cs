using Parley.Core.Models;
using Parley.Core.Models.Best;
using Parley.Core.Simulation;

namespace Parley.Core.Backtest;

/// <summary>How a search picks one candidate from the cases it is shown.</summary>
public enum SelectionRule
{
    /// <summary>
    /// The simplest candidate (lowest <see cref="SearchCandidate.Complexity"/>, then lowest error)
    /// whose paired bootstrap interval of the difference to the compromise model lies wholly below 0;
    /// the compromise model when none does. Parley's rule for <c>best</c>.
    /// </summary>
    SimplestClearlyBetter,

    /// <summary>The candidate with the lowest mean absolute error (the earlier rule, for comparison).</summary>
    LowestError,
}

/// <summary>How well a selection procedure does on issues it did not see.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Score">
/// The procedure scored by cross-validation: each fold's issues forecast by the candidate the rule
/// picks on the other folds; MAE, intervals and the paired difference to the compromise model as in
/// a backtest (its name is <c>cv:</c> + the rule).
/// </param>
/// <param name="FoldChoices">The candidate picked on each fold's training folds, in fold order.</param>
/// <param name="Chosen">The candidate the rule picks on all the cases.</param>
public sealed record ProcedureScore(SelectionRule Rule, ModelScore Score, IReadOnlyList<string> FoldChoices, string Chosen);

/// <summary>The result of a model search.</summary>
/// <param name="Candidates">Every candidate scored on all the cases (in candidate order; fixed candidates, so this is also their cross-validated error).</param>
/// <param name="Complexity">Each candidate's complexity, in candidate order.</param>
/// <param name="Procedures">The selection procedures, scored by cross-validation over proposals.</param>
/// <param name="Folds">The number of folds.</param>
public sealed record SearchResult(BacktestResult Candidates, IReadOnlyList<int> Complexity, IReadOnlyList<ProcedureScore> Procedures, int Folds)
{
    /// <summary>The procedure of <paramref name="rule"/>.</summary>
    public ProcedureScore Of(SelectionRule rule) => Procedures.First(p => p.Rule == rule);
}

/// <summary>
/// Chooses a default model honestly: every candidate is run once on every case, and each selection
/// rule is scored by cross-validation grouped by proposal — the rule picks a candidate on the
/// training folds only and is scored on the held-out fold — so the reported error is that of the
/// procedure, not of a winner picked in sample. Averages are computed from their parts' stored
/// forecasts with <see cref="AverageModel.Combine"/>, the same arithmetic a run uses. No I/O.
/// </summary>
public static class ModelSearch
{
    /// <summary>Mixed into the seed for the bootstrap inside each fold's selection.</summary>
    private const ulong SelectionSalt = 0x5E1EC7105E1EC710;

    /// <summary>The models the candidates are made of, each once: every candidate that is not an average, and every part of an average.</summary>
    public static IReadOnlyList<IForecastModel> Parts(IReadOnlyList<SearchCandidate> candidates)
    {
        Preconditions.NotNull(candidates, nameof(candidates));
        var parts = new List<IForecastModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in candidates)
        {
            foreach (var m in PartsOf(c.Model))
            {
                if (seen.Add(m.Name))
                {
                    parts.Add(m);
                }
            }
        }

        return parts;
    }

    /// <summary>
    /// Runs the search: <paramref name="candidates"/> must hold the reference (compromise) model and
    /// pass <see cref="BacktestEngine.Check"/> on <paramref name="cases"/> (see <see cref="Parts"/>).
    /// Returns null, with the failures, when a model aborted a run.
    /// </summary>
    public static SearchResult? Run(IReadOnlyList<BacktestCase> cases, IReadOnlyList<SearchCandidate> candidates, BacktestOptions? options, out IReadOnlyList<ModelProblem> failures, CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(cases, nameof(cases));
        Preconditions.NotNull(candidates, nameof(candidates));
        options ??= BacktestOptions.Default;
        var reference = candidates.ToList().FindIndex(c => string.Equals(c.Name, options.ReferenceModel, StringComparison.OrdinalIgnoreCase));
        Preconditions.Check(reference >= 0, nameof(candidates), "The candidates must include the reference model.");
        Preconditions.Check(candidates.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() == candidates.Count, nameof(candidates), "Candidate names must be distinct.");

        // 1. Every part once.
        var parts = Parts(candidates);
        var partRun = BacktestEngine.Run(cases, parts, options with { Replicates = 10, Draws = 0 }, null, cancellationToken);
        failures = partRun.Failures;
        if (failures.Count > 0)
        {
            return null;
        }

        var partIndex = partRun.Models.Select((s, i) => (s.Model, i)).ToDictionary(p => p.Model, p => p.i, StringComparer.Ordinal);

        // 2. Every candidate's forecasts, averages from their parts.
        var n = cases.Count;
        var m = candidates.Count;
        var forecasts = new double[n * m];
        var buffer = new double[candidates.Max(c => PartsOf(c.Model).Count)];
        for (var k = 0; k < m; k++)
        {
            var of = PartsOf(candidates[k].Model).Select(p => partIndex[p.Name]).ToArray();
            for (var c = 0; c < n; c++)
            {
                var row = partRun.Cases[c].Forecasts;
                if (of.Length == 1)
                {
                    forecasts[(c * m) + k] = row[of[0]];
                    continue;
                }

                var span = buffer.AsSpan(0, of.Length);
                for (var p = 0; p < of.Length; p++)
                {
                    span[p] = row[of[p]];
                }

                forecasts[(c * m) + k] = AverageModel.Combine(span);
            }
        }

        var names = candidates.Select(c => c.Name).ToArray();
        var table = BacktestEngine.Score(cases, names, forecasts, reference, options, cancellationToken);

        // 3. Each rule, cross-validated over proposals.
        var folds = Math.Min(options.Folds, cases.Select(c => c.ProposalId).Distinct(StringComparer.Ordinal).Count());
        var fold = CrossValidatedIntervals.Folds(cases, folds, options.Seed);
        var complexity = candidates.Select(c => c.Complexity).ToArray();
        var procedures = new List<ProcedureScore>();
        foreach (var rule in new[] { SelectionRule.SimplestClearlyBetter, SelectionRule.LowestError })
        {
            var cv = new double[n * 2];
            var choices = new string[folds];
            for (var f = 0; f < folds; f++)
            {
                var train = Enumerable.Range(0, n).Where(c => fold[c] != f).ToArray();
                var pick = Choose(rule, cases, train, forecasts, m, reference, complexity, options, (ulong)f + 1, cancellationToken);
                choices[f] = names[pick];
                for (var c = 0; c < n; c++)
                {
                    if (fold[c] == f)
                    {
                        cv[c * 2] = forecasts[(c * m) + reference];
                        cv[(c * 2) + 1] = forecasts[(c * m) + pick];
                    }
                }
            }

            var all = Choose(rule, cases, [.. Enumerable.Range(0, n)], forecasts, m, reference, complexity, options, 0, cancellationToken);
            var scored = BacktestEngine.Score(cases, [names[reference], "cv:" + RuleName(rule)], cv, 0, options, cancellationToken);
            procedures.Add(new ProcedureScore(rule, scored.Models[1], choices, names[all]));
        }

        return new SearchResult(table, complexity, procedures, folds);
    }

    /// <summary>The name of a rule in output: <c>simplest-clearly-better</c> or <c>lowest-error</c>.</summary>
    public static string RuleName(SelectionRule rule) => rule == SelectionRule.SimplestClearlyBetter ? "simplest-clearly-better" : "lowest-error";

    /// <summary>The candidate <paramref name="rule"/> picks from the cases <paramref name="train"/>.</summary>
    private static int Choose(SelectionRule rule, IReadOnlyList<BacktestCase> cases, int[] train, double[] forecasts, int m, int reference, int[] complexity, BacktestOptions options, ulong stream, CancellationToken cancellationToken)
    {
        // Cluster sums of absolute errors over the training cases.
        var clusterIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var sizes = new List<int>();
        var sums = new List<double>();
        var mae = new double[m];
        foreach (var c in train)
        {
            if (!clusterIndex.TryGetValue(cases[c].ProposalId, out var p))
            {
                p = clusterIndex.Count;
                clusterIndex.Add(cases[c].ProposalId, p);
                sizes.Add(0);
                sums.AddRange(new double[m]);
            }

            sizes[p]++;
            for (var k = 0; k < m; k++)
            {
                var e = Math.Abs(forecasts[(c * m) + k] - cases[c].Outcome);
                sums[(p * m) + k] += e;
                mae[k] += e;
            }
        }

        for (var k = 0; k < m; k++)
        {
            mae[k] /= train.Length;
        }

        if (rule == SelectionRule.LowestError)
        {
            return Enumerable.Range(0, m).MinBy(k => (mae[k], k));
        }

        var replicates = options.Replicates;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        var seed = new SeededRandom(options.Seed ^ SelectionSalt, stream).NextUInt64();
        var boot = ClusterBootstrap.Run([.. sums], [.. sizes], m, replicates, seed, parallel);
        var upperQuantile = 1 - ((1 - options.Confidence) / 2);
        var diff = new double[replicates];
        var best = reference;
        for (var k = 0; k < m; k++)
        {
            if (k == reference || mae[k] >= mae[reference])
            {
                continue;
            }

            for (var b = 0; b < replicates; b++)
            {
                diff[b] = boot[(b * m) + k] - boot[(b * m) + reference];
            }

            Array.Sort(diff);
            if (Analysis.Quantiles.OfSorted(diff, upperQuantile) >= 0)
            {
                continue;
            }

            if (best == reference || (complexity[k], mae[k]).CompareTo((complexity[best], mae[best])) < 0)
            {
                best = k;
            }
        }

        return best;
    }

    private static IReadOnlyList<IForecastModel> PartsOf(IForecastModel model) => model switch
    {
        IssueAverageModel a => a.Parts,
        JointAverageModel a => a.Parts,
        _ => [model],
    };
}
