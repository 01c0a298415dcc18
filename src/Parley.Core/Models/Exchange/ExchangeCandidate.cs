using System.Numerics;

namespace Parley.Core.Models.Exchange;

/// <summary>One side of a candidate exchange (EXCHANGE-SPEC §3.3): an actor that moves on its supply issue toward its partner.</summary>
/// <remarks>
/// The move history H is kept as the summary MOVEOK needs: the left-to-right sum and the signs of
/// every entry but the last, and whether there is a last entry, which is always <see cref="Move"/>.
/// That is exact, because H only ever changes at its end: CALC appends the new move, the NBS check
/// replaces the last entry, and RECALC removes the last entry at most once before CALC appends
/// again (§6.3).
/// </remarks>
internal struct ExchangeRole<T>
    where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
        IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
{
    /// <summary>Creates a role; <paramref name="start"/> is also its first current position.</summary>
    public ExchangeRole(int actor, int supply, int demand, T supplySalience, T supplyPower, T demandSalience, T start, T target)
    {
        Actor = actor;
        Supply = supply;
        Demand = demand;
        SupplySalience = supplySalience;
        SupplyPower = supplyPower;
        DemandSalience = demandSalience;
        Start = start;
        Target = target;
        Current = start;
        EarlierSum = T.AdditiveIdentity;
    }

    /// <summary>The actor.</summary>
    public int Actor { get; }

    /// <summary>σ: the issue it moves on.</summary>
    public int Supply { get; }

    /// <summary>δ: the issue it wants its partner to move on.</summary>
    public int Demand { get; }

    /// <summary>sS: its salience on the supply issue.</summary>
    public T SupplySalience { get; }

    /// <summary>cS: its power on the supply issue.</summary>
    public T SupplyPower { get; }

    /// <summary>sD: its salience on the demand issue.</summary>
    public T DemandSalience { get; }

    /// <summary>x0: its position on the supply issue at the start of the round.</summary>
    public T Start { get; }

    /// <summary>T: the partner's start position on the supply issue, never updated.</summary>
    public T Target { get; }

    /// <summary>X: its current supply position (moved by realized exchanges, §6.3).</summary>
    public T Current { get; set; }

    /// <summary>m: its move, which is also the last entry of its history.</summary>
    public T Move { get; set; }

    /// <summary>y: its voting position, Current + Move.</summary>
    public T Voting { get; set; }

    /// <summary>n0: the supply issue's NBS before the move.</summary>
    public T NbsBefore { get; set; }

    /// <summary>n1: the supply issue's NBS after the move.</summary>
    public T NbsAfter { get; set; }

    /// <summary>The left-to-right sum of the history without its last entry.</summary>
    public T EarlierSum { get; private set; }

    /// <summary>True when an entry before the last is positive.</summary>
    public bool EarlierPositive { get; private set; }

    /// <summary>True when an entry before the last is negative.</summary>
    public bool EarlierNegative { get; private set; }

    /// <summary>True when an entry before the last is zero.</summary>
    public bool EarlierZero { get; private set; }

    /// <summary>True when the history has a last entry (<see cref="Move"/>).</summary>
    public bool HasMove { get; private set; }

    /// <summary>Appends <paramref name="move"/> to the history and makes it the role's move.</summary>
    public void AppendMove(T move)
    {
        if (HasMove)
        {
            var last = Move;
            EarlierSum += last;
            EarlierPositive |= last > T.AdditiveIdentity;
            EarlierNegative |= last < T.AdditiveIdentity;
            EarlierZero |= last == T.AdditiveIdentity;
        }

        Move = move;
        HasMove = true;
    }

    /// <summary>Removes the last entry of the history.</summary>
    public void TrimHistory()
    {
        Preconditions.Check(HasMove, nameof(HasMove), "The history of a role is never empty when it is trimmed (EXCHANGE-SPEC §6.3).");
        HasMove = false;
    }
}

/// <summary>
/// A candidate exchange between two actors over an issue pair, with its private state (EXCHANGE-SPEC
/// §3.3). A struct, kept in one array per run and updated in place, so that a round's tens of
/// thousands of candidates cost no allocations.
/// </summary>
internal struct ExchangeCandidate<T>
    where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
        IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
{
    private List<(int Actor, T Value)>? _learnedOnP;
    private List<(int Actor, T Value)>? _learnedOnQ;

    /// <summary>Creates a candidate; run CALC on it next.</summary>
    public ExchangeCandidate(int p, int q, ExchangeGroups groups, ExchangeRole<T> i, ExchangeRole<T> j)
    {
        P = p;
        Q = q;
        Groups = groups;
        I = i;
        J = j;
    }

    /// <summary>The first issue of the pair.</summary>
    public int P { get; }

    /// <summary>The second issue of the pair.</summary>
    public int Q { get; }

    /// <summary>The groups the actors came from.</summary>
    public ExchangeGroups Groups { get; }

    /// <summary>Role I: supplies Q, demands P (a field, so that the rules update it in place).</summary>
    public ExchangeRole<T> I;

    /// <summary>Role J: supplies P, demands Q.</summary>
    public ExchangeRole<T> J;

    /// <summary>The dp register.</summary>
    public T Dp { get; set; }

    /// <summary>The dq register.</summary>
    public T Dq { get; set; }

    /// <summary>g: the gain of both actors.</summary>
    public T Gain { get; set; }

    /// <summary>False once the candidate can never be realized.</summary>
    public bool Valid { get; set; }

    /// <summary>The position U[issue][actor] learned from an exchange realized earlier in the round, if any.</summary>
    public readonly bool TryLearned(int issue, int actor, out T value)
    {
        var list = issue == P ? _learnedOnP : _learnedOnQ;
        if (list is not null)
        {
            foreach (var (a, v) in list)
            {
                if (a == actor)
                {
                    value = v;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>True when some U entry exists for <paramref name="issue"/>.</summary>
    public readonly bool HasLearned(int issue) => (issue == P ? _learnedOnP : _learnedOnQ) is { Count: > 0 };

    /// <summary>The U entries for <paramref name="issue"/>, or null when there are none.</summary>
    public readonly List<(int Actor, T Value)>? Learned(int issue) => issue == P ? _learnedOnP : _learnedOnQ;

    /// <summary>
    /// Records that <paramref name="actor"/> voted at <paramref name="voting"/> on <paramref name="issue"/> after
    /// starting the round at <paramref name="start"/> (§6.3 step 3): a second entry keeps the one further
    /// from the start, on the side the actor moves to.
    /// </summary>
    public void Learn(int issue, int actor, T voting, T start)
    {
        Preconditions.Check(issue == P || issue == Q, nameof(issue), "A candidate only learns positions on its own two issues.");
        ref var list = ref issue == P ? ref _learnedOnP : ref _learnedOnQ;
        list ??= new List<(int, T)>(1);
        for (var e = 0; e < list.Count; e++)
        {
            if (list[e].Actor != actor)
            {
                continue;
            }

            var old = list[e].Value;
            var kept = start <= old ? (voting < old ? voting : old) : (voting > old ? voting : old);
            list[e] = (actor, kept);
            return;
        }

        list.Add((actor, voting));
    }
}
