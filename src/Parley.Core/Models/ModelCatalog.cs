using Parley.Core.Models.Baselines;
using Parley.Core.Models.Best;
using Parley.Core.Models.ExpectedUtility;

namespace Parley.Core.Models;

/// <summary>Every model Parley ships, by its stable name.</summary>
public static class ModelCatalog
{
    private static readonly IForecastModel[] s_models =
    [
        new MeanModel(),
        new MedianModel(),
        new CompromiseModel(),
        new SalienceMeanModel(),
        new MedianVoterModel(),
        new ExpectedUtilityModel(ExpectedUtilityVariant.Scholz2011),
        new ExpectedUtilityModel(ExpectedUtilityVariant.Bdm),
        new BestModel(),
        new Ktab.KtabSmpModel(),
        new Exchange.ExchangeModel(),
    ];

    /// <summary>All models, in the order they are listed and run by default.</summary>
    public static IReadOnlyList<IForecastModel> All => s_models;

    /// <summary>
    /// The models <c>parley forecast</c> runs when none are named: the baselines, both
    /// expected-utility variants and <c>best</c>, the default chosen on the DEU III development split
    /// (models that need more than any scenario gives, such as full positions on every issue, are
    /// run only when asked for).
    /// </summary>
    public static IReadOnlyList<IForecastModel> Defaults =>
        s_models.Where(m => s_defaultNames.Contains(m.Name)).ToArray();

    private static readonly HashSet<string> s_defaultNames = new(StringComparer.Ordinal)
    {
        "mean", "median", "compromise", "median-voter", "scholz2011", "bdm", "best",
    };

    /// <summary>The names of all models.</summary>
    public static IEnumerable<string> Names => s_models.Select(m => m.Name);

    /// <summary>Finds the model called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static IForecastModel? Find(string name) =>
        s_models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
