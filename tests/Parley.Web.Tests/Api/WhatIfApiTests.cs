using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Web.Tests.Support;

namespace Parley.Web.Tests.Api;

/// <summary>What-if edits in a run request: applied by the core's editor, equal to a hand edit of the scenario, and refused with located reasons when wrong.</summary>
public sealed class WhatIfApiTests : IClassFixture<WhatIfApiTests.Server>
{
    private readonly ParleyWebFactory _web;

    public WhatIfApiTests(Server server) => _web = server.Web;

    public sealed class Server : IDisposable
    {
        public ParleyWebFactory Web { get; } = new();

        public void Dispose() => Web.Dispose();
    }

    private const string Base = """
        title: What-if test
        issues:
          - { id: a, name: Issue A }
          - { id: b, name: Issue B }
        actors:
          - { id: x, name: X, capability: 10, stances: { a: { position: 20, salience: 0.5 }, b: { position: 70, salience: 0.4 } } }
          - { id: y, name: Y, capability: 5, stances: { a: { position: 80, salience: 0.9 }, b: { position: 10, salience: 0.6 } } }
          - { id: z, name: Z, capability: 8, stances: { a: { position: 55, salience: 0.7 }, b: { position: 40, salience: 0.3 } } }
        """;

    private async Task<long> Save(string yaml)
    {
        using var response = await _web.PostScenario(yaml);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Theory]
    [InlineData("x.a.position=35", "x, name: X, capability: 10, stances: { a: { position: 20,", "x, name: X, capability: 10, stances: { a: { position: 35,")]
    [InlineData("y.b.salience=0.2", "b: { position: 10, salience: 0.6 }", "b: { position: 10, salience: 0.2 }")]
    [InlineData("z.capability*=2", "z, name: Z, capability: 8,", "z, name: Z, capability: 16,")]
    public async Task A_what_if_run_equals_a_run_of_the_scenario_edited_by_hand(string edit, string before, string after)
    {
        var id = await Save(Base);
        var edited = await Save(Base.Replace(before, after, StringComparison.Ordinal));
        var models = new[] { "compromise", "scholz2011", "median-voter" };
        var whatif = await _web.RunAndWait(new { scenario = id, draws = 30, seed = 2, models, whatif = new[] { edit } });
        var byHand = await _web.RunAndWait(new { scenario = edited, draws = 30, seed = 2, models });
        Assert.Equal("succeeded", whatif.GetProperty("status").GetString());
        Assert.Equal([edit], whatif.GetProperty("whatif").EnumerateArray().Select(e => e.GetString()!));
        var a = JsonNode.Parse(whatif.GetProperty("result").GetRawText())!;
        var b = JsonNode.Parse(byHand.GetProperty("result").GetRawText())!;
        Assert.True(JsonNode.DeepEquals(a["issues"], b["issues"]), $"{edit}: the what-if's forecasts differ from the hand-edited scenario's");
        var plain = await _web.RunAndWait(new { scenario = id, draws = 30, seed = 2, models });
        Assert.False(JsonNode.DeepEquals(a["issues"], JsonNode.Parse(plain.GetProperty("result").GetRawText())!["issues"]), $"{edit} changed nothing");
    }

    [Fact]
    public async Task Dropping_an_actor_runs_without_it()
    {
        var id = await Save(Base);
        var run = await _web.RunAndWait(new { scenario = id, draws = 0, models = new[] { "compromise" }, whatif = new[] { "drop z" } });
        var forecast = run.GetProperty("result").GetProperty("issues")[0].GetProperty("models").GetProperty("compromise").GetProperty("forecast").GetDouble();
        // Σ c s x / Σ c s without z: (10·0.5·20 + 5·0.9·80) / (10·0.5 + 5·0.9).
        Assert.Equal(((10 * 0.5 * 20) + (5 * 0.9 * 80)) / ((10 * 0.5) + (5 * 0.9)), forecast, 9);
    }

    [Fact]
    public async Task Wrong_edits_are_422_with_the_edit_named_and_a_did_you_mean()
    {
        var id = await Save(Base);
        using var response = await _web.Client.PostAsJsonAsync("/api/runs", new { scenario = id, whatif = new[] { "x.a.position=35", "chian.a.position=3", "x.a.position=500", "x.a.salince=0.2", "x.a.position=1@two" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var diagnostics = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray().ToList();
        var files = diagnostics.Select(d => d.GetProperty("file").GetString()).ToList();
        Assert.Contains("whatif[1]", files);
        Assert.Contains("whatif[3]", files);
        Assert.Contains("whatif[4]", files);
        Assert.DoesNotContain("whatif[0]", files);
        Assert.Contains(diagnostics, d => d.GetProperty("message").GetString()!.Contains("Did you mean 'salience'?", StringComparison.Ordinal) && d.GetProperty("file").GetString() == "whatif[3]");
    }

    [Fact]
    public async Task A_timed_edit_strikes_after_its_round_in_the_iterative_models_and_a_static_model_forecasts_the_edited_input()
    {
        var id = await Save(Base);
        var models = new[] { "compromise", "scholz2011" };
        double Forecast(JsonElement run, string model) =>
            run.GetProperty("result").GetProperty("issues")[0].GetProperty("models").GetProperty(model).GetProperty("forecast").GetDouble();
        var timed = await _web.RunAndWait(new { scenario = id, draws = 0, models, whatif = new[] { "x.a.position=35@2" } });
        var immediate = await _web.RunAndWait(new { scenario = id, draws = 0, models, whatif = new[] { "x.a.position=35" } });
        var none = await _web.RunAndWait(new { scenario = id, draws = 0, models });
        Assert.Equal("succeeded", timed.GetProperty("status").GetString());

        // compromise: Σ c s x / Σ c s with x at 35 on issue a, whenever the edit strikes.
        var expected = ((10 * 0.5 * 35) + (5 * 0.9 * 80) + (8 * 0.7 * 55)) / ((10 * 0.5) + (5 * 0.9) + (8 * 0.7));
        Assert.Equal(expected, Forecast(timed, "compromise"), 9);
        Assert.Equal(expected, Forecast(immediate, "compromise"), 9);

        // scholz2011 plays two rounds before the edit: not the run without it, nor the run edited from the start.
        Assert.NotEqual(Forecast(none, "scholz2011"), Forecast(timed, "scholz2011"), 6);
        Assert.NotEqual(Forecast(immediate, "scholz2011"), Forecast(timed, "scholz2011"), 6);
    }

    [Fact]
    public async Task Advice_refuses_a_timed_edit_naming_it()
    {
        var id = await Save(Base);
        using var response = await _web.Client.PostAsJsonAsync("/api/advice", new { scenario = id, actor = "x", draws = 10, whatif = new[] { "y.a.position=30@2" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var diagnostics = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Contains(diagnostics, d => d.GetProperty("file").GetString() == "whatif[0]" && d.GetProperty("message").GetString()!.Contains("after round 2", StringComparison.Ordinal));
    }
}
