using System.Text;
using Parley.Core.Scenarios;
using Parley.Formats.Results;

namespace Parley.Reports.Html;

/// <summary>
/// The advice for one actor in words and tables, from <see cref="AdviceReport"/> (the JSON of
/// <c>parley advise</c>): per issue the stance as written and its forecast, the best move with its
/// gain and robustness, the alternatives, and whom to persuade.
/// </summary>
internal static class AdviceSection
{
    /// <summary>Appends the section of <paramref name="advice"/>; <paramref name="scenario"/> names the actors.</summary>
    public static void Append(StringBuilder html, AdviceReport advice, Scenario scenario)
    {
        string Name(string id) => scenario.Actors.FirstOrDefault(a => a.Id == id)?.Name ?? id;
        var percent = advice.SalienceScale == "percent";
        string Salience(double s) => HtmlText.Short(s, percent ? 1 : 3);
        html.Append("<section class=\"advice\" id=\"advice-").Append(HtmlText.Attribute(advice.Actor)).Append("\">\n<h2>Advice for ").Append(HtmlText.Escape(advice.ActorName)).Append("</h2>\n");
        html.Append("<p class=\"meta\">The position to announce and the salience to commit on each issue that bring the forecast of ").Append(HtmlText.Escape(advice.Model))
            .Append(advice.Draws > 0 ? $" (the median over {advice.Draws} input draws, seed {advice.Seed})" : " (the point forecast)")
            .Append(" closest to ").Append(HtmlText.Escape(advice.ActorName)).Append("'s ideal, its position as written. Robustness: the share of draws in which the move helps.");
        if (advice.InputsCertain)
        {
            html.Append(" No input has a spread, so every draw is the inputs as written.");
        }

        html.Append("</p>\n");
        foreach (var issue in advice.Issues)
        {
            html.Append("<h3>").Append(HtmlText.Escape(issue.IssueName)).Append("</h3>\n<p>Ideal ").Append(HtmlText.Short(issue.Ideal)).Append(", salience ").Append(Salience(issue.Salience))
                .Append(": as written the forecast is ").Append(HtmlText.Number(issue.BaseForecast)).Append(", ").Append(HtmlText.Number(issue.BaseDistance)).Append(" from the ideal.</p>\n");
            if (issue.Best is { } best)
            {
                html.Append("<p class=\"best\" data-issue=\"").Append(HtmlText.Attribute(issue.Issue)).Append("\" data-position=\"").Append(HtmlText.Short(best.Position, 6))
                    .Append("\" data-salience=\"").Append(HtmlText.Short(best.Salience, 6)).Append("\"><strong>Best move:</strong> announce ").Append(HtmlText.Short(best.Position))
                    .Append(" and commit salience ").Append(Salience(best.Salience)).Append(". The forecast moves to ").Append(HtmlText.Number(best.Forecast)).Append(", ")
                    .Append(HtmlText.Number(best.Gain)).Append(" nearer the ideal");
                if (best.GainShare is { } share)
                {
                    html.Append(" (").Append(HtmlText.Percent(share)).Append(" of the distance)");
                }

                html.Append('.');
                if (best.Robustness is { } robust)
                {
                    html.Append(" It helps in ").Append(HtmlText.Percent(robust)).Append(" of the draws").Append(best.Hurts is { } hurts ? $" and hurts in {HtmlText.Percent(hurts)}" : string.Empty).Append('.');
                }

                html.Append("</p>\n");
            }
            else
            {
                html.Append("<p class=\"best\" data-issue=\"").Append(HtmlText.Attribute(issue.Issue)).Append("\"><strong>No better move:</strong> no move searched brings the forecast nearer the ideal than the stance as written.</p>\n");
            }

            if (issue.Alternatives.Count > 0)
            {
                html.Append("<table>\n<thead><tr><th>Alternative: position</th><th>Salience</th><th>Forecast</th><th>Gain</th><th>Helps in</th></tr></thead>\n<tbody>\n");
                foreach (var m in issue.Alternatives)
                {
                    html.Append("<tr><td class=\"num\">").Append(HtmlText.Short(m.Position)).Append("</td><td class=\"num\">").Append(Salience(m.Salience)).Append("</td><td class=\"num\">")
                        .Append(HtmlText.Number(m.Forecast)).Append("</td><td class=\"num\">").Append(HtmlText.Number(m.Gain)).Append("</td><td class=\"num\">")
                        .Append(m.Robustness is { } r ? HtmlText.Percent(r) : "—").Append("</td></tr>\n");
                }

                html.Append("</tbody>\n</table>\n");
            }

            var helping = issue.Persuade.Where(p => p.Gain > 0).ToList();
            if (helping.Count > 0)
            {
                html.Append("<table>\n<thead><tr><th>Whom to persuade</th><th>Moved</th><th>Forecast</th><th>Gain</th><th>Helps in</th></tr></thead>\n<tbody>\n");
                foreach (var p in helping)
                {
                    html.Append("<tr><td>").Append(HtmlText.Escape(Name(p.Actor))).Append("</td><td class=\"num\">").Append(HtmlText.Short(p.From)).Append(" → ").Append(HtmlText.Short(p.To))
                        .Append("</td><td class=\"num\">").Append(HtmlText.Number(p.Forecast)).Append("</td><td class=\"num\">").Append(HtmlText.Number(p.Gain)).Append("</td><td class=\"num\">")
                        .Append(p.Robustness is { } r ? HtmlText.Percent(r) : "—").Append("</td></tr>\n");
                }

                html.Append("</tbody>\n</table>\n");
            }
            else
            {
                html.Append("<p class=\"meta\">Persuading no single actor to move toward the ideal brings the forecast nearer it.</p>\n");
            }
        }

        html.Append("</section>\n");
    }
}
