using Parley.Core.Analysis;
using Parley.Core.Models;
using Parley.Core.Scenarios;

namespace Parley.Core.Run;

/// <summary>
/// Everything one forecast run needs: the scenario, the models with their typed options, the
/// number of input draws and the seed. Every face (command line, web server, reports) builds one
/// of these and hands it to <see cref="ForecastRunner"/>.
/// </summary>
public sealed record ForecastRequest
{
    /// <summary>Input draws when none are asked for.</summary>
    public const int DefaultDraws = 1000;

    /// <summary>The most input draws one run may ask for.</summary>
    public const int MaxDraws = 1_000_000;

    /// <summary>Creates a request for <paramref name="scenario"/> with the default models, options and draws.</summary>
    public ForecastRequest(Scenario scenario) => Scenario = Preconditions.NotNull(scenario, nameof(scenario));

    /// <summary>The scenario to forecast.</summary>
    public Scenario Scenario { get; init; }

    /// <summary>The models to run, in the order they are reported (distinct names).</summary>
    public IReadOnlyList<IForecastModel> Models { get; init; } = ModelCatalog.Defaults;

    /// <summary>The models' options; <see cref="ModelOptions.Seed"/> is replaced by <see cref="Seed"/>.</summary>
    public ModelOptions Options { get; init; } = ModelOptions.Default;

    /// <summary>Input draws for the intervals; 0 gives the point forecasts alone.</summary>
    public int Draws { get; init; } = DefaultDraws;

    /// <summary>The seed of every random number of the run (input draws, and models that draw).</summary>
    public ulong Seed { get; init; } = ModelOptions.DefaultSeed;

    /// <summary>True to compute who drives each forecast (one-at-a-time perturbations of every input).</summary>
    public bool Drivers { get; init; } = true;

    /// <summary>The residuals that make calibrated forecast intervals; <see cref="ForecastCalibration.None"/> for none.</summary>
    public ForecastCalibration Calibration { get; init; } = ForecastCalibration.None;

    /// <summary>
    /// Forecasts of earlier runs' draws to reuse, and to keep this run's in (see <see cref="DrawCache"/>);
    /// null for none. Results do not depend on it: a run that finds an issue here gives the same bytes.
    /// </summary>
    public DrawCache? Cache { get; init; }

    /// <summary>Most threads to use; null for every core. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
