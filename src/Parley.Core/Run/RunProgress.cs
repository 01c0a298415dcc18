namespace Parley.Core.Run;

/// <summary>The stages of a forecast run.</summary>
public enum RunStage
{
    /// <summary>Each model runs on the inputs as written.</summary>
    PointForecasts,

    /// <summary>Each model runs on every input draw.</summary>
    Draws,

    /// <summary>Each model reruns with one input moved at a time.</summary>
    Drivers,
}

/// <summary>A progress report of a forecast run.</summary>
/// <param name="Stage">The stage running.</param>
/// <param name="Done">Units done in the stage (model runs, or draws).</param>
/// <param name="Total">Units in the stage.</param>
public sealed record RunProgress(RunStage Stage, int Done, int Total);
