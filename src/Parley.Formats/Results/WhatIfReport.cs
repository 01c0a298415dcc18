using System.Text.Json.Serialization;
using Parley.Core.Analysis;
using Parley.Core.Run;
using Parley.Core.WhatIfs;

namespace Parley.Formats.Results;

/// <summary>
/// The serialisable form of a what-if run (docs/whatif.md): the base case and every what-if as full
/// forecast reports, with the change of every model's forecast on every issue.
/// </summary>
/// <param name="ParleyVersion">The version of Parley that made the run.</param>
/// <param name="Scenario">The scenario's title.</param>
/// <param name="Seed">The seed of every random number of the runs.</param>
/// <param name="Draws">The number of input draws of each run.</param>
/// <param name="Base">The base case.</param>
/// <param name="WhatIfs">One entry per what-if, in the order asked.</param>
public sealed record WhatIfReport(
    [property: JsonPropertyName("parley_version")] string ParleyVersion,
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("draws")] int Draws,
    [property: JsonPropertyName("base")] ForecastReport Base,
    [property: JsonPropertyName("whatifs")] IReadOnlyList<WhatIfCaseReport> WhatIfs)
{
    /// <summary>Builds the report of <paramref name="outcome"/>; <paramref name="inputNotes"/> say how the file was read.</summary>
    public static WhatIfReport Create(WhatIfOutcome outcome, IReadOnlyList<string>? inputNotes = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var cases = outcome.Cases.Select(c => new WhatIfCaseReport(
            c.WhatIf.Name,
            c.WhatIf.Description,
            c.WhatIf.Rationale,
            [.. c.WhatIf.Edits.Select(e => e.Text)],
            c.Notes,
            [.. c.Changes.Select(ChangeReport.Of)],
            ForecastReport.Create(c.Outcome))).ToList();
        return new WhatIfReport(
            Core.ParleyVersion.Current,
            outcome.Base.Scenario.Title,
            outcome.Base.Seed,
            outcome.Base.Draws,
            ForecastReport.Create(outcome.Base, inputNotes),
            cases);
    }
}

/// <summary>One what-if of a report.</summary>
/// <param name="Name">Its name (<c>edits</c> for edits given on the command line).</param>
/// <param name="Description">What it asks, if given.</param>
/// <param name="Rationale">Why it is worth asking, if given.</param>
/// <param name="Edits">Its edits in the command-line grammar.</param>
/// <param name="Notes">Timed edits a model never reached, static models taking timed edits before their one step.</param>
/// <param name="Changes">Per issue and model, the base and what-if forecasts.</param>
/// <param name="Forecast">The full forecast of the edited scenario (paths mark the rounds where timed edits struck).</param>
public sealed record WhatIfCaseReport(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    [property: JsonPropertyName("rationale"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Rationale,
    [property: JsonPropertyName("edits")] IReadOnlyList<string> Edits,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes,
    [property: JsonPropertyName("changes")] IReadOnlyList<ChangeReport> Changes,
    [property: JsonPropertyName("forecast")] ForecastReport Forecast);

/// <summary>How one model's forecast of one issue changes under a what-if.</summary>
/// <param name="Issue">The issue id.</param>
/// <param name="Model">The model.</param>
/// <param name="Base">The base case's point forecast.</param>
/// <param name="WhatIf">The what-if's point forecast.</param>
/// <param name="Change">What-if minus base, in scale points.</param>
/// <param name="BaseMedian">The base case's median over the input draws; null without draws.</param>
/// <param name="WhatIfMedian">The what-if's median over the input draws; null without draws.</param>
/// <param name="MedianChange">What-if median minus base median; null without draws.</param>
/// <param name="BaseInterval80">The base case's calibrated 80% forecast interval [low, high]; null without one.</param>
/// <param name="WhatIfInterval80">The what-if's calibrated 80% forecast interval; null without one.</param>
/// <param name="BaseSensitivity80">The base case's 80% input-sensitivity interval; null without draws.</param>
/// <param name="WhatIfSensitivity80">The what-if's 80% input-sensitivity interval; null without draws.</param>
public sealed record ChangeReport(
    [property: JsonPropertyName("issue")] string Issue,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("base")] double Base,
    [property: JsonPropertyName("whatif")] double WhatIf,
    [property: JsonPropertyName("change")] double Change,
    [property: JsonPropertyName("base_median"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? BaseMedian,
    [property: JsonPropertyName("whatif_median"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? WhatIfMedian,
    [property: JsonPropertyName("median_change"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MedianChange,
    [property: JsonPropertyName("base_interval_80"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double[]? BaseInterval80,
    [property: JsonPropertyName("whatif_interval_80"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double[]? WhatIfInterval80,
    [property: JsonPropertyName("base_sensitivity_80"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double[]? BaseSensitivity80,
    [property: JsonPropertyName("whatif_sensitivity_80"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double[]? WhatIfSensitivity80)
{
    /// <summary>The report of <paramref name="change"/>.</summary>
    public static ChangeReport Of(ForecastChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new ChangeReport(
            change.IssueId,
            change.Model,
            change.Base.Forecast,
            change.WhatIf.Forecast,
            change.Change,
            change.Base.Sensitivity?.Median,
            change.WhatIf.Sensitivity?.Median,
            change.MedianChange,
            Pair(change.Base.IntervalAt(80)),
            Pair(change.WhatIf.IntervalAt(80)),
            Pair(Sensitivity80(change.Base)),
            Pair(Sensitivity80(change.WhatIf)));
    }

    private static Interval? Sensitivity80(IssueForecast forecast) => forecast.Sensitivity?.Intervals.FirstOrDefault(i => i.Percent == 80);

    private static double[]? Pair(Interval? interval) => interval is null ? null : [interval.Low, interval.High];
}
