using System.Runtime.CompilerServices;
using System.Numerics;
using Parley.Core.Simulation;

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

/// <summary>A bargain proposed in one step (SMP-SPEC §3.7).</summary>
/// <param name="Initiator">The initiator i.</param>
/// <param name="Receiver">The receiver j.</param>
/// <param name="Value">The initiator's expected gain (§3.5).</param>
/// <param name="YI">New position of the initiator.</param>
/// <param name="YJ">New position of the receiver.</param>
internal sealed record KtabBargain(int Initiator, int Receiver, double Value, double[] YI, double[] YJ);

/// <summary>What happened in one step, kept for inspection and tests.</summary>
/// <param name="Bargains">The bargains in canonical order.</param>
/// <param name="Lists">Each actor's bargain list (indices into <paramref name="Bargains"/>), after its status quo.</param>
/// <param name="Probabilities">Each actor's election probabilities over its status quo and list.</param>
/// <param name="Chosen">The option each actor took (0 = status quo).</param>
internal sealed record KtabStepDetail(KtabBargain[] Bargains, int[][] Lists, double[][] Probabilities, int[] Chosen);

/// <summary>Everything a run produced.</summary>
internal sealed class KtabSmpRun
{
    /// <summary>Positions of every state (actor-major, [0,1]).</summary>
    public List<double[]> Positions { get; } = [];

    /// <summary>Winning probabilities of every state.</summary>
    public List<double[]> WinProbabilities { get; } = [];

    /// <summary>Risk attitudes of every state.</summary>
    public List<double[]> RiskAttitudes { get; } = [];

    /// <summary>Full states for the first few turns (when asked for).</summary>
    public List<KtabSmpState> Details { get; } = [];

    /// <summary>Bargains of the first few steps (when asked for), with the index each actor chose in its list (0 = status quo).</summary>
    public List<KtabStepDetail> Steps { get; } = [];

    /// <summary>Why the run stopped.</summary>
    public string StopReason { get; set; } = string.Empty;
}

/// <summary>
/// KTAB's Spatial Model of Politics on flat arrays (SMP-SPEC §3). Work inside a step is spread
/// over actors, each writing only its own output slots, so results never depend on thread count.
/// </summary>
internal sealed class KtabSmpEngine
{
    private readonly int _n;
    private readonly int _d;
    private readonly double[] _c;
    private readonly double[] _s;
    private readonly double[] _sTotal;
    private readonly double[] _w;
    private readonly double[]? _a;
    private readonly bool _identity;
    private readonly KtabSmpParameters _p;
    private readonly ParallelOptions _parallel;
    private readonly bool _sequential;
    private readonly double[] _wPad;
    private readonly double[] _sPad;

