using Parley.Core.Scenarios;

namespace Parley.Core.Analysis;

/// <summary>Which input of an actor a driver is.</summary>
public enum DriverInput
{
    /// <summary>The actor's position on the issue.</summary>
    Position,

    /// <summary>The actor's salience on the issue.</summary>
    Salience,

    /// <summary>The actor's capability (on every issue, for models that run issues together).</summary>
    Capability,
}

/// <summary>
/// How much one input moves a forecast: the model rerun with the input moved down and up by the
/// steps of <see cref="DriverSteps"/>, everything else as written.
/// </summary>
/// <param name="ActorId">The actor.</param>
/// <param name="Input">Which of its inputs.</param>
/// <param name="Low">The input's value moved down (clamped to its bounds).</param>
/// <param name="High">The input's value moved up (clamped to its bounds).</param>
/// <param name="ForecastAtLow">The forecast with the input at <paramref name="Low"/>.</param>
/// <param name="ForecastAtHigh">The forecast with the input at <paramref name="High"/>.</param>
public sealed record Driver(string ActorId, DriverInput Input, double Low, double High, double ForecastAtLow, double ForecastAtHigh)
{
    /// <summary>The swing of the forecast, in scale points, from the input moved down to the input moved up.</summary>
    public double Effect => ForecastAtHigh - ForecastAtLow;
}

/// <summary>An actor's share of the outcome in a weighted-mean model: its weight over the sum of weights.</summary>
/// <param name="ActorId">The actor.</param>
/// <param name="Share">Its weight's share, in [0, 1].</param>
public sealed record ActorShare(string ActorId, double Share);

/// <summary>
/// The documented steps of the one-at-a-time perturbations behind <see cref="Driver"/>: a position
/// ± 10% of the scale width, a salience ± 0.1, a capability × 0.75 and × 1.25, each clamped to its
/// bounds (the scale, [0, 1], ≥ 0).
/// </summary>
public static class DriverSteps
{
    /// <summary>Positions move by this share of the scale width each way.</summary>
    public const double PositionShare = 0.10;

    /// <summary>Saliences move by this much each way (on 0–1).</summary>
    public const double Salience = 0.10;

    /// <summary>Capabilities are multiplied by 1 − this and 1 + this.</summary>
    public const double CapabilityFactor = 0.25;

    /// <summary>The low and high values of <paramref name="input"/> around <paramref name="value"/> on <paramref name="scale"/>.</summary>
    public static (double Low, double High) Around(DriverInput input, double value, Scale scale)
    {
        Preconditions.NotNull(scale, nameof(scale));
        return input switch
        {
            DriverInput.Position => (
                Math.Max(scale.Minimum, value - (PositionShare * (scale.Maximum - scale.Minimum))),
                Math.Min(scale.Maximum, value + (PositionShare * (scale.Maximum - scale.Minimum)))),
            DriverInput.Salience => (Math.Max(0, value - Salience), Math.Min(1, value + Salience)),
            _ => (value * (1 - CapabilityFactor), value * (1 + CapabilityFactor)),
        };
    }

    /// <summary>A copy of <paramref name="input"/> with participant <paramref name="row"/>'s <paramref name="which"/> set to <paramref name="value"/>.</summary>
    public static IssueInput With(IssueInput input, int row, DriverInput which, double value)
    {
        Preconditions.NotNull(input, nameof(input));
        var x = (double[])input.Positions.Clone();
        var c = (double[])input.Capabilities.Clone();
        var s = (double[])input.Saliences.Clone();
        (which switch { DriverInput.Position => x, DriverInput.Salience => s, _ => c })[row] = value;
        return input.WithNumbers(x, c, s);
    }
}
