using Parley.Core.Models.Breakdown;

namespace Parley.Core.Models.Best;

/// <summary>A model the search may choose, with how simple it is.</summary>
/// <param name="Model">The model.</param>
/// <param name="Complexity">
/// How many parts it is built of: 1 per model, +1 for a breakdown or win-set step, +1 for a pair of
/// exponents on the compromise weights, +1 for a mixture weight, +1 for averaging (so
/// <c>compromise</c> is 1, <c>compromise+veto</c> 2, <c>avg:compromise:exchange</c> 3). The rule
/// prefers the simplest candidate that is clearly better than the compromise model.
/// </param>
public sealed record SearchCandidate(IForecastModel Model, int Complexity)
{
    /// <summary>The model's name.</summary>
    public string Name => Model.Name;
}

/// <summary>
/// The candidates among which <see cref="BestModel"/> is chosen (docs/validation.md), fixed before the
/// search is scored:
/// <list type="number">
/// <item>every catalog model that can run a DEU issue (not <c>best</c> itself; not <c>ktab-smp</c>,
/// which aborts where KTAB aborts on some DEU issues), with the naive <c>status-quo</c>;</item>
/// <item>each with the breakdown step (<c>+veto</c>) and with the win-set step (<c>+winset</c>);</item>
/// <item>the compromise model with exponents α ∈ {0, 0.5, 1, 1.5, 2} on capability and β ∈ {0, 0.5, 1, 2}
/// on salience, and mixtures λ·compromise + (1 − λ)·median voter, λ ∈ {0.25, 0.5, 0.75} (the earlier search);</item>
/// <item>equal-weight averages of every pair of <see cref="AverageParts"/>, and of the triples in <see cref="AverageTriples"/>.</item>
/// </list>
/// </summary>
public static class BestSearch
{
    /// <summary>The capability exponents searched.</summary>
    public static IReadOnlyList<double> CapabilityExponents { get; } = [0, 0.5, 1, 1.5, 2];

    /// <summary>The salience exponents searched.</summary>
    public static IReadOnlyList<double> SalienceExponents { get; } = [0, 0.5, 1, 2];

    /// <summary>The mixture weights on the compromise model searched.</summary>
    public static IReadOnlyList<double> MixtureWeights { get; } = [0.25, 0.5, 0.75];

    /// <summary>The models averaged in pairs: the compromise and exchange models, the breakdown and win-set forecasts of both, the expected-utility models, the median voter and the status quo.</summary>
    public static IReadOnlyList<string> AverageParts { get; } =
    [
        "compromise", "exchange", "compromise+veto", "compromise+winset", "exchange+veto", "exchange+winset",
        "scholz2011", "bdm", "median-voter", "status-quo",
    ];

    /// <summary>The triples averaged: compromise, exchange and one breakdown, win-set or status-quo forecast.</summary>
    public static IReadOnlyList<string[]> AverageTriples { get; } =
    [
        ["compromise", "exchange", "compromise+veto"],
        ["compromise", "exchange", "exchange+veto"],
        ["compromise", "exchange", "compromise+winset"],
        ["compromise", "exchange", "status-quo"],
    ];

    /// <summary>Every candidate, distinct names, the compromise model first.</summary>
    public static IReadOnlyList<SearchCandidate> Candidates()
    {
        var bases = ModelCatalog.All
            .Where(m => m.Name is not (BestModel.ModelName or "ktab-smp") && !VetoModels.TrySplit(m.Name, out _, out _))
            .OrderBy(m => m.Name == "compromise" ? 0 : 1)
            .ToList();
        var list = bases.Select(m => new SearchCandidate(m, 1)).ToList();
        foreach (var step in new[] { VetoStep.Breakdown, VetoStep.WinSet })
        {
            list.AddRange(bases.Where(m => m.Name != StatusQuoModel.ModelName).Select(m => new SearchCandidate(VetoModels.Wrap(m, step), 2)));
        }

        foreach (var a in CapabilityExponents)
        {
            foreach (var b in SalienceExponents)
            {
                // α = β = 1 is the compromise model, α = 0, β = 1 the salience mean, α = β = 0 the mean: already listed.
                if ((a, b) is (1, 1) or (0, 1) or (0, 0))
                {
                    continue;
                }

                list.Add(new SearchCandidate(new PowerCompromiseModel(a, b), 2));
            }
        }

        list.AddRange(MixtureWeights.Select(l => new SearchCandidate(new CompromiseMedianVoterMixture(l), 3)));
        var byName = list.ToDictionary(c => c.Name, StringComparer.Ordinal);
        for (var i = 0; i < AverageParts.Count; i++)
        {
            for (var j = i + 1; j < AverageParts.Count; j++)
            {
                list.Add(Average(byName, [AverageParts[i], AverageParts[j]]));
            }
        }

        list.AddRange(AverageTriples.Select(t => Average(byName, t)));
        return list;
    }

    private static SearchCandidate Average(Dictionary<string, SearchCandidate> byName, IReadOnlyList<string> parts)
    {
        var candidates = parts.Select(p => byName[p]).ToArray();
        return new SearchCandidate(AverageModel.Of([.. candidates.Select(c => c.Model)]), candidates.Sum(c => c.Complexity) + 1);
    }
}
