using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Parley.Web.Runs;

/// <summary>
/// The runs of this server that have not ended: a bounded queue that the workers take from, and a
/// table by id for progress and cancellation. A finished run leaves the table; from then on it is
/// read from the database like any other.
/// </summary>
internal sealed class RunQueue
{
    private readonly Channel<LiveRun> _queue = Channel.CreateUnbounded<LiveRun>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<long, LiveRun> _live = new();
    private readonly int _capacity;
    private int _waiting;

    /// <summary>Creates a queue that holds at most <paramref name="capacity"/> waiting runs.</summary>
    public RunQueue(int capacity) => _capacity = capacity;

    /// <summary>Runs waiting for a worker.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Runs not yet finished (waiting or running).</summary>
    public int Live => _live.Count;

    /// <summary>True when another run can be queued now.</summary>
    public bool HasRoom => Waiting < _capacity;

    /// <summary>Queues <paramref name="run"/>; false when the queue is full.</summary>
    public bool TryEnqueue(LiveRun run)
    {
        if (Interlocked.Increment(ref _waiting) > _capacity)
        {
            Interlocked.Decrement(ref _waiting);
            return false;
        }

        _live[run.Id] = run;
        _queue.Writer.TryWrite(run);
        return true;
    }

    /// <summary>The next run to execute; waits for one.</summary>
    public async ValueTask<LiveRun> TakeAsync(CancellationToken cancellationToken)
    {
        var run = await _queue.Reader.ReadAsync(cancellationToken);
        Interlocked.Decrement(ref _waiting);
        return run;
    }

    /// <summary>The live run <paramref name="id"/>, or null when this server is not running it.</summary>
    public LiveRun? Find(long id) => _live.GetValueOrDefault(id);

    /// <summary>Forgets a run that has ended.</summary>
    public void Remove(long id) => _live.TryRemove(id, out _);

    /// <summary>Every run not yet finished (to cancel them when the server stops).</summary>
    public IReadOnlyCollection<LiveRun> All => [.. _live.Values];
}
