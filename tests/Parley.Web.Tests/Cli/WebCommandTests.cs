using System.Net.Http.Json;
using System.Text.Json;
using Parley.Cli.Commands;
using Parley.Web.Tests.Reports;
using Parley.Web.Tests.Support;

namespace Parley.Web.Tests.Cli;

/// <summary>parley serve, history, show and report over the same database and code as the server.</summary>
public sealed class WebCommandTests
{
    [Fact]
    public async Task Serve_prints_its_URL_first_and_history_show_and_report_read_what_it_kept()
    {
        using var folder = new TempFolder();
        var database = folder.File("h.db");
        long runId;
        using (var server = ServerProcess.Start(database))
        {
            Assert.Matches("^http://127\\.0\\.0\\.1:\\d+/$", server.FirstLine);
            Assert.Equal(server.FirstLine, server.Url.ToString());
            var index = await server.Client.GetStringAsync("/");
            Assert.Contains("<title>Parley</title>", index, StringComparison.Ordinal);
            using var saved = await server.Client.PostAsync("/api/scenarios", new StringContent(await File.ReadAllTextAsync(TestPaths.Korea), System.Text.Encoding.UTF8, "application/yaml"));
            var id = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            using var run = await server.Client.PostAsJsonAsync("/api/runs?wait=true", new { scenario = id, draws = 50, seed = 9, models = new[] { "compromise", "bdm" } });
            runId = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            Assert.Empty(server.Error.Trim());
        }

        var history = ParleyCli.Run("history", "--db", database);
        Assert.Equal(0, history.ExitCode);
        Assert.Contains("compromise,bdm", history.Out, StringComparison.Ordinal);
        Assert.Contains("succeeded", history.Out, StringComparison.Ordinal);

        var show = ParleyCli.Run("show", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", database);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains($"Run {runId}: succeeded", show.Out, StringComparison.Ordinal);
        Assert.Contains("seed 9", show.Out, StringComparison.Ordinal);
        Assert.Contains("Sequencing of denuclearization", show.Out, StringComparison.Ordinal);

        var json = ParleyCli.Run("show", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", database, "--format", "json");
        var forecast = ParleyCli.Run("forecast", TestPaths.Korea, "--format", "json", "--draws", "50", "--seed", "9", "-m", "compromise", "-m", "bdm");
        Assert.Equal(forecast.Out, json.Out);

        var report = folder.File("run.html");
        Assert.Equal(0, ParleyCli.Run("report", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", database, "--out", report).ExitCode);
        Assert.Contains($"Run {runId} of scenario", await File.ReadAllTextAsync(report), StringComparison.Ordinal);

        // --advise on a stored run advises on its scenario, draws and seed (two models were run: advise's default model).
        var advised = folder.File("advised.html");
        var adviseRun = ParleyCli.Run("report", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", database, "--out", advised, "--advise", "moon");
        Assert.True(adviseRun.ExitCode == 0, adviseRun.Error);
        var scenario = Formats.ScenarioFiles.Read(TestPaths.Korea).Value!;
        var expected = Core.Advice.AdviceSearch.Run(new Core.Advice.AdviceRequest(scenario, "moon") { Draws = 50, Seed = 9 });
        Assert.Equal(BestMoves(expected), ReportTests.BestMoves(await File.ReadAllTextAsync(advised), "moon"));
        Assert.Equal(2, ParleyCli.Run("report", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", database, "--out", advised, "--advise", "mon").ExitCode);

        Assert.Equal(3, ParleyCli.Run("show", "999", "--db", database).ExitCode);
        Assert.Equal(3, ParleyCli.Run("history", "--db", folder.File("none.db")).ExitCode);
        Assert.False(File.Exists(folder.File("none.db")));
    }

    [Fact]
    public async Task Report_of_a_scenario_runs_it_with_the_forecast_options_and_writes_one_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("k.html");
        var result = ParleyCli.Run("report", TestPaths.Korea, "--draws", "30", "--seed", "4", "-m", "median", "--out", path);
        Assert.Equal(0, result.ExitCode);
        var html = await File.ReadAllTextAsync(path);
        Assert.Contains("seed 4", html, StringComparison.Ordinal);
        Assert.Contains("30 input draws", html, StringComparison.Ordinal);
        Assert.Contains("models: median", html, StringComparison.Ordinal);
        Assert.Equal(2, ParleyCli.Run("report", TestPaths.Korea).ExitCode);
        Assert.Equal(3, ParleyCli.Run("report", folder.File("missing.yaml"), "--out", path).ExitCode);
    }

    [Fact]
    public async Task Serve_on_a_port_in_use_is_a_usage_error_that_says_so()
    {
        using var folder = new TempFolder();
        using var first = ServerProcess.Start(folder.File("a.db"));
        var second = Task.Run(() => ParleyCli.Run("serve", "--port", first.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", folder.File("b.db")));
        Assert.True(await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(60))) == second, "serve on a taken port did not return");
        var result = await second;
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the port is in use", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_refuses_bad_hosts_and_ports_and_warns_when_it_listens_beyond_this_machine()
    {
        Assert.Equal(2, ParleyCli.Run("serve", "--host", "my-laptop", "--db", "unused.db").ExitCode);
        Assert.Equal(2, ParleyCli.Run("serve", "--port", "70000").ExitCode);
        Assert.Null(ServeCommand.Warning(new ServerOptions { Host = "127.0.0.1" }));
        Assert.Null(ServeCommand.Warning(new ServerOptions { Host = "::1" }));
        Assert.Null(ServeCommand.Warning(new ServerOptions { Host = "localhost" }));
        Assert.Contains("no log-in", ServeCommand.Warning(new ServerOptions { Host = "0.0.0.0" }), StringComparison.Ordinal);
        Assert.Contains("other machines can reach", ServeCommand.Warning(new ServerOptions { Host = "192.168.1.20" }), StringComparison.Ordinal);
        Assert.Equal("http://localhost:5117/", new ServerOptions { Host = "0.0.0.0" }.Url(5117));
        Assert.Equal("http://[::1]:80/", new ServerOptions { Host = "::1" }.Url(80));
    }

    private static List<string> BestMoves(Core.Advice.ActorAdvice advice) =>
        [.. advice.Issues.Select(i => i.Best is { } b ? $"{i.IssueId}:{ReportTests.Number(b.Position)}:{ReportTests.Number(b.Salience)}" : $"{i.IssueId}:none")];
}
