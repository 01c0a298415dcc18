namespace Parley.Core.Models.Best;

/// <summary>
/// The candidates among which <see cref="BestModel"/> was chosen: every other model of the
/// catalog, the compromise model with exponents α ∈ {0, 0.5, 1, 1.5, 2} on capability and
/// β ∈ {0, 0.5, 1, 2} on salience, and mixtures λ·compromise + (1 − λ)·median voter with
/// λ ∈ {0.25, 0.5, 0.75}. The rule: the lowest mean absolute error on the development split.
/// </summary>
public static class BestSearch
{
    /// <summary>The capability exponents searched.</summary>
    public static IReadOnlyList<double> CapabilityExponents { get; } = [0, 0.5, 1, 1.5, 2];

    /// <summary>The salience exponents searched.</summary>
    public static IReadOnlyList<double> SalienceExponents { get; } = [0, 0.5, 1, 2];

    /// <summary>The mixture weights on the compromise model searched.</summary>
    public static IReadOnlyList<double> MixtureWeights { get; } = [0.25, 0.5, 0.75];

    /// <summary>Every candidate, catalog models first (without <c>best</c> itself), with distinct names.</summary>
    public static IReadOnlyList<IForecastModel> Candidates()
    {
        // ktab-smp is left out: it reproduces KTAB, so it aborts where KTAB aborts (e.g. when risk
        // attitudes change no utility, as on some DEU issues), and it was not part of the documented search.
        // exchange links issues; on the one-issue cases of this search it is the compromise model.
        var list = ModelCatalog.All.Where(m => m.Name is not (BestModel.ModelName or "ktab-smp" or Exchange.ExchangeModel.ModelName)).ToList();
        foreach (var a in CapabilityExponents)
        {
            foreach (var b in SalienceExponents)
            {
                // α = β = 1 is the compromise model, α = 0, β = 1 the salience mean, α = β = 0 the mean: already listed.
                if ((a, b) is (1, 1) or (0, 1) or (0, 0))
                {
                    continue;
                }

                list.Add(new PowerCompromiseModel(a, b));
            }
        }

        list.AddRange(MixtureWeights.Select(l => new CompromiseMedianVoterMixture(l)));
        return list;
    }
}
