using System.Collections.Immutable;

namespace Parley.Core.Scenarios.Edits;

/// <summary>A named what-if stored with a scenario: a list of edits to run side by side with the base case.</summary>
/// <param name="Name">Identifier, unique in the scenario (letters, digits, '-', '_', '.').</param>
/// <param name="Description">What the what-if asks, if given.</param>
/// <param name="Rationale">Why it is worth asking: the source it rests on, if given.</param>
/// <param name="Edits">The edits, applied in order (copied).</param>
public sealed record WhatIf(string Name, string? Description, string? Rationale, IReadOnlyList<ScenarioEdit> Edits)
{
    private readonly IReadOnlyList<ScenarioEdit> _edits = Copy(Edits);

    /// <summary>The edits, applied in order.</summary>
    public IReadOnlyList<ScenarioEdit> Edits
    {
        get => _edits;
        init => _edits = Copy(value);
    }

    /// <summary>True when <paramref name="other"/> has the same name, texts and edits in order.</summary>
    public bool Equals(WhatIf? other) =>
        other is not null && Name == other.Name && Description == other.Description && Rationale == other.Rationale
        && Edits.SequenceEqual(other.Edits);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Description, Rationale, Edits.Count);

    private static ImmutableArray<ScenarioEdit> Copy(IReadOnlyList<ScenarioEdit> edits) =>
        [.. Preconditions.NotNull(edits, nameof(Edits))];
}
