using Parley.Core.Scenarios;

namespace Parley.Core.Models;

/// <summary>A bargaining model that forecasts the outcome of every issue of a scenario.</summary>
public interface IForecastModel
{
    /// <summary>Stable name used on the command line and in output, e.g. <c>scholz2011</c>.</summary>
    string Name { get; }

    /// <summary>One-line description.</summary>
    string Description { get; }

    /// <summary>Where the model is published.</summary>
    string Source { get; }

    /// <summary>Runs the model on every issue of <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">Run options (rounds, seed, model parameters).</param>
    /// <param name="progress">Receives progress reports; may be null.</param>
    /// <param name="cancellationToken">Cancels the run between rounds.</param>
    ModelResult Run(Scenario scenario, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>Options that apply to a model run. Models ignore the ones that do not concern them.</summary>
public sealed record ModelOptions
{
    /// <summary>The default options.</summary>
    public static ModelOptions Default { get; } = new();

    /// <summary>Number of rounds for fixed-length models, or the maximum for models with a stopping rule; null = the model's default.</summary>
    public int? Rounds { get; init; }

    /// <summary>Seed for every random draw of the run (models that draw nothing ignore it).</summary>
    public ulong Seed { get; init; } = 20181128;

    /// <summary>How much of the offers each round to keep in the result (all of them can be a lot for thousands of actors).</summary>
    public OfferRecording Offers { get; init; } = OfferRecording.All;

    /// <summary>Model-specific parameters by name (e.g. from a KTAB XML file); each model reads the names it documents.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>Which offers a model keeps in its result.</summary>
public enum OfferRecording
{
    /// <summary>Every offer made, accepted or not.</summary>
    All,

    /// <summary>Only the offers actors took.</summary>
    Accepted,

    /// <summary>No offers (positions, risk exponents and means only).</summary>
    None,
}

/// <summary>A progress report from a running model.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="IssueId">The issue being run.</param>
/// <param name="Round">The round just finished.</param>
/// <param name="MaxRounds">The most rounds the run can take.</param>
public sealed record ModelProgress(string Model, string IssueId, int Round, int MaxRounds);
