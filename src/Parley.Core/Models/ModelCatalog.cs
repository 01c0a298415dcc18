using Parley.Core.Models.Baselines;
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
        new Ktab.KtabSmpModel(),
    ];

    /// <summary>All models, in the order they are listed and run by default.</summary>
    public static IReadOnlyList<IForecastModel> All => s_models;

    /// <summary>The names of all models.</summary>
    public static IEnumerable<string> Names => s_models.Select(m => m.Name);

    /// <summary>Finds the model called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static IForecastModel? Find(string name) =>
        s_models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
