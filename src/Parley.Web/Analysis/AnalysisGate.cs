namespace Parley.Web.Analysis;

/// <summary>Bounds how many advice searches and explanations run at once: they are CPU-bound, like runs, and get as many slots of their own as runs have workers.</summary>
internal sealed class AnalysisGate(ServerOptions options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentRuns);

    /// <summary>Runs <paramref name="work"/> on the thread pool once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(work, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
