using Parley.Core.Scenarios;

namespace Parley.Tests.Support;

/// <summary>Small scenarios built in code for the run-layer tests.</summary>
internal static class Scenarios
{
    /// <summary>One issue on 0–100 with anchors at 0, 50, 100 and the given actors (id, capability, position, salience, spreads).</summary>
    public static Scenario OneIssue(
        IReadOnlyList<(string Id, double C, double X, double S)> actors,
        Spread? positionSpread = null,
        Spread? salienceSpread = null,
        Spread? capabilitySpread = null,
        ScenarioUncertainty? uncertainty = null,
        double min = 0,
        double max = 100)
    {
        var scale = new Scale(min, max, [new ScaleAnchor(min, "none"), new ScaleAnchor((min + max) / 2, "half"), new ScaleAnchor(max, "all")]);
        var issue = new Issue("i", "Issue", scale);
        return new Scenario(
            "test",
            [issue],
            [.. actors.Select(a => new Actor(a.Id, a.Id.ToUpperInvariant(), a.C, CapabilitySpread: capabilitySpread))],
            [.. actors.Select(a => new Stance(a.Id, "i", a.X, a.S, PositionSpread: positionSpread, SalienceSpread: salienceSpread))],
            uncertainty: uncertainty);
    }

    /// <summary>Four actors with distinct positions, capabilities and saliences.</summary>
    public static IReadOnlyList<(string Id, double C, double X, double S)> Four { get; } =
    [
        ("a", 4, 10, 0.9),
        ("b", 2, 35, 0.5),
        ("c", 3, 70, 0.7),
        ("d", 1, 95, 0.3),
    ];
}
