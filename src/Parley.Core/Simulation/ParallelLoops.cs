namespace Parley.Core.Simulation;

/// <summary>
/// Runs loop bodies on all cores — no more threads than cores, since oversubscribing the pool only
/// adds switching — or inline when the loop is too small to be worth it. Bodies must write only to
/// their own slots, so that the result never depends on the number of threads.
/// </summary>
internal static class ParallelLoops
{
    private static readonly ParallelOptions s_options = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>Runs <paramref name="body"/> for 0 ≤ i &lt; <paramref name="count"/>, in parallel when <paramref name="parallel"/> is true.</summary>
    public static void For(int count, bool parallel, Action<int> body)
    {
        if (parallel && count > 1 && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, count, s_options, body);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            body(i);
        }
    }
}
