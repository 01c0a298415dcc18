namespace Parley.Core.Models.Ktab;

/// <summary>A bargain proposed in one step (SMP-SPEC §3.7).</summary>
/// <param name="Initiator">The initiator i.</param>
/// <param name="Receiver">The receiver j.</param>
/// <param name="Value">The initiator's expected gain (§3.5; KTAB's <c>Bargn.Value</c>).</param>
/// <param name="InitiatorWinProbability">The initiator's estimate φ that it would win the challenge (§3.4), which weighted the interpolation.</param>
/// <param name="YI">New position of the initiator.</param>
/// <param name="YJ">New position of the receiver.</param>
internal sealed record KtabBargain(int Initiator, int Receiver, double Value, double InitiatorWinProbability, double[] YI, double[] YJ);

/// <summary>What happened in one step, kept for inspection, explanation and tests.</summary>
/// <param name="Bargains">The bargains in canonical order.</param>
/// <param name="Lists">Each actor's bargain list (indices into <paramref name="Bargains"/>), after its status quo.</param>
/// <param name="Probabilities">Each actor's election probabilities over its status quo and list.</param>
/// <param name="Chosen">The option each actor took (0 = status quo).</param>
/// <param name="Utilities">Each actor's own utility ν of its status quo and of each bargain of its list.</param>
internal sealed record KtabStepDetail(KtabBargain[] Bargains, int[][] Lists, double[][] Probabilities, int[] Chosen, double[][] Utilities);

/// <summary>How to run the engine: turns, seed, what to keep, and timed shocks.</summary>
internal sealed record KtabRunOptions
{
    /// <summary>Seed of the stochastic state transitions (unused when they are deterministic).</summary>
    public ulong Seed { get; init; }

    /// <summary>The most turns to run.</summary>
    public int MaxTurns { get; init; } = KtabSmpParameters.Default.MaxTurns;

    /// <summary>Called after each turn with its number.</summary>
    public Action<int>? OnTurn { get; init; }

    /// <summary>Keep the full states (distances, risk attitudes, utilities) of this many first states; for tests.</summary>
    public int DetailTurns { get; init; }

    /// <summary>Keep every turn's bargains and elections (<see cref="KtabSmpRun.Turns"/>); off by default, as it costs memory and time.</summary>
    public bool RecordBargains { get; init; }

    /// <summary>Edits of the inputs after given turns, applied in list order.</summary>
    public IReadOnlyList<KtabShock> Shocks { get; init; } = [];
}

/// <summary>Why a run ended.</summary>
internal enum KtabStop
{
    /// <summary>The last turn moved less than StopRatio of the first (after at least 2 turns).</summary>
    Converged,

    /// <summary>The run reached its maximum number of turns.</summary>
    TurnLimit,

    /// <summary>Every position became equally likely to win (e.g. consensus), where KTAB's risk attitudes are 0/0.</summary>
    NoFavourite,

    /// <summary>The run failed: see <see cref="KtabSmpRun.Failure"/>.</summary>
    Failed,
}

/// <summary>Everything a run produced: the history of states, why it stopped, or why it failed.</summary>
internal sealed class KtabSmpRun
{
    private List<KtabTurn>? _turns;

    /// <summary>Positions of every state (actor-major, [0,1]).</summary>
    public List<double[]> Positions { get; } = [];

    /// <summary>Winning probabilities of every state.</summary>
    public List<double[]> WinProbabilities { get; } = [];

    /// <summary>Risk attitudes of every state.</summary>
    public List<double[]> RiskAttitudes { get; } = [];

    /// <summary>Full states for the first few turns (when asked for).</summary>
    public List<KtabSmpState> Details { get; } = [];

    /// <summary>Bargains and elections of every step (when asked for with <see cref="KtabRunOptions.RecordBargains"/>).</summary>
    public List<KtabStepDetail> Steps { get; } = [];

    /// <summary>The shocks that took effect, in order (those after the last turn never do).</summary>
    public List<KtabShock> AppliedShocks { get; } = [];

    /// <summary>Why the run stopped, in words.</summary>
    public string StopReason { get; set; } = string.Empty;

    /// <summary>Why the run stopped.</summary>
    public KtabStop Stop { get; set; }

    /// <summary>Why the run could not be carried out, or null when it was.</summary>
    public KtabSmpFailure? Failure { get; set; }

    /// <summary>True when the run was carried out.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>Every recorded step as public records: the proposals and each actor's choice (empty unless bargains were recorded).</summary>
    public IReadOnlyList<KtabTurn> Turns => _turns ??= [.. Steps.Select((s, t) => KtabTurn.From(t, s))];
}
