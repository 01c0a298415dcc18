using System.Numerics;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// The selection order of a round (EXCHANGE-SPEC §5.1) as a binary heap: largest gain first, ties
/// to the smaller <see cref="ExchangeCandidate{T}.Label"/>.
/// </summary>
/// <remarks>
/// The reference stable-sorts the whole candidate list by gain before every pick, so ties go to the
/// candidate that stood first in the previous order. Labels reproduce that without sorting: they
/// start as creation indices, and a candidate whose gain changes gets a label that places it among
/// its new equals where the previous order had it — below every label when it came from a larger
/// gain, above every label when it came from a smaller one (see <see cref="Reinsert"/>).
/// </remarks>
internal sealed class CandidateQueue<T>
    where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
        IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
{
    private readonly List<ExchangeCandidate<T>> _heap;
    private long _lowLabel;
    private long _highLabel;

    /// <summary>Creates the queue of the valid candidates, labelled by their position in <paramref name="candidates"/>.</summary>
    public CandidateQueue(IReadOnlyList<ExchangeCandidate<T>> candidates)
    {
        _heap = new List<ExchangeCandidate<T>>(candidates.Count);
        for (var n = 0; n < candidates.Count; n++)
        {
            var f = candidates[n];
            f.Label = n;
            if (f.Valid)
            {
                f.HeapIndex = _heap.Count;
                _heap.Add(f);
            }
        }

        _lowLabel = 0;
        _highLabel = candidates.Count;
        for (var n = (_heap.Count / 2) - 1; n >= 0; n--)
        {
            SiftDown(n);
        }
    }

    /// <summary>The number of candidates left.</summary>
    public int Count => _heap.Count;

    /// <summary>Removes and returns the candidate the reference would realize next.</summary>
    public ExchangeCandidate<T> Pop()
    {
        var top = _heap[0];
        Remove(top);
        return top;
    }

    /// <summary>
    /// Puts back the candidates that were taken out for a RECALC (see <see cref="Remove"/>), given
    /// their gains and labels before it; the invalid ones stay out for good.
    /// </summary>
    public void Reinsert(List<(ExchangeCandidate<T> Candidate, T OldGain, long OldLabel)> changed)
    {
        // The previous order of the changed candidates decides the order among new equals.
        changed.Sort(static (x, y) => x.OldGain > y.OldGain ? -1 : x.OldGain < y.OldGain ? 1 : x.OldLabel.CompareTo(y.OldLabel));
        for (var n = changed.Count - 1; n >= 0; n--)
        {
            var (f, oldGain, _) = changed[n];
            if (f.Valid && f.Gain < oldGain)
            {
                f.Label = --_lowLabel;
            }
        }

        foreach (var (f, oldGain, _) in changed)
        {
            if (f.Valid && f.Gain > oldGain)
            {
                f.Label = ++_highLabel;
            }
        }

        foreach (var (f, _, _) in changed)
        {
            if (f.Valid)
            {
                f.HeapIndex = _heap.Count;
                _heap.Add(f);
                SiftUp(f.HeapIndex);
            }
        }
    }

    /// <summary>Takes <paramref name="f"/> out of the queue (before its gain changes).</summary>
    public void Remove(ExchangeCandidate<T> f)
    {
        var at = f.HeapIndex;
        var last = _heap.Count - 1;
        if (at != last)
        {
            Place(_heap[last], at);
        }

        _heap.RemoveAt(last);
        f.HeapIndex = -1;
        if (at < _heap.Count)
        {
            var moved = _heap[at];
            SiftUp(at);
            SiftDown(moved.HeapIndex);
        }
    }

    private static bool Before(ExchangeCandidate<T> x, ExchangeCandidate<T> y) =>
        x.Gain > y.Gain || (x.Gain == y.Gain && x.Label < y.Label);

    private void Place(ExchangeCandidate<T> f, int at)
    {
        _heap[at] = f;
        f.HeapIndex = at;
    }

    private void SiftUp(int at)
    {
        var f = _heap[at];
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (!Before(f, _heap[parent]))
            {
                break;
            }

            Place(_heap[parent], at);
            at = parent;
        }

        Place(f, at);
    }

    private void SiftDown(int at)
    {
        var f = _heap[at];
        var count = _heap.Count;
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Before(_heap[child + 1], _heap[child]))
            {
                child++;
            }

            if (!Before(_heap[child], f))
            {
                break;
            }

            Place(_heap[child], at);
            at = child;
        }

        Place(f, at);
    }
}
