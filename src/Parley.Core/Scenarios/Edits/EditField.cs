namespace Parley.Core.Scenarios.Edits;

/// <summary>The number an edit changes.</summary>
public enum EditField
{
    /// <summary>An actor's position on an issue, on the scale.</summary>
    Position,

    /// <summary>An actor's salience on an issue, on the scenario's salience scale (0–1, or 0–100 for a percent file).</summary>
    Salience,

    /// <summary>An actor's capability: on every issue, or on one issue when the edit names it.</summary>
    Capability,
}
