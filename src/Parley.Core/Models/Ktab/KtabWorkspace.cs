namespace Parley.Core.Models.Ktab;

/// <summary>Buffers one worker thread reuses from actor to actor within a step.</summary>
/// <param name="n">Number of actors (0 for a workspace that only resolves bargain lists).</param>
internal sealed class KtabWorkspace(int n)
{
    /// <summary>Expected gains E(i,i,i,j) of the current initiator i, by receiver j.</summary>
    public double[] Gains { get; } = new double[n];

    /// <summary>Win probabilities φ of the same challenges.</summary>
    public double[] Phis { get; } = new double[n];

    /// <summary>U^h row-major with padded rows: URow[t·stride + j] = U^h(t, j).</summary>
    public double[] URow { get; set; } = [];

    /// <summary>U^h(t, i) by t, padded.</summary>
    public double[] ColI { get; set; } = [];

    /// <summary>U^h(t, t) by t, padded.</summary>
    public double[] DiagPad { get; set; } = [];

    /// <summary>U^h transposed: UT[m·N + t] = U^h(t, m).</summary>
    public double[] UT { get; } = new double[n * n];

    /// <summary>U^h(t, t) by t.</summary>
    public double[] Diag { get; } = new double[n];

    /// <summary>Per-third-party scratch (α values in the Prop kernel).</summary>
    public double[] Pos { get; } = new double[n];

    /// <summary>Per-third-party scratch (γ values in the Prop kernel).</summary>
    public double[] Neg { get; } = new double[n];

    /// <summary>Scratch of the bargain election.</summary>
    public double[] Scratch { get; set; } = [];

    /// <summary>The utility matrix of the bargain election.</summary>
    public double[] U { get; set; } = [];
}
