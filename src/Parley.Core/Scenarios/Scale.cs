using System.Collections.Immutable;

namespace Parley.Core.Scenarios;

/// <summary>A named point on an issue's scale, e.g. 0 = "complete, verified denuclearization first".</summary>
/// <param name="Value">Where on the scale the anchor sits.</param>
/// <param name="Label">What an outcome at this point means.</param>
public sealed record ScaleAnchor(double Value, string Label);

/// <summary>The one-dimensional scale on which positions on an issue are given.</summary>
public sealed record Scale
{
    /// <summary>Creates a scale; <paramref name="minimum"/> must be below <paramref name="maximum"/>.</summary>
    public Scale(double minimum, double maximum, IReadOnlyList<ScaleAnchor>? anchors = null)
    {
        Preconditions.Finite(minimum, nameof(minimum));
        Preconditions.Finite(maximum, nameof(maximum));
        Preconditions.Check(minimum < maximum, nameof(maximum), "The scale's maximum must be greater than its minimum.");
        Minimum = minimum;
        Maximum = maximum;
        Anchors = anchors is null ? ImmutableArray<ScaleAnchor>.Empty : [.. anchors];
    }

    /// <summary>The 0–100 scale used when a file gives no scale.</summary>
    public static Scale Percent { get; } = new(0, 100);

    /// <summary>The lowest position on the scale.</summary>
    public double Minimum { get; }

    /// <summary>The highest position on the scale.</summary>
    public double Maximum { get; }

    /// <summary>Named points on the scale, in the order given.</summary>
    public IReadOnlyList<ScaleAnchor> Anchors { get; }

    /// <summary>The width of the scale, maximum minus minimum (&gt; 0).</summary>
    public double Width => Maximum - Minimum;

    /// <summary>True when <paramref name="position"/> lies on the scale (ends included).</summary>
    public bool Contains(double position) => position >= Minimum && position <= Maximum;

    /// <summary><paramref name="position"/> moved onto the scale: the nearer end when it lies outside.</summary>
    public double Clamp(double position) => Math.Clamp(position, Minimum, Maximum);

    /// <summary>True when <paramref name="other"/> has the same ends and the same anchors in order.</summary>
    public bool Equals(Scale? other) =>
        other is not null && Minimum.Equals(other.Minimum) && Maximum.Equals(other.Maximum) && Anchors.SequenceEqual(other.Anchors);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Minimum, Maximum, Anchors.Count);
}
