namespace Parley.Core.Models.Ktab;

/// <summary>
/// KTAB's Spatial Model of Politics on flat arrays (SMP-SPEC §3): the run loop and stopping rule
/// (§3.12), one step (§4.1), and timed shocks. The concerns live beside it: state setup
/// (<see cref="KtabStateSetup"/>), targets and bargains (<see cref="KtabBargaining"/>, with the
/// challenge kernels <see cref="KtabChallenge"/> and <see cref="KtabTargetKernel"/>), resolution
/// (<see cref="KtabResolution"/>) and the elections (<see cref="KtabElection"/>). Work inside a step
/// is spread over actors, each writing only its own output slots, so results never depend on the
/// thread count. Every abort of KTAB comes back as <see cref="KtabSmpRun.Failure"/>, never as an exception.
/// </summary>
internal sealed class KtabSmpEngine
{
    private readonly double[] _capabilities;
    private readonly double[] _saliences;
    private readonly int _dimensions;
    private readonly KtabSmpParameters _parameters;
    private readonly List<KtabSmpFailure> _inputFailures;
    private KtabSetting? _setting;

    /// <summary>Creates the engine for N actors and D dimensions; saliences are actor-major on [0,1]. Invalid inputs make every run fail (see <see cref="Check"/>).</summary>
    public KtabSmpEngine(double[] capabilities, double[] saliences, int dimensions, KtabSmpParameters parameters)
    {
        _inputFailures = KtabSetting.Validate(capabilities, saliences, dimensions, parameters);
        _capabilities = capabilities;
        _saliences = saliences;
        _dimensions = dimensions;
        _parameters = parameters;
    }

    /// <summary>Number of actors.</summary>
    public int Actors => _capabilities.Length;

    /// <summary>Evaluates challenges with the plain scalar code (the path non-Prop voting rules take); for tests.</summary>
    public bool ScalarChallenges { get; init; }

    /// <summary>
    /// Every reason KTAB would refuse or abort these inputs before its first turn: capabilities,
    /// saliences, accommodation, start positions and shocks. Empty when a run can start (it may still
    /// fail later on one of KTAB's checks within a turn).
    /// </summary>
    public static IReadOnlyList<KtabSmpFailure> Check(double[] capabilities, double[] saliences, int dimensions, KtabSmpParameters parameters, double[] positions, IReadOnlyList<KtabShock>? shocks = null)
    {
        var failures = KtabSetting.Validate(capabilities, saliences, dimensions, parameters);
        failures.AddRange(CheckRun(capabilities.Length, dimensions, positions, shocks ?? []));
        return failures;
    }

    private static List<KtabSmpFailure> CheckRun(int n, int dims, double[] positions, IReadOnlyList<KtabShock> shocks)
    {
        Preconditions.NotNull(positions, nameof(positions));
        Preconditions.Check(positions.Length == n * dims, nameof(positions), "Positions must hold one value per actor and dimension.");
        var failures = new List<KtabSmpFailure>();
        for (var k = 0; k < positions.Length; k++)
        {
            if (!double.IsFinite(positions[k]))
            {
                failures.Add(KtabSmpFailure.Input($"Position {positions[k]} is not a finite number.", k / dims, k % dims, "a finite position"));
            }
        }

        foreach (var shock in shocks)
        {
            if (CheckShock(n, dims, shock) is { } problem)
            {
                failures.Add(KtabSmpFailure.Input($"Shock after turn {shock.AfterTurn}: {problem}", shock.Actor >= 0 && shock.Actor < n ? shock.Actor : null));
            }
        }

        return failures;
    }

    private static string? CheckShock(int n, int dims, KtabShock shock)
    {
        if (shock.AfterTurn < 0)
        {
            return "the turn must be 0 or later.";
        }

        if (shock.Actor < 0 || shock.Actor >= n)
        {
            return $"actor index {shock.Actor} is outside 0…{n - 1}.";
        }

        if (shock.Target != KtabShockTarget.Capability && (shock.Dimension < 0 || shock.Dimension >= dims))
        {
            return $"dimension index {shock.Dimension} is outside 0…{dims - 1}.";
        }

        var v = shock.Value;
        return shock.Target switch
        {
            KtabShockTarget.Capability when !(v > 0) || !double.IsFinite(v) => $"capability {v} is not a finite number > 0.",
            KtabShockTarget.Salience when !(v >= 0 && v <= 1) => $"salience {v} is outside [0, 1].",
            KtabShockTarget.Position when !double.IsFinite(v) => $"position {v} is not a finite number.",
            _ => null,
        };
    }

