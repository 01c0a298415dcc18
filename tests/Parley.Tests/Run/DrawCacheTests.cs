using Parley.Core.Models;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using Parley.Core.Uncertainty;
using Parley.Core.WhatIfs;
using Parley.Formats.Bundled;
using Parley.Formats.Calibration;
using Parley.Formats.Results;

namespace Parley.Tests.Run;

/// <summary>
/// Each input's own random streams, and the cache of draw forecasts that what-if reruns use: a
/// rerun that takes untouched issues from the cache gives the same bytes as a run without it.
/// </summary>
public sealed class DrawCacheTests
{
    private static Scenario Korea() => BundledScenarios.Load("korea-2018").Value!.Scenario;

    private static ScenarioEdit Edit(string text, Scenario scenario) => ScenarioEditParser.Parse(text, scenario).Value!;

    private static ForecastRequest Request(Scenario scenario, DrawCache? cache, int draws = 200) => new(scenario)
    {
        Draws = draws,
        Seed = 11,
        Drivers = false,
        Calibration = ShippedCalibration.Instance,
        Cache = cache,
    };

    private static string Json(ForecastOutcome outcome) => ForecastReportWriter.ToJson(ForecastReport.Create(outcome));

    [Fact]
    public void Editing_one_stance_leaves_every_other_issue_drawn_bit_for_bit_as_before()
    {
        var korea = Korea();
        var edited = ScenarioEditor.Apply(korea, [Edit("kim.sanctions.position=70", korea)]).Value!;
        var (before, after) = (new InputSampler(korea), new InputSampler(edited));
        var sanctions = korea.IndexOfIssue("sanctions");
        var kim = korea.IndexOfActor("kim");
        var changed = 0;
        for (var d = 0; d < 200; d++)
        {
            var (x, y) = (before.Draw(11, d), after.Draw(11, d));
            for (var k = 0; k < korea.Issues.Count; k++)
            {
                if (k != sanctions)
                {
                    Assert.Equal(x.Issue(k).Positions, y.Issue(k).Positions);
                    Assert.Equal(x.Issue(k).Saliences, y.Issue(k).Saliences);
                    Assert.Equal(x.Issue(k).Capabilities, y.Issue(k).Capabilities);
                }
            }

            changed += x.Position(kim, sanctions) != y.Position(kim, sanctions) ? 1 : 0;
            Assert.Equal(x.Salience(kim, sanctions), y.Salience(kim, sanctions));
        }

        Assert.Equal(200, changed);
    }

    [Fact]
    public void An_actor_added_to_a_scenario_leaves_the_other_actors_draws_as_they_were()
    {
        var four = Support.Scenarios.OneIssue(Support.Scenarios.Four, uncertainty: new ScenarioUncertainty(0.08, 0.1, 0.25));
        var five = Support.Scenarios.OneIssue([("z", 5, 50, 0.5), .. Support.Scenarios.Four], uncertainty: new ScenarioUncertainty(0.08, 0.1, 0.25));
        var (small, large) = (new InputSampler(four), new InputSampler(five));
        for (var d = 0; d < 50; d++)
        {
            var (x, y) = (small.Draw(3, d), large.Draw(3, d));
            for (var a = 0; a < 4; a++)
            {
                Assert.Equal(x.Capability(a), y.Capability(a + 1));
                Assert.Equal(x.Position(a, 0), y.Position(a + 1, 0));
                Assert.Equal(x.Salience(a, 0), y.Salience(a + 1, 0));
            }
        }
    }

    [Fact]
    public void A_what_if_rerun_through_the_cache_gives_the_bytes_of_a_run_without_it_and_reruns_only_the_edited_issue()
    {
        var korea = Korea();
        var edited = ScenarioEditor.Apply(korea, [Edit("kim.sanctions.position=70", korea)]).Value!;
        var cache = new DrawCache();
        ForecastRunner.Run(Request(korea, cache));
        var missesAfterBase = cache.Misses;
        var cached = ForecastRunner.Run(Request(edited, cache));
        var plain = ForecastRunner.Run(Request(edited, null));
        Assert.Equal(Json(plain), Json(cached));

        // Every default model is a one-issue model that draws nothing: four of the five issues come from the cache.
        var models = ModelCatalog.Defaults.Count;
        Assert.Equal(4 * models, cache.Hits);
        Assert.Equal(missesAfterBase + models, cache.Misses);

        // And the sanctions forecasts did change, so the test is not comparing a run with itself.
        Assert.NotEqual(
            Json(ForecastRunner.Run(Request(korea, null))),
            Json(plain));
    }

    [Fact]
    public void More_draws_than_are_kept_in_memory_are_keyed_block_by_block_with_the_same_result()
    {
        var korea = Korea();
        var edited = ScenarioEditor.Apply(korea, [Edit("kim.sanctions.position=70", korea)]).Value!;
        var draws = DrawRunner.KeptDraws + 1500;
        ForecastRequest Cheap(Scenario scenario, DrawCache? cache) => Request(scenario, cache, draws) with { Models = [ModelCatalog.Find("mean")!, ModelCatalog.Find("compromise")!] };
        var cache = new DrawCache();
        ForecastRunner.Run(Cheap(korea, cache));
        var cached = ForecastRunner.Run(Cheap(edited, cache));
        Assert.Equal(4 * 2, cache.Hits);
        Assert.Equal(Json(ForecastRunner.Run(Cheap(edited, null))), Json(cached));
    }

    [Fact]
    public void A_capability_edit_touches_every_issue_and_reruns_them_all_giving_the_same_bytes()
    {
        var korea = Korea();
        var edited = ScenarioEditor.Apply(korea, [Edit("trump.capability=50", korea)]).Value!;
        var cache = new DrawCache();
        ForecastRunner.Run(Request(korea, cache));
        var cached = ForecastRunner.Run(Request(edited, cache));
        Assert.Equal(0, cache.Hits);
        Assert.Equal(Json(ForecastRunner.Run(Request(edited, null))), Json(cached));
    }

    [Fact]
    public void A_cache_too_small_for_a_run_stays_within_its_bound_and_still_gives_the_same_bytes()
    {
        var korea = Korea();
        var cache = new DrawCache(maxBytes: 400_000);
        var first = Json(ForecastRunner.Run(Request(korea, cache)));
        var second = Json(ForecastRunner.Run(Request(korea, cache)));
        Assert.Equal(first, second);
        Assert.Equal(Json(ForecastRunner.Run(Request(korea, null))), second);
        Assert.True(cache.Bytes <= cache.MaxBytes, $"{cache.Bytes} bytes in {cache.Entries} entries");
        Assert.InRange(cache.Hits, 1, (5 * ModelCatalog.Defaults.Count) - 1); // some issues were pushed out, some found

        // Forecasts larger than a quarter of the bound are not kept at all.
        var tiny = new DrawCache(maxBytes: 1000);
        Assert.Equal(second, Json(ForecastRunner.Run(Request(korea, tiny))));
        Assert.Equal(0, tiny.Entries);
    }

    [Fact]
    public void The_what_if_runner_reuses_the_base_cases_untouched_issues()
    {
        var korea = Korea();
        var request = Request(korea, null);
        var outcome = WhatIfRunner.Run(request, [Edit("moon.summit.salience=0.2", korea)]);
        var byHand = ForecastRunner.Run(Request(ScenarioEditor.Apply(korea, [Edit("moon.summit.salience=0.2", korea)]).Value!, null));
        Assert.Equal(Json(byHand), Json(outcome.Cases[0].Outcome));
    }
}
