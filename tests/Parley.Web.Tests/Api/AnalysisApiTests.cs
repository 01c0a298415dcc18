using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Advice;
using Parley.Formats;
using Parley.Formats.Results;
using Parley.Web.Tests.Support;

namespace Parley.Web.Tests.Api;

/// <summary>/api/advice and /api/explain: the same JSON as parley advise and parley explain for the same inputs, and 4xx in the command line's words for bad ones.</summary>
public sealed class AnalysisApiTests : IClassFixture<AnalysisApiTests.Server>
{
    private readonly Server _server;

    public AnalysisApiTests(Server server) => _server = server;

    public sealed class Server : IDisposable
    {
        private readonly Lazy<Task<long>> _korea;

        public Server() => _korea = new(() => Web.SaveKorea());

        public ParleyWebFactory Web { get; } = new();

        /// <summary>The Korea scenario, saved once.</summary>
        public Task<long> Korea => _korea.Value;

        public void Dispose() => Web.Dispose();
    }

    private ParleyWebFactory Web => _server.Web;

    [Fact]
    public async Task Advice_is_the_JSON_of_parley_advise_and_its_best_move_is_the_core_search_s()
    {
        var id = await _server.Korea;
        var job = await AdviseAndWait(new { scenario = id, actor = "moon", issue = "sanctions", draws = 40, seed = 3 });
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var asked = job.GetProperty("asked");
        Assert.Equal("scholz2011", asked.GetProperty("model").GetString());
        Assert.Equal(40, asked.GetProperty("draws").GetInt32());
        Assert.Equal(3UL, asked.GetProperty("seed").GetUInt64());
        Assert.Equal(1.0, job.GetProperty("progress").GetProperty("fraction").GetDouble());
        var actual = JsonNode.Parse(job.GetProperty("result").GetRawText())!;

        var cli = Cli("advise", TestPaths.Korea, "--actor", "moon", "--issue", "sanctions", "--draws", "40", "--seed", "3");
        Assert.True(JsonNode.DeepEquals(cli, actual), "the API's advice differs from parley advise --format json");

        // The core's search run directly on the file gives the same report.
        var scenario = ScenarioFiles.Read(TestPaths.Korea).Value!;
        var direct = AdviceReport.Create(AdviceSearch.Run(new AdviceRequest(scenario, "moon") { IssueId = "sanctions", Draws = 40, Seed = 3 }), scenario.Title);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(AdviceReportWriter.ToJson(direct)), actual), "the API's advice differs from AdviceSearch.Run");
        var best = direct.Issues.Single().Best!;
        Assert.Equal(best.Position, actual["issues"]![0]!["best"]!["position"]!.GetValue<double>());
        Assert.NotEmpty(actual["issues"]![0]!["persuade"]!.AsArray());
    }

    [Fact]
    public async Task Advice_runs_in_the_background_with_progress_and_a_what_if_advises_on_the_edited_scenario()
    {
        var id = await _server.Korea;
        using var created = await Web.Client.PostAsJsonAsync("/api/advice", new { scenario = id, actor = "china", issue = "sanctions", draws = 20, seed = 5, whatif = new[] { "china.sanctions.salience=0.3" } });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var job = await created.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = job.GetProperty("id").GetInt64();
        Assert.Equal($"/api/advice/{jobId}", created.Headers.Location!.OriginalString);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (job.GetProperty("status").GetString() is "queued" or "running")
        {
            Assert.True(DateTime.UtcNow < deadline);
            await Task.Delay(100);
            job = await Web.Client.GetFromJsonAsync<JsonElement>($"/api/advice/{jobId}");
        }

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var issue = job.GetProperty("result").GetProperty("issues")[0];
        // The what-if's salience is the one advised from.
        Assert.Equal(0.3, issue.GetProperty("salience").GetDouble());
        var cli = Cli("advise", TestPaths.Korea, "--actor", "china", "--issue", "sanctions", "--draws", "20", "--seed", "5");
        Assert.NotEqual(0.3, cli["issues"]![0]!["salience"]!.GetValue<double>());

        // Ended: cancel is a conflict; an unknown search is 404.
        using var cancel = await Web.Client.PostAsync($"/api/advice/{jobId}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        using var missing = await Web.Client.GetAsync("/api/advice/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task<JsonElement> Advise(object request)
    {
        using var created = await Web.Client.PostAsJsonAsync("/api/advice", request);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var job = await created.Content.ReadFromJsonAsync<JsonElement>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (job.GetProperty("status").GetString() is "queued" or "running")
        {
            Assert.True(DateTime.UtcNow < deadline);
            await Task.Delay(100);
            job = await Web.Client.GetFromJsonAsync<JsonElement>($"/api/advice/{job.GetProperty("id").GetInt64()}");
        }

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        return job;
    }

    [Fact]
    public async Task A_runs_report_takes_the_advice_searched_on_its_own_inputs_and_refuses_other_advice()
    {
        var id = await _server.Korea;
        var run = await Web.RunAndWait(new { scenario = id, draws = 20, seed = 5, models = new[] { "compromise", "scholz2011" }, drivers = false });
        var runId = run.GetProperty("id").GetInt64();
        var own = await Advise(new { scenario = id, actor = "china", issue = "sanctions", draws = 20, seed = 5 });
        var other = await Advise(new { scenario = id, actor = "china", issue = "sanctions", draws = 20, seed = 5, whatif = new[] { "china.sanctions.salience=0.3" } });

        var plain = await Web.Client.GetStringAsync($"/api/runs/{runId}/report");
        Assert.DoesNotContain("id=\"advice-china\"", plain, StringComparison.Ordinal);
        var withAdvice = await Web.Client.GetStringAsync($"/api/runs/{runId}/report?advice={own.GetProperty("id").GetInt64()}");
        Assert.Contains("<section class=\"advice\" id=\"advice-china\">", withAdvice, StringComparison.Ordinal);
        var best = own.GetProperty("result").GetProperty("issues")[0].GetProperty("best").GetProperty("position").GetDouble();
        var shown = new System.Text.RegularExpressions.Regex("<p class=\"best\" data-issue=\"sanctions\" data-position=\"([^\"]+)\"").Match(withAdvice);
        Assert.True(shown.Success);
        Assert.Equal(best, double.Parse(shown.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 5);

        using var underWhatIf = await Web.Client.GetAsync($"/api/runs/{runId}/report?advice={other.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.Conflict, underWhatIf.StatusCode);
        Assert.Contains("china.sanctions.salience=0.3", await underWhatIf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var notANumber = await Web.Client.GetAsync($"/api/runs/{runId}/report?advice=first");
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        using var unknown = await Web.Client.GetAsync($"/api/runs/{runId}/report?advice=999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("""{ "actor": "mon" }""", "Unknown actor 'mon'. Did you mean 'moon'?", "mon")]
    [InlineData("""{ "actor": "moon", "issue": "sanction" }""", "Unknown issue 'sanction'. Did you mean 'sanctions'?", null)]
    [InlineData("""{ }""", "Advice needs the actor to advise ('actor').", null)]
    [InlineData("""{ "actor": "moon", "model": "scholz" }""", "Unknown model 'scholz'.", null)]
    [InlineData("""{ "actor": "moon", "draws": 100000000 }""", "Cannot make 100000000 input draws here.", null)]
    [InlineData("""{ "actor": "moon", "whatif": ["moon.sanctions.position=500"] }""", "500", null)]
    public async Task Bad_advice_requests_are_422_with_the_located_message_parley_advise_gives(string fields, string message, string? actor)
    {
        var id = await _server.Korea;
        var body = JsonNode.Parse(fields)!.AsObject();
        body["scenario"] = id;
        using var response = await Web.Client.PostAsync("/api/advice", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var diagnostics = problem.GetProperty("diagnostics").EnumerateArray().ToList();
        var hit = Assert.Single(diagnostics, d => d.GetProperty("message").GetString()!.Contains(message, StringComparison.Ordinal));
        if (actor is not null)
        {
            Assert.Equal(actor, hit.GetProperty("actor").GetString());
            // The command line says the same words.
            var cli = ParleyCli.Run("advise", TestPaths.Korea, "--actor", actor);
            Assert.Equal(2, cli.ExitCode);
            Assert.Contains(hit.GetProperty("message").GetString()!, cli.Error, StringComparison.Ordinal);
            Assert.Contains(hit.GetProperty("expected").GetString()!, cli.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Advice_for_an_unknown_scenario_is_404_and_a_body_that_is_not_a_request_is_400()
    {
        using var unknown = await Web.Client.PostAsJsonAsync("/api/advice", new { scenario = 987654, actor = "moon" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var garbage = await Web.Client.PostAsync("/api/advice", new StringContent("{ \"scenario\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        using var typo = await Web.Client.PostAsync("/api/advice", new StringContent("{ \"scenario\": 1, \"actr\": \"moon\" }", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("Did you mean 'actor'?", await typo.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scholz2011")]
    [InlineData("bdm")]
    public async Task An_explanation_is_the_JSON_of_parley_explain(string model)
    {
        var id = await _server.Korea;
        using var response = await Web.Client.PostAsJsonAsync("/api/explain", new { scenario = id, issue = "sanctions", model });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var cli = Cli("explain", TestPaths.Korea, "--issue", "sanctions", "--model", model);
        Assert.True(JsonNode.DeepEquals(cli, JsonNode.Parse(text)), $"the API's explanation differs from parley explain --model {model} --format json");
        Assert.NotEmpty(cli["rounds"]!.AsArray());
    }

    [Fact]
    public async Task An_explanation_of_a_what_if_is_parley_explain_with_the_same_edit()
    {
        var id = await _server.Korea;
        using var response = await Web.Client.PostAsJsonAsync("/api/explain", new { scenario = id, issue = "sanctions", whatif = new[] { "china.sanctions.salience=0.2" } });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var cli = Cli("explain", TestPaths.Korea, "--issue", "sanctions", "--set", "china.sanctions.salience=0.2");
        Assert.True(JsonNode.DeepEquals(cli, JsonNode.Parse(text)), "the API's what-if explanation differs from parley explain --set");
        var plain = Cli("explain", TestPaths.Korea, "--issue", "sanctions");
        Assert.False(JsonNode.DeepEquals(plain["rounds"], JsonNode.Parse(text)!["rounds"]), "the edit changed nothing");
    }

    [Theory]
    [InlineData("""{ "issue": "sanction" }""", "Unknown issue 'sanction'. Did you mean 'sanctions'?")]
    [InlineData("""{ }""", "issue")]
    [InlineData("""{ "issue": "sanctions", "model": "bdn" }""", "Unknown model 'bdn'. Did you mean 'bdm'?")]
    [InlineData("""{ "issue": "sanctions", "model": "compromise" }""", "")]
    public async Task Bad_explain_requests_are_422_with_the_message_parley_explain_gives(string fields, string message)
    {
        var id = await _server.Korea;
        var body = JsonNode.Parse(fields)!.AsObject();
        body["scenario"] = id;
        using var response = await Web.Client.PostAsync("/api/explain", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var diagnostics = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("message").GetString()!).ToList();
        Assert.Contains(diagnostics, d => d.Contains(message, StringComparison.Ordinal));
    }

    private static JsonNode Cli(params string[] args)
    {
        using var folder = new TempFolder();
        var output = folder.File("out.json");
        var cli = ParleyCli.Run([.. args, "--format", "json", "--out", output]);
        Assert.True(cli.ExitCode == 0, cli.Error);
        return JsonNode.Parse(File.ReadAllText(output))!;
    }

    private async Task<JsonElement> AdviseAndWait(object request)
    {
        using var response = await Web.Client.PostAsJsonAsync("/api/advice?wait=true", request, ParleyWebFactory.Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var job = JsonDocument.Parse(text).RootElement.Clone();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (job.GetProperty("status").GetString() is "queued" or "running")
        {
            Assert.True(DateTime.UtcNow < deadline, "the advice did not end within two minutes");
            await Task.Delay(200);
            job = await Web.Client.GetFromJsonAsync<JsonElement>($"/api/advice/{job.GetProperty("id").GetInt64()}");
        }

        return job;
    }
}
