namespace Parley.Core.Simulation;

/// <summary>
/// Runs loop bodies on the runtime's thread pool (which keeps about one worker per core), or
/// inline when the loop is too small to be worth it. Bodies must write only to their own slots,
/// so that the result never depends on the number of threads.
/// </summary>
internal static class ParallelLoops
{
    /// <summary>Runs <paramref name="body"/> for 0 ≤ i &lt; <paramref name="count"/>, in parallel when <paramref name="parallel"/> is true.</summary>
    public static void For(int count, bool parallel, Action<int> body)
    {
        if (parallel && count > 1)
        {
            Parallel.For(0, count, body);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            body(i);
        }
    }
}
