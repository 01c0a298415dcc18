namespace Parley.Core.Scenarios.Edits;

/// <summary>How an edit changes its number.</summary>
public enum EditOperation
{
    /// <summary>Replace the number with the edit's value (<c>=V</c>).</summary>
    Set,

    /// <summary>Multiply the number by the edit's value (<c>*=F</c>).</summary>
    Scale,
}
