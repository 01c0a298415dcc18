using System.Numerics;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// The valid candidates of a round by (actor, supply issue) and by (actor, demand issue): the only
/// keys under which a realized exchange can affect another candidate (EXCHANGE-SPEC §6.3). Kept as
/// flat offset tables whose buffers are reused from round to round.
/// </summary>
internal sealed class CandidateIndex<T>
    where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
        IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
{
    private readonly int _issues;
    private readonly int[] _supplyStart;
    private readonly int[] _demandStart;
    private int[] _supply = [];
    private int[] _demand = [];

    /// <summary>Creates an empty index for <paramref name="actors"/> × <paramref name="issues"/> keys.</summary>
    public CandidateIndex(int actors, int issues)
    {
        _issues = issues;
        _supplyStart = new int[(actors * issues) + 1];
        _demandStart = new int[(actors * issues) + 1];
    }

    /// <summary>Indexes the valid ones of <paramref name="candidates"/> (by position), replacing what was indexed before.</summary>
    public void Build(ReadOnlySpan<ExchangeCandidate<T>> candidates)
    {
        Array.Clear(_supplyStart);
        Array.Clear(_demandStart);
        var entries = 0;
        foreach (ref readonly var f in candidates)
        {
            if (f.Valid)
            {
                _supplyStart[Key(f.I.Actor, f.I.Supply) + 1]++;
                _supplyStart[Key(f.J.Actor, f.J.Supply) + 1]++;
                _demandStart[Key(f.I.Actor, f.I.Demand) + 1]++;
                _demandStart[Key(f.J.Actor, f.J.Demand) + 1]++;
                entries += 2;
            }
        }

        for (var key = 1; key < _supplyStart.Length; key++)
        {
            _supplyStart[key] += _supplyStart[key - 1];
            _demandStart[key] += _demandStart[key - 1];
        }

        if (_supply.Length < entries)
        {
            _supply = new int[entries];
            _demand = new int[entries];
        }

        // Fill each key's range in candidate order; the starts are moved forward and restored after.
        for (var id = 0; id < candidates.Length; id++)
        {
            ref readonly var f = ref candidates[id];
            if (f.Valid)
            {
                _supply[_supplyStart[Key(f.I.Actor, f.I.Supply)]++] = id;
                _supply[_supplyStart[Key(f.J.Actor, f.J.Supply)]++] = id;
                _demand[_demandStart[Key(f.I.Actor, f.I.Demand)]++] = id;
                _demand[_demandStart[Key(f.J.Actor, f.J.Demand)]++] = id;
            }
        }

        for (var key = _supplyStart.Length - 1; key > 0; key--)
        {
            _supplyStart[key] = _supplyStart[key - 1];
            _demandStart[key] = _demandStart[key - 1];
        }

        _supplyStart[0] = 0;
        _demandStart[0] = 0;
    }

    /// <summary>The candidates in which <paramref name="actor"/> supplies <paramref name="issue"/>.</summary>
    public ReadOnlySpan<int> Supplying(int actor, int issue)
    {
        var key = Key(actor, issue);
        return _supply.AsSpan(_supplyStart[key], _supplyStart[key + 1] - _supplyStart[key]);
    }

    /// <summary>The candidates in which <paramref name="actor"/> demands <paramref name="issue"/>.</summary>
    public ReadOnlySpan<int> Demanding(int actor, int issue)
    {
        var key = Key(actor, issue);
        return _demand.AsSpan(_demandStart[key], _demandStart[key + 1] - _demandStart[key]);
    }

    private int Key(int actor, int issue) => (actor * _issues) + issue;
}
