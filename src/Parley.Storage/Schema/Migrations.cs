namespace Parley.Storage.Schema;

/// <summary>
/// Every schema step, oldest first. A released step is never edited: a change to the schema is a
/// new step at the end. Scenario versions and run results are protected by triggers, so that no
/// code path can overwrite or delete them.
/// </summary>
public static class Migrations
{
    /// <summary>The steps, in order; step i has version i + 1.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new Migration(1, "scenarios and their versions, runs, servers", """
            CREATE TABLE scenarios (
                id         INTEGER PRIMARY KEY,
                created_at TEXT NOT NULL
            );

            CREATE TABLE scenario_versions (
                scenario_id INTEGER NOT NULL REFERENCES scenarios (id),
                version     INTEGER NOT NULL CHECK (version >= 1),
                title       TEXT NOT NULL,
                format      TEXT NOT NULL,
                content     TEXT NOT NULL,
                sha256      TEXT NOT NULL,
                actors      INTEGER NOT NULL,
                issues      INTEGER NOT NULL,
                comment     TEXT,
                created_at  TEXT NOT NULL,
                PRIMARY KEY (scenario_id, version)
            );

            CREATE TRIGGER scenario_versions_are_never_overwritten BEFORE UPDATE ON scenario_versions
            BEGIN
                SELECT RAISE(ABORT, 'scenario versions are never overwritten');
            END;

            CREATE TRIGGER scenario_versions_are_never_deleted BEFORE DELETE ON scenario_versions
            BEGIN
                SELECT RAISE(ABORT, 'scenario versions are never deleted');
            END;

            CREATE TABLE runs (
                id               INTEGER PRIMARY KEY,
                scenario_id      INTEGER NOT NULL,
                scenario_version INTEGER NOT NULL,
                status           TEXT NOT NULL,
                models           TEXT NOT NULL,
                draws            INTEGER NOT NULL,
                seed             TEXT NOT NULL,
                spec             TEXT NOT NULL,
                parley_version   TEXT NOT NULL,
                owner            TEXT NOT NULL,
                created_at       TEXT NOT NULL,
                started_at       TEXT,
                finished_at      TEXT,
                run_ms           REAL,
                error            TEXT,
                result           BLOB,
                result_bytes     INTEGER,
                FOREIGN KEY (scenario_id, scenario_version) REFERENCES scenario_versions (scenario_id, version)
            );

            CREATE INDEX runs_by_scenario ON runs (scenario_id, id);
            CREATE INDEX runs_by_status ON runs (status);

            CREATE TRIGGER run_results_are_never_overwritten BEFORE UPDATE OF result ON runs WHEN OLD.result IS NOT NULL
            BEGIN
                SELECT RAISE(ABORT, 'run results are never overwritten');
            END;

            CREATE TABLE servers (
                instance   TEXT PRIMARY KEY,
                process_id INTEGER NOT NULL,
                started_at TEXT NOT NULL,
                seen_at    TEXT NOT NULL
            );
            """),
    ];

    /// <summary>The schema version this build of Parley writes.</summary>
    public static int Latest => All[^1].Version;
}
