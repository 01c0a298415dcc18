using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Scenarios;

/// <summary>
/// Scenarios and their versions. Every save is a new version; nothing is ever overwritten or
/// deleted (the schema's triggers refuse it). The store keeps the text as it was given and does
/// not read it: the caller checks a scenario before saving it.
/// </summary>
public sealed class ScenarioStore
{
    private const string VersionColumns = "scenario_id, version, title, format, content, sha256, actors, issues, comment, created_at";
    private readonly ParleyStore _store;

    internal ScenarioStore(ParleyStore store) => _store = store;

    /// <summary>Saves a new scenario as its version 1.</summary>
    public ScenarioVersionRecord Create(NewScenarioVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return _store.Write((connection, transaction) =>
        {
            var now = _store.Now();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO scenarios (created_at) VALUES ($now) RETURNING id;";
            insert.Parameters.AddWithValue("$now", now);
            var id = (long)insert.ExecuteScalar()!;
            return Insert(connection, transaction, id, 1, version, now);
        });
    }

    /// <summary>Saves <paramref name="version"/> as the next version of scenario <paramref name="id"/>; null when there is no such scenario.</summary>
    public ScenarioVersionRecord? AddVersion(long id, NewScenarioVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return _store.Write((connection, transaction) =>
        {
            using var next = connection.CreateCommand();
            next.Transaction = transaction;
            next.CommandText = "SELECT (SELECT COUNT(*) FROM scenarios WHERE id = $id), COALESCE(MAX(version), 0) + 1 FROM scenario_versions WHERE scenario_id = $id;";
            next.Parameters.AddWithValue("$id", id);
            using var reader = next.ExecuteReader();
            reader.Read();
            if (reader.GetInt64(0) == 0)
            {
                return null;
            }

            var number = reader.GetInt32(1);
            reader.Close();
            return Insert(connection, transaction, id, number, version, _store.Now());
        });
    }

    /// <summary>Every scenario, most recently saved first.</summary>
    public IReadOnlyList<ScenarioSummary> List() => _store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.id, v.title, v.version, v.actors, v.issues, s.created_at, v.created_at
            FROM scenarios s
            JOIN scenario_versions v ON v.scenario_id = s.id
            WHERE v.version = (SELECT MAX(version) FROM scenario_versions WHERE scenario_id = s.id)
            ORDER BY v.created_at DESC, s.id DESC;
            """;
        using var reader = command.ExecuteReader();
        var list = new List<ScenarioSummary>();
        while (reader.Read())
        {
            list.Add(new ScenarioSummary(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                ParleyStore.ParseStamp(reader.GetString(5)), ParleyStore.ParseStamp(reader.GetString(6))));
        }

        return list;
    });

    /// <summary>The latest version of scenario <paramref name="id"/>, or null when there is no such scenario.</summary>
    public ScenarioVersionRecord? Latest(long id) => _store.Read(connection =>
        One(connection, $"SELECT {VersionColumns} FROM scenario_versions WHERE scenario_id = $id ORDER BY version DESC LIMIT 1;", ("$id", id)));

    /// <summary>Version <paramref name="version"/> of scenario <paramref name="id"/>, or null when there is none.</summary>
    public ScenarioVersionRecord? Version(long id, int version) => _store.Read(connection =>
        One(connection, $"SELECT {VersionColumns} FROM scenario_versions WHERE scenario_id = $id AND version = $version;", ("$id", id), ("$version", version)));

    /// <summary>Every version of scenario <paramref name="id"/>, oldest first (empty when there is no such scenario).</summary>
    public IReadOnlyList<ScenarioVersionRecord> Versions(long id) => _store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {VersionColumns} FROM scenario_versions WHERE scenario_id = $id ORDER BY version;";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var list = new List<ScenarioVersionRecord>();
        while (reader.Read())
        {
            list.Add(ReadVersion(reader));
        }

        return list;
    });

    /// <summary>The SHA-256 of <paramref name="content"/> as stored.</summary>
    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private static ScenarioVersionRecord Insert(SqliteConnection connection, SqliteTransaction transaction, long id, int number, NewScenarioVersion version, string now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO scenario_versions ({VersionColumns}) VALUES ($id, $version, $title, $format, $content, $sha, $actors, $issues, $comment, $now);";
        var sha = Hash(version.Content);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$version", number);
        command.Parameters.AddWithValue("$title", version.Title);
        command.Parameters.AddWithValue("$format", version.Format);
        command.Parameters.AddWithValue("$content", version.Content);
        command.Parameters.AddWithValue("$sha", sha);
        command.Parameters.AddWithValue("$actors", version.Actors);
        command.Parameters.AddWithValue("$issues", version.Issues);
        command.Parameters.AddWithValue("$comment", (object?)version.Comment ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
        return new ScenarioVersionRecord(id, number, version.Title, version.Format, version.Content, sha, version.Actors, version.Issues, version.Comment, ParleyStore.ParseStamp(now));
    }

    private static ScenarioVersionRecord? One(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadVersion(reader) : null;
    }

    private static ScenarioVersionRecord ReadVersion(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetInt32(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetInt32(6),
        reader.GetInt32(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        ParleyStore.ParseStamp(reader.GetString(9)));
}
