using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Web.Tests.Support;

namespace Parley.Web.Tests.Browser;

/// <summary>
/// The dashboard in a real browser against a real server: what an analyst does, step by step.
/// Few and long on purpose: a browser start costs more than a step.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private ParleyWebFactory _web = null!;
    private Support.Browser _browser = null!;
    private readonly List<string> _consoleErrors = [];

    public async Task InitializeAsync()
    {
        _web = new ParleyWebFactory();
        _browser = await Support.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _web.Dispose();
    }

    private async Task<IPage> Open(string hash)
    {
        var page = await _browser.NewPageAsync(_web.BaseAddress);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _consoleErrors.Add(error);
        await page.GotoAsync("/" + hash);
        return page;
    }

    [Fact]
    public async Task An_analyst_writes_a_scenario_sees_an_error_in_place_runs_it_moves_a_what_if_finds_it_in_the_history_and_downloads_the_report()
    {
        var page = await Open("#/");
        await page.ClickAsync("#new-scenario");
        await page.FillAsync("#title", "Browser test scenario");

        // An impossible position: the validator's message appears in the cell itself.
        var cell = page.Locator("td.cell[data-actor='actor1'][data-issue='issue1']");
        await cell.Locator("input.position").FillAsync("150");
        var diag = cell.Locator(".diag.error");
        await Assertions.Expect(diag).ToContainTextAsync("Position 150 lies outside the scale of issue 'issue1' (0 to 100).");
        await Assertions.Expect(page.Locator("#diagnostics")).ToContainTextAsync("scenario.json:");
        await cell.Locator("input.position").FillAsync("30");
        await Assertions.Expect(diag).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#diagnostics")).ToContainTextAsync("Valid: no problems.");

        // A sentence of the source becomes the rationale of the selected number.
        await page.FillAsync("#source-text", "The first actor wants little. The second actor wants much more than that.");
        await page.EvalOnSelectorAsync("#source-text", "t => t.setSelectionRange(0, 29)");
        await cell.Locator("input.position").FocusAsync();
        await page.ClickAsync("#attach-sentence");
        await Assertions.Expect(page.Locator("#rationale")).ToHaveValueAsync("“The first actor wants little.”");

        // Run it: the progress bar fills, then the run's page draws the forecast chart.
        await page.FillAsync("#draws", "200");
        await page.ClickAsync("#run");
        await page.WaitForURLAsync(new Regex("#/runs/\\d+$"), new() { Timeout = 60_000 });
        var runId = long.Parse(new Regex("#/runs/(\\d+)$").Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var chart = page.Locator("#forecast-chart[data-drawn='true']");
        await Assertions.Expect(chart).ToHaveCountAsync(1);
        var forecasts = await chart.GetAttributeAsync("data-forecasts");
        Assert.Contains("\"compromise\":", forecasts, StringComparison.Ordinal);
        Assert.True(await page.EvalOnSelectorAsync<bool>("#forecast-chart", "c => c.chart && c.chart.data.datasets.length >= 4 && c.width > 0"));
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("First issue");

        // A what-if slider reruns the models and redraws: the compromise moves toward the new position.
        var whatif = page.Locator("td.whatif-forecast[data-model='compromise']");
        await Assertions.Expect(whatif).ToHaveTextAsync("—");
        await page.Locator("input.slider[data-edit='actor1.issue1.position']").FillAsync("90");
        await Assertions.Expect(whatif).Not.ToHaveTextAsync("—", new() { Timeout = 30_000 });
        // Compromise = Σ c s x / Σ c s: 10·0.5·x + 10·0.5·80 over 10 → (x + 80) / 2; 55 at x = 30, 85 at x = 90.
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("55");
        await Assertions.Expect(whatif).ToHaveTextAsync("85.0");
        await Assertions.Expect(page.Locator("#forecast-chart")).ToHaveAttributeAsync("data-whatif", new Regex("\"compromise\":85"));

        // Reload the history: the run is there.
        await page.GotoAsync("/#/history");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator($"#history tr[data-run='{runId}']")).ToContainTextAsync("Browser test scenario");

        // Open it again and download its report.
        await page.ClickAsync($"#history tr[data-run='{runId}'] a[href='#/runs/{runId}']");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-report"));
        Assert.Equal($"parley-run-{runId}.html", download.SuggestedFilename);
        using var folder = new TempFolder();
        var file = folder.File("report.html");
        await download.SaveAsAsync(file);
        var html = await File.ReadAllTextAsync(file);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Browser test scenario", html, StringComparison.Ordinal);
        Assert.Contains("“The first actor wants little.”", html, StringComparison.Ordinal);

        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task The_Korea_example_runs_and_its_dashboard_is_photographed_for_the_docs()
    {
        var page = await Open("#/");
        await page.ClickAsync("button[data-example='korea-2018']");
        await page.WaitForURLAsync(new Regex("#/scenarios/\\d+$"));
        await Assertions.Expect(page.Locator("#diagnostics")).ToContainTextAsync("Valid: no problems.");
        await page.FillAsync("#draws", "500");
        await page.ClickAsync("#run");
        await page.WaitForURLAsync(new Regex("#/runs/\\d+$"), new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#forecast-chart[data-drawn='true']")).ToHaveCountAsync(1);
        await page.ClickAsync("#issue-tabs button[data-issue='sanctions']");
        await page.SelectOptionAsync("#model-select", "scholz2011");
        await Assertions.Expect(page.Locator("#path-chart[data-drawn='true']")).ToHaveCountAsync(1);
        // Why each actor moved: the offers scholz2011 recorded as taken, with who made them.
        await Assertions.Expect(page.Locator("#moves tbody tr").First).ToContainTextAsync("offer from");
        // Why each actor moved, from the core's explanation (POST /api/explain) of scholz2011 on sanctions.
        await Assertions.Expect(page.Locator("#explain #coalitions")).ToContainTextAsync("Coalitions at the end");

        // The advice for a chosen actor: pick it, ask, and the core's best move appears.
        await page.SelectOptionAsync("#advice-actor", "moon");
        await Assertions.Expect(page.Locator("#advice-issue")).ToHaveValueAsync("sanctions");
        await page.FillAsync("#advice-draws", "20");
        await page.ClickAsync("#advise");
        var best = page.Locator("#advice-result p.best-move[data-issue='sanctions']");
        await Assertions.Expect(best).ToContainTextAsync("Best move:", new() { Timeout = 60_000 });
        var runId = long.Parse(new Regex("#/runs/(\\d+)$").Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var seed = (await _web.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/runs/{runId}?result=false")).GetProperty("seed").GetUInt64();
        var korea = Formats.ScenarioFiles.Read(TestPaths.Korea).Value!;
        var advice = Core.Advice.AdviceSearch.Run(new Core.Advice.AdviceRequest(korea, "moon") { IssueId = "sanctions", Draws = 20, Seed = seed }).Issues.Single().Best!;
        Assert.Equal(advice.Position, double.Parse((await best.GetAttributeAsync("data-position"))!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(advice.Salience, double.Parse((await best.GetAttributeAsync("data-salience"))!, System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#advice-result table.persuade tbody tr").First).ToBeVisibleAsync();

        // The advice, made on the run's own inputs, goes into the report download.
        await Assertions.Expect(page.Locator("#download-report")).ToContainTextAsync("with advice for");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-report"));
        using (var reportFolder = new TempFolder())
        {
            var file = reportFolder.File("report.html");
            await download.SaveAsAsync(file);
            var html = await File.ReadAllTextAsync(file);
            Assert.Contains("<section class=\"advice\" id=\"advice-moon\">", html, StringComparison.Ordinal);
        }

        await page.Locator("input.slider[data-edit='china.sanctions.salience']").FillAsync("0.2");
        await Assertions.Expect(page.Locator("td.whatif-forecast[data-model='best']")).Not.ToHaveTextAsync("—", new() { Timeout = 30_000 });

        // PARLEY_SCREENSHOT names the file to write (scripts/dashboard-screenshot.sh sets it to docs/dashboard.png).
        using var folder = new TempFolder();
        var target = Environment.GetEnvironmentVariable("PARLEY_SCREENSHOT") is { Length: > 0 } path ? path : folder.File("dashboard.png");
        await page.SetViewportSizeAsync(1400, 1250);
        await page.EvaluateAsync("() => { document.querySelector('#issue-tabs').scrollIntoView(); window.scrollBy(0, -70); }");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = target, FullPage = false });
        var png = await File.ReadAllBytesAsync(target);
        Assert.True(png.Length > 20_000, $"the screenshot is only {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Empty(_consoleErrors);
    }
}
