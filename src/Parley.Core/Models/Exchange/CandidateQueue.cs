using System.Numerics;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// The selection order of a round (EXCHANGE-SPEC §5.1) as a binary heap of candidate numbers:
/// largest gain first, ties to the smaller label.
/// </summary>
/// <remarks>
/// The reference stable-sorts the whole candidate list by gain before every pick, so ties go to the
/// candidate that stood first in the previous order. Labels reproduce that without sorting: they
/// start as creation indices, and a candidate whose gain changes gets a label that places it among
/// its new equals where the previous order had it — below every label when it came from a larger
/// gain, above every label when it came from a smaller one (see <see cref="Reinsert"/>). The keys
/// live in flat arrays, so that the heap's comparisons do not chase candidate objects.
/// </remarks>
internal sealed class CandidateQueue<T>
    where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
        IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
{
    private int[] _heap = [];
    private int[] _position = [];
    private T[] _gain = [];
    private long[] _label = [];
    private int _count;
    private long _lowLabel;
    private long _highLabel;

    /// <summary>Fills the queue with the valid ones of <paramref name="candidates"/>, candidate n labelled n (its buffers are reused).</summary>
    public void Load(ReadOnlySpan<ExchangeCandidate<T>> candidates)
    {
        var n = candidates.Length;
        if (_heap.Length < n)
        {
            _heap = new int[n];
            _position = new int[n];
            _gain = new T[n];
            _label = new long[n];
        }

        _count = 0;
        _lowLabel = 0;
        for (var id = 0; id < n; id++)
        {
            _label[id] = id;
            _gain[id] = candidates[id].Gain;
            _position[id] = -1;
            if (candidates[id].Valid)
            {
                _position[id] = _count;
                _heap[_count++] = id;
            }
        }

        _highLabel = n;
        for (var at = (_count / 2) - 1; at >= 0; at--)
        {
            SiftDown(at);
        }
    }

    /// <summary>The number of candidates in the queue.</summary>
    public int Count => _count;

    /// <summary>True when candidate <paramref name="id"/> is in the queue.</summary>
    public bool Contains(int id) => _position[id] >= 0;

    /// <summary>Removes and returns the candidate the reference would realize next.</summary>
    public int Pop()
    {
        var top = _heap[0];
        Remove(top);
        return top;
    }

    /// <summary>Takes candidate <paramref name="id"/> out of the queue (by the key the queue holds, so its gain may have changed since).</summary>
    public void Remove(int id)
    {
        var at = _position[id];
        _count--;
        _position[id] = -1;
        if (at == _count)
        {
            return;
        }

        var moved = _heap[_count];
        Place(moved, at);
        SiftUp(at);
        SiftDown(_position[moved]);
    }

    /// <summary>
    /// Puts back the candidates taken out because a RECALC changed their gain or made them invalid;
    /// the invalid ones stay out for good. <paramref name="changed"/> is reordered.
    /// </summary>
    public void Reinsert(ReadOnlySpan<ExchangeCandidate<T>> candidates, List<int> changed)
    {
        // Only candidates whose gain moved need a new label, placed by their previous order.
        var moved = 0;
        for (var n = 0; n < changed.Count; n++)
        {
            var id = changed[n];
            if (candidates[id].Valid && candidates[id].Gain != _gain[id])
            {
                (changed[moved], changed[n]) = (id, changed[moved]);
                moved++;
            }
        }

        var relabel = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(changed)[..moved];
        relabel.Sort(new PreviousOrder(_gain, _label));
        for (var n = relabel.Length - 1; n >= 0; n--)
        {
            if (candidates[relabel[n]].Gain < _gain[relabel[n]])
            {
                _label[relabel[n]] = --_lowLabel;
            }
        }

        foreach (var id in relabel)
        {
            if (candidates[id].Gain > _gain[id])
            {
                _label[id] = ++_highLabel;
            }
        }

        foreach (var id in changed)
        {
            if (candidates[id].Valid)
            {
                _gain[id] = candidates[id].Gain;
                Place(id, _count++);
                SiftUp(_position[id]);
            }
        }
    }

    /// <summary>The order of the previous sort: larger gain first, then smaller label.</summary>
    private readonly struct PreviousOrder(T[] gain, long[] label) : IComparer<int>
    {
        public int Compare(int x, int y) =>
            gain[x] > gain[y] ? -1 : gain[x] < gain[y] ? 1 : label[x].CompareTo(label[y]);
    }

    private bool Before(int x, int y) =>
        _gain[x] > _gain[y] || (_gain[x] == _gain[y] && _label[x] < _label[y]);

    private void Place(int id, int at)
    {
        _heap[at] = id;
        _position[id] = at;
    }

    private void SiftUp(int at)
    {
        var id = _heap[at];
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (!Before(id, _heap[parent]))
            {
                break;
            }

            Place(_heap[parent], at);
            at = parent;
        }

        Place(id, at);
    }

    private void SiftDown(int at)
    {
        var id = _heap[at];
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && Before(_heap[child + 1], _heap[child]))
            {
                child++;
            }

            if (!Before(_heap[child], id))
            {
                break;
            }

            Place(_heap[child], at);
            at = child;
        }

        Place(id, at);
    }
}
