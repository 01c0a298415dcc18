using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Core.Advice;
using Parley.Formats;
using Parley.Web.Tests.Support;

namespace Parley.Web.Tests.Reports;

/// <summary><c>parley report --advise</c>: the report holds each named actor's advice, the core's own.</summary>
public sealed class ReportTests
{
    [Fact]
    public async Task Report_advise_adds_a_section_per_actor_whose_best_moves_are_the_core_advice()
    {
        using var folder = new TempFolder();
        var path = folder.File("k.html");
        var result = ParleyCli.Run("report", TestPaths.Korea, "--draws", "30", "--seed", "4", "--advise", "moon,kim", "--out", path);
        Assert.True(result.ExitCode == 0, result.Error);
        var html = await File.ReadAllTextAsync(path);
        var scenario = ScenarioFiles.Read(TestPaths.Korea).Value!;
        foreach (var actor in new[] { "moon", "kim" })
        {
            var advice = AdviceSearch.Run(new AdviceRequest(scenario, actor) { Draws = 30, Seed = 4 });
            Assert.Contains($"<h2>Advice for {Escape(advice.ActorName)}</h2>", html, StringComparison.Ordinal);
            var expected = advice.Issues.Select(i => i.Best is { } b ? $"{i.IssueId}:{Number(b.Position)}:{Number(b.Salience)}" : $"{i.IssueId}:none").ToList();
            Assert.Equal(expected, BestMoves(html, actor));
            Assert.Contains(advice.Issues, i => i.Best is not null);
            // Whom to persuade: the most helpful actor's name is in the section.
            var top = advice.Issues.SelectMany(i => i.Persuade).Where(p => p.Gain > 0).OrderByDescending(p => p.Gain).First();
            Assert.Contains(Escape(scenario.Actors.Single(a => a.Id == top.ActorId).Name), Section(html, actor), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(html.IndexOf("id=\"advice-moon\"", StringComparison.Ordinal) < html.IndexOf("id=\"advice-kim\"", StringComparison.Ordinal), "the sections are not in the order asked");
    }

    [Fact]
    public void Report_advise_with_an_unknown_actor_is_a_usage_error_with_a_did_you_mean_before_any_forecast_runs()
    {
        using var folder = new TempFolder();
        var path = folder.File("k.html");
        var result = ParleyCli.Run("report", TestPaths.Korea, "--draws", "30", "--advise", "moon,chna", "--out", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown actor 'chna'. Did you mean 'china'?", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    /// <summary>Per issue of <paramref name="actor"/>'s advice section, "issue:position:salience" of the best move (or "issue:none").</summary>
    internal static List<string> BestMoves(string html, string actor) =>
        [.. Regex.Matches(Section(html, actor), "<p class=\"best\" data-issue=\"([^\"]+)\"(?: data-position=\"([^\"]+)\" data-salience=\"([^\"]+)\")?")
            .Select(m => m.Groups[2].Success ? $"{m.Groups[1].Value}:{m.Groups[2].Value}:{m.Groups[3].Value}" : $"{m.Groups[1].Value}:none")];

    /// <summary>A number as the report's data attributes write it: up to six decimals.</summary>
    internal static string Number(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);

    private static string Section(string html, string actor)
    {
        var start = html.IndexOf($"<section class=\"advice\" id=\"advice-{actor}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no advice section for {actor}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
}
