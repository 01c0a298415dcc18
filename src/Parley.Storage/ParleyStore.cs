using Microsoft.Data.Sqlite;
using Parley.Core.Diagnostics;
using Parley.Storage.Runs;
using Parley.Storage.Scenarios;
using Parley.Storage.Schema;

namespace Parley.Storage;

/// <summary>
/// Parley's run history in one SQLite file: versioned scenarios (<see cref="Scenarios"/>) and runs
/// (<see cref="Runs"/>). The file is in WAL mode and every write is one immediate transaction, so a
/// process killed at any point loses nothing it had committed, and several processes may share the
/// file. Scenario versions commit with <c>synchronous=FULL</c> (they survive a power cut too); a
/// run's state changes with <c>synchronous=NORMAL</c> (they survive the process, and a power cut
/// may lose the last of them, which a rerun gives back). Thread-safe: every call opens its own
/// pooled connection.
/// </summary>
public sealed class ParleyStore
{
    private readonly string _connectionString;

    private ParleyStore(string path, string connectionString, TimeProvider time)
    {
        Path = path;
        _connectionString = connectionString;
        Time = time;
        Scenarios = new ScenarioStore(this);
        Runs = new RunStore(this);
        Servers = new ServerRegistry(this);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The clock every timestamp comes from.</summary>
    public TimeProvider Time { get; }

    /// <summary>Scenarios and their versions.</summary>
    public ScenarioStore Scenarios { get; }

    /// <summary>Runs: what was asked, when, and the full result.</summary>
    public RunStore Runs { get; }

    /// <summary>The server processes that use the file (to tell an abandoned run from a running one).</summary>
    public ServerRegistry Servers { get; }

    /// <summary>
    /// Opens (or creates) the database at <paramref name="path"/> and brings its schema up to
    /// <see cref="Migrations.Latest"/>; a file that is not a Parley database, or one written by a newer
    /// Parley, is an error value, never an exception.
    /// </summary>
    public static ReadResult<ParleyStore> Open(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        var location = new SourceLocation(path);
        try
        {
            if (System.IO.Path.GetDirectoryName(full) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult<ParleyStore>.Failure(Diagnostic.Error($"Cannot create the folder of the database: {e.Message}", location));
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
        var store = new ParleyStore(full, connectionString, time ?? TimeProvider.System);
        try
        {
            var problem = Migrator.Migrate(store);
            return problem is null ? new ReadResult<ParleyStore>(store, []) : ReadResult<ParleyStore>.Failure(problem with { Location = location });
        }
        catch (SqliteException e)
        {
            return ReadResult<ParleyStore>.Failure(Diagnostic.Error($"Cannot open the database: {e.Message}", location, expected: "a Parley database file (or a path where one can be created)"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult<ParleyStore>.Failure(Diagnostic.Error($"Cannot open the database: {e.Message}", location));
        }
    }

    /// <summary>The schema version of the file.</summary>
    public int SchemaVersion
    {
        get
        {
            using var connection = OpenConnection();
            return Migrator.UserVersion(connection, null);
        }
    }

    /// <summary>An open connection with the per-connection settings: commits synced to disk (FULL, or NORMAL when not <paramref name="durable"/>), waiting on a busy file.</summary>
    internal SqliteConnection OpenConnection(bool durable = true)
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = durable ? "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;" : "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="write"/> in one immediate (write-locking) transaction and commits it; synced to disk at once when <paramref name="durable"/>.</summary>
    internal T Write<T>(Func<SqliteConnection, SqliteTransaction, T> write, bool durable = true)
    {
        using var connection = OpenConnection(durable);
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = write(connection, transaction);
        transaction.Commit();
        return result;
    }

    /// <summary>Runs <paramref name="read"/> on a connection of its own (WAL: readers see the last commit and never wait for writers).</summary>
    internal T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = OpenConnection();
        return read(connection);
    }

    /// <summary>Now, as stored: ISO 8601 in UTC with a fixed number of digits, so text order is time order.</summary>
    internal string Now() => Stamp(Time.GetUtcNow());

    /// <summary>A time as stored.</summary>
    internal static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A stored time.</summary>
    internal static DateTimeOffset ParseStamp(string text) =>
        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
}