    /// <summary>Creates the engine for N actors and D dimensions; saliences are actor-major on [0,1].</summary>
    public KtabSmpEngine(double[] capabilities, double[] saliences, int dimensions, KtabSmpParameters parameters)
    {
        _n = capabilities.Length;
        _d = dimensions;
        Preconditions.Check(_n >= 1 && _d >= 1 && saliences.Length == _n * _d, nameof(saliences), "Saliences must hold one value per actor and dimension.");
        _c = capabilities;
        _s = saliences;
        _p = parameters;
        _sTotal = new double[_n];
        _w = new double[_n];
        for (var i = 0; i < _n; i++)
        {
            var t = 0.0;
            for (var d = 0; d < _d; d++)
            {
                if (_s[(i * _d) + d] < 0)
                {
                    throw new KtabSmpException("A salience is negative (KTAB aborts).");
                }

                t += _s[(i * _d) + d];
            }

            _sTotal[i] = t;
            _w[i] = t * _c[i];
            KtabPrimitives.CheckWeight(_c[i]);
        }

        _identity = true;
        if (parameters.Accommodation.Count > 0)
        {
            var a = new double[_n * _n];
            for (var i = 0; i < _n; i++)
            {
                a[(i * _n) + i] = 1;
            }

            foreach (var e in parameters.Accommodation)
            {
                Preconditions.Check(e.Actor < _n && e.Reference < _n, nameof(parameters), $"Accommodation entry {e.Actor}:{e.Reference} names an actor index ≥ {_n}.");
                a[(e.Actor * _n) + e.Reference] = e.Adjust;
            }

            var frob = 0.0;
            for (var i = 0; i < _n; i++)
            {
                var row = 0.0;
                for (var j = 0; j < _n; j++)
                {
                    var aij = a[(i * _n) + j];
                    if (!(aij >= 0 && aij <= 1))
                    {
                        throw new KtabSmpException($"Accommodation A({i},{j}) = {aij} is outside [0, 1] (KTAB aborts).");
                    }

                    row += aij;
                    if (row > 1 + 1e-10)
                    {
                        throw new KtabSmpException($"Accommodation row {i} sums to more than 1 (KTAB aborts).");
                    }

                    var diff = aij - (i == j ? 1 : 0);
                    frob += diff * diff;
                }
            }

            _identity = Math.Sqrt(frob) < 1e-10;
            _a = _identity ? null : a;
        }

        var stride = ((_n + Vector<double>.Count - 1) / Vector<double>.Count) * Vector<double>.Count;
        _wPad = new double[stride];
        _sPad = new double[stride];
        Array.Fill(_wPad, 1.0);
        Array.Fill(_sPad, 0.5);
        _w.CopyTo(_wPad, 0);
        _sTotal.CopyTo(_sPad, 0);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = parameters.Threads > 0 ? parameters.Threads : -1 };
        // Below ~40 actors a turn takes well under a millisecond: handing work to other threads
        // costs more than it saves (and much more on a busy machine). Results are the same either way.
        _sequential = parameters.Threads == 1 || Environment.ProcessorCount == 1 || _n < 40;
    }

    /// <summary>Number of actors.</summary>
    public int Actors => _n;

    /// <summary>Evaluates challenges with the plain scalar code (the path non-Prop voting rules take); for tests.</summary>
    public bool ScalarChallenges { get; init; }

    /// <summary>Runs from positions <paramref name="x0"/> (actor-major, [0,1]).</summary>
    public KtabSmpRun Run(double[] x0, ulong seed, int maxTurns, Action<int>? onTurn, CancellationToken cancellationToken, int detailTurns = 0)
    {
        Preconditions.Check(x0.Length == _n * _d, nameof(x0), "Positions must hold one value per actor and dimension.");
        var run = new KtabSmpRun();
        var state = new KtabSmpState { X = (double[])x0.Clone(), Q = (double[])x0.Clone() };
        try
        {
            Setup(state);
            if (state.Degenerate)
            {
                throw new KtabSmpException("Every input position is equally likely to win (e.g. all actors share one position), so KTAB's risk attitudes are undefined (0/0); there is nothing to bargain over.");
            }

            Record(run, state, detailTurns);
            double firstMove = 0;
            var iter = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                iter++;
                var next = Step(state, seed, iter - 1, run, detailTurns);
                Setup(next);
                Record(run, next, detailTurns);
                var move = Move(state.X, next.X);
                if (iter == 1)
                {
                    firstMove = move;
                }

                state = next;
                onTurn?.Invoke(iter);
                if (next.Degenerate)
                {
                    run.StopReason = $"stopped after {iter} turns: every position is equally likely to win (e.g. consensus), where KTAB's risk attitudes become NaN";
                    break;
                }

                var ratio = move / (firstMove + 1e-4);
                if (iter >= maxTurns)
                {
                    run.StopReason = $"stopped after the maximum of {maxTurns} turns";
                    break;
                }

                if (iter >= 2 && ratio < _p.StopRatio)
                {
                    run.StopReason = $"converged after {iter} turns: the last turn moved {ratio:0.####} of the first (< {_p.StopRatio})";
                    break;
                }
            }
        }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.FirstOrDefault(e => e is KtabSmpException or OperationCanceledException) is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
        }

        return run;
    }

    private static void Record(KtabSmpRun run, KtabSmpState state, int detailTurns)
    {
        run.Positions.Add(state.X);
        run.WinProbabilities.Add(state.WinProbabilities);
        run.RiskAttitudes.Add(state.R);
        if (run.Details.Count < detailTurns)
        {
            run.Details.Add(state);
        }
    }

    private double Move(double[] a, double[] b)
    {
        var total = 0.0;
        for (var i = 0; i < _n; i++)
        {
            var ss = 0.0;
            for (var d = 0; d < _d; d++)
            {
                var diff = a[(i * _d) + d] - b[(i * _d) + d];
                ss += diff * diff;
            }

            total += Math.Sqrt(ss);
        }

        return total;
    }

    /// <summary>Per-state setup (§3.3) plus the reported winning probabilities (§3.11).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Setup(KtabSmpState st)
    {
        int n = _n, dd = _d;
        var delta = new double[n * n];
        var deltaT = new double[n * n];
        For(n, i =>
        {
            var qi = st.Q.AsSpan(i * dd, dd);
            var si = _s.AsSpan(i * dd, dd);
            for (var j = 0; j < n; j++)
            {
                delta[(i * n) + j] = KtabPrimitives.Dist(qi, st.X.AsSpan(j * dd, dd), si);
            }
        });
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                deltaT[(j * n) + i] = delta[(i * n) + j];
            }
        }

        st.Delta = delta;
        st.DeltaT = deltaT;

        // Risk-neutral utilities and election over all N positions, weighted by raw capability.
        var u0 = new double[n * n];
        for (var k = 0; k < u0.Length; k++)
        {
            u0[k] = KtabPrimitives.Util(delta[k], 0);
        }

        var p = new double[n];
        ParallelScalarPce(u0, n, p);
        st.RiskNeutralP = p;
        var r = new double[n];
        st.R = r;
        if (!KtabPrimitives.BigR(_p.BigRRange, p, r))
        {
            // KTAB would go on with NaN risk attitudes. Parley stops here: R is left at 0
            // (risk-neutral) only to report the state's winning probabilities.
            st.Degenerate = true;
            var neutral = new double[n * n];
            Array.Copy(u0, neutral, neutral.Length);
            st.OwnU = neutral;
            st.WinProbabilities = WinningProbabilities(st);
            return;
        }

        // Sanity checks of §3.3 steps 5 and 6. A norm is above 1e-6 as soon as one entry is above
        // 2e-6, so the scans stop at the first such entry (the usual case); only a matrix of tiny
        // differences is summed in full.
        if (SmallDifference(n, (i, j) => u0[(i * n) + j] - KtabPrimitives.Util(delta[(i * n) + j], r[i])))
        {
            throw new KtabSmpException("Utility values not in valid range: risk attitudes change no utility (KTAB aborts).");
        }

        var adjust = _p.BigRAdjust;
        var bad = new bool[n];
        For(n, h =>
        {
            bad[h] = SmallDifference(n, (i, j) =>
            {
                var dl = delta[(i * n) + j];
                return KtabPrimitives.Util(dl, KtabPrimitives.Est(adjust, r[h], r[i])) - KtabPrimitives.Util(dl, r[i]);
            });
        });
        if (Array.IndexOf(bad, true) is var hb and >= 0)
        {
            throw new KtabSmpException($"Estimate of change in utility by actor {hb} out of valid range (KTAB aborts; BigRAdjust Full always does).");
        }

        var own = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            var e = KtabPrimitives.Est(adjust, r[a], r[a]);
            for (var j = 0; j < n; j++)
            {
                own[(a * n) + j] = KtabPrimitives.Util(delta[(a * n) + j], e);
            }
        }

        st.OwnU = own;
        st.WinProbabilities = WinningProbabilities(st);
    }

    /// <summary>True when the Frobenius norm of the n × n matrix <paramref name="diff"/> is ≤ 1e-6 (KTAB's duTol).</summary>
    private static bool SmallDifference(int n, Func<int, int, double> diff)
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var x = diff(i, j);
                if (Math.Abs(x) > 2e-6)
                {
                    return false;
                }

                sum += x * x;
            }
        }

        return Math.Sqrt(sum) <= 1e-6;
    }

    private double[] WinningProbabilities(KtabSmpState st)
    {
        int n = _n, dd = _d;
        var x = st.X;
        bool Equivalent(int i, int j)
        {
            var ss = 0.0;
            for (var d = 0; d < dd; d++)
            {
                var diff = x[(i * dd) + d] - x[(j * dd) + d];
                ss += diff * diff;
            }

            return Math.Sqrt(ss) < 1e-3;
        }

        var reps = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var found = false;
            foreach (var rep in reps)
            {
                if (Equivalent(i, rep))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                reps.Add(i);
            }
        }

        var m = reps.Count;
        var u = new double[n * m];
        for (var a = 0; a < n; a++)
        {
            for (var o = 0; o < m; o++)
            {
                u[(a * m) + o] = st.OwnU[(a * n) + reps[o]];
            }
        }

        var pi = new double[m];
        ParallelScalarPce(u, m, pi);
        var win = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var o = m - 1; o >= 0; o--)
            {
                if (Equivalent(i, reps[o]))
                {
                    win[i] = pi[o];
                    break;
                }
            }
        }

        return win;
    }

    /// <summary>Scalar PCE with raw-capability weights.</summary>
    private void ParallelScalarPce(double[] u, int m, double[] p)
    {
        var scratch = new double[(3 * m * m) + (3 * m)];
        if ((long)_n * m * m < 200_000)
        {
            KtabPrimitives.ScalarPce(_p, _c, u, m, p, scratch);
            return;
        }

        // Rows of the coalition matrix are independent and each writes its own slots.
        var c = new double[m * m];
        var rule = _p.VotingRule;
        For(m, () => new double[2 * m], (i, buf) =>
        {
            KtabPrimitives.CoalitionRow(rule, _c, u, m, i, c, buf.AsSpan(0, m), buf.AsSpan(m, m));
            return buf;
        });
        KtabPrimitives.Pce(_p, c, m, p, scratch);
    }

    /// <summary>Runs body(0…count−1), on worker threads unless the run is small or single-threaded.</summary>
    private void For(int count, Action<int> body)
    {
        if (_sequential)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, count, _parallel, body);
    }

    /// <summary>Runs body(0…count−1) with one local state (a workspace) per worker.</summary>
    private void For<TLocal>(int count, Func<TLocal> init, Func<int, TLocal, TLocal> body)
    {
        if (_sequential)
        {
            var local = init();
            for (var i = 0; i < count; i++)
            {
                local = body(i, local);
            }

            return;
        }

        Parallel.For(0, count, _parallel, init, (i, _, local) => body(i, local), _ => { });
    }

    /// <summary>Per-thread buffers.</summary>
    private sealed class Workspace(int n)
    {
        public double[] Gains { get; } = new double[n];

        public double[] Phis { get; } = new double[n];

        /// <summary>U^h row-major with padded rows: URow[t·stride + j] = U^h(t, j).</summary>
        public double[] URow { get; set; } = [];

        public double[] ColI { get; set; } = [];

        public double[] DiagPad { get; set; } = [];

        public double[] UT { get; } = new double[n * n];

        public double[] Diag { get; } = new double[n];

        public double[] Pos { get; } = new double[n];

        public double[] Neg { get; } = new double[n];

        public double[] Scratch { get; set; } = [];

        public double[] U { get; set; } = [];
    }

    /// <summary>Fills ws.UT[m·N + n] = U^h(n, m) and ws.Diag[n] = U^h(n, n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildEstimates(KtabSmpState st, int h, Workspace ws)
    {
        int n = _n;
        var r = st.R;
        var adjust = _p.BigRAdjust;
        var e = ws.Diag; // temporarily the estimated attitudes
        for (var k = 0; k < n; k++)
        {
            e[k] = KtabPrimitives.Est(adjust, r[h], r[k]);
        }

        var ut = ws.UT;
        var dt = st.DeltaT;
        for (var m = 0; m < n; m++)
        {
            KtabVector.Util(dt.AsSpan(m * n, n), e, ut.AsSpan(m * n, n));
        }

        for (var k = 0; k < n; k++)
        {
            ws.Diag[k] = ut[(k * n) + k];
        }
    }

    /// <summary>
    /// Target selection of actor i under the Prop rule: E(i, i, i, j) for every j at once, with
    /// the receivers j in SIMD lanes and the third parties n in a sequential loop, so every lane
    /// accumulates its coalition strengths in exactly the order of §3.4.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TargetGainsProp(KtabSmpState st, int i, Workspace ws)
    {
        int n = _n;
        var len = Vector<double>.Count;
        var stride = ((n + len - 1) / len) * len;
        if (ws.URow.Length < n * stride)
        {
            ws.URow = new double[n * stride];
            ws.ColI = new double[stride];
            ws.DiagPad = new double[stride];
            Array.Fill(ws.URow, 0.5);
        }

        var u = ws.URow;
        var r = st.R;
        var adjust = _p.BigRAdjust;
        for (var t = 0; t < n; t++)
        {
            KtabVector.Util(st.Delta.AsSpan(t * n, n), KtabPrimitives.Est(adjust, r[i], r[t]), u.AsSpan(t * stride, n));
        }

        var colI = ws.ColI;
        var diag = ws.DiagPad;
        Array.Fill(colI, 0.5);
        Array.Fill(diag, 0.5);
        for (var t = 0; t < n; t++)
        {
            colI[t] = u[(t * stride) + i];
            diag[t] = u[(t * stride) + t];
        }

        // KTAB's checks, per receiver, in scalar (the same values the lanes compute).
        var uii = diag[i];
        var rowI = u.AsSpan(i * stride, n);
        for (var j = 0; j < n; j++)
        {
            if (j == i)
            {
                continue;
            }

            var ukj = rowI[j];
            var uSq = uii + ukj;
            var uLose = ukj + ukj;
            if (!(uSq >= 0 && uSq <= 2 && uii + uii >= 0 && uii + uii <= 2 && uLose >= 0 && uLose <= 2))
            {
                throw new KtabSmpException("Challenge: utility sums outside [0, 2] (KTAB aborts).");
            }

            if (!(_sTotal[j] > 0 && _sTotal[j] <= 1))
            {
                throw new KtabSmpException($"Challenge: actor {j}'s saliences sum to {_sTotal[j]}, outside (0, 1] (KTAB aborts).");
            }

            if (_identity && (_w[i] * (uii - ukj) < 0 || _w[j] * (colI[j] - diag[j]) > 0))
            {
                throw new KtabSmpException("Challenge: a principal votes against its own position (KTAB aborts).");
            }
        }

        var wPad = _wPad;
        var sPad = _sPad;
        var zero = Vector<double>.Zero;
        var one = Vector<double>.One;
        var tiny = new Vector<double>(1e-10);
        var vuii = new Vector<double>(uii);
        var vwi = new Vector<double>(_w[i]);
        var tpc = _p.ThirdPartyCommit;
        var lanes = Vector<long>.Indices;

        // α and γ depend on the third party only: (uni+uni)+unn etc., the same operations as per lane.
        var alphaT = ws.Pos;
        var gammaT = ws.Neg;
        for (var t = 0; t < n; t++)
        {
            var uni = colI[t];
            var unn = diag[t];
            alphaT[t] = tpc == KtabThirdPartyCommit.FullCommit ? (uni + uni) + uni : (uni + uni) + unn;
            gammaT[t] = tpc == KtabThirdPartyCommit.SemiCommit ? (uni + uni) + uni : alphaT[t];
        }

        for (var j0 = 0; j0 < n; j0 += len)
        {
            var ukj = new Vector<double>(u, (i * stride) + j0);
            var uSq = vuii + ukj;
            var uWin = vuii + vuii;
            var uLose = ukj + ukj;
            var a = vwi * (vuii - ukj);
            var b = new Vector<double>(wPad, j0) * (new Vector<double>(colI, j0) - new Vector<double>(diag, j0));
            var cij = (tiny + Vector.Max(a, zero)) + Vector.Max(b, zero);
            var cji = (tiny - Vector.Min(a, zero)) - Vector.Min(b, zero);
            var a0 = cij;
            var b0 = cji;
            for (var t = 0; t < n; t++)
            {
                if (t == i)
                {
                    continue;
                }

                var uni = new Vector<double>(colI[t]);
                var unn = new Vector<double>(diag[t]);
                var wt = new Vector<double>(wPad[t]);
                var alpha = new Vector<double>(alphaT[t]);
                var gamma = new Vector<double>(gammaT[t]);
                var unj = new Vector<double>(u, (t * stride) + j0);
                var v = wt * (uni - unj);
                var ci = Vector.ConditionalSelect(Vector.GreaterThan(v, zero), a0 + v, a0);
                var cj = Vector.ConditionalSelect(Vector.LessThan(v, zero), b0 - v, b0);
                var pi = ci / (ci + cj);
                var pi2 = one - pi;
                var unj2 = unj + unj;
                Vector<double> beta, eps;
                if (tpc == KtabThirdPartyCommit.SemiCommit)
                {
                    beta = unj2 + unj;
                    eps = unj2 + unn;
                }
                else if (tpc == KtabThirdPartyCommit.FullCommit)
                {
                    beta = unj2 + unj;
                    eps = beta;
                }
                else
                {
                    beta = unj2 + unn;
                    eps = beta;
                }

                var vn = wt * (((pi * alpha) + (pi2 * beta)) - ((pi * gamma) + (pi2 * eps)));
                if (t >= j0 && t < j0 + len)
                {
                    // The lane whose receiver is t: t is a principal there, not a third party.
                    vn = Vector.ConditionalSelect(Vector.Equals(lanes, new Vector<long>(t - j0)), zero, vn);
                }

                cij += Vector.Max(vn, zero);
                cji -= Vector.Min(vn, zero);
            }

            var sum = cij + cji;
            var phi = cij / sum;
            var phi2 = cji / sum;
            var uContest = (phi * uWin) + (phi2 * uLose);
            var sj = new Vector<double>(sPad, j0);
            var uChallenge = ((one - sj) * uWin) + (sj * uContest);
            var gain = uChallenge - uSq;
            var count = Math.Min(len, n - j0);
            for (var l = 0; l < count; l++)
            {
                ws.Phis[j0 + l] = phi[l];
                ws.Gains[j0 + l] = gain[l];
            }
        }
    }

    /// <summary>Challenge evaluation E(h, k, i, j) of §3.4 with U = U^h held in <paramref name="ws"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double Phi, double Gain) Challenge(Workspace ws, int k, int i, int j)
    {
        int n = _n;
        var ut = ws.UT;
        var diag = ws.Diag;
        var rule = _p.VotingRule;
        var colI = ut.AsSpan(i * n, n);
        var colJ = ut.AsSpan(j * n, n);
        var uki = colI[k];
        var ukj = colJ[k];
        var uSq = uki + ukj;
        var uWin = uki + uki;
        var uLose = ukj + ukj;
        if (!(uSq >= 0 && uSq <= 2 && uWin >= 0 && uWin <= 2 && uLose >= 0 && uLose <= 2))
        {
            throw new KtabSmpException("Challenge: utility sums outside [0, 2] (KTAB aborts).");
        }

        var sj = _sTotal[j];
        if (!(sj > 0 && sj <= 1))
        {
            throw new KtabSmpException($"Challenge: actor {j}'s saliences sum to {sj}, outside (0, 1] (KTAB aborts).");
        }

        var a = KtabPrimitives.Vote(rule, _w[i], diag[i], colJ[i]);
        var b = KtabPrimitives.Vote(rule, _w[j], colI[j], diag[j]);
        if (_identity && (a < 0 || b > 0))
        {
            throw new KtabSmpException("Challenge: a principal votes against its own position (KTAB aborts).");
        }

        double cij = 1e-10, cji = 1e-10;
        if (a > 0)
        {
            cij += a;
        }

        if (a < 0)
        {
            cji -= a;
        }

        if (b > 0)
        {
            cij += b;
        }

        if (b < 0)
        {
            cji -= b;
        }

        var a0 = cij;
        var b0 = cji;
        if (rule == KtabVotingRule.Prop && !ScalarChallenges)
        {
            // Third-party votes are independent of each other (they use A0 and B0 only), so they are
            // computed for all n at once; only the accumulation below is sequential, in order of n.
            var pos = ws.Pos;
            var neg = ws.Neg;
            KtabVector.ThirdPartyVotesProp(colI, colJ, diag, _w, a0, b0, _p.ThirdPartyCommit, pos, neg);
            pos[i] = 0;
            pos[j] = 0;
            neg[i] = 0;
            neg[j] = 0;
            for (var t = 0; t < n; t++)
            {
                // Adding +0 or subtracting −0 leaves a positive strength unchanged, so this equals
                // "if vn > 0 add it to Cij, if vn < 0 subtract it from Cji".
                cij += pos[t];
                cji -= neg[t];
            }
        }
        else
        {
            ThirdPartiesScalar(colI, colJ, diag, i, j, a0, b0, ref cij, ref cji);
        }

        var phi = cij / (cij + cji);
        var phi2 = cji / (cij + cji);
        var uContest = (phi * uWin) + (phi2 * uLose);
        var uChallenge = ((1 - sj) * uWin) + (sj * uContest);
        return (phi, uChallenge - uSq);
    }

    private void ThirdPartiesScalar(ReadOnlySpan<double> colI, ReadOnlySpan<double> colJ, ReadOnlySpan<double> diag, int i, int j, double a0, double b0, ref double cij, ref double cji)
    {
        var n = _n;
        var rule = _p.VotingRule;
        var tpc = _p.ThirdPartyCommit;
        var w = _w;
        for (var t = 0; t < n; t++)
        {
            if (t == i || t == j)
            {
                continue;
            }

            var uni = colI[t];
            var unj = colJ[t];
            var unn = diag[t];
            var wt = w[t];
            var v = rule == KtabVotingRule.Prop ? wt * (uni - unj) : KtabPrimitives.Vote(rule, wt, uni, unj);
            var ci = v > 0 ? a0 + v : a0;
            var cj = v < 0 ? b0 - v : b0;
            var pi = ci / (ci + cj);
            var pi2 = 1.0 - pi;
            double alpha, beta, gamma, eps;
            switch (tpc)
            {
                case KtabThirdPartyCommit.SemiCommit:
                    alpha = (uni + uni) + unn;
                    beta = (unj + unj) + unj;
                    gamma = (uni + uni) + uni;
                    eps = (unj + unj) + unn;
                    break;
                case KtabThirdPartyCommit.FullCommit:
                    alpha = (uni + uni) + uni;
                    beta = (unj + unj) + unj;
                    gamma = alpha;
                    eps = beta;
                    break;
                default:
                    alpha = (uni + uni) + unn;
                    beta = (unj + unj) + unn;
                    gamma = alpha;
                    eps = beta;
                    break;
            }

            var joinI = (pi * alpha) + (pi2 * beta);
            var joinJ = (pi * gamma) + (pi2 * eps);
            var vn = rule == KtabVotingRule.Prop ? wt * (joinI - joinJ) : KtabPrimitives.Vote(rule, wt, joinI, joinJ);
            if (vn > 0)
            {
                cij += vn;
            }
            else if (vn < 0)
            {
                cji -= vn;
            }
        }

    }

    /// <summary>Interpolation of §3.7 between the current positions of i and j.</summary>
    private void Interp(double[] x, int i, int j, double pI, double pJ, double[] yi, double[] yj)
    {
        var dd = _d;
        for (var d = 0; d < dd; d++)
        {
            var ti = x[(i * dd) + d];
            var tj = x[(j * dd) + d];
            var si = _s[(i * dd) + d];
            var sj = _s[(j * dd) + d];
            switch (_p.InterVecBrgn)
            {
                case KtabInterVecBrgn.S2PMax:
                {
                    var gi = pJ > pI ? pJ - pI : 0;
                    var gj = pI > pJ ? pI - pJ : 0;
                    var si2 = si * si;
                    var sj2 = sj * sj;
                    var fi = (gi * sj2) / (((gi * sj2) + 1e-6) + ((1 - gi) * si2));
                    var fj = (gj * si2) / (((gj * si2) + 1e-6) + ((1 - gj) * sj2));
                    yi[d] = ti + (fi * (tj - ti));
                    yj[d] = tj + (fj * (ti - tj));
                    break;
                }

                default:
                {
                    double wi, wj;
                    if (_p.InterVecBrgn == KtabInterVecBrgn.S2P2)
                    {
                        wi = (si * si) * (pI * pI);
                        wj = (sj * sj) * (pJ * pJ);
                    }
                    else
                    {
                        wi = si * pI;
                        wj = sj * pJ;
                    }

                    var big = (wi + 1e-6) + wj;
                    yi[d] = Round4((((wi + 1e-6) * ti) + (wj * tj)) / big);
                    yj[d] = Round4(((wi * ti) + ((1e-6 + wj) * tj)) / big);
                    break;
                }
            }
        }
    }

    private static double Round4(double y) => Math.Truncate(0.5 + (y * 10000.0)) / 10000.0;

    /// <summary>One step (§4.1) from state <paramref name="st"/>; returns the next state's positions and ideals (not yet set up).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private KtabSmpState Step(KtabSmpState st, ulong seed, int turn, KtabSmpRun run, int detailTurns)
    {
        int n = _n, dd = _d;
        var x = st.X;

        // 1. Targets and bargains, one slot per initiator.
        var proposals = new KtabBargain[]?[n];
        For(n, () => new Workspace(n), (i, ws) =>
        {
            var gains = ws.Gains;
            var phis = ws.Phis;
            if (_p.VotingRule == KtabVotingRule.Prop && Vector.IsHardwareAccelerated && !ScalarChallenges)
            {
                TargetGainsProp(st, i, ws);
            }
            else
            {
                BuildEstimates(st, i, ws);
                for (var j = 0; j < n; j++)
                {
                    if (j != i)
                    {
                        (phis[j], gains[j]) = Challenge(ws, i, i, j);
                    }
                }
            }

            var best = -1.0;
            var target = -1;
            var pBest = 0.0;
            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var (phi, gain) = (phis[j], gains[j]);
                if (gain > 1e-5 && gain > best)
                {
                    best = gain;
                    target = j;
                    pBest = phi;
                }
            }

            if (target < 0)
            {
                return ws;
            }

            var b1i = new double[dd];
            var b1j = new double[dd];
            Interp(x, i, target, pBest, 1 - pBest, b1i, b1j);
            if (_p.BargnModel == KtabBargnModel.InitOnlyInterp)
            {
                proposals[i] = [new KtabBargain(i, target, best, b1i, b1j)];
                return ws;
            }

            // The receiver's estimate of the initiator's gain (the quirk of §3.7: the gain, not the probability).
            BuildEstimates(st, target, ws);
            var g = Challenge(ws, i, i, target).Gain;
            var b2i = new double[dd];
            var b2j = new double[dd];
            Interp(x, i, target, g, 1 - g, b2i, b2j);
            if (_p.BargnModel == KtabBargnModel.InitRcvrInterp)
            {
                proposals[i] = [new KtabBargain(i, target, best, b1i, b1j), new KtabBargain(i, target, best, b2i, b2j)];
                return ws;
            }

            var wI = _c[i] * _sTotal[i];
            var wJ = _c[i] * _sTotal[target];
            var yi = new double[dd];
            var yj = new double[dd];
            for (var d = 0; d < dd; d++)
            {
                yi[d] = ((wI * b1i[d]) + (wJ * b2i[d])) / (wI + wJ);
                yj[d] = ((wI * b1j[d]) + (wJ * b2j[d])) / (wI + wJ);
            }

            proposals[i] = [new KtabBargain(i, target, best, yi, yj)];
            return ws;
        });

        // 2. Bargain lists in canonical order: SQ, then bargains by initiator index.
        var bargains = new List<KtabBargain>();
        foreach (var list in proposals)
        {
            if (list is not null)
            {
                bargains.AddRange(list);
            }
        }

        var nb = bargains.Count;
        var lists = new List<int>[n];
        for (var k = 0; k < n; k++)
        {
            lists[k] = [];
        }

        for (var b = 0; b < nb; b++)
        {
            lists[bargains[b].Initiator].Add(b);
            lists[bargains[b].Receiver].Add(b);
        }

        // 3. Bargain utilities ν(a, b) for every actor a (bargain-major: nu[b·N + a]) and ν(a, SQ).
        var initiators = new long[nb];
        var receivers = new long[nb];
        for (var b = 0; b < nb; b++)
        {
            initiators[b] = bargains[b].Initiator;
            receivers[b] = bargains[b].Receiver;
        }

        var nu = new double[nb * n];
        var nuSq = new double[n];
        var own = st.OwnU;
        For(n, a =>
        {
            var qa = st.Q.AsSpan(a * dd, dd);
            var sa = _s.AsSpan(a * dd, dd);
            var ra = st.R[a];
            var row = own.AsSpan(a * n, n);
            var acc = 0.0;
            for (var t = 0; t < n; t++)
            {
                acc += row[t];
            }

            nuSq[a] = CheckNu(acc / n);
            var first = 0;
            if (Vector.IsHardwareAccelerated)
            {
                // L bargains side by side: each lane is one bargain's own running sum, in the order
                // of §3.9 (its two new positions, then every other actor's utility in index order);
                // lanes skip their initiator and receiver by adding +0, which changes nothing.
                var len = Vector<double>.Count;
                Span<double> start = stackalloc double[len];
                Span<double> sums = stackalloc double[len];
                for (; first <= nb - len; first += len)
                {
                    for (var l = 0; l < len; l++)
                    {
                        var bg = bargains[first + l];
                        var s0 = KtabPrimitives.Util(KtabPrimitives.Dist(qa, bg.YI, sa), ra);
                        s0 += KtabPrimitives.Util(KtabPrimitives.Dist(qa, bg.YJ, sa), ra);
                        start[l] = s0;
                    }

                    var vacc = new Vector<double>(start);
                    var vI = new Vector<long>(initiators, first);
                    var vJ = new Vector<long>(receivers, first);
                    var zero = Vector<double>.Zero;
                    for (var t = 0; t < n; t++)
                    {
                        var vt = new Vector<long>(t);
                        var skip = Vector.BitwiseOr(Vector.Equals(vI, vt), Vector.Equals(vJ, vt));
                        vacc += Vector.ConditionalSelect(skip, zero, new Vector<double>(row[t]));
                    }

                    vacc.CopyTo(sums);
                    for (var l = 0; l < len; l++)
                    {
                        nu[((first + l) * n) + a] = CheckNu(sums[l] / n);
                    }
                }
            }

            for (var b = first; b < nb; b++)
            {
                var bg = bargains[b];
                acc = KtabPrimitives.Util(KtabPrimitives.Dist(qa, bg.YI, sa), ra);
                acc += KtabPrimitives.Util(KtabPrimitives.Dist(qa, bg.YJ, sa), ra);
                for (var t = 0; t < n; t++)
                {
                    if (t != bg.Initiator && t != bg.Receiver)
                    {
                        acc += row[t];
                    }
                }

                nu[(b * n) + a] = CheckNu(acc / n);
            }
        });

        // 4. Each actor resolves its list.
        var chosen = new int[n];
        var keep = run.Steps.Count < detailTurns;
        var probabilities = new double[n][];
        var next = new double[n * dd];
        For(n, () => new Workspace(0), (k, ws) =>
        {
            var list = lists[k];
            var m = list.Count + 1;
            var choice = 0;
            if (m > 1)
            {
                if (ws.U.Length < n * m)
                {
                    ws.U = new double[n * m];
                }

                var need = (3 * m * m) + (4 * m);
                if (ws.Scratch.Length < need)
                {
                    ws.Scratch = new double[need];
                }

                var u = ws.U.AsSpan(0, n * m);
                for (var a = 0; a < n; a++)
                {
                    u[a * m] = nuSq[a];
                    for (var o = 1; o < m; o++)
                    {
                        u[(a * m) + o] = nu[(list[o - 1] * n) + a];
                    }
                }

                var pk = ws.Scratch.AsSpan(0, m);
                KtabPrimitives.ScalarPce(_p, _c, u, m, pk, ws.Scratch.AsSpan(m));
                if (_p.StateTransitions == KtabStateTransitions.Deterministic)
                {
                    for (var o = 1; o < m; o++)
                    {
                        if (pk[o] > pk[choice])
                        {
                            choice = o;
                        }
                    }
                }
                else
                {
                    var draw = new SeededRandom(seed, ((ulong)(uint)turn << 32) | (uint)k).NextDouble();
                    var cum = 0.0;
                    choice = m - 1;
                    for (var o = 0; o < m; o++)
                    {
                        cum += pk[o];
                        if (draw <= cum)
                        {
                            choice = o;
                            break;
                        }
                    }
                }
            }

            chosen[k] = choice;
            if (keep)
            {
                probabilities[k] = m > 1 ? ws.Scratch.AsSpan(0, m).ToArray() : [1.0];
            }

            var dst = next.AsSpan(k * dd, dd);
            if (choice == 0)
            {
                x.AsSpan(k * dd, dd).CopyTo(dst);
            }
            else
            {
                var bg = bargains[list[choice - 1]];
                (bg.Initiator == k ? bg.YI : bg.YJ).CopyTo(dst);
            }

            return ws;
        });

        if (run.Steps.Count < detailTurns)
        {
            run.Steps.Add(new KtabStepDetail([.. bargains], [.. lists.Select(l => l.ToArray())], probabilities, chosen));
        }

        return new KtabSmpState { X = next, Q = NextIdeals(next, st.Q) };
    }

    private static double CheckNu(double nu) =>
        nu > 0 && nu <= 1 ? nu : throw new KtabSmpException($"Bargain utility {nu} is outside (0, 1] (KTAB aborts).");

    private double[] NextIdeals(double[] x, double[] q)
    {
        if (_a is null)
        {
            return (double[])x.Clone();
        }

        int n = _n, dd = _d;
        var next = new double[n * dd];
        var acc = new double[dd];
        for (var i = 0; i < n; i++)
        {
            Array.Clear(acc);
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                var aij = _a[(i * n) + j];
                sum += aij;
                for (var d = 0; d < dd; d++)
                {
                    acc[d] += aij * x[(j * dd) + d];
                }
            }

            var lambda = 1 - Math.Min(1, sum);
            for (var d = 0; d < dd; d++)
            {
                next[(i * dd) + d] = acc[d] + (lambda * q[(i * dd) + d]);
            }
        }

        return next;
    }
}
