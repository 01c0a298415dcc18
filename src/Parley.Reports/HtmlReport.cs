using System.Text;
using Parley.Core.Scenarios;
using Parley.Formats.Results;
using Parley.Reports.Html;
using Parley.Reports.Svg;

namespace Parley.Reports;

/// <summary>
/// A run as one self-contained HTML file: inline CSS and inline SVG charts, no script and no
/// external request, so that it opens offline and prints. It holds each forecast in words with
/// its interval, a chart of forecasts and intervals per issue and model, the distribution over the
/// draws, the drivers, the paths of the iterative models, the scenario with every rationale, the
/// notes and flags, the seed and the version. The same content gives the same bytes.
/// </summary>
public static class HtmlReport
{
    /// <summary>The model whose distribution and drivers are shown when it ran: Parley's default choice.</summary>
    public const string HeadlineModel = "best";

    /// <summary>The report of <paramref name="content"/>.</summary>
    public static string Render(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var result = content.Result;
        var scenario = content.Scenario;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"Parley ").Append(HtmlText.Attribute(result.ParleyVersion)).Append("\">\n")
            .Append("<title>").Append(HtmlText.Escape(scenario.Title)).Append(" — Parley forecast</title>\n<style>\n").Append(ReportStyle.Css).Append("\n</style>\n</head>\n<body>\n");

        Header(html, content);
        Summary(html, content);
        foreach (var issue in result.Issues)
        {
            IssueSection(html, content, issue);
        }

        foreach (var advice in content.Advice)
        {
            AdviceSection.Append(html, advice, scenario);
        }

