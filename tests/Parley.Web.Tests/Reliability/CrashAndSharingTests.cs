using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Parley.Storage;
using Parley.Web.Tests.Support;

namespace Parley.Web.Tests.Reliability;

/// <summary>The database under a server killed with SIGKILL while saving, and under two servers sharing one file.</summary>
public sealed class CrashAndSharingTests
{
    private static string Version(int n) => $$"""
        title: Crash test {{n}}
        issues:
          - { id: a, name: Issue A }
        actors:
          - { id: x, name: X, capability: {{n}}, stances: { a: { position: 10, salience: 0.5 } } }
          - { id: y, name: Y, capability: 3, stances: { a: { position: 90, salience: 0.5 } } }
        """;

    private static async Task<(long Id, int Version)?> Save(HttpClient client, string text, long? id)
    {
        using var content = new StringContent(text, System.Text.Encoding.UTF8, "application/yaml");
        try
        {
            using var response = id is { } existing ? await client.PutAsync($"/api/scenarios/{existing}", content) : await client.PostAsync("/api/scenarios", content);
            if (!response.IsSuccessStatusCode)
            {
                Assert.True((int)response.StatusCode < 500, $"a save was answered {(int)response.StatusCode}");
                return null;
            }

            var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (saved.GetProperty("id").GetInt64(), saved.GetProperty("version").GetInt32());
        }
        catch (HttpRequestException)
        {
            return null; // the server died mid-request: this save was never acknowledged
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    private static void AssertIntact(string database, ConcurrentDictionary<(long, int), string> acknowledged)
    {
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={database}"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar() as string);
        }

        var opened = ParleyStore.Open(database);
        Assert.True(opened.Succeeded, string.Join("\n", opened.Diagnostics));
        var store = opened.Value!;
        foreach (var ((id, version), text) in acknowledged)
        {
            var stored = store.Scenarios.Version(id, version);
            Assert.NotNull(stored);
            Assert.Equal(text, stored.Content);
            Assert.Equal(Storage.Scenarios.ScenarioStore.Hash(text), stored.Sha256);
        }

        // Version numbers are 1, 2, … without gaps or repeats in every scenario.
        foreach (var scenario in store.Scenarios.List())
        {
            Assert.Equal(Enumerable.Range(1, scenario.LatestVersion), store.Scenarios.Versions(scenario.Id).Select(v => v.Version));
        }

        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_server_killed_with_SIGKILL_in_the_middle_of_saving_loses_no_version_it_had_acknowledged()
    {
        using var folder = new TempFolder();
        var database = folder.File("crash.db");
        var acknowledged = new ConcurrentDictionary<(long, int), string>();
        using (var server = ServerProcess.Start(database))
        {
            var first = await Save(server.Client, Version(1), null);
            Assert.NotNull(first);
            acknowledged[first.Value] = Version(1);
            var id = first.Value.Id;
            using var stop = new CancellationTokenSource();
            var n = 1;
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var text = Version(Interlocked.Increment(ref n));
                    // Writers 0 and 1 add versions to one scenario; 2 and 3 create scenarios.
                    if (await Save(server.Client, text, w < 2 ? id : null) is { } saved)
                    {
                        acknowledged[saved] = text;
                    }
                    else if (server.HasExited)
                    {
                        return;
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 60 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            server.Kill(); // SIGKILL while the writers are still saving
            stop.Cancel();
            await Task.WhenAll(writers);
            Assert.True(acknowledged.Count >= 60, $"only {acknowledged.Count} saves before the kill: {server.Error}");
        }

        AssertIntact(database, acknowledged);

        // A new server on the same file carries on where the old one stopped.
        using var again = ServerProcess.Start(database);
        var versions = await again.Client.GetFromJsonAsync<JsonElement>($"/api/scenarios/{acknowledged.Keys.Min().Item1}/versions");
        Assert.True(versions.GetArrayLength() >= acknowledged.Keys.Count(k => k.Item1 == acknowledged.Keys.Min().Item1));
        Assert.NotNull(await Save(again.Client, Version(9999), acknowledged.Keys.Min().Item1));
    }

    [Fact]
    public async Task Two_servers_on_one_database_file_share_it_without_corrupting_it()
    {
        using var folder = new TempFolder();
        var database = folder.File("shared.db");
        var acknowledged = new ConcurrentDictionary<(long, int), string>();
        using var one = ServerProcess.Start(database);
        using var two = ServerProcess.Start(database);
        Assert.NotEqual(one.Url, two.Url);
        var first = await Save(one.Client, Version(1), null);
        Assert.NotNull(first);
        acknowledged[first.Value] = Version(1);
        var id = first.Value.Id;
        var n = 1;
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var client = w % 2 == 0 ? one.Client : two.Client;
            for (var i = 0; i < 15; i++)
            {
                var text = Version(Interlocked.Increment(ref n));
                var saved = await Save(client, text, w < 4 ? id : null);
                Assert.NotNull(saved);
                acknowledged[saved.Value] = text;
            }
        })).ToList();

        // Runs on both servers at the same time, each reading scenarios the other saved.
        var runs = Enumerable.Range(0, 6).Select(async i =>
        {
            var client = i % 2 == 0 ? one.Client : two.Client;
            using var response = await client.PostAsJsonAsync("/api/runs?wait=true", new { scenario = id, draws = 20, models = new[] { "compromise", "scholz2011" } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var run = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("succeeded", run.GetProperty("status").GetString());
            return run.GetProperty("id").GetInt64();
        }).ToList();
        await Task.WhenAll(writers);
        var runIds = await Task.WhenAll(runs);

        // 6 writers × 15 saves, 4 of them to the first scenario.
        Assert.Equal(1 + 90, acknowledged.Count);
        var latestByOne = await one.Client.GetFromJsonAsync<JsonElement>($"/api/scenarios/{id}");
        var latestByTwo = await two.Client.GetFromJsonAsync<JsonElement>($"/api/scenarios/{id}");
        Assert.Equal(1 + 60, latestByOne.GetProperty("version").GetInt32());
        Assert.Equal(latestByOne.GetProperty("sha256").GetString(), latestByTwo.GetProperty("sha256").GetString());
        // Each server reads the runs the other made.
        foreach (var runId in runIds)
        {
            Assert.Equal("succeeded", (await one.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}?result=false")).GetProperty("status").GetString());
            Assert.Equal("succeeded", (await two.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}?result=false")).GetProperty("status").GetString());
        }

        one.Dispose();
        two.Dispose();
        AssertIntact(database, acknowledged);
    }
}
