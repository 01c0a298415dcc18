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

    /// <summary>Sections of advice for named actors, in order.</summary>
    public IReadOnlyList<ReportSection> Advice { get; init; } = [];
}

/// <summary>A section of free content: a title, paragraphs, and an optional table.</summary>
/// <param name="Title">The heading.</param>
/// <param name="Paragraphs">Paragraphs of text.</param>
/// <param name="Header">The table's header cells; empty for no table.</param>
/// <param name="Rows">The table's rows.</param>
public sealed record ReportSection(string Title, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);
