using Parley.Core.Models.Baselines;
using Parley.Core.Models.Best;
using Parley.Core.Models.Breakdown;
using Parley.Core.Models.ExpectedUtility;

namespace Parley.Core.Models;

/// <summary>Every model Parley ships, by its stable name.</summary>
public static class ModelCatalog
{
    private static readonly IForecastModel[] s_bases =
    [
        new MeanModel(),
        new MedianModel(),
        new CompromiseModel(),
        new SalienceMeanModel(),
        new MedianVoterModel(),
        new ExpectedUtilityModel(ExpectedUtilityVariant.Scholz2011),
        new ExpectedUtilityModel(ExpectedUtilityVariant.Bdm),
        new StatusQuoModel(),
        new BestModel(),
        new Ktab.KtabSmpModel(),
        new Exchange.ExchangeModel(),
    ];

    /// <summary>
    /// The bases, then the breakdown step around each of them (<c>MODEL+veto</c>; not around
    /// <c>best</c>, whose definition says whether it has one, nor around <c>status-quo</c>, which no
    /// veto player can prefer to itself).
    /// </summary>
    private static readonly IForecastModel[] s_models =
    [
        .. s_bases,
        .. s_bases.Where(m => m.Name is not (BestModel.ModelName or StatusQuoModel.ModelName)).Select(m => VetoModels.Wrap(m)),
    ];

    /// <summary>All models, in the order they are listed: the models, then each with the breakdown step (<c>MODEL+veto</c>).</summary>
    public static IReadOnlyList<IForecastModel> All => s_models;

    /// <summary>
    /// The models <c>parley forecast</c> runs when none are named: the baselines, both
    /// expected-utility variants, <c>best</c> (the default chosen on the DEU III development split:
    /// the compromise model) and the breakdown step around the compromise and <c>bdm</c> models, which
    /// give each issue's probability of no deal (models that need more than any scenario gives, such
    /// as full positions on every issue, are run only when asked for).
    /// </summary>
    public static IReadOnlyList<IForecastModel> Defaults =>
        s_models.Where(m => s_defaultNames.Contains(m.Name)).ToArray();

    private static readonly HashSet<string> s_defaultNames = new(StringComparer.Ordinal)
    {
        "mean", "median", "compromise", "median-voter", "scholz2011", "bdm", "best", "compromise+veto", "bdm+veto",
    };

    /// <summary>The names of all models.</summary>
    public static IEnumerable<string> Names => s_models.Select(m => m.Name);

    /// <summary>
    /// Finds the model called <paramref name="name"/> (case-insensitive), or null: a listed model; a
    /// listed model with the win-set step (<c>compromise+winset</c>, see docs/models/breakdown.md); or
    /// an equal-weight average of such models (<c>avg:compromise:exchange+veto</c>).
    /// </summary>
    public static IForecastModel? Find(string name)
    {
        Preconditions.NotNull(name, nameof(name));
        var listed = s_models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        if (listed is not null)
        {
            return listed;
        }

        if (AverageModel.PartNames(name) is { } partNames)
        {
            var parts = partNames.Select(p => p.StartsWith(AverageModel.Prefix, StringComparison.OrdinalIgnoreCase) ? null : Find(p)).ToArray();
            return parts.All(p => p is not null) && parts.Select(p => p!.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() == parts.Length
                ? AverageModel.Of([.. parts!])
                : null;
        }

        return VetoModels.TrySplit(name, out var inner, out var step) && step == VetoStep.WinSet
            && s_bases.FirstOrDefault(m => string.Equals(m.Name, inner, StringComparison.OrdinalIgnoreCase)) is { } b
            ? VetoModels.Wrap(b, step)
            : null;
    }
}