    /// <summary>Runs from positions <paramref name="x0"/> (actor-major, [0,1]) until KTAB's stopping rule, the turn limit, or a failure.</summary>
    public KtabSmpRun Run(double[] x0, KtabRunOptions options, CancellationToken cancellationToken)
    {
        Preconditions.NotNull(options, nameof(options));
        var run = new KtabSmpRun();
        var failures = _inputFailures.Count > 0 ? _inputFailures : CheckRun(Actors, _dimensions, x0, options.Shocks);
        if (failures.Count > 0)
        {
            return Fail(run, failures[0]);
        }

        var setting = _setting ??= KtabSetting.Create(_capabilities, _saliences, _dimensions, _parameters, ScalarChallenges);
        var state = new KtabSmpState { X = (double[])x0.Clone(), Q = (double[])x0.Clone() };
        if (KtabStateSetup.Run(setting, state) is { } setupFailure)
        {
            return Fail(run, setupFailure.InTurn(0));
        }

        if (ApplyShocks(run, options.Shocks, 0, ref setting, ref state) is { } shockFailure)
        {
            return Fail(run, shockFailure.InTurn(0));
        }

        if (state.Degenerate)
        {
            return Fail(run, new KtabSmpFailure(
                KtabSmpFailureKind.NoFavourite,
                "Every input position is equally likely to win (e.g. all actors share one position), so KTAB's risk attitudes are undefined (0/0); there is nothing to bargain over.",
                0));
        }

        Record(run, state, options);
        double firstMove = 0;
        var iter = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iter++;
            if (Step(setting, state, iter - 1, run, options, out var next) is { } stepFailure)
            {
                return Fail(run, stepFailure.InTurn(iter));
            }

            var move = Move(state.X, next.X);
            if (iter == 1)
            {
                firstMove = move;
            }

            var ratio = move / (firstMove + 1e-4);
            var stop = next.Degenerate ? KtabStop.NoFavourite
                : iter >= options.MaxTurns ? KtabStop.TurnLimit
                : iter >= 2 && ratio < _parameters.StopRatio ? KtabStop.Converged
                : (KtabStop?)null;
            if (stop is null)
            {
                if (ApplyShocks(run, options.Shocks, iter, ref setting, ref next) is { } shockFailure2)
                {
                    return Fail(run, shockFailure2.InTurn(iter));
                }

                stop = next.Degenerate ? KtabStop.NoFavourite : null;
            }

            Record(run, next, options);
            state = next;
            options.OnTurn?.Invoke(iter);
            if (stop is { } reason)
            {
                run.Stop = reason;
                run.StopReason = reason switch
                {
                    KtabStop.NoFavourite => $"stopped after {iter} turns: every position is equally likely to win (e.g. consensus), where KTAB's risk attitudes become NaN",
                    KtabStop.TurnLimit => $"stopped after the maximum of {options.MaxTurns} turns",
                    _ => $"converged after {iter} turns: the last turn moved {ratio:0.####} of the first (< {_parameters.StopRatio})",
                };
                return run;
            }
        }
    }

    private static KtabSmpRun Fail(KtabSmpRun run, KtabSmpFailure failure)
    {
        run.Failure = failure;
        run.Stop = KtabStop.Failed;
        run.StopReason = failure.ToString();
        return run;
    }

    /// <summary>One step (§4.1) from state <paramref name="st"/>: targets and bargains, lists, resolution, then the next state, set up.</summary>
    private static KtabSmpFailure? Step(KtabSetting setting, KtabSmpState st, int turn, KtabSmpRun run, KtabRunOptions options, out KtabSmpState next)
    {
        next = st;
        var proposals = KtabBargaining.Propose(setting, st, out var proposalFailure);
        if (proposalFailure is not null)
        {
            return proposalFailure;
        }

        var (bargains, lists) = KtabBargaining.Lists(proposals);
        var keep = options.RecordBargains;
        if (KtabResolution.Resolve(setting, st, bargains, lists, options.Seed, turn, keep, out var outcome) is { } resolutionFailure)
        {
            return resolutionFailure;
        }

        if (keep)
        {
            run.Steps.Add(new KtabStepDetail(bargains, lists, outcome.Probabilities!, outcome.Chosen, outcome.Utilities!));
        }

        next = new KtabSmpState { X = outcome.Positions, Q = KtabResolution.NextIdeals(setting, outcome.Positions, st.Q) };
        return KtabStateSetup.Run(setting, next);
    }

    /// <summary>Applies the shocks of turn <paramref name="turn"/>: new inputs, then the state set up again on them.</summary>
    private static KtabSmpFailure? ApplyShocks(KtabSmpRun run, IReadOnlyList<KtabShock> shocks, int turn, ref KtabSetting setting, ref KtabSmpState state)
    {
        if (!shocks.Any(e => e.AfterTurn == turn))
        {
            return null;
        }

        int dd = setting.D;
        var c = (double[])setting.Capabilities.Clone();
        var sal = (double[])setting.Saliences.Clone();
        var x = (double[])state.X.Clone();
        var q = (double[])state.Q.Clone();
        foreach (var shock in shocks.Where(e => e.AfterTurn == turn))
        {
            var k = (shock.Actor * dd) + shock.Dimension;
            switch (shock.Target)
            {
                case KtabShockTarget.Capability:
                    c[shock.Actor] = shock.Value;
                    break;
                case KtabShockTarget.Salience:
                    sal[k] = shock.Value;
                    break;
                default:
                    x[k] = shock.Value;
                    q[k] = shock.Value;
                    break;
            }

            run.AppliedShocks.Add(shock);
        }

        var problems = KtabSetting.ValidateActors(c, sal, dd);
        if (problems.Count > 0)
        {
            return problems[0] with { Message = "After a shock: " + problems[0].Message };
        }

        setting = setting.With(c, sal);
        state = new KtabSmpState { X = x, Q = q };
        return KtabStateSetup.Run(setting, state);
    }

    private static void Record(KtabSmpRun run, KtabSmpState state, KtabRunOptions options)
    {
        run.Positions.Add(state.X);
        run.WinProbabilities.Add(state.WinProbabilities);
        run.RiskAttitudes.Add(state.R);
        if (run.Details.Count < options.DetailTurns)
        {
            run.Details.Add(state);
        }
    }

    /// <summary>move(a, b) of §3.12: the sum over actors of the Euclidean norm of their position change.</summary>
    private double Move(double[] a, double[] b)
    {
        var total = 0.0;
        for (var i = 0; i < Actors; i++)
        {
            var ss = 0.0;
            for (var d = 0; d < _dimensions; d++)
            {
                var diff = a[(i * _dimensions) + d] - b[(i * _dimensions) + d];
                ss += diff * diff;
            }

            total += Math.Sqrt(ss);
        }

        return total;
    }
}
