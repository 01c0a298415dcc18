using System.Numerics;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// The rules that compute and update one candidate exchange within a round: CALC (EXCHANGE-SPEC
/// §4.1), MOVEOK (§4.2), the NBS check (§4.3) and RECALC (§6.3). Holds the round's fixed values:
/// the NBS terms of the start positions and the cached divisors D[k].
/// </summary>
internal sealed class ExchangeRules<T>
    where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
        IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
{
    private readonly ExchangeInput<T> _input;
    private readonly ExchangeArithmetic<T> _a;
    private readonly T[] _start;
    private readonly T[] _terms;
    private readonly T[] _sums;
    private readonly T[] _divisor;
    private readonly int _issues;

    /// <summary>
    /// Creates the rules of a round from its start positions, their NBS terms (x·s)·c, the sums of
    /// those per issue and the divisors D[k] (§3.1).
    /// </summary>
    public ExchangeRules(ExchangeInput<T> input, ExchangeArithmetic<T> arithmetic, T[] start, T[] terms, T[] sums, T[] divisor)
    {
        _input = input;
        _a = arithmetic;
        _start = start;
        _terms = terms;
        _sums = sums;
        _divisor = divisor;
        _issues = input.IssueCount;
    }


    /// <summary>CALC (§4.1): the equal-gain moves, the gain, validity and the two NBS checks.</summary>
    public void Calc(ref ExchangeCandidate<T> f)
    {
        var a = _a;
        ref var i = ref f.I;
        ref var j = ref f.J;
        var toJ = a.Abs(j.Target - j.Current);
        var dp = ((toJ * j.SupplySalience) * j.SupplyPower) / _divisor[f.P];
        var dq = ((j.SupplySalience + i.DemandSalience) / (j.DemandSalience + i.SupplySalience)) * dp;
        var moveI = (dq * _divisor[f.Q]) / (i.SupplyPower * i.SupplySalience);
        var moveJ = toJ;
        var toI = a.Abs(i.Target - i.Current);
        if (a.Abs(moveI) > toI)
        {
            dq = ((toI * i.SupplySalience) * i.SupplyPower) / _divisor[f.Q];
            dp = ((i.SupplySalience + j.DemandSalience) / (i.DemandSalience + j.SupplySalience)) * dq;
            moveI = toI;
            moveJ = (dp * _divisor[f.P]) / (j.SupplyPower * j.SupplySalience);
        }

        if (i.Current > i.Target)
        {
            moveI = -moveI;
        }

        if (j.Current > j.Target)
        {
            moveJ = -moveJ;
        }

        i.AppendMove(moveI);
        j.AppendMove(moveJ);
        i.Voting = i.Current + moveI;
        j.Voting = j.Current + moveJ;
        f.Dp = dp;
        f.Dq = dq;
        f.Gain = a.Abs((dq * i.SupplySalience) - (dp * i.DemandSalience));
        f.Valid = MoveOk(in i) && MoveOk(in j) && !(f.Gain < a.Threshold);
        if (!f.Valid)
        {
            return;
        }

        NbsCheck(ref f, ref i, ref j);
        NbsCheck(ref f, ref j, ref i);
        f.Valid = MoveOk(in i) && MoveOk(in j);
    }

    /// <summary>MOVEOK (§4.2) of the role's move, the last entry of its history: the move stays on the scale and the history is one-signed and sums to at most 100.</summary>
    public bool MoveOk(in ExchangeRole<T> r)
    {
        var a = _a;
        var move = r.Move;
        var size = a.Abs(move);
        if (size > a.Hundred || size <= a.Threshold)
        {
            return false;
        }

        var landing = r.Current + move;
        if (landing < a.Zero || landing > a.Hundred)
        {
            return false;
        }

        var positive = r.EarlierPositive || move > a.Zero;
        var negative = r.EarlierNegative || move < a.Zero;
        return !(r.EarlierSum + move > a.Hundred) && !(positive && negative) && !r.EarlierZero;
    }

    /// <summary>
    /// The NBS check for role <paramref name="x"/> with partner <paramref name="o"/> (§4.3): when the
    /// move would carry the supply issue's NBS past the partner's position, both moves shrink so that
    /// it lands exactly there.
    /// </summary>
    private void NbsCheck(ref ExchangeCandidate<T> f, ref ExchangeRole<T> x, ref ExchangeRole<T> o)
    {
        var a = _a;
        var sigma = x.Supply;
        var delta = x.Demand;
        var target = x.Target;
        var d = _divisor[sigma];
        x.NbsBefore = Anbs(in f, sigma, x.Actor, x.Current);
        x.NbsAfter = Anbs(in f, sigma, x.Actor, x.Voting);
        var before = Tolerant(target - x.NbsBefore);
        var after = Tolerant(target - x.NbsAfter);
        if ((before >= a.Zero && after >= a.Zero) || (before <= a.Zero && after <= a.Zero))
        {
            return;
        }

        var shift = a.Abs(((target * d) - WeightedSumForShift(in f, sigma, x.Actor, x.Current)) / (x.SupplySalience * x.SupplyPower));
        var r1 = ((shift * x.SupplySalience) * x.SupplyPower) / d;
        var r2 = ((x.SupplySalience + o.DemandSalience) / (x.DemandSalience + o.SupplySalience)) * r1;
        var moveO = a.Abs((r2 * _divisor[delta]) / (o.SupplyPower * o.SupplySalience));
        var moveX = shift;
        if (o.Current > o.Target)
        {
            moveO = -moveO;
        }

        if (x.Current > target)
        {
            moveX = -moveX;
        }

        // The moves replace the last entries of the histories.
        o.Move = moveO;
        x.Move = moveX;
        o.Voting = o.Current + moveO;
        x.Voting = x.Current + moveX;
        f.Dp = r1;
        f.Dq = r2;
        f.Gain = a.Abs((r2 * o.SupplySalience) - (r1 * o.DemandSalience));
        x.NbsAfter = Anbs(in f, sigma, x.Actor, x.Voting);
    }

    /// <summary>0 when |<paramref name="value"/>| is within the crossing tolerance, else <paramref name="value"/>.</summary>
    private T Tolerant(T value) => _a.Abs(value) <= _a.CrossingTolerance ? _a.Zero : value;

    /// <summary>
    /// ANBS (§4.3): the NBS of <paramref name="issue"/> from the start positions, overridden by the
    /// candidate's learned positions, then by <paramref name="actor"/> at <paramref name="position"/>.
    /// </summary>
    private T Anbs(in ExchangeCandidate<T> f, int issue, int actor, T position) =>
        WeightedSum(in f, issue, actor, position, learnedWins: false) / _divisor[issue];

    /// <summary>M* (§4.3 step 3): like ANBS without the division, but a learned position of <paramref name="actor"/> wins over <paramref name="position"/>.</summary>
    private T WeightedSumForShift(in ExchangeCandidate<T> f, int issue, int actor, T position) =>
        WeightedSum(in f, issue, actor, position, learnedWins: true);

    /// <summary>Σ (pos·s)·c over the participants of <paramref name="issue"/>, with the candidate's view of their positions.</summary>
    private T WeightedSum(in ExchangeCandidate<T> f, int issue, int actor, T position, bool learnedWins)
    {
        var s = _input.Saliences;
        var c = _input.Powers;
        if (!_a.RowOrderSums)
        {
            // The round's sum, corrected by the few terms that differ from the start positions.
            var at = (actor * _issues) + issue;
            var own = learnedWins && f.TryLearned(issue, actor, out var learnedOwn) ? learnedOwn : position;
            var sum = _sums[issue] + (((own - _start[at]) * s[at]) * c[at]);
            if (f.Learned(issue) is { } learnedHere)
            {
                foreach (var (b, u) in learnedHere)
                {
                    if (b != actor)
                    {
                        var bt = (b * _issues) + issue;
                        sum += ((u - _start[bt]) * s[bt]) * c[bt];
                    }
                }
            }

            return sum;
        }

        var learned = f.HasLearned(issue);
        var total = _a.Zero;
        foreach (var b in _input.Rows[issue])
        {
            var bt = (b * _issues) + issue;
            if (b == actor && !(learnedWins && learned && f.TryLearned(issue, b, out _)))
            {
                total += (position * s[bt]) * c[bt];
            }
            else if (learned && f.TryLearned(issue, b, out var u))
            {
                total += (u * s[bt]) * c[bt];
            }
            else
            {
                total += _terms[bt];
            }
        }

        return total;
    }

    /// <summary>
    /// RECALC(F, E) (§6.3): what candidate <paramref name="f"/> learns from the realized exchange
    /// <paramref name="e"/>, then CALC again. False when nothing applied (F is unchanged).
    /// </summary>
    public bool Recalc(ref ExchangeCandidate<T> f, in ExchangeCandidate<T> e)
    {
        var movedI = TakeSupplyPosition(ref f.I, in e);
        var movedJ = TakeSupplyPosition(ref f.J, in e);
        var applied = movedI || movedJ;
        var trimmed = false;
        if (applied)
        {
            if (!movedI)
            {
                f.I.TrimHistory();
            }

            if (!movedJ)
            {
                f.J.TrimHistory();
            }

            trimmed = true;
        }

        if (DemandsAsIn(in f, in e.J))
        {
            f.Learn(e.I.Supply, e.I.Actor, e.I.Voting, e.I.Start);
            TrimBoth(ref f, ref trimmed);
            applied = true;
        }

        if (DemandsAsIn(in f, in e.I))
        {
            f.Learn(e.J.Supply, e.J.Actor, e.J.Voting, e.J.Start);
            TrimBoth(ref f, ref trimmed);
            applied = true;
        }

        if (applied)
        {
            Calc(ref f);
        }

        return applied;
    }

    /// <summary>§6.3 step 1: a role whose actor supplied the same issue in <paramref name="e"/> continues from there.</summary>
    private static bool TakeSupplyPosition(ref ExchangeRole<T> r, in ExchangeCandidate<T> e)
    {
        if (r.Actor == e.I.Actor && r.Supply == e.I.Supply)
        {
            r.Current = e.I.Voting;
            return true;
        }

        if (r.Actor == e.J.Actor && r.Supply == e.J.Supply)
        {
            r.Current = e.J.Voting;
            return true;
        }

        return false;
    }

    /// <summary>True when a role of <paramref name="f"/> has the actor and demand issue of <paramref name="r"/>.</summary>
    private static bool DemandsAsIn(in ExchangeCandidate<T> f, in ExchangeRole<T> r) =>
        (f.J.Actor == r.Actor && f.J.Demand == r.Demand) || (f.I.Actor == r.Actor && f.I.Demand == r.Demand);

    private static void TrimBoth(ref ExchangeCandidate<T> f, ref bool trimmed)
    {
        if (trimmed)
        {
            return;
        }

        f.I.TrimHistory();
        f.J.TrimHistory();
        trimmed = true;
    }
}
