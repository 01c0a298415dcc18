using Parley.Core.Models;
using Parley.Core.Text;

namespace Parley.Cli.Commands;

/// <summary>Turns <c>--model</c> values into models, with a "did you mean" for typos.</summary>
internal static class ModelSelection
{
    /// <summary>The named models in the order given (duplicates dropped), or <paramref name="defaults"/> when none are named.</summary>
    public static IReadOnlyList<IForecastModel>? Resolve(string[]? names, IReadOnlyList<IForecastModel> defaults, CliContext context, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        if (names is null || names.Length == 0)
        {
            return defaults;
        }

        var models = new List<IForecastModel>();
        foreach (var name in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var model = ModelCatalog.Find(name);
            if (model is null)
            {
                exitCode = context.UsageError(
                    $"unknown model '{name}'.{DidYouMean.Hint(name, ModelCatalog.Names)} Valid models: {string.Join(", ", ModelCatalog.Names)} (see 'parley models').");
                return null;
            }

            if (!models.Contains(model))
            {
                models.Add(model);
            }
        }

        return models;
    }
}
