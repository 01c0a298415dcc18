namespace Parley.Storage.Runs;

/// <summary>
/// The server processes using the file, each with a heartbeat. A run belongs to the server that
/// queued it; a server whose heartbeat is older than <see cref="Stale"/> is taken as dead, and its
/// unfinished runs are marked interrupted by the next server that looks.
/// </summary>
public sealed class ServerRegistry
{
    /// <summary>How often a live server beats.</summary>
    public static readonly TimeSpan Beat = TimeSpan.FromSeconds(10);

    /// <summary>A heartbeat older than this means the server is gone.</summary>
    public static readonly TimeSpan Stale = TimeSpan.FromSeconds(45);

    private readonly ParleyStore _store;

    internal ServerRegistry(ParleyStore store) => _store = store;

    /// <summary>Records that server <paramref name="instance"/> (process <paramref name="processId"/>) is alive now.</summary>
    public void Heartbeat(string instance, int processId) => _store.Write((connection, transaction) =>
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO servers (instance, process_id, started_at, seen_at) VALUES ($instance, $pid, $now, $now)
            ON CONFLICT (instance) DO UPDATE SET seen_at = $now;
            """;
        command.Parameters.AddWithValue("$instance", instance);
        command.Parameters.AddWithValue("$pid", processId);
        command.Parameters.AddWithValue("$now", _store.Now());
        return command.ExecuteNonQuery();
    }, durable: false);

    /// <summary>Removes server <paramref name="instance"/> (it is stopping).</summary>
    public void Leave(string instance) => _store.Write((connection, transaction) =>
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM servers WHERE instance = $instance;";
        command.Parameters.AddWithValue("$instance", instance);
        return command.ExecuteNonQuery();
    }, durable: false);

    /// <summary>The servers whose heartbeat is younger than <see cref="Stale"/>.</summary>
    public IReadOnlyList<string> Live() => _store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT instance FROM servers WHERE seen_at >= $since;";
        command.Parameters.AddWithValue("$since", ParleyStore.Stamp(_store.Time.GetUtcNow() - Stale));
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    });

    /// <summary>Marks the unfinished runs of every server that is not live as interrupted; returns how many.</summary>
    public int InterruptAbandonedRuns() => _store.Runs.InterruptAbandoned(Live());
}
