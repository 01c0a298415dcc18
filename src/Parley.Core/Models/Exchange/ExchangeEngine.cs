using System.Diagnostics;
using System.Numerics;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// Stokman's exchange model in its Equal-Gain form, as specified in data/exchange/EXCHANGE-SPEC.md:
/// rounds of equal-gain exchanges of voting positions between pairs of actors over pairs of issues,
/// with partial retention of the moves. Generic in the number type: <c>double</c> for forecasts,
/// <see cref="Numerics.Dec28"/> to reproduce the reference digit for digit.
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

    /// <summary>Creates an engine for <paramref name="input"/>, computing in <paramref name="arithmetic"/>.</summary>
    public ExchangeEngine(ExchangeInput<T> input, ExchangeArithmetic<T> arithmetic)
    {
        _input = Preconditions.NotNull(input, nameof(input));
        _a = Preconditions.NotNull(arithmetic, nameof(arithmetic));
        _actors = input.ActorCount;
        _issues = input.IssueCount;
        _takesPart = new bool[_actors * _issues];
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

        return new ExchangeTrace<T>(trace, positions, Nbs(positions, out _, out _));
    }

    /// <summary>One round (§3–§5, §7.3) from <paramref name="start"/>; <paramref name="next"/> receives the next round's start positions.</summary>
    private ExchangeRoundTrace<T> RunRound(int round, T[] start, out T[] next)
    {
        var nbs = Nbs(start, out var terms, out var divisor);
        var right = new bool[start.Length];
        for (var k = 0; k < _issues; k++)
        {
            foreach (var a in _input.Rows[k])
            {
                right[(a * _issues) + k] = start[(a * _issues) + k] > nbs[k];
            }
        }

        var rules = new ExchangeRules<T>(_input, _a, terms, divisor);
        var candidates = CreateCandidates(start, right);
        foreach (var f in candidates)
        {
            rules.Calc(f);
        }

        var realized = Select(candidates, rules);
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

        return new ExchangeRoundTrace<T>(
            round,
            start,
            nbs,
            voting,
            Nbs(voting, out _, out _),
            [.. realized.Select(Entry)],
            Externalities(realized, start, right));
    }

    /// <summary>§3.1: per issue D = Σ s·c, N = Σ (x·s)·c in row order, NBS = N / D (0 when D = 0); also the terms and divisors.</summary>
    private T[] Nbs(T[] positions, out T[] terms, out T[] divisor)
    {
        terms = new T[positions.Length];
        divisor = new T[_issues];
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
            nbs[k] = d == _a.Zero ? _a.Zero : sum / d;
        }

        return nbs;
    }

    /// <summary>§3.2–§3.3: the candidates of every issue pair, in creation order.</summary>
    private List<ExchangeCandidate<T>> CreateCandidates(T[] start, bool[] right)
    {
        var candidates = new List<ExchangeCandidate<T>>();
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
                        candidates.Add(Create(i, j, p, q, ExchangeGroups.Ad, start));
                    }
                }

                foreach (var i in groups[1])
                {
                    foreach (var j in groups[2])
                    {
                        candidates.Add(Create(i, j, p, q, ExchangeGroups.Bc, start));
                    }
                }
            }
        }

        return candidates;
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
    private List<ExchangeCandidate<T>> Select(List<ExchangeCandidate<T>> candidates, ExchangeRules<T> rules)
    {
        var bySupply = new List<ExchangeCandidate<T>>?[_actors * _issues];
        var byDemand = new List<ExchangeCandidate<T>>?[_actors * _issues];
        void Index(List<ExchangeCandidate<T>>?[] index, int actor, int issue, ExchangeCandidate<T> f) =>
            (index[(actor * _issues) + issue] ??= []).Add(f);
        foreach (var f in candidates)
        {
            if (f.Valid)
            {
                Index(bySupply, f.I.Actor, f.I.Supply, f);
                Index(bySupply, f.J.Actor, f.J.Supply, f);
                Index(byDemand, f.I.Actor, f.I.Demand, f);
                Index(byDemand, f.J.Actor, f.J.Demand, f);
            }
        }

        var queue = new CandidateQueue<T>(candidates);
        var realized = new List<ExchangeCandidate<T>>();
        var changed = new List<(ExchangeCandidate<T>, T, long)>();
        var visit = 0;
        while (queue.Count > 0)
        {
            var e = queue.Pop();
            realized.Add(e);
            visit++;
            changed.Clear();
            void Visit(List<ExchangeCandidate<T>>? affected)
            {
                if (affected is null)
                {
                    return;
                }

                foreach (var f in affected)
                {
                    if (f.HeapIndex < 0 || f.Visit == visit)
                    {
                        continue;
                    }

                    // Every candidate indexed under E's keys matches one of RECALC's conditions, so it changes.
                    f.Visit = visit;
                    queue.Remove(f);
                    changed.Add((f, f.Gain, f.Label));
                    var applied = rules.Recalc(f, e);
                    Debug.Assert(applied, "An indexed candidate must match E.");
                }
            }

            Visit(bySupply[(e.I.Actor * _issues) + e.I.Supply]);
            Visit(bySupply[(e.J.Actor * _issues) + e.J.Supply]);
            Visit(byDemand[(e.J.Actor * _issues) + e.J.Demand]);
            Visit(byDemand[(e.I.Actor * _issues) + e.I.Demand]);
            queue.Reinsert(changed);
        }

        return realized;
    }

    /// <summary>§5.3: the actor keeps W_F + W_S·(1 − s) of its move, with the reference's grouping.</summary>
    private T Retained(ExchangeRole<T> r)
    {
        var a = _a;
        var salienceShare = (a.One - r.SupplySalience) * a.RetentionSalience;
        var moved = (salienceShare * r.Voting) + (a.RetentionFloor * r.Voting);
        var stayed = ((a.One - salienceShare) - a.RetentionFloor) * r.Start;
        return moved + stayed;
    }

    /// <summary>§7.3: every actor's externality sums over the round's realized exchanges.</summary>
    private ExternalitySums<T>[] Externalities(List<ExchangeCandidate<T>> realized, T[] start, bool[] right)
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

    private static ExchangeTraceEntry<T> Entry(ExchangeCandidate<T> e) =>
        new(e.P, e.Q, e.Groups, e.Gain, e.Dp, e.Dq, Role(e.I), Role(e.J));

    private static ExchangeTraceRole<T> Role(ExchangeRole<T> r) =>
        new(r.Actor, r.Supply, r.Demand, r.Start, r.Current, r.Move, r.Voting, r.NbsBefore, r.NbsAfter);
}

