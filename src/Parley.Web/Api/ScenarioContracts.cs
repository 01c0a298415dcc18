using System.Text.Json;
using Parley.Storage.Diff;
using Parley.Storage.Scenarios;

namespace Parley.Web.Api;

/// <summary>The answer to a save: the scenario, its new version, and the warnings and notes of the validator.</summary>
/// <param name="Id">The scenario.</param>
/// <param name="Version">The version just saved.</param>
/// <param name="Title">Its title.</param>
/// <param name="Diagnostics">Warnings and notes (a saved scenario has no errors).</param>
public sealed record SavedScenarioDto(long Id, int Version, string Title, IReadOnlyList<DiagnosticDto> Diagnostics);

/// <summary>A scenario in the list.</summary>
/// <param name="Id">The scenario.</param>
/// <param name="Title">The title of its latest version.</param>
/// <param name="Version">Its latest version.</param>
/// <param name="Actors">Actors in the latest version.</param>
/// <param name="Issues">Issues in the latest version.</param>
/// <param name="CreatedAt">When it was first saved.</param>
/// <param name="UpdatedAt">When its latest version was saved.</param>
public sealed record ScenarioSummaryDto(long Id, string Title, int Version, int Actors, int Issues, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The API form of <paramref name="s"/>.</summary>
    public static ScenarioSummaryDto Of(ScenarioSummary s) => new(s.Id, s.Title, s.LatestVersion, s.Actors, s.Issues, s.CreatedAt, s.UpdatedAt);
}

/// <summary>One version of a scenario: the text as saved, and the scenario as a JSON document in the scenario format (what the editor works on).</summary>
/// <param name="Id">The scenario.</param>
/// <param name="Version">The version.</param>
/// <param name="LatestVersion">The scenario's latest version.</param>
/// <param name="Title">The title.</param>
/// <param name="Format">The format of <paramref name="Content"/>.</param>
/// <param name="Content">The text exactly as saved.</param>
/// <param name="Sha256">The SHA-256 of the content.</param>
/// <param name="Actors">Actors.</param>
/// <param name="Issues">Issues.</param>
/// <param name="Comment">What changed, as the author said.</param>
/// <param name="CreatedAt">When it was saved.</param>
/// <param name="Document">The scenario in the JSON scenario format (as <c>parley import --format json</c> writes it).</param>
/// <param name="Diagnostics">Warnings and notes of the validator on this version.</param>
public sealed record ScenarioVersionDto(
    long Id,
    int Version,
    int LatestVersion,
    string Title,
    string Format,
    string Content,
    string Sha256,
    int Actors,
    int Issues,
    string? Comment,
    DateTimeOffset CreatedAt,
    JsonElement? Document,
    IReadOnlyList<DiagnosticDto> Diagnostics);

/// <summary>A version in a scenario's history (without its text).</summary>
/// <param name="Version">The version.</param>
/// <param name="Title">Its title.</param>
/// <param name="Actors">Actors.</param>
/// <param name="Issues">Issues.</param>
/// <param name="Sha256">The SHA-256 of its text.</param>
/// <param name="Comment">What changed.</param>
/// <param name="CreatedAt">When it was saved.</param>
public sealed record VersionInfoDto(int Version, string Title, int Actors, int Issues, string Sha256, string? Comment, DateTimeOffset CreatedAt)
{
    /// <summary>The API form of <paramref name="v"/>.</summary>
    public static VersionInfoDto Of(ScenarioVersionRecord v) => new(v.Version, v.Title, v.Actors, v.Issues, v.Sha256, v.Comment, v.CreatedAt);
}

/// <summary>What changed between two versions of a scenario.</summary>
/// <param name="Id">The scenario.</param>
/// <param name="From">The earlier version.</param>
/// <param name="To">The later version.</param>
/// <param name="Actors">The actors with a change.</param>
/// <param name="Issues">The issues with a change.</param>
/// <param name="Changes">Every change.</param>
public sealed record ScenarioDiffDto(long Id, int From, int To, IReadOnlyList<string> Actors, IReadOnlyList<string> Issues, IReadOnlyList<ChangeDto> Changes);

/// <summary>One change between two versions.</summary>
/// <param name="Kind">added, removed or changed.</param>
/// <param name="Path">Where, in the scenario format's keys.</param>
/// <param name="Actor">The actor concerned.</param>
/// <param name="Issue">The issue concerned.</param>
/// <param name="Before">The earlier value.</param>
/// <param name="After">The later value.</param>
/// <param name="Delta">After minus before, for a number.</param>
public sealed record ChangeDto(string Kind, string Path, string? Actor, string? Issue, string? Before, string? After, double? Delta)
{
    /// <summary>The API form of <paramref name="c"/>.</summary>
    public static ChangeDto Of(ScenarioChange c) => new(c.Kind.ToString().ToLowerInvariant(), c.Path, c.ActorId, c.IssueId, c.Before, c.After, c.Delta);
}

/// <summary>The validator's verdict on a scenario: what <c>parley validate</c> would say.</summary>
/// <param name="Valid">True when the scenario has no error.</param>
/// <param name="Errors">How many errors.</param>
/// <param name="Warnings">How many warnings.</param>
/// <param name="Format">The format it was read as.</param>
/// <param name="Title">The title, when valid.</param>
/// <param name="Actors">Actors, when valid.</param>
/// <param name="Issues">Issues, when valid.</param>
/// <param name="Diagnostics">Every diagnostic, in file order.</param>
/// <param name="Document">The scenario as a JSON document in the scenario format, when valid (an imported KTAB file, for instance).</param>
public sealed record ValidationDto(bool Valid, int Errors, int Warnings, string? Format, string? Title, int? Actors, int? Issues, IReadOnlyList<DiagnosticDto> Diagnostics, JsonElement? Document);
