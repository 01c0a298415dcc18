using Parley.Core.Models.Ktab;

namespace Parley.Core.Models;

/// <summary>
/// Typed options of a model run. Every model reads the options that concern it; which options
/// exist, their names on the command line and their valid values are defined once, in
/// <see cref="ModelParameters"/>.
/// </summary>
public sealed record ModelOptions
{
    /// <summary>The seed used when none is given (printed with every result that drew from it).</summary>
    public const ulong DefaultSeed = 20181128;

    /// <summary>The most rounds any model may be asked to run: beyond it a run is a usage error, not hours of work.</summary>
    public const int MaxRounds = Limits.MaxRounds;

    /// <summary>The default options.</summary>
    public static ModelOptions Default { get; } = new();

    /// <summary>Number of rounds for fixed-length models, or the maximum for models with a stopping rule; null = the model's default. At least 1 and at most <see cref="MaxRounds"/>.</summary>
    public int? Rounds { get; init; }

    /// <summary>Seed for every random draw of the run (models that draw nothing ignore it).</summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>How much of the offers each round to keep in the result (all of them can be a lot for thousands of actors).</summary>
    public OfferRecording Offers { get; init; } = OfferRecording.Accepted;

    /// <summary>False to keep only round 0 and the last round (a Monte Carlo draw needs no path).</summary>
    public bool KeepPath { get; init; } = true;

    /// <summary><c>bdm</c>'s stopping rule: the weighted mean moved by less than this share of the initial range for three rounds; null = 1e-4.</summary>
    public double? Tolerance { get; init; }

    /// <summary>Parameters of KTAB's Spatial Model of Politics; null = KTAB's defaults.</summary>
    public KtabSmpParameters? Ktab { get; init; }

    /// <summary>Timed edits that strike after given rounds (a what-if's shocks; see <see cref="ShockSchedule"/> for what each kind of model does with them); null for none.</summary>
    public ShockSchedule? Shocks { get; init; }

    /// <summary>Options of the exchange model (its arithmetic); null = doubles with the default crossing tolerance.</summary>
    public Exchange.ExchangeOptions? Exchange { get; init; }
}

/// <summary>Which offers a model keeps in its result.</summary>
public enum OfferRecording
{
    /// <summary>Every offer made, accepted or not (n² per round: for explaining one run, not for thousands of actors).</summary>
    All,

    /// <summary>Only the offers actors took.</summary>
    Accepted,

    /// <summary>No offers (positions, risk exponents and means only).</summary>
    None,
}