        ScenarioSection(html, scenario);
        Notes(html, result);
        Footer(html, content);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, ReportContent content)
    {
        var r = content.Result;
        html.Append("<header>\n<h1>").Append(HtmlText.Escape(content.Scenario.Title)).Append("</h1>\n");
        html.Append("<p class=\"meta\">Forecast by Parley ").Append(HtmlText.Escape(r.ParleyVersion)).Append(" · ")
            .Append(r.Issues.Count).Append(" issue").Append(r.Issues.Count == 1 ? string.Empty : "s").Append(", ")
            .Append(r.Actors.Count).Append(" actors · models: ").Append(HtmlText.Escape(string.Join(", ", Models(r)))).Append(" · ")
            .Append(r.Draws == 0 ? "no input draws (point forecasts only)" : $"{r.Draws} input draws").Append(" · seed ").Append(r.Seed).Append("</p>\n");
        if (content.Origin is not null)
        {
            html.Append("<p class=\"meta\">").Append(HtmlText.Escape(content.Origin)).Append("</p>\n");
        }

        if (content.WhatIf.Count > 0)
        {
            html.Append("<p class=\"whatif\"><strong>What if:</strong> this run changed the scenario first: ")
                .Append(string.Join(", ", content.WhatIf.Select(e => "<code>" + HtmlText.Escape(e) + "</code>"))).Append(".</p>\n");
        }

        if (content.Scenario.Description.Length > 0)
        {
            html.Append("<p>").Append(HtmlText.Escape(content.Scenario.Description)).Append("</p>\n");
        }

        html.Append("</header>\n");
    }

    private static void Summary(StringBuilder html, ReportContent content)
    {
        var r = content.Result;
        html.Append("<section id=\"summary\">\n<h2>The forecast in words</h2>\n<table>\n<thead><tr><th>Issue</th><th>Model</th><th>Forecast</th><th>80% interval</th><th>Reading</th></tr></thead>\n<tbody>\n");
        foreach (var issue in r.Issues)
        {
            if (Headline(issue) is not { } headline)
            {
                continue;
            }

            var (model, m) = headline;
            html.Append("<tr><td>").Append(HtmlText.Escape(issue.Name)).Append("</td><td>").Append(HtmlText.Escape(model)).Append("</td><td class=\"num\">")
                .Append(HtmlText.Number(m.Forecast)).Append("</td><td class=\"num\">").Append(IntervalText(m.Interval ?? m.Sensitivity, "80")).Append("</td><td class=\"reading\">")
                .Append(HtmlText.Escape(m.Reading)).Append(Flags(m.Flags)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        html.Append("<p class=\"meta\">").Append(HtmlText.Escape(IntervalNote(r))).Append("</p>\n</section>\n");
    }

    private static void IssueSection(StringBuilder html, ReportContent content, IssueReport issue)
    {
        var actorNames = content.Result.Actors;
        html.Append("<section class=\"issue\" id=\"issue-").Append(HtmlText.Attribute(issue.Id)).Append("\">\n<h2>").Append(HtmlText.Escape(issue.Name)).Append("</h2>\n");
        var described = content.Scenario.Issues.FirstOrDefault(i => i.Id == issue.Id);
        if (described?.Description is { Length: > 0 } description)
        {
            html.Append("<p>").Append(HtmlText.Escape(description)).Append("</p>\n");
        }

        if (issue.Anchors.Count > 0)
        {
            html.Append("<p class=\"meta\">The scale runs from ").Append(HtmlText.Short(issue.Minimum)).Append(" to ").Append(HtmlText.Short(issue.Maximum)).Append("; its named points:</p>\n<ul class=\"anchors\">\n");
            foreach (var anchor in issue.Anchors)
            {
                html.Append("<li><strong>").Append(HtmlText.Short(anchor.Value)).Append("</strong> — ").Append(HtmlText.Escape(anchor.Label)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<h3>Forecast and intervals per model</h3>\n").Append(ForecastChart.Render(issue)).Append('\n');
        html.Append("<table>\n<thead><tr><th>Model</th><th>Forecast</th><th>50%</th><th>80%</th><th>95%</th><th>Reading</th></tr></thead>\n<tbody>\n");
        foreach (var (model, m) in issue.Models)
        {
            var intervals = m.Interval ?? m.Sensitivity;
            html.Append("<tr><td>").Append(HtmlText.Escape(model)).Append("</td><td class=\"num\">").Append(HtmlText.Number(m.Forecast)).Append("</td>");
            foreach (var level in new[] { "50", "80", "95" })
            {
                html.Append("<td class=\"num\">").Append(IntervalText(intervals, level)).Append("</td>");
            }

            html.Append("<td>").Append(HtmlText.Escape(m.Reading)).Append(Flags(m.Flags));
            if (m.Note is { Length: > 0 } note)
            {
                html.Append("<br><span class=\"meta\">").Append(HtmlText.Escape(note)).Append("</span>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");

        if (Headline(issue) is { } headline)
        {
            var (model, m) = headline;
            if (HistogramChart.Render(issue, model, m) is { } histogram)
            {
                html.Append("<h3>Distribution over the input draws (").Append(HtmlText.Escape(model)).Append(")</h3>\n").Append(histogram).Append('\n');
                if (m.Bands.Count > 0)
                {
                    html.Append("<p class=\"meta\">Probability of each stretch of the scale: ")
                        .Append(HtmlText.Escape(string.Join("; ", m.Bands.Select(b => $"{HtmlText.Short(b.From)}–{HtmlText.Short(b.To)}: {HtmlText.Percent(b.Probability)}"))))
                        .Append(".</p>\n");
                }
            }

            if (DriversChart.Render(issue, model, m, actorNames) is { } drivers)
            {
                html.Append("<h3>Who drives it (").Append(HtmlText.Escape(model)).Append(")</h3>\n").Append(drivers).Append('\n');
                html.Append("<table>\n<thead><tr><th>Actor</th><th>Input</th><th>Moved</th><th>Forecast</th><th>Effect</th></tr></thead>\n<tbody>\n");
                foreach (var d in m.Drivers.Take(5))
                {
                    html.Append("<tr><td>").Append(HtmlText.Escape(actorNames.TryGetValue(d.Actor, out var n) ? n : d.Actor)).Append("</td><td>").Append(HtmlText.Escape(d.Input))
                        .Append("</td><td class=\"num\">").Append(HtmlText.Short(d.Low)).Append(" → ").Append(HtmlText.Short(d.High))
                        .Append("</td><td class=\"num\">").Append(HtmlText.Number(d.ForecastAtLow)).Append(" → ").Append(HtmlText.Number(d.ForecastAtHigh))
                        .Append("</td><td class=\"num\">").Append(d.Effect >= 0 ? "+" : string.Empty).Append(HtmlText.Number(d.Effect)).Append("</td></tr>\n");
                }

                html.Append("</tbody>\n</table>\n");
            }

            if (m.Shares is { Count: > 0 } shares)
            {
                html.Append("<p class=\"meta\">Each actor's share of the outcome in ").Append(HtmlText.Escape(model)).Append(": ")
                    .Append(HtmlText.Escape(string.Join(", ", shares.OrderByDescending(s => s.Value).Select(s => $"{(actorNames.TryGetValue(s.Key, out var n) ? n : s.Key)} {HtmlText.Percent(s.Value)}"))))
                    .Append(".</p>\n");
            }
        }

        foreach (var (model, m) in issue.Models)
        {
            if (PathChart.Render(issue, model, m, actorNames) is { } path)
            {
                html.Append("<h3>Positions round by round (").Append(HtmlText.Escape(model)).Append(", stopped: ").Append(HtmlText.Escape(m.Stop.Replace('_', ' '))).Append(")</h3>\n")
                    .Append(path).Append('\n');
            }
        }

        html.Append("</section>\n");
    }

    private static void ScenarioSection(StringBuilder html, Scenario scenario)
    {
        var percent = scenario.SalienceScale == SalienceScale.Percent;
        html.Append("<section id=\"scenario\">\n<h2>The scenario and its rationales</h2>\n");
        if (scenario.Sources.Count > 0)
        {
            html.Append("<p class=\"meta\">Sources:</p>\n<ul class=\"anchors\">\n");
            foreach (var source in scenario.Sources)
            {
                html.Append("<li>").Append(HtmlText.Escape(source)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<h3>Actors</h3>\n<table>\n<thead><tr><th>Actor</th><th>Capability</th><th>About</th></tr></thead>\n<tbody>\n");
        foreach (var actor in scenario.Actors)
        {
            html.Append("<tr><td>").Append(HtmlText.Escape(actor.Name)).Append(" <span class=\"meta\">(").Append(HtmlText.Escape(actor.Id)).Append(")</span></td><td class=\"num\">")
                .Append(HtmlText.Short(actor.Capability));
            if (actor.CapabilityByIssue is { Count: > 0 } byIssue)
            {
                html.Append("<br><span class=\"meta\">").Append(HtmlText.Escape(string.Join(", ", byIssue.Select(p => $"{p.Key}: {HtmlText.Short(p.Value)}")))).Append("</span>");
            }

            html.Append("</td><td class=\"rationale\">").Append(HtmlText.Escape(actor.Description)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        for (var k = 0; k < scenario.Issues.Count; k++)
        {
            var issue = scenario.Issues[k];
            html.Append("<h3>").Append(HtmlText.Escape(issue.Name)).Append(": positions, saliences and why</h3>\n<table>\n<thead><tr><th>Actor</th><th>Position</th><th>Salience</th><th>Rationale</th></tr></thead>\n<tbody>\n");
            for (var a = 0; a < scenario.Actors.Count; a++)
            {
                if (scenario.StanceOf(a, k) is not { } stance)
                {
                    continue;
                }

                html.Append("<tr><td>").Append(HtmlText.Escape(scenario.Actors[a].Name)).Append("</td><td class=\"num\">").Append(HtmlText.Short(stance.Position))
                    .Append("</td><td class=\"num\">").Append(HtmlText.Short(percent ? stance.Salience * 100 : stance.Salience))
                    .Append("</td><td class=\"rationale\">").Append(HtmlText.Escape(stance.Rationale)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</section>\n");
    }

    private static void Notes(StringBuilder html, ForecastReport result)
    {
        html.Append("<section id=\"notes\">\n<h2>Notes and flags</h2>\n");
        if (result.Notes.Count == 0 && result.FailedModels.Count == 0)
        {
            html.Append("<p>No notes: every model ran, none cycled or stopped at its round limit, and they agree within 15% of each scale.</p>\n");
        }
        else
        {
            html.Append("<ul>\n");
            foreach (var note in result.Notes)
            {
                html.Append("<li><span class=\"flag\">").Append(HtmlText.Escape(note.Kind.Replace('_', ' '))).Append("</span>").Append(HtmlText.Escape(note.Message)).Append("</li>\n");
            }

            foreach (var failed in result.FailedModels)
            {
                html.Append("<li><span class=\"flag\">cannot run</span>").Append(HtmlText.Escape(failed.Model)).Append(": ").Append(HtmlText.Escape(string.Join(" ", failed.Problems))).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n");
    }

    private static void Footer(StringBuilder html, ReportContent content)
    {
        var r = content.Result;
        html.Append("<footer>\n<p>Made by Parley ").Append(HtmlText.Escape(r.ParleyVersion)).Append(" with seed ").Append(r.Seed).Append(" and ").Append(r.Draws).Append(" input draws");
        if (r.Calibration is not null)
        {
            html.Append("; forecast intervals calibrated on ").Append(HtmlText.Escape(r.Calibration));
        }

        html.Append(". The same scenario, models, seed and draws give the same numbers on any machine.</p>\n");
        if (content.Origin is not null)
        {
            html.Append("<p>").Append(HtmlText.Escape(content.Origin)).Append(".</p>\n");
        }

        html.Append("</footer>\n");
    }

    /// <summary>The model shown first for an issue: <see cref="HeadlineModel"/> when it ran, else the first that did.</summary>
    private static (string Model, ModelIssueReport Result)? Headline(IssueReport issue)
    {
        if (issue.Models.TryGetValue(HeadlineModel, out var best))
        {
            return (HeadlineModel, best);
        }

        return issue.Models.Count > 0 ? (issue.Models.First().Key, issue.Models.First().Value) : null;
    }

    private static IEnumerable<string> Models(ForecastReport r) =>
        r.Issues.SelectMany(i => i.Models.Keys).Concat(r.FailedModels.Select(f => f.Model)).Distinct(StringComparer.Ordinal);

    private static string IntervalText(IReadOnlyDictionary<string, double[]>? intervals, string level) =>
        intervals is not null && intervals.TryGetValue(level, out var pair) && pair.Length == 2 ? $"{HtmlText.Number(pair[0])}–{HtmlText.Number(pair[1])}" : "—";

    private static string IntervalNote(ForecastReport r) => r.Draws == 0
        ? "Point forecasts only: the run made no input draws, so it has no intervals."
        : r.Calibration is not null
            ? "Intervals are calibrated forecast intervals: how far real outcomes have fallen from each model's forecasts on past negotiations, widened by the spread of the inputs. A model without a calibration shows its input sensitivity instead."
            : "Intervals show input sensitivity only: how far the forecast moves if the inputs are off by their stated spreads.";

    private static string Flags(IReadOnlyList<string> flags) =>
        flags.Count == 0 ? string.Empty : " " + string.Concat(flags.Select(f => "<span class=\"flag\">" + HtmlText.Escape(f.Replace('_', ' ')) + "</span>"));
}
