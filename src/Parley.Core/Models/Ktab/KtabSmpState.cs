namespace Parley.Core.Models.Ktab;

/// <summary>The positions and derived quantities of one SMP state (SMP-SPEC §3.1, §3.3).</summary>
internal sealed class KtabSmpState
{
    /// <summary>Positions, actor-major: x[i·D + d], on [0, 1].</summary>
    public required double[] X { get; init; }

    /// <summary>Ideals, actor-major.</summary>
    public required double[] Q { get; init; }

    /// <summary>δ(i,j) = dist(q_i − x_j, s_i), row-major.</summary>
    public double[] Delta { get; set; } = [];

    /// <summary>Transpose of <see cref="Delta"/>: DeltaT[j·N + i] = δ(i,j).</summary>
    public double[] DeltaT { get; set; } = [];

    /// <summary>Risk attitudes R_i.</summary>
    public double[] R { get; set; } = [];

    /// <summary>Risk-neutral outcome probabilities of the N positions.</summary>
    public double[] RiskNeutralP { get; set; } = [];

    /// <summary>Own estimated utilities U^a(a, n), row-major.</summary>
    public double[] OwnU { get; set; } = [];

    /// <summary>True when every position was equally likely to win, so that risk attitudes are undefined (0/0).</summary>
    public bool Degenerate { get; set; }

    /// <summary>Each actor's reported winning probability (§3.11).</summary>
    public double[] WinProbabilities { get; set; } = [];
}
