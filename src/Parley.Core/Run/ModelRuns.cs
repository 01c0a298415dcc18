using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Models.Breakdown;
using Parley.Core.Scenarios;
using Parley.Core.Uncertainty;

namespace Parley.Core.Run;

/// <summary>Runs one model on a draw or a perturbed input and returns its forecasts only: the inner loop of draws and drivers.</summary>
internal static class ModelRuns
{
    /// <summary>Options for a run whose path nobody reads: no offers, no rounds kept but the last.</summary>
    public static ModelOptions Lean(ModelOptions options) => options with { KeepPath = false, Offers = OfferRecording.None };

    /// <summary>
    /// The model's forecast of every issue of <paramref name="draw"/> into <paramref name="forecasts"/>;
    /// false (and the first error) when the model cannot run this draw.
    /// </summary>
    public static bool TryForecast(IForecastModel model, InputDraw draw, ModelOptions options, Span<double> forecasts, out Diagnostic? problem, CancellationToken cancellationToken) =>
        TryForecast(model, draw, options, forecasts, null, out problem, cancellationToken);

    /// <summary>
    /// As <see cref="TryForecast(IForecastModel, InputDraw, ModelOptions, Span{double}, out Diagnostic?, CancellationToken)"/>,
    /// and each issue's breakdown verdict into <paramref name="verdicts"/> (null for a model without a breakdown step).
    /// </summary>
    public static bool TryForecast(IForecastModel model, InputDraw draw, ModelOptions options, Span<double> forecasts, BreakdownVerdict?[]? verdicts, out Diagnostic? problem, CancellationToken cancellationToken)
    {
        problem = null;
        if (model is IssueModel issueModel)
        {
            for (var k = 0; k < forecasts.Length; k++)
            {
                problem = TryIssue(issueModel, draw.Issue(k), options, verdicts is not null, out forecasts[k], out var verdict, cancellationToken);
                if (problem is not null)
                {
                    return false;
                }

                if (verdicts is not null)
                {
                    verdicts[k] = verdict;
                }
            }

            return true;
        }

        return TryForecast(model, draw.ToScenario(), options, forecasts, verdicts, out problem, cancellationToken);
    }

    /// <summary>
    /// One issue model on one input: null, with its forecast (and, <paramref name="withVerdict"/>, its
    /// breakdown verdict), or the first error of its check, when it cannot run the input (forecast NaN).
    /// </summary>
    public static Diagnostic? TryIssue(IssueModel model, IssueInput input, ModelOptions options, bool withVerdict, out double forecast, out BreakdownVerdict? verdict, CancellationToken cancellationToken)
    {
        verdict = null;
        forecast = double.NaN;
        if (FirstError(model.CheckIssue(input, options)) is { } problem)
        {
            return problem;
        }

        if (withVerdict)
        {
            (forecast, verdict) = model.ForecastWithVerdict(input, options, cancellationToken);
        }
        else
        {
            forecast = model.ForecastOnly(input, options, cancellationToken);
        }

        forecast = Finite(model, forecast, input.IssueId);
        return null;
    }

    /// <summary>The model's forecast of every issue of <paramref name="scenario"/>; false (and the first error) when it cannot run it.</summary>
    public static bool TryForecast(IForecastModel model, Scenario scenario, ModelOptions options, Span<double> forecasts, out Diagnostic? problem, CancellationToken cancellationToken) =>
        TryForecast(model, scenario, options, forecasts, null, out problem, cancellationToken);

    /// <summary>As the overload without <paramref name="verdicts"/>, and each issue's breakdown verdict into it.</summary>
    public static bool TryForecast(IForecastModel model, Scenario scenario, ModelOptions options, Span<double> forecasts, BreakdownVerdict?[]? verdicts, out Diagnostic? problem, CancellationToken cancellationToken)
    {
        problem = FirstError(model.Check(scenario, options));
        if (problem is not null)
        {
            return false;
        }

        var result = model.Run(scenario, options, null, cancellationToken);
        if (result.Failure is { } failure)
        {
            problem = failure;
            return false;
        }

        for (var k = 0; k < forecasts.Length; k++)
        {
            forecasts[k] = Finite(model, result.Issues[k].Forecast, result.Issues[k].IssueId);
            if (verdicts is not null)
            {
                verdicts[k] = result.Issues[k].Breakdown;
            }
        }

        return true;
    }

    /// <summary>The forecast of one issue model on one input, or null when it cannot run it.</summary>
    public static double? TryForecast(IssueModel model, IssueInput input, ModelOptions options, CancellationToken cancellationToken) =>
        TryIssue(model, input, options, withVerdict: false, out var forecast, out _, cancellationToken) is null ? forecast : null;

    /// <summary>The first error of <paramref name="diagnostics"/>, or null.</summary>
    public static Diagnostic? FirstError(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The forecast, or (a bug in the model) an exception when it is not a finite number.</summary>
    internal static double Finite(IForecastModel model, double forecast, string issueId) =>
        double.IsFinite(forecast)
            ? forecast
            : throw new InvalidOperationException($"Model '{model.Name}' gave a forecast that is not a finite number on issue '{issueId}'.");
}
