namespace Parley.Core.Analysis;

/// <summary>What a flag on a forecast warns about.</summary>
public enum FlagKind
{
    /// <summary>The models' forecasts on the issue lie further apart than <see cref="PathDiagnostics.DisagreementShare"/> of the scale.</summary>
    ModelsDisagree,

    /// <summary>An iterative model's positions repeat with a period of two or more rounds: the forecast depends on where the run is cut.</summary>
    Cycles,

    /// <summary>An iterative model stopped at its round limit before its stopping rule said the positions had settled.</summary>
    RoundLimit,

    /// <summary>A fixed-length iterative model was still moving when its rounds ended (without repeating exactly).</summary>
    StillMoving,

    /// <summary>Some input draws could not be run by the model (e.g. a drawn capability of 0 where the model needs more).</summary>
    DrawsFailed,
}

/// <summary>A warning attached to a forecast, shown as a mark in tables and listed in the JSON <c>notes</c>.</summary>
/// <param name="Kind">What it warns about.</param>
/// <param name="IssueId">The issue.</param>
/// <param name="Model">The model, or null for a flag on the issue as a whole (disagreement).</param>
/// <param name="Message">The warning in words, with the numbers behind it.</param>
/// <param name="Period">For <see cref="FlagKind.Cycles"/>: the period in rounds.</param>
public sealed record ForecastFlag(FlagKind Kind, string IssueId, string? Model, string Message, int? Period = null);
