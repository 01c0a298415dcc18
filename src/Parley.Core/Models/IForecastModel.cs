using Parley.Core.Diagnostics;
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

    /// <summary>What kind of model this is: iterative or static, issue by issue or joint, random or not.</summary>
    ModelTraits Traits { get; }

    /// <summary>
    /// Says whether this model can run <paramref name="scenario"/> with <paramref name="options"/>:
    /// an empty list when it can, else the errors (and perhaps warnings) that say why not. A scenario
    /// that passes this check never makes <see cref="Run"/> throw; an exception from a checked run is a bug.
    /// </summary>
    IReadOnlyList<Diagnostic> Check(Scenario scenario, ModelOptions options);

    /// <summary>
    /// Runs the model on every issue of <paramref name="scenario"/>, which must have passed
    /// <see cref="Check"/>. A run the model aborts partway is a result with its
    /// <see cref="ModelResult.Failure"/>, not an exception.
    /// </summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">Run options (rounds, seed, model parameters).</param>
    /// <param name="progress">Receives progress reports; may be null.</param>
    /// <param name="cancellationToken">Cancels the run between rounds.</param>
    ModelResult Run(Scenario scenario, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>What kind of model a model is.</summary>
/// <param name="Iterative">True when the model moves positions round by round (it has a path and can stop early or cycle).</param>
/// <param name="JointIssues">True when the model runs all issues of a scenario together (issue linkage); false when each issue is run on its own.</param>
/// <param name="DrawsRandomNumbers">True when the model itself draws random numbers from the run's seed.</param>
public sealed record ModelTraits(bool Iterative, bool JointIssues, bool DrawsRandomNumbers)
{
    /// <summary>A one-step model run issue by issue, with no randomness.</summary>
    public static ModelTraits Static { get; } = new(false, false, false);
}

/// <summary>A progress report from a running model.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="IssueId">The issue being run.</param>
/// <param name="Round">The round just finished.</param>
/// <param name="MaxRounds">The most rounds the run can take.</param>
public sealed record ModelProgress(string Model, string IssueId, int Round, int MaxRounds);
