using Parley.Storage;
using Parley.Storage.Runs;

namespace Parley.Web.Runs;

/// <summary>
/// Tells other servers on the same database that this one is alive (a heartbeat every
/// <see cref="ServerRegistry.Beat"/>), marks the unfinished runs of servers that died as
/// interrupted, and on a clean stop leaves the registry and marks its own unfinished runs.
/// </summary>
internal sealed partial class ServerHeartbeat(ParleyStore store, ServerInstance instance, ILogger<ServerHeartbeat> logger) : BackgroundService
{
    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        store.Servers.Heartbeat(instance.Id, Environment.ProcessId);
        var interrupted = store.Servers.InterruptAbandonedRuns();
        if (interrupted > 0)
        {
            LogInterrupted(interrupted);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ServerRegistry.Beat);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                store.Servers.Heartbeat(instance.Id, Environment.ProcessId);
                store.Servers.InterruptAbandonedRuns();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        store.Servers.Leave(instance.Id);
        store.Servers.InterruptAbandonedRuns();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Marked {Count} runs of servers that stopped as interrupted.")]
    private partial void LogInterrupted(int count);
}

/// <summary>This server process's identity in the database (its runs' owner).</summary>
internal sealed class ServerInstance
{
    /// <summary>A new random id.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
