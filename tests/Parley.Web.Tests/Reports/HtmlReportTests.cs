using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Parley.Core.Run;
using Parley.Formats;
using Parley.Formats.Calibration;
using Parley.Formats.Results;
using Parley.Reports;
using Parley.Web.Tests.Support;

namespace Parley.Web.Tests.Reports;

/// <summary>The HTML report: self-contained, deterministic, well-formed charts, and everything the run says.</summary>
public sealed class HtmlReportTests
{
    private static readonly Lazy<(ReportContent Content, string Html)> s_korea = new(() =>
    {
        var scenario = ScenarioFiles.Read(TestPaths.Korea).Value!;
        var outcome = ForecastRunner.Run(new ForecastRequest(scenario) { Draws = 200, Seed = 5, Calibration = ShippedCalibration.Instance });
        var content = new ReportContent(scenario, ForecastReport.Create(outcome)) { Origin = "Run 7 of scenario 2, version 3", WhatIf = ["kim.sanctions.position=80"] };
        return (content, HtmlReport.Render(content));
    });

    [Fact]
    public void The_same_run_gives_the_same_bytes_also_after_a_round_trip_through_its_stored_JSON()
    {
        var (content, html) = s_korea.Value;
        Assert.Equal(html, HtmlReport.Render(content));
        var stored = ReportJson.Read(ForecastReportWriter.ToJson(content.Result));
        Assert.NotNull(stored);
        Assert.Equal(html, HtmlReport.Render(content with { Result = stored }));
    }

    [Fact]
    public void The_report_makes_no_external_request_and_every_chart_is_well_formed_SVG()
    {
        var html = s_korea.Value.Html;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["http://www.w3.org/2000/svg"], Regex.Matches(html, "https?://[^\"'<> ]+").Select(m => m.Value).Distinct());
        var charts = Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        // Per issue: forecasts, distribution, drivers, and a path per model that ran more than one round (scholz2011, bdm, bdm+veto).
        var paths = s_korea.Value.Content.Result.Issues.Sum(i => i.Models.Values.Count(m => m.Rounds.Count > 1));
        Assert.Equal(5 * 3, paths);
        Assert.Equal((5 * 3) + paths, charts.Count);
        foreach (var svg in charts)
        {
            var root = XDocument.Parse(svg).Root!;
            Assert.Equal("svg", root.Name.LocalName);
            Assert.False(string.IsNullOrEmpty(root.Attribute("aria-label")?.Value));
        }

        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_forecast_reads_in_words_with_its_interval_and_every_rationale_is_there()
    {
        var (content, html) = s_korea.Value;
        foreach (var issue in content.Result.Issues)
        {
            Assert.Contains(Escape(issue.Name), html, StringComparison.Ordinal);
            foreach (var (model, r) in issue.Models)
            {
                Assert.Contains(Escape(r.Reading), html, StringComparison.Ordinal);
                var i80 = r.Interval!["80"];
                Assert.Contains($"{i80[0].ToString("0.0", CultureInfo.InvariantCulture)}–{i80[1].ToString("0.0", CultureInfo.InvariantCulture)}", html, StringComparison.Ordinal);
            }
        }

        foreach (var stance in content.Scenario.Stances.Where(s => s.Rationale is not null))
        {
            Assert.Contains(Escape(stance.Rationale!), html, StringComparison.Ordinal);
        }

        Assert.Contains("seed 5", html, StringComparison.Ordinal);
        Assert.Contains($"Parley {Core.ParleyVersion.Current}", html, StringComparison.Ordinal);
        Assert.Contains("Run 7 of scenario 2, version 3", html, StringComparison.Ordinal);
        Assert.Contains("<code>kim.sanctions.position=80</code>", html, StringComparison.Ordinal);
        foreach (var note in content.Result.Notes)
        {
            Assert.Contains(Escape(note.Message), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_forecast_sits_on_the_chart_where_its_scale_puts_it()
    {
        var (content, html) = s_korea.Value;
        var issue = content.Result.Issues[0];
        var chart = Regex.Match(html, "<svg [^>]*aria-label=\"Forecast and intervals for " + Regex.Escape(Escape(issue.Name)) + ".*?</svg>", RegexOptions.Singleline).Value;
        // The scale (0–100) spans x = 140 to 700 (label column 130 + 10, right margin 20 of 720).
        foreach (var (model, r) in issue.Models)
        {
            var x = 140 + ((r.Forecast - issue.Minimum) / (issue.Maximum - issue.Minimum) * 560);
            Assert.Contains($"<circle cx=\"{Math.Round(x, 2).ToString("0.##", CultureInfo.InvariantCulture)}\"", chart, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Text_from_the_scenario_is_escaped()
    {
        var yaml = """
            title: "<script>alert(1)</script> & co"
            issues:
              - { id: a, name: "A <b>bold</b>" }
            actors:
              - { id: x, name: "X \"quoted\"", capability: 1, stances: { a: { position: 10, salience: 0.5, rationale: "<img src=x onerror=alert(1)>" } } }
              - { id: y, name: Y, capability: 1, stances: { a: { position: 90, salience: 0.5 } } }
            """;
        var scenario = ScenarioFiles.Parse(System.Text.Encoding.UTF8.GetBytes(yaml), "x.yaml").Value!;
        var outcome = ForecastRunner.Run(new ForecastRequest(scenario) { Draws = 0 });
        var html = HtmlReport.Render(new ReportContent(scenario, ForecastReport.Create(outcome)));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Point forecasts only", html, StringComparison.Ordinal);
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
}
