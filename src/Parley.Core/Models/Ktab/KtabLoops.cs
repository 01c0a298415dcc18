namespace Parley.Core.Models.Ktab;

/// <summary>
/// Runs loops over actors, on worker threads unless the run is small or single-threaded. Every
/// body writes only its own output slots, so results never depend on the number of threads;
/// failures go to a <see cref="KtabFailureSlots"/>, which keeps the one of the lowest index.
/// </summary>
internal sealed class KtabLoops
{
    private readonly ParallelOptions _parallel;
    private readonly bool _sequential;

    /// <summary>Creates the loops for <paramref name="actors"/> actors; <paramref name="threads"/> = 0 lets the runtime choose.</summary>
    public KtabLoops(int threads, int actors)
    {
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : -1 };
        // Below ~40 actors a turn takes well under a millisecond: handing work to other threads
        // costs more than it saves (and much more on a busy machine). Results are the same either way.
        _sequential = threads == 1 || actors < 40;
    }

    /// <summary>Runs body(0…count−1).</summary>
    public void For(int count, Action<int> body)
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
    public void For<TLocal>(int count, Func<TLocal> init, Func<int, TLocal, TLocal> body)
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
}

/// <summary>One failure slot per index of a loop; the failure reported is that of the lowest index, whatever the thread order.</summary>
internal sealed class KtabFailureSlots
{
    private readonly object _gate = new();
    private int _index = int.MaxValue;
    private KtabSmpFailure? _failure;

    /// <summary>Records the failure of index <paramref name="index"/> (null = none).</summary>
    public void Report(int index, KtabSmpFailure? failure)
    {
        if (failure is null)
        {
            return;
        }

        lock (_gate)
        {
            if (index < _index)
            {
                _index = index;
                _failure = failure;
            }
        }
    }

    /// <summary>The failure of the lowest index, or null when none failed.</summary>
    public KtabSmpFailure? First => _failure;
}
