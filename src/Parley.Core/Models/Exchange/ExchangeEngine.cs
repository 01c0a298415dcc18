using System.Diagnostics;
using System.Numerics;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// Stokman's exchange model in its Equal-Gain form, as specified in data/exchange/EXCHANGE-SPEC.md:
/// rounds of equal-gain exchanges of voting positions between pairs of actors over pairs of issues,
/// with partial retention of the moves. Generic in the number type: <c>double</c> for forecasts,
/// <see cref="Numerics.Dec28"/> to reproduce the reference digit for digit. An engine reuses its
/// candidate storage from round to round: run one engine on one thread at a time.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed class ExchangeEngine<T>
    where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
        IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
{
    private readonly ExchangeInput<T> _input;
    private readonly ExchangeArithmetic<T> _a;
    private readonly int _actors;
    private readonly int _issues;
    private readonly bool[] _takesPart;
    private readonly CandidateIndex<T> _index;
    private readonly CandidateQueue<T> _queue = new();
    private ExchangeCandidate<T>[] _candidates = [];
    private int[] _visited = [];

    /// <summary>Creates an engine for <paramref name="input"/>, computing in <paramref name="arithmetic"/>.</summary>
    public ExchangeEngine(ExchangeInput<T> input, ExchangeArithmetic<T> arithmetic)
    {
        _input = Preconditions.NotNull(input, nameof(input));
        _a = Preconditions.NotNull(arithmetic, nameof(arithmetic));
        _actors = input.ActorCount;
        _issues = input.IssueCount;
        _takesPart = new bool[_actors * _issues];
        _index = new CandidateIndex<T>(_actors, _issues);
        for (var k = 0; k < _issues; k++)
        {
            foreach (var a in input.Rows[k])
            {
                _takesPart[(a * _issues) + k] = true;
            }
        }
    }

    /// <summary>Runs <paramref name="rounds"/> rounds from the input positions (§5.4: there is no other stopping rule).</summary>
    /// <param name="rounds">The number of rounds (the reference's default is 10).</param>
    /// <param name="roundDone">Called with the round number after each round; may be null.</param>
    /// <param name="cancellationToken">Cancels between rounds.</param>
    public ExchangeTrace<T> Run(int rounds, Action<int>? roundDone = null, CancellationToken cancellationToken = default)
    {
        Preconditions.Check(rounds >= 0, nameof(rounds), "The number of rounds must be at least 0.");
        var positions = (T[])_input.Positions.Clone();
        var trace = new List<ExchangeRoundTrace<T>>(rounds);
        for (var r = 1; r <= rounds; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            trace.Add(RunRound(r, positions, out positions));
            roundDone?.Invoke(r);
        }

        return new ExchangeTrace<T>(trace, positions, Nbs(positions, out _, out _, out _));
    }

    /// <summary>One round (§3–§5, §7.3) from <paramref name="start"/>; <paramref name="next"/> receives the next round's start positions.</summary>
    private ExchangeRoundTrace<T> RunRound(int round, T[] start, out T[] next)
    {
        var nbs = Nbs(start, out var terms, out var divisor, out var sums);
        var right = new bool[start.Length];
        for (var k = 0; k < _issues; k++)
        {
            foreach (var a in _input.Rows[k])
            {
                right[(a * _issues) + k] = start[(a * _issues) + k] > nbs[k];
            }
        }

        var rules = new ExchangeRules<T>(_input, _a, start, terms, sums, divisor);
        var count = CreateCandidates(start, right);
        var candidates = _candidates.AsSpan(0, count);
        for (var id = 0; id < count; id++)
        {
            rules.Calc(ref candidates[id]);
        }

        var realized = Select(count, rules);
        var voting = (T[])start.Clone();
        foreach (var e in realized)
        {
            voting[(e.I.Actor * _issues) + e.I.Supply] = e.I.Voting;
            voting[(e.J.Actor * _issues) + e.J.Supply] = e.J.Voting;
        }

        next = (T[])start.Clone();
        foreach (var e in realized)
        {
            next[(e.I.Actor * _issues) + e.I.Supply] = Retained(e.I);
            next[(e.J.Actor * _issues) + e.J.Supply] = Retained(e.J);
        }

        return new ExchangeRoundTrace<T>(round, start, nbs, voting, Nbs(voting, out _, out _, out _), realized, Externalities(realized, start, right));
    }

    /// <summary>§3.1: per issue D = Σ s·c, N = Σ (x·s)·c in row order, NBS = N / D (0 when D = 0); also the terms, divisors and sums N.</summary>
    private T[] Nbs(T[] positions, out T[] terms, out T[] divisor, out T[] sums)
    {
        terms = new T[positions.Length];
        divisor = new T[_issues];
        sums = new T[_issues];
        var nbs = new T[_issues];
        for (var k = 0; k < _issues; k++)
        {
            T d = _a.Zero, sum = _a.Zero;
            foreach (var a in _input.Rows[k])
            {
                var at = (a * _issues) + k;
                d += _input.Saliences[at] * _input.Powers[at];
                terms[at] = (positions[at] * _input.Saliences[at]) * _input.Powers[at];
                sum += terms[at];
            }

            divisor[k] = d;
            sums[k] = sum;
            nbs[k] = d == _a.Zero ? _a.Zero : sum / d;
        }

        return nbs;
    }

    /// <summary>§3.2–§3.3: the candidates of every issue pair, in creation order, into the candidate array; returns their number.</summary>
    private int CreateCandidates(T[] start, bool[] right)
    {
        var count = 0;
        void Add(ExchangeCandidate<T> f)
        {
            if (count == _candidates.Length)
            {
                // The first round's count is usually close to every later one's.
                Array.Resize(ref _candidates, Math.Max(256, _candidates.Length * 2));
            }

            _candidates[count++] = f;
        }

        var groups = new List<int>[4];
        for (var g = 0; g < 4; g++)
        {
            groups[g] = [];
        }

        for (var p = 0; p < _issues; p++)
        {
            for (var q = p + 1; q < _issues; q++)
            {
                foreach (var g in groups)
                {
                    g.Clear();
                }

                for (var a = 0; a < _actors; a++)
                {
                    if (_takesPart[(a * _issues) + p] && _takesPart[(a * _issues) + q])
                    {
                        // a: right on both; b: left on p, right on q; c: right on p, left on q; d: left on both.
                        var onP = right[(a * _issues) + p];
                        var onQ = right[(a * _issues) + q];
                        groups[onP ? (onQ ? 0 : 2) : (onQ ? 1 : 3)].Add(a);
                    }
                }

                foreach (var i in groups[0])
                {
                    foreach (var j in groups[3])
                    {
                        Add(Create(i, j, p, q, ExchangeGroups.Ad, start));
                    }
                }

                foreach (var i in groups[1])
                {
                    foreach (var j in groups[2])
                    {
                        Add(Create(i, j, p, q, ExchangeGroups.Bc, start));
                    }
                }
            }
        }

        return count;
    }

    /// <summary>§3.3: the actor to whom p matters relatively more takes role I (supplies q, demands p).</summary>
    private ExchangeCandidate<T> Create(int i, int j, int p, int q, ExchangeGroups groups, T[] start)
    {
        var s = _input.Saliences;
        var c = _input.Powers;
        var ratioI = s[(i * _issues) + p] / s[(i * _issues) + q];
        var ratioJ = s[(j * _issues) + p] / s[(j * _issues) + q];
        var (ri, rj) = ratioI < ratioJ ? (j, i) : (i, j);
        int At(int actor, int issue) => (actor * _issues) + issue;
        var roleI = new ExchangeRole<T>(ri, q, p, s[At(ri, q)], c[At(ri, q)], s[At(ri, p)], start[At(ri, q)], start[At(rj, q)]);
        var roleJ = new ExchangeRole<T>(rj, p, q, s[At(rj, p)], c[At(rj, p)], s[At(rj, q)], start[At(rj, p)], start[At(ri, p)]);
        return new ExchangeCandidate<T>(p, q, groups, roleI, roleJ);
    }

    /// <summary>
    /// §5.1: realize the candidate with the largest gain, update the others it affects, repeat until
    /// none is left. Only candidates that share an (actor, supply issue) or (actor, demand issue)
    /// with the realized one can be affected (§6.3), so only those are visited.
    /// </summary>
    private List<ExchangeTraceEntry<T>> Select(int count, ExchangeRules<T> rules)
    {
        var candidates = _candidates.AsSpan(0, count);
        _index.Build(candidates);
        var queue = _queue;
        queue.Load(candidates);
        if (_visited.Length < count)
        {
            _visited = new int[count];
        }

        Array.Clear(_visited, 0, count);
        var realized = new List<ExchangeTraceEntry<T>>();
        var changed = new List<int>();
        var visited = _visited;
        var iteration = 0;
        while (queue.Count > 0)
        {
            var eid = queue.Pop();
            ref readonly var e = ref candidates[eid];
            realized.Add(Entry(in e));
            changed.Clear();
            iteration++;

            // Every candidate indexed under E's keys meets a condition of RECALC. Most keep their
            // gain (only what they learned changed) and their place in the queue; the queue holds
            // its own copy of the keys, so it stays consistent while gains change.
            for (var list = 0; list < 4; list++)
            {
                var affected = list switch
                {
                    0 => _index.Supplying(e.I.Actor, e.I.Supply),
                    1 => _index.Supplying(e.J.Actor, e.J.Supply),
                    2 => _index.Demanding(e.J.Actor, e.J.Demand),
                    _ => _index.Demanding(e.I.Actor, e.I.Demand),
                };
                foreach (var id in affected)
                {
                    if (visited[id] == iteration || !queue.Contains(id))
                    {
                        continue;
                    }

                    visited[id] = iteration;
                    ref var f = ref candidates[id];
                    var gain = f.Gain;
                    var applied = rules.Recalc(ref f, in e);
                    Debug.Assert(applied, "An indexed candidate must match E.");
                    if (!f.Valid || f.Gain != gain)
                    {
                        queue.Remove(id);
                        changed.Add(id);
                    }
                }
            }

            queue.Reinsert(candidates, changed);
        }

        return realized;
    }

    /// <summary>§5.3: the actor keeps W_F + W_S·(1 − s) of its move, with the reference's grouping.</summary>
    private T Retained(ExchangeTraceRole<T> r)
    {
        var a = _a;
        var salience = _input.Saliences[(r.Actor * _issues) + r.Supply];
        var salienceShare = (a.One - salience) * a.RetentionSalience;
        var moved = (salienceShare * r.Voting) + (a.RetentionFloor * r.Voting);
        var stayed = ((a.One - salienceShare) - a.RetentionFloor) * r.Start;
        return moved + stayed;
    }

    /// <summary>§7.3: every actor's externality sums over the round's realized exchanges.</summary>
    private ExternalitySums<T>[] Externalities(List<ExchangeTraceEntry<T>> realized, T[] start, bool[] right)
    {
        var sums = new T[_actors, 5];
        for (var a = 0; a < _actors; a++)
        {
            for (var n = 0; n < 5; n++)
            {
                sums[a, n] = _a.Zero;
            }
        }

        var s = _input.Saliences;
        foreach (var e in realized)
        {
            int p = e.P, q = e.Q;
            for (var b = 0; b < _actors; b++)
            {
                int atP = (b * _issues) + p, atQ = (b * _issues) + q;
                if (!_takesPart[atP] || !_takesPart[atQ])
                {
                    continue;
                }

                if (b == e.I.Actor || b == e.J.Actor)
                {
                    sums[b, 4] += e.Gain;
                    continue;
                }

                var onP = (_a.Abs(e.J.NbsBefore - start[atP]) - _a.Abs(e.J.NbsAfter - start[atP])) * s[atP];
                var onQ = (_a.Abs(e.I.NbsBefore - start[atQ]) - _a.Abs(e.I.NbsAfter - start[atQ])) * s[atQ];
                var ext = onP + onQ;
                var sameSides = right[atP] == right[atQ];
                var inner = e.Groups == ExchangeGroups.Ad ? sameSides : !sameSides;
                var slot = (inner ? 0 : 2) + (ext > _a.Zero ? 0 : 1);
                sums[b, slot] += ext;
            }
        }

        var result = new ExternalitySums<T>[_actors];
        for (var a = 0; a < _actors; a++)
        {
            result[a] = new ExternalitySums<T>(sums[a, 0], sums[a, 1], sums[a, 2], sums[a, 3], sums[a, 4]);
        }

        return result;
    }

    private static ExchangeTraceEntry<T> Entry(in ExchangeCandidate<T> e) =>
        new(e.P, e.Q, e.Groups, e.Gain, e.Dp, e.Dq, Role(in e.I), Role(in e.J));

    private static ExchangeTraceRole<T> Role(in ExchangeRole<T> r) =>
        new(r.Actor, r.Supply, r.Demand, r.Start, r.Current, r.Move, r.Voting, r.NbsBefore, r.NbsAfter);
}

