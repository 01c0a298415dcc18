using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Runs;

/// <summary>
/// Runs: created queued, then started, then ended once (succeeded with its result, failed with its
/// error, cancelled or interrupted). The result JSON is stored compressed and never overwritten.
/// Run writes survive the process being killed; they are not synced to disk one by one (see <see cref="ParleyStore"/>).
/// </summary>
public sealed class RunStore
{
    private const string Columns = "id, scenario_id, scenario_version, status, spec, parley_version, owner, created_at, started_at, finished_at, run_ms, error, result_bytes";
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly ParleyStore _store;

    internal RunStore(ParleyStore store) => _store = store;

    /// <summary>Stores a new queued run; the scenario version must exist.</summary>
    public RunRecord Create(RunSpec spec, string parleyVersion, string owner)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var id = _store.Write((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO runs (scenario_id, scenario_version, status, models, draws, seed, spec, parley_version, owner, created_at)
                VALUES ($scenario, $version, $status, $models, $draws, $seed, $spec, $parley, $owner, $now)
                RETURNING id;
                """;
            command.Parameters.AddWithValue("$scenario", spec.ScenarioId);
            command.Parameters.AddWithValue("$version", spec.ScenarioVersion);
            command.Parameters.AddWithValue("$status", RunStatus.Queued.Name());
            command.Parameters.AddWithValue("$models", string.Join(',', spec.Models));
            command.Parameters.AddWithValue("$draws", spec.Draws);
            command.Parameters.AddWithValue("$seed", spec.Seed.ToString(CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$spec", JsonSerializer.Serialize(spec, s_json));
            command.Parameters.AddWithValue("$parley", parleyVersion);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$now", _store.Now());
            return (long)command.ExecuteScalar()!;
        }, durable: false);
        return Get(id)!;
    }

    /// <summary>Marks a queued run as running; false when it is not queued (e.g. cancelled meanwhile).</summary>
    public bool Start(long id) => Transition(id, RunStatus.Running, "started_at = $now", [RunStatus.Queued]);

    /// <summary>Stores the result of a running run and marks it succeeded; false when it is not running.</summary>
    public bool Succeed(long id, string resultJson, double runMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(resultJson);
        var bytes = Encoding.UTF8.GetBytes(resultJson);
        return Transition(id, RunStatus.Succeeded, "finished_at = $now, run_ms = $ms, result = $result, result_bytes = $bytes", [RunStatus.Running],
            ("$ms", runMilliseconds), ("$result", Compress(bytes)), ("$bytes", bytes.LongLength));
    }

    /// <summary>Marks a queued or running run as failed with <paramref name="error"/>; false when it has already ended.</summary>
    public bool Fail(long id, string error, double? runMilliseconds = null) =>
        Transition(id, RunStatus.Failed, "finished_at = $now, run_ms = $ms, error = $error", [RunStatus.Queued, RunStatus.Running],
            ("$ms", (object?)runMilliseconds ?? DBNull.Value), ("$error", error));

    /// <summary>Marks a queued or running run as cancelled; false when it has already ended.</summary>
    public bool Cancel(long id) =>
        Transition(id, RunStatus.Cancelled, "finished_at = $now", [RunStatus.Queued, RunStatus.Running]);

    /// <summary>Marks as interrupted every queued or running run whose owner is not in <paramref name="liveOwners"/>; returns how many.</summary>
    public int InterruptAbandoned(IReadOnlyCollection<string> liveOwners)
    {
        ArgumentNullException.ThrowIfNull(liveOwners);
        return _store.Write((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var names = liveOwners.Select((_, i) => "$o" + i.ToString(CultureInfo.InvariantCulture)).ToList();
            command.CommandText = $"""
                UPDATE runs SET status = $interrupted, finished_at = $now, error = 'The server running it stopped before it ended.'
                WHERE status IN ('queued', 'running'){(names.Count > 0 ? $" AND owner NOT IN ({string.Join(", ", names)})" : string.Empty)};
                """;
            command.Parameters.AddWithValue("$interrupted", RunStatus.Interrupted.Name());
            command.Parameters.AddWithValue("$now", _store.Now());
            var i = 0;
            foreach (var owner in liveOwners)
            {
                command.Parameters.AddWithValue(names[i++], owner);
            }

            return command.ExecuteNonQuery();
        }, durable: false);
    }

    /// <summary>The run <paramref name="id"/>, or null.</summary>
    public RunRecord? Get(long id) => _store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM runs WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRun(reader) : null;
    });

    /// <summary>The result JSON of run <paramref name="id"/>, or null when it has none (unknown, not done, or failed).</summary>
    public string? Result(long id) => _store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT result FROM runs WHERE id = $id AND result IS NOT NULL;";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is byte[] compressed ? Encoding.UTF8.GetString(Decompress(compressed)) : null;
    });

    /// <summary>The latest runs, newest first: at most <paramref name="limit"/>, of one scenario when <paramref name="scenarioId"/> is given.</summary>
    public IReadOnlyList<RunRecord> List(int limit = 100, long? scenarioId = null) => _store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM runs {(scenarioId is null ? string.Empty : "WHERE scenario_id = $scenario ")}ORDER BY id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", Math.Max(0, limit));
        if (scenarioId is { } s)
        {
            command.Parameters.AddWithValue("$scenario", s);
        }

        using var reader = command.ExecuteReader();
        var list = new List<RunRecord>();
        while (reader.Read())
        {
            list.Add(ReadRun(reader));
        }

        return list;
    });

    /// <summary>How many runs the file holds.</summary>
    public long Count() => _store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM runs;";
        return (long)command.ExecuteScalar()!;
    });

    private bool Transition(long id, RunStatus to, string set, RunStatus[] from, params (string Name, object Value)[] parameters) =>
        _store.Write((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"UPDATE runs SET status = $to, {set} WHERE id = $id AND status IN ({string.Join(", ", from.Select(f => $"'{f.Name()}'"))});";
            command.Parameters.AddWithValue("$to", to.Name());
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$now", _store.Now());
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return command.ExecuteNonQuery() == 1;
        }, durable: false);

    private static RunRecord ReadRun(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        JsonSerializer.Deserialize<RunSpec>(reader.GetString(4), s_json)!,
        RunStatusNames.Parse(reader.GetString(3)),
        reader.GetString(5),
        reader.GetString(6),
        ParleyStore.ParseStamp(reader.GetString(7)),
        reader.IsDBNull(8) ? null : ParleyStore.ParseStamp(reader.GetString(8)),
        reader.IsDBNull(9) ? null : ParleyStore.ParseStamp(reader.GetString(9)),
        reader.IsDBNull(10) ? null : reader.GetDouble(10),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        reader.IsDBNull(12) ? null : reader.GetInt64(12));

    private static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
