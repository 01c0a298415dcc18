namespace Parley.Core.Scenarios.Edits;

/// <summary>The part of an edit a problem concerns, so that a reader can point at the right place in its file.</summary>
public enum EditPart
{
    /// <summary>The actor, issue or field the edit names.</summary>
    Target,

    /// <summary>The value or factor.</summary>
    Value,

    /// <summary>The round after which the edit strikes.</summary>
    AfterRound,
}
