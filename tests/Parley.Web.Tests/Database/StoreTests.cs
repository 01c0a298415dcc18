using Microsoft.Data.Sqlite;
using Parley.Storage;
using Parley.Storage.Runs;
using Parley.Storage.Scenarios;
using Parley.Storage.Schema;
using Parley.Web.Tests.Support;

namespace Parley.Web.Tests.Database;

/// <summary>The SQLite history: schema and migrations, versions that are never overwritten, runs and their states.</summary>
public sealed class StoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private ParleyStore Open(string name = "t.db", TimeProvider? time = null)
    {
        var opened = ParleyStore.Open(_folder.File(name), time);
        Assert.True(opened.Succeeded, string.Join("\n", opened.Diagnostics));
        return opened.Value!;
    }

    private static NewScenarioVersion V(string content, string title = "T") => new(title, "yaml", content, 2, 1);

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void A_new_file_gets_the_latest_schema_in_WAL_mode_and_opening_it_again_changes_nothing()
    {
        var store = Open();
        Assert.Equal(Migrations.Latest, store.SchemaVersion);
        Assert.Equal("wal", Scalar(store.Path, "PRAGMA journal_mode;"));
        store.Scenarios.Create(V("a"));
        var again = Open();
        Assert.Equal(Migrations.Latest, again.SchemaVersion);
        Assert.Single(again.Scenarios.List());
    }

    [Fact]
    public void Versions_count_up_from_one_and_the_schema_refuses_to_overwrite_or_delete_them()
    {
        var store = Open();
        var first = store.Scenarios.Create(V("one"));
        var second = store.Scenarios.AddVersion(first.ScenarioId, V("two", "T2"))!;
        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Null(store.Scenarios.AddVersion(first.ScenarioId + 100, V("x")));
        Assert.Equal("one", store.Scenarios.Version(first.ScenarioId, 1)!.Content);
        Assert.Equal("T2", store.Scenarios.Latest(first.ScenarioId)!.Title);
        Assert.Equal(ScenarioStore.Hash("two"), second.Sha256);

        var update = Assert.Throws<SqliteException>(() => Scalar(store.Path, "UPDATE scenario_versions SET content = 'evil';"));
        Assert.Contains("never overwritten", update.Message, StringComparison.Ordinal);
        var delete = Assert.Throws<SqliteException>(() => Scalar(store.Path, "DELETE FROM scenario_versions;"));
        Assert.Contains("never deleted", delete.Message, StringComparison.Ordinal);
        Assert.Equal("one", store.Scenarios.Version(first.ScenarioId, 1)!.Content);
    }

    [Fact]
    public void A_run_moves_queued_running_succeeded_once_and_its_result_reads_back_exactly()
    {
        var store = Open();
        var scenario = store.Scenarios.Create(V("s"));
        var spec = new RunSpec(scenario.ScenarioId, 1, ["mean", "bdm"], 100, ulong.MaxValue, 5, ["tolerance=1e-5"], ["a.b.position=3"], false);
        var run = store.Runs.Create(spec, "9.9.9", "me");
        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Equal(spec.Models, run.Spec.Models);
        Assert.Equal(ulong.MaxValue, store.Runs.Get(run.Id)!.Spec.Seed);
        Assert.True(store.Runs.Start(run.Id));
        Assert.False(store.Runs.Start(run.Id));
        var json = "{\"x\": \"" + new string('é', 100_000) + "\"}";
        Assert.True(store.Runs.Succeed(run.Id, json, 12.5));
        Assert.False(store.Runs.Succeed(run.Id, "{}", 1));
        Assert.False(store.Runs.Cancel(run.Id));
        var done = store.Runs.Get(run.Id)!;
        Assert.Equal(RunStatus.Succeeded, done.Status);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(json), done.ResultBytes);
        Assert.Equal(12.5, done.RunMilliseconds);
        Assert.Equal(json, store.Runs.Result(run.Id));
        var overwrite = Assert.Throws<SqliteException>(() => Scalar(store.Path, $"UPDATE runs SET result = x'00' WHERE id = {run.Id};"));
        Assert.Contains("never overwritten", overwrite.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_of_a_server_that_stopped_beating_are_marked_interrupted_and_those_of_live_servers_are_not()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var store = Open(time: clock);
        var scenario = store.Scenarios.Create(V("s"));
        var spec = new RunSpec(scenario.ScenarioId, 1, ["mean"], 0, 1, null, [], [], true);
        store.Servers.Heartbeat("dead", 1);
        store.Servers.Heartbeat("alive", 2);
        var orphan = store.Runs.Create(spec, "v", "dead");
        var kept = store.Runs.Create(spec, "v", "alive");
        clock.Advance(ServerRegistry.Stale + TimeSpan.FromSeconds(1));
        store.Servers.Heartbeat("alive", 2);
        Assert.Equal(1, store.Servers.InterruptAbandonedRuns());
        Assert.Equal(RunStatus.Interrupted, store.Runs.Get(orphan.Id)!.Status);
        Assert.Equal(RunStatus.Queued, store.Runs.Get(kept.Id)!.Status);
        store.Servers.Leave("alive");
        Assert.Equal(1, store.Servers.InterruptAbandonedRuns());
        Assert.Equal(RunStatus.Interrupted, store.Runs.Get(kept.Id)!.Status);
    }

    [Fact]
    public void Files_that_are_not_Parley_databases_are_errors_with_the_reason_and_are_left_as_they_were()
    {
        var text = _folder.File("notes.db");
        File.WriteAllText(text, "these are my notes, not a database");
        var notDb = ParleyStore.Open(text);
        Assert.False(notDb.Succeeded);
        Assert.Contains("Cannot open the database", notDb.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal("these are my notes, not a database", File.ReadAllText(text));

        var other = _folder.File("other.db");
        Scalar(other, "CREATE TABLE mine (x INTEGER);");
        var foreign = ParleyStore.Open(other);
        Assert.False(foreign.Succeeded);
        Assert.Contains("not one of Parley's", foreign.Diagnostics[0].Message, StringComparison.Ordinal);

        var store = Open("newer.db");
        Scalar(store.Path, $"PRAGMA user_version = {Migrations.Latest + 1};");
        SqliteConnection.ClearAllPools();
        var newer = ParleyStore.Open(store.Path);
        Assert.False(newer.Succeeded);
        Assert.Contains("written by a newer Parley", newer.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_threads_saving_versions_of_one_scenario_get_distinct_consecutive_numbers()
    {
        var store = Open();
        var id = store.Scenarios.Create(V("0")).ScenarioId;
        var numbers = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 80, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => numbers.Add(store.Scenarios.AddVersion(id, V(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))!.Version));
        Assert.Equal(Enumerable.Range(2, 80), numbers.Order());
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
