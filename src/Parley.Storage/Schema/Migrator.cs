using Microsoft.Data.Sqlite;
using Parley.Core.Diagnostics;

namespace Parley.Storage.Schema;

/// <summary>Brings a database file up to the latest schema: WAL mode, then every missing <see cref="Migration"/> in one immediate transaction.</summary>
internal static class Migrator
{
    /// <summary>Migrates the file of <paramref name="store"/>; an error when the file is newer than this Parley.</summary>
    public static Diagnostic? Migrate(ParleyStore store)
    {
        using var connection = store.OpenConnection();
        using (var wal = connection.CreateCommand())
        {
            // Persistent in the file; a second process that opens it finds WAL already on.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = wal.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                return Diagnostic.Error($"The database cannot use write-ahead logging (journal mode '{mode}').", expected: "a database file on a local disk");
            }
        }

        // The write lock is taken before the version is read: two processes that open a new file at
        // once migrate it once, one after the other.
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = UserVersion(connection, transaction);
        if (current > Migrations.Latest)
        {
            return Diagnostic.Error($"The database has schema version {current}, written by a newer Parley; this one knows versions up to {Migrations.Latest}.", expected: "a newer Parley, or another --db file");
        }

        if (current == 0 && CountTables(connection, transaction) > 0)
        {
            return Diagnostic.Error("The file is an SQLite database, but not one of Parley's (it has tables and no Parley schema version).", expected: "a Parley database file, or a path where one can be created");
        }

        foreach (var migration in Migrations.All.Where(m => m.Version > current))
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migration.Sql + $"\nPRAGMA user_version = {migration.Version};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return null;
    }

    private static long CountTables(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table';";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The schema version stored in the file (0 for a new file).</summary>
    public static int UserVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
