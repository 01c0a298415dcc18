using System.Numerics;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// A scenario compiled for the exchange engine: flat actor × issue arrays on the internal 0–100
/// scale (EXCHANGE-SPEC §1.4) and, per issue, its participants in row order (§0.2).
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed class ExchangeInput<T>
    where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
        IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
{
    private readonly T[] _lower;
    private readonly T[] _step;

    private ExchangeInput(int actors, int issues, int[][] rows, T[] positions, T[] saliences, T[] powers, T[] lower, T[] step)
    {
        ActorCount = actors;
        IssueCount = issues;
        Rows = rows;
        Positions = positions;
        Saliences = saliences;
        Powers = powers;
        _lower = lower;
        _step = step;
    }

    /// <summary>The number of actors.</summary>
    public int ActorCount { get; }

    /// <summary>The number of issues.</summary>
    public int IssueCount { get; }

    /// <summary>Per issue, the actors that take part in it, in the order of their stances (the order of every sum over the issue).</summary>
    public IReadOnlyList<int[]> Rows { get; }

    /// <summary>Positions on the internal 0–100 scale, at [actor × IssueCount + issue] (unused where the actor takes no part).</summary>
    public T[] Positions { get; }

    /// <summary>Saliences at [actor × IssueCount + issue].</summary>
    public T[] Saliences { get; }

    /// <summary>Powers (capabilities) at [actor × IssueCount + issue].</summary>
    public T[] Powers { get; }

    /// <summary>
    /// Compiles <paramref name="scenario"/>. An actor takes part in an issue when it has a stance on it
    /// with salience &gt; 0 and capability &gt; 0 (a stance of weight 0 adds nothing to the NBS and cannot
    /// be traded: the model divides by saliences and powers). Positions are mapped to
    /// (x − min) · (100 / (max − min)) in <typeparamref name="T"/>.
    /// </summary>
    public static ExchangeInput<T> From(Scenario scenario, ExchangeArithmetic<T> arithmetic)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.NotNull(arithmetic, nameof(arithmetic));
        var n = scenario.Actors.Count;
        var m = scenario.Issues.Count;
        var x = new T[n * m];
        var s = new T[n * m];
        var c = new T[n * m];
        var lower = new T[m];
        var step = new T[m];
        for (var k = 0; k < m; k++)
        {
            var scale = scenario.Issues[k].Scale;
            lower[k] = arithmetic.FromInput(scale.Minimum);
            step[k] = arithmetic.Hundred / (arithmetic.FromInput(scale.Maximum) - lower[k]);
        }

        var rows = new List<int>[m];
        for (var k = 0; k < m; k++)
        {
            rows[k] = [];
        }

        foreach (var stance in scenario.Stances)
        {
            var a = scenario.IndexOfActor(stance.ActorId);
            var k = scenario.IndexOfIssue(stance.IssueId);
            var capability = scenario.Actors[a].CapabilityOn(stance.IssueId);
            if (!(stance.Salience > 0) || !(capability > 0))
            {
                continue;
            }

            var at = (a * m) + k;
            x[at] = (arithmetic.FromInput(stance.Position) - lower[k]) * step[k];
            s[at] = arithmetic.FromInput(stance.Salience);
            c[at] = arithmetic.FromInput(capability);
            rows[k].Add(a);
        }

        return new ExchangeInput<T>(n, m, [.. rows.Select(r => r.ToArray())], x, s, c, lower, step);
    }

    /// <summary>The position <paramref name="value"/> of the internal scale on issue <paramref name="issue"/>'s own scale: v / step + min (0 maps to min).</summary>
    public T ToScale(int issue, T value) => value == T.AdditiveIdentity ? _lower[issue] : (value / _step[issue]) + _lower[issue];

    /// <summary>A distance <paramref name="value"/> of the internal scale on issue <paramref name="issue"/>'s own scale: v / step.</summary>
    public T ToScaleDistance(int issue, T value) => value / _step[issue];
}
