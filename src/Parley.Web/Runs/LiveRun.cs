using System.Threading.Channels;
using Parley.Core.Run;
using Parley.Storage.Runs;
using Parley.Web.Api;

namespace Parley.Web.Runs;

/// <summary>
/// A run this server has queued and not yet finished: its plan, where it stands, how far it has
/// got, the token that cancels it, and the listeners of its progress stream.
/// </summary>
internal sealed class LiveRun : IProgress<RunProgress>
{
    private readonly object _gate = new();
    private readonly List<Channel<RunEventDto>> _listeners = [];
    private readonly TaskCompletionSource<RunStatus> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the live state of run <paramref name="id"/>.</summary>
    public LiveRun(long id, RunPlan plan)
    {
        Id = id;
        Plan = plan;
    }

    /// <summary>The run.</summary>
    public long Id { get; }

    /// <summary>What it runs.</summary>
    public RunPlan Plan { get; }

    /// <summary>Cancelled when someone cancels the run.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Where it stands.</summary>
    public RunStatus Status { get; private set; } = RunStatus.Queued;

    /// <summary>The last progress report, while running.</summary>
    public ProgressDto? Progress { get; private set; }

    /// <summary>The result JSON once the run has succeeded (so that a waiting request need not read it back).</summary>
    public string? ResultJson { get; set; }

    /// <summary>Completes with the final status when the run ends.</summary>
    public Task<RunStatus> Done => _done.Task;

    /// <summary>The event that says where the run stands now.</summary>
    public RunEventDto Snapshot(string? error = null) => new(Id, Status.Name(), Progress, error);

    /// <inheritdoc />
    public void Report(RunProgress value)
    {
        // Reports come from the run's worker threads and may arrive out of order: only one that goes forward is kept and sent.
        var progress = ProgressDto.Of(value, Plan.Spec.Draws, Plan.Spec.Drivers);
        lock (_gate)
        {
            if (Status.IsFinal() || (Progress is { } last && progress.Fraction < last.Fraction))
            {
                return;
            }

            Progress = progress;
            Publish(Snapshot());
        }
    }

    /// <summary>Moves the run to <paramref name="status"/> and tells every listener; a final status ends their streams.</summary>
    public void SetStatus(RunStatus status, string? error = null)
    {
        Status = status;
        if (status.IsFinal())
        {
            Progress = null;
        }

        Publish(Snapshot(error));
        if (status.IsFinal())
        {
            lock (_gate)
            {
                foreach (var listener in _listeners)
                {
                    listener.Writer.TryComplete();
                }

                _listeners.Clear();
            }

            _done.TrySetResult(status);
        }
    }

    /// <summary>A new listener: it gets the current state first, then every change, and ends with the final status.</summary>
    public ChannelReader<RunEventDto> Listen()
    {
        var channel = Channel.CreateBounded<RunEventDto>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            channel.Writer.TryWrite(Snapshot());
            if (Status.IsFinal())
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _listeners.Add(channel);
            }
        }

        return channel.Reader;
    }

    /// <summary>Stops sending to <paramref name="reader"/>'s channel (its client went away).</summary>
    public void Unlisten(ChannelReader<RunEventDto> reader)
    {
        lock (_gate)
        {
            _listeners.RemoveAll(c => c.Reader == reader);
        }
    }

    private void Publish(RunEventDto e)
    {
        lock (_gate)
        {
            foreach (var listener in _listeners)
            {
                listener.Writer.TryWrite(e);
            }
        }
    }
}
