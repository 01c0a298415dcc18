using System.Numerics;

namespace Parley.Core.Models.Exchange;

/// <summary>One side of a candidate exchange (EXCHANGE-SPEC §3.3): an actor that moves on its supply issue toward its partner.</summary>
internal sealed class ExchangeRole<T>
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

    /// <summary>m: its move.</summary>
    public T Move { get; set; }

    /// <summary>y: its voting position, Current + Move.</summary>
    public T Voting { get; set; }

    /// <summary>n0: the supply issue's NBS before the move.</summary>
    public T NbsBefore { get; set; }

    /// <summary>n1: the supply issue's NBS after the move.</summary>
    public T NbsAfter { get; set; }

    /// <summary>H: the moves this role made in this candidate, one per CALC that was kept.</summary>
    public List<T> History { get; } = new(2);

    /// <summary>Removes the last entry of the history.</summary>
    public void TrimHistory() => History.RemoveAt(History.Count - 1);
}

/// <summary>A candidate exchange between two actors over an issue pair, with its private state (EXCHANGE-SPEC §3.3).</summary>
internal sealed class ExchangeCandidate<T>
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

    /// <summary>Role I: supplies Q, demands P.</summary>
    public ExchangeRole<T> I { get; }

    /// <summary>Role J: supplies P, demands Q.</summary>
    public ExchangeRole<T> J { get; }

    /// <summary>The dp register.</summary>
    public T Dp { get; set; }

    /// <summary>The dq register.</summary>
    public T Dq { get; set; }

    /// <summary>g: the gain of both actors.</summary>
    public T Gain { get; set; }

    /// <summary>False once the candidate can never be realized.</summary>
    public bool Valid { get; set; }

    /// <summary>Breaks gain ties in the selection order (<see cref="CandidateQueue{T}"/>).</summary>
    public long Label { get; set; }

    /// <summary>Position in the selection heap, or -1 when not in it.</summary>
    public int HeapIndex { get; set; } = -1;

    /// <summary>The last realisation that visited this candidate (to visit it once).</summary>
    public int Visit { get; set; }

    /// <summary>The position U[issue][actor] learned from an exchange realized earlier in the round, if any.</summary>
    public bool TryLearned(int issue, int actor, out T value)
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
    public bool HasLearned(int issue) => (issue == P ? _learnedOnP : _learnedOnQ) is { Count: > 0 };

    /// <summary>The U entries for <paramref name="issue"/> (empty when none).</summary>
    public IReadOnlyList<(int Actor, T Value)> Learned(int issue) => (issue == P ? _learnedOnP : _learnedOnQ) ?? (IReadOnlyList<(int, T)>)[];

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
