using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Web.Tests.Support;

namespace Parley.Web.Tests.Api;

/// <summary>/api/runs on a real server: results equal to the command line's, progress events, cancellation, history, reports, and 50 runs at once.</summary>
public sealed class RunApiTests : IClassFixture<RunApiTests.Server>
{
    private readonly ParleyWebFactory _web;

    public RunApiTests(Server server) => _web = server.Web;

    public sealed class Server : IDisposable
    {
        public ParleyWebFactory Web { get; } = new();

        public void Dispose() => Web.Dispose();
    }

    [Fact]
    public async Task A_run_result_is_what_parley_forecast_format_json_prints_for_the_same_file_seed_and_draws()
    {
        var id = await _web.SaveKorea();
        var run = await _web.RunAndWait(new { scenario = id, draws = 200, seed = 7 });
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(7UL, run.GetProperty("seed").GetUInt64());
        Assert.Equal(200, run.GetProperty("draws").GetInt32());
        Assert.Equal(1, run.GetProperty("version").GetInt32());
        // The models parley forecast runs when none is named (the catalog's defaults, in its order).
        Assert.Equal(Core.Models.ModelCatalog.Defaults.Select(m => m.Name), run.GetProperty("models").EnumerateArray().Select(m => m.GetString()!));
        Assert.Contains("bdm+veto", run.GetProperty("models").EnumerateArray().Select(m => m.GetString()!));
        Assert.Equal(Core.ParleyVersion.Current, run.GetProperty("parley_version").GetString());
        Assert.True(run.GetProperty("run_ms").GetDouble() > 0);

        using var folder = new TempFolder();
        var output = folder.File("k.json");
        var cli = ParleyCli.Run("forecast", TestPaths.Korea, "--format", "json", "--draws", "200", "--seed", "7", "--out", output);
        Assert.Equal(0, cli.ExitCode);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(output));
        var actual = JsonNode.Parse(run.GetProperty("result").GetRawText());
        Assert.True(JsonNode.DeepEquals(expected, actual), "the API's result differs from parley forecast --format json");
    }

    [Fact]
    public async Task Progress_streams_as_server_sent_events_and_ends_with_the_final_status()
    {
        var id = await _web.SaveKorea();
        using var created = await _web.Client.PostAsJsonAsync("/api/runs", new { scenario = id, draws = 2000, models = new[] { "scholz2011" } });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var runId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        using var response = await _web.Client.GetAsync($"/api/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string Event, JsonElement Data)>();
        string? kind = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((kind!, JsonDocument.Parse(line[6..]).RootElement.Clone()));
            }
        }

        Assert.Equal("status", events[^1].Event);
        Assert.Equal("succeeded", events[^1].Data.GetProperty("status").GetString());
        var fractions = events.Where(e => e.Data.TryGetProperty("progress", out _)).Select(e => e.Data.GetProperty("progress").GetProperty("fraction").GetDouble()).ToList();
        Assert.NotEmpty(fractions);
        Assert.All(fractions, f => Assert.InRange(f, 0, 1));
        Assert.Equal(fractions.Order().ToList(), fractions);

        // After the end, the stream says the final status at once.
        var again = await _web.Client.GetStringAsync($"/api/runs/{runId}/events");
        Assert.Contains("event: status", again, StringComparison.Ordinal);
        Assert.Contains("\"succeeded\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_run_ends_cancelled_and_keeps_no_result()
    {
        var id = await _web.SaveKorea();
        using var created = await _web.Client.PostAsJsonAsync("/api/runs", new { scenario = id, draws = 100_000 });
        var runId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var cancel = await _web.Client.PostAsync($"/api/runs/{runId}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var run = await _web.RunAndWait(new { scenario = id, draws = 0, models = new[] { "mean" } });
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        JsonElement cancelled;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        do
        {
            await Task.Delay(100);
            cancelled = await _web.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        }
        while (cancelled.GetProperty("status").GetString() is "queued" or "running" && DateTime.UtcNow < deadline);

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.False(cancelled.TryGetProperty("result", out _));
        using var again = await _web.Client.PostAsync($"/api/runs/{runId}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var report = await _web.Client.GetAsync($"/api/runs/{runId}/report");
        Assert.Equal(HttpStatusCode.Conflict, report.StatusCode);
    }

    [Fact]
    public async Task Bad_run_requests_are_4xx_with_located_reasons()
    {
        var id = await _web.SaveKorea();
        async Task<(HttpStatusCode Status, JsonElement Body)> Post(string json)
        {
            using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            using var response = await _web.Client.PostAsync("/api/runs", content);
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        var (status, body) = await Post("{\"scenario\": 1,");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(1, body.GetProperty("diagnostics")[0].GetProperty("line").GetInt32());

        (status, body) = await Post($"{{\"scenario\": {id}, \"modles\": [\"bdm\"]}}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Unknown field 'modles'. Did you mean 'models'?", body.GetProperty("diagnostics")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        (status, body) = await Post($"{{\"scenario\": {id}, \"models\": [\"bdn\"]}}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("Unknown model 'bdn'. Did you mean 'bdm'?", body.GetProperty("diagnostics")[0].GetProperty("message").GetString());

        (status, body) = await Post($"{{\"scenario\": {id}, \"draws\": -1}}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("Cannot make -1 input draws.", body.GetProperty("diagnostics")[0].GetProperty("message").GetString());

        (status, body) = await Post($"{{\"scenario\": {id}, \"parameters\": [\"tolerance\"]}}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);

        (status, _) = await Post("{\"scenario\": 424242}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, _) = await Post($"{{\"scenario\": {id}, \"version\": 9}}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, _) = await Post("[1, 2]");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, _) = await Post("null");
        Assert.Equal(HttpStatusCode.BadRequest, status);

        using var yaml = new StringContent("scenario: 1", System.Text.Encoding.UTF8, "application/yaml");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await _web.Client.PostAsync("/api/runs", yaml)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _web.Client.GetAsync("/api/runs/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _web.Client.GetAsync("/api/runs/999999/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _web.Client.GetAsync("/api/runs/999999/report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _web.Client.PostAsync("/api/runs/999999/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _web.Client.GetAsync("/api/runs/abc")).StatusCode);
    }

    [Fact]
    public async Task The_history_lists_runs_newest_first_with_what_was_asked()
    {
        var id = await _web.SaveKorea();
        var first = await _web.RunAndWait(new { scenario = id, draws = 0, models = new[] { "mean" }, seed = 11 });
        var second = await _web.RunAndWait(new { scenario = id, draws = 10, models = new[] { "compromise", "median" }, drivers = false });
        var history = await _web.Client.GetFromJsonAsync<JsonElement>($"/api/runs?scenario={id}");
        var runs = history.EnumerateArray().ToList();
        Assert.Equal(second.GetProperty("id").GetInt64(), runs[0].GetProperty("id").GetInt64());
        Assert.Equal(first.GetProperty("id").GetInt64(), runs[1].GetProperty("id").GetInt64());
        Assert.Equal(["compromise", "median"], runs[0].GetProperty("models").EnumerateArray().Select(m => m.GetString()!));
        Assert.False(runs[0].GetProperty("drivers").GetBoolean());
        Assert.Equal(11UL, runs[1].GetProperty("seed").GetUInt64());
        Assert.Equal("US–North Korea summit diplomacy, late 2018", runs[0].GetProperty("scenario_title").GetString());
        Assert.False(runs[0].TryGetProperty("result", out _));
        // Without drivers the result has none.
        var issue = second.GetProperty("result").GetProperty("issues")[0];
        Assert.Equal(0, issue.GetProperty("models").GetProperty("compromise").GetProperty("drivers").GetArrayLength());
    }

    [Fact]
    public async Task The_report_of_a_run_is_a_self_contained_HTML_download()
    {
        var id = await _web.SaveKorea();
        var run = await _web.RunAndWait(new { scenario = id, draws = 100, seed = 3 });
        var runId = run.GetProperty("id").GetInt64();
        using var response = await _web.Client.GetAsync($"/api/runs/{runId}/report");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"parley-run-{runId}.html", response.Content.Headers.ContentDisposition!.FileName);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains($"Run {runId} of scenario {id}, version 1", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifty_runs_asked_for_at_once_all_complete_and_none_is_answered_5xx()
    {
        var id = await _web.SaveKorea();
        var posts = Enumerable.Range(0, 50).Select(async i =>
        {
            using var response = await _web.Client.PostAsJsonAsync("/api/runs", new { scenario = id, draws = 50, seed = i, models = new[] { "compromise", "scholz2011" }, drivers = i % 5 == 0 });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }).ToList();
        var ids = await Task.WhenAll(posts);
        Assert.Equal(50, ids.Distinct().Count());
        var deadline = DateTime.UtcNow.AddMinutes(3);
        foreach (var runId in ids)
        {
            JsonElement run;
            do
            {
                run = await _web.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}?result=false");
                if (run.GetProperty("status").GetString() is "queued" or "running")
                {
                    Assert.True(DateTime.UtcNow < deadline, $"run {runId} did not end in time");
                    await Task.Delay(100);
                }
            }
            while (run.GetProperty("status").GetString() is "queued" or "running");

            Assert.Equal("succeeded", run.GetProperty("status").GetString());
        }

        // Each run's seed is its own: two runs with different seeds drew differently, as the command line would.
        var a = await _web.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{ids[1]}");
        var b = await _web.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{ids[2]}");
        Assert.Equal(1UL, a.GetProperty("seed").GetUInt64());
        Assert.Equal(2UL, b.GetProperty("seed").GetUInt64());
        Assert.Equal(1UL, a.GetProperty("result").GetProperty("seed").GetUInt64());
    }
}
