using Parley.Core.Scenarios;
using Parley.Formats.Results;

namespace Parley.Reports;

/// <summary>What a report shows: the scenario as run, its result (Parley's JSON contract), where the run came from, and any advice.</summary>
/// <param name="Scenario">The scenario as run (with its rationales; what-if edits already made).</param>
/// <param name="Result">The run's result, as <c>parley forecast --format json</c> writes it.</param>
public sealed record ReportContent(Scenario Scenario, ForecastReport Result)
{
    /// <summary>Where the run comes from, in words (e.g. "Run 12 of scenario 3, version 2, made 2026-05-01 10:12 UTC"); null when it was made for the report.</summary>
    public string? Origin { get; init; }

    /// <summary>The what-if edits made to the scenario before the run, in the edit grammar.</summary>
    public IReadOnlyList<string> WhatIf { get; init; } = [];

    /// <summary>The advice for the actors named (<c>--advise</c>), in order: each as <c>parley advise --format json</c> writes it.</summary>
    public IReadOnlyList<AdviceReport> Advice { get; init; } = [];
}
