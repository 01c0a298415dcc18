using System.Text;
using Parley.Core;
using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Models.Ktab;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Formats;
using Parley.Formats.Results;

namespace Parley.Tests.Fuzz;

/// <summary>A property of the fuzz harness that an input broke (a finding, not a crash).</summary>
internal sealed class FuzzFinding(string message) : Exception(message);

/// <summary>What the fuzz harness asserts of every input: located rejections, sound scenarios, finite forecasts inside the scale.</summary>
internal static class FuzzChecks
{
    /// <summary>Fails unless <paramref name="condition"/> holds.</summary>
    public static void That(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzFinding(message);
        }
    }

    /// <summary>A rejection: at least one error, and every error located in <paramref name="file"/> at a line and column the input has.</summary>
    public static void Rejection(IReadOnlyList<Diagnostic> diagnostics, string file, byte[] input)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        That(errors.Count > 0, "rejected without an error diagnostic");
        // Lines may end in \n, \r or \r\n depending on the reader: count both as an upper bound.
        var lines = 1 + input.Count(b => b == (byte)'\n') + input.Count(b => b == (byte)'\r');
        foreach (var e in errors)
        {
            That(!string.IsNullOrWhiteSpace(e.Message), "an error without a message");
            That(e.Location is not null, $"an error without a location: {e}");
            That(e.Location!.File == file, $"an error located in another file: {e}");
            That(e.Location.Line is null || (e.Location.Line >= 1 && e.Location.Line <= lines + 1), $"an error at a line the input does not have ({lines} lines): {e}");
            That(e.Location.Column is null || (e.Location.Column >= 1 && e.Location.Column <= input.Length + 2), $"an error at a column the input does not have: {e}");
        }
    }

    /// <summary>
    /// An accepted scenario: within every limit, positions on their scales, and written back as YAML
    /// (what <c>parley import</c> writes) it reads again; as JSON too when <paramref name="json"/>
    /// (reading costs more than the rest of the checks, so the callers sample it).
    /// </summary>
    public static void AcceptedScenario(Scenario scenario, bool json = true)
    {
        That(RunLimits.CheckScenario(scenario).Count == 0, "accepted past a limit: " + string.Join("; ", RunLimits.CheckScenario(scenario)));
        That(scenario.Actors.Count > 0 && scenario.Issues.Count > 0, "accepted without actors or issues");
        foreach (var issue in scenario.Issues)
        {
            That(issue.Scale.Minimum < issue.Scale.Maximum, $"issue '{issue.Id}' has an empty scale");
        }

        foreach (var stance in scenario.Stances)
        {
            var scale = scenario.Issues[scenario.IndexOfIssue(stance.IssueId)].Scale;
            That(scale.Contains(stance.Position), $"position {stance.Position} of '{stance.ActorId}' outside the scale of '{stance.IssueId}'");
            That(stance.Salience is >= 0 and <= 1, $"salience {stance.Salience} outside 0–1");
        }

        foreach (var (text, name) in json ? [(ScenarioWriter.ToYaml(scenario), "roundtrip.yaml"), (ScenarioWriter.ToJson(scenario), "roundtrip.json")] : new[] { (ScenarioWriter.ToYaml(scenario), "roundtrip.yaml") })
        {
            var back = ScenarioFiles.Parse(Encoding.UTF8.GetBytes(text), name);
            That(back.Succeeded, $"the scenario written as {name} does not read back: {string.Join("; ", back.Errors.Take(3))}");
            That(back.Value!.Stances.Count == scenario.Stances.Count && back.Value.Actors.Count == scenario.Actors.Count, $"{name} reads back with other counts");
        }
    }

    /// <summary>The tolerance for "inside the scale": rounding of the last bits at the scale's magnitude.</summary>
    public static double Tolerance(Scale scale)
    {
        var magnitude = Math.Max(Math.Abs(scale.Minimum), Math.Abs(scale.Maximum));
        return (1e-9 * (scale.Maximum - scale.Minimum)) + (16 * (Math.BitIncrement(magnitude) - magnitude));
    }

    /// <summary>A model's result: every forecast, position, mean and model detail finite, forecasts and positions inside the scale; it writes as JSON and CSV.</summary>
    public static void Result(Scenario scenario, ModelResult result)
    {
        That(result.Issues.Count == scenario.Issues.Count, $"{result.Model}: {result.Issues.Count} issue results for {scenario.Issues.Count} issues");
        foreach (var issueResult in result.Issues)
        {
            var issue = scenario.Issues[scenario.IndexOfIssue(issueResult.IssueId)];
            var (min, max, tol) = (issue.Scale.Minimum, issue.Scale.Maximum, Tolerance(issue.Scale));
            bool Inside(double x) => double.IsFinite(x) && x >= min - tol && x <= max + tol;
            That(Inside(issueResult.Forecast), $"{result.Model} on '{issue.Id}': forecast {issueResult.Forecast:R} is not a finite number inside [{min:R}, {max:R}]");
            foreach (var round in issueResult.Rounds)
            {
                That(round.Positions.All(Inside), $"{result.Model} on '{issue.Id}', round {round.Round}: a position outside the scale or not finite");
                That(Inside(round.Mean) && Inside(round.MedianVoter), $"{result.Model} on '{issue.Id}', round {round.Round}: mean {round.Mean:R} or median voter {round.MedianVoter:R} outside the scale");
                switch (round.Detail)
                {
                    case ExpectedUtilityRound eu:
                        That(eu.RiskExponents.All(double.IsFinite), $"{result.Model}, round {round.Round}: a risk exponent is not finite");
                        That(eu.Offers?.All(o => double.IsFinite(o.ReceiverUtility) && double.IsFinite(o.ProposerUtility) && Inside(o.NewPosition)) ?? true, $"{result.Model}, round {round.Round}: an offer with a non-finite utility or a position outside the scale");
                        break;
                    case KtabRound ktab:
                        That(ktab.RiskAttitudes.All(double.IsFinite), $"{result.Model}, round {round.Round}: a risk attitude is not finite");
                        That(ktab.WinProbabilities.All(p => p is >= 0 and <= 1), $"{result.Model}, round {round.Round}: a win probability outside 0–1");
                        break;
                }
            }
        }
    }

    /// <summary>
    /// A run of the run layer: every model that ran has finite forecasts, medians, intervals and driver
    /// swings inside the scale, and the report writes as JSON and both CSV tables (which refuse
    /// non-finite numbers).
    /// </summary>
    public static void Outcome(Scenario scenario, ForecastOutcome outcome)
    {
        foreach (var model in outcome.Succeeded)
        {
            Result(scenario, model.Result!);
            foreach (var forecast in model.Issues)
            {
                var scale = scenario.Issues[scenario.IndexOfIssue(forecast.IssueId)].Scale;
                var tol = Tolerance(scale);
                bool Inside(double x) => double.IsFinite(x) && x >= scale.Minimum - tol && x <= scale.Maximum + tol;
                var where = $"{model.Model} on '{forecast.IssueId}'";
                That(Inside(forecast.Forecast), $"{where}: forecast {forecast.Forecast:R} outside the scale");
                if (forecast.Sensitivity is { } sensitivity)
                {
                    That(Inside(sensitivity.Median) && sensitivity.Intervals.All(i => Inside(i.Low) && Inside(i.High) && i.Low <= i.High), $"{where}: a draw median or interval outside the scale");
                }

                That(forecast.Interval?.All(i => Inside(i.Low) && Inside(i.High) && i.Low <= i.High) ?? true, $"{where}: a forecast interval outside the scale");
                That(forecast.Drivers.All(d => Inside(d.ForecastAtLow) && Inside(d.ForecastAtHigh) && double.IsFinite(d.Low) && double.IsFinite(d.High)), $"{where}: a driver's swing outside the scale");
                That(forecast.Bands.All(b => b.Probability is >= 0 and <= 1), $"{where}: a band probability outside 0–1");
            }
        }

        var report = ForecastReport.Create(outcome);
        That(ForecastReportWriter.ToJson(report).Length > 0 && ForecastReportWriter.ToSummaryCsv(report).Length > 0 && ForecastReportWriter.ToPathsCsv(report).Length > 0, "empty report");
    }
}
