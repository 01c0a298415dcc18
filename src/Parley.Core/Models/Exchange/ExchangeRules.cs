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
    private readonly T[] _terms;
    private readonly T[] _divisor;
    private readonly int _issues;

    /// <summary>Creates the rules of a round from the NBS terms (x·s)·c of its start positions and its divisors D[k] (§3.1).</summary>
    public ExchangeRules(ExchangeInput<T> input, ExchangeArithmetic<T> arithmetic, T[] terms, T[] divisor)
    {
        _input = input;
        _a = arithmetic;
        _terms = terms;
        _divisor = divisor;
        _issues = input.IssueCount;
    }


    /// <summary>CALC (§4.1): the equal-gain moves, the gain, validity and the two NBS checks.</summary>
    public void Calc(ExchangeCandidate<T> f)
    {
        var a = _a;
        var i = f.I;
        var j = f.J;
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

        i.History.Add(moveI);
        j.History.Add(moveJ);
        i.Move = moveI;
        j.Move = moveJ;
        i.Voting = i.Current + moveI;
        j.Voting = j.Current + moveJ;
        f.Dp = dp;
        f.Dq = dq;
        f.Gain = a.Abs((dq * i.SupplySalience) - (dp * i.DemandSalience));
        f.Valid = MoveOk(i, moveI) && MoveOk(j, moveJ) && !(f.Gain < a.Threshold);
        if (!f.Valid)
        {
            return;
        }

        NbsCheck(f, i, j);
        NbsCheck(f, j, i);
        f.Valid = MoveOk(i, i.Move) && MoveOk(j, j.Move);
    }

    /// <summary>MOVEOK (§4.2): the move stays on the scale and the role's history is one-signed and sums to at most 100.</summary>
    public bool MoveOk(ExchangeRole<T> r, T move)
    {
        var a = _a;
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

        var sum = a.Zero;
        bool positive = false, negative = false;
        foreach (var h in r.History)
        {
            sum += h;
            positive |= h > a.Zero;
            negative |= h < a.Zero;
            if (h == a.Zero)
            {
                return false;
            }
        }

        return !(sum > a.Hundred) && !(positive && negative);
    }

    /// <summary>
    /// The NBS check for role <paramref name="x"/> with partner <paramref name="o"/> (§4.3): when the
    /// move would carry the supply issue's NBS past the partner's position, both moves shrink so that
    /// it lands exactly there.
    /// </summary>
    private void NbsCheck(ExchangeCandidate<T> f, ExchangeRole<T> x, ExchangeRole<T> o)
    {
        var a = _a;
        var sigma = x.Supply;
        var delta = x.Demand;
        var target = x.Target;
        var d = _divisor[sigma];
        x.NbsBefore = Anbs(f, sigma, x.Actor, x.Current);
        x.NbsAfter = Anbs(f, sigma, x.Actor, x.Voting);
        var before = Tolerant(target - x.NbsBefore);
        var after = Tolerant(target - x.NbsAfter);
        if ((before >= a.Zero && after >= a.Zero) || (before <= a.Zero && after <= a.Zero))
        {
            return;
        }

        var shift = a.Abs(((target * d) - WeightedSumForShift(f, sigma, x.Actor, x.Current)) / (x.SupplySalience * x.SupplyPower));
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

        o.History[^1] = moveO;
        x.History[^1] = moveX;
        o.Move = moveO;
        x.Move = moveX;
        o.Voting = o.Current + moveO;
        x.Voting = x.Current + moveX;
        f.Dp = r1;
        f.Dq = r2;
        f.Gain = a.Abs((r2 * o.SupplySalience) - (r1 * o.DemandSalience));
        x.NbsAfter = Anbs(f, sigma, x.Actor, x.Voting);
    }

    /// <summary>0 when |<paramref name="value"/>| is within the crossing tolerance, else <paramref name="value"/>.</summary>
    private T Tolerant(T value) => _a.Abs(value) <= _a.CrossingTolerance ? _a.Zero : value;

    /// <summary>
    /// ANBS (§4.3): the NBS of <paramref name="issue"/> from the start positions, overridden by the
    /// candidate's learned positions, then by <paramref name="actor"/> at <paramref name="position"/>.
    /// </summary>
    private T Anbs(ExchangeCandidate<T> f, int issue, int actor, T position)
    {
        var learned = f.HasLearned(issue);
        var sum = _a.Zero;
        foreach (var b in _input.Rows[issue])
        {
            var at = (b * _issues) + issue;
            if (b == actor)
            {
                sum += (position * _input.Saliences[at]) * _input.Powers[at];
            }
            else if (learned && f.TryLearned(issue, b, out var u))
            {
                sum += (u * _input.Saliences[at]) * _input.Powers[at];
            }
            else
            {
                sum += _terms[at];
            }
        }

        return sum / _divisor[issue];
    }

    /// <summary>M* (§4.3 step 3): like ANBS without the division, but a learned position of <paramref name="actor"/> wins over <paramref name="position"/>.</summary>
    private T WeightedSumForShift(ExchangeCandidate<T> f, int issue, int actor, T position)
    {
        var sum = _a.Zero;
        foreach (var b in _input.Rows[issue])
        {
            var at = (b * _issues) + issue;
            if (f.TryLearned(issue, b, out var u))
            {
                sum += (u * _input.Saliences[at]) * _input.Powers[at];
            }
            else if (b == actor)
            {
                sum += (position * _input.Saliences[at]) * _input.Powers[at];
            }
            else
            {
                sum += _terms[at];
            }
        }

        return sum;
    }

    /// <summary>
    /// RECALC(F, E) (§6.3): what candidate <paramref name="f"/> learns from the realized exchange
    /// <paramref name="e"/>, then CALC again. False when nothing applied (F is unchanged).
    /// </summary>
    public bool Recalc(ExchangeCandidate<T> f, ExchangeCandidate<T> e)
    {
        var movedI = TakeSupplyPosition(f.I, e);
        var movedJ = TakeSupplyPosition(f.J, e);
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

        if (DemandsAsIn(f, e.J))
        {
            f.Learn(e.I.Supply, e.I.Actor, e.I.Voting, e.I.Start);
            TrimBoth(f, ref trimmed);
            applied = true;
        }

        if (DemandsAsIn(f, e.I))
        {
            f.Learn(e.J.Supply, e.J.Actor, e.J.Voting, e.J.Start);
            TrimBoth(f, ref trimmed);
            applied = true;
        }

        if (applied)
        {
            Calc(f);
        }

        return applied;
    }

    /// <summary>§6.3 step 1: a role whose actor supplied the same issue in <paramref name="e"/> continues from there.</summary>
    private static bool TakeSupplyPosition(ExchangeRole<T> r, ExchangeCandidate<T> e)
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
    private static bool DemandsAsIn(ExchangeCandidate<T> f, ExchangeRole<T> r) =>
        (f.J.Actor == r.Actor && f.J.Demand == r.Demand) || (f.I.Actor == r.Actor && f.I.Demand == r.Demand);

    private static void TrimBoth(ExchangeCandidate<T> f, ref bool trimmed)
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
