namespace Parley.Web.Api;

/// <summary>
/// Advice asked for: one actor of a stored scenario version (with what-if edits made first), and
/// what <c>parley advise</c> takes — the issue, the model, draws, seed, rounds, model parameters and
/// the finer grid.
/// </summary>
/// <param name="Scenario">The scenario's id.</param>
/// <param name="Actor">The actor to advise; its position as written on each issue is its ideal.</param>
/// <param name="Version">Its version; the latest when null.</param>
/// <param name="Issue">The issue; every issue the actor has a stance on when null.</param>
/// <param name="Model">The model; scholz2011 (as <c>parley advise</c>) when null.</param>
/// <param name="Draws">Input draws every move is judged on; 1000 when null, 0 for the point forecast alone.</param>
/// <param name="Seed">The seed; the file's, else Parley's default, when null.</param>
/// <param name="Rounds">Rounds of the model; its default when null.</param>
/// <param name="Parameters">Model parameters as <c>NAME=VALUE</c>.</param>
/// <param name="Whatif">What-if edits made first, in the grammar of <c>parley whatif --set</c>.</param>
/// <param name="Fine">True for the finer grid (<c>--fine</c>).</param>
public sealed record AdviceRequestDto(
    long Scenario,
    string? Actor = null,
    int? Version = null,
    string? Issue = null,
    string? Model = null,
    int? Draws = null,
    ulong? Seed = null,
    int? Rounds = null,
    IReadOnlyList<string>? Parameters = null,
    IReadOnlyList<string>? Whatif = null,
    bool? Fine = null);

/// <summary>What an advice search was asked, with every default filled in.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Version">The version searched.</param>
/// <param name="Actor">The actor advised.</param>
/// <param name="Issue">The issue, or null for every issue it has a stance on.</param>
/// <param name="Model">The model.</param>
/// <param name="Draws">Input draws.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Whatif">What-if edits made first.</param>
/// <param name="Fine">True for the finer grid.</param>
public sealed record AdviceAskedDto(long Scenario, int Version, string Actor, string? Issue, string Model, int Draws, ulong Seed, IReadOnlyList<string> Whatif, bool Fine);

/// <summary>How far an advice search has got: issues done of the issues to advise on.</summary>
/// <param name="Done">Issues done.</param>
/// <param name="Total">Issues to advise on.</param>
/// <param name="Fraction">Done over total, from 0 to 1.</param>
public sealed record AdviceProgressDto(int Done, int Total, double Fraction);

/// <summary>An advice search: what was asked, where it stands, and — once it succeeded — the result, the JSON of <c>parley advise --format json</c>.</summary>
/// <param name="Id">The search's number on this server.</param>
/// <param name="Status">queued, running, succeeded, failed or cancelled.</param>
/// <param name="Asked">What was asked.</param>
/// <param name="Progress">How far it has got.</param>
/// <param name="Error">Why it failed or was cancelled, when it did.</param>
/// <param name="Result">The advice (<c>parley advise --format json</c>), once it succeeded.</param>
public sealed record AdviceJobDto(long Id, string Status, AdviceAskedDto Asked, AdviceProgressDto? Progress, string? Error, RawJson? Result);

/// <summary>
/// An explanation asked for: one iterative model's run of one issue of a stored scenario version
/// (with what-if edits made first), as <c>parley explain</c> takes it.
/// </summary>
/// <param name="Scenario">The scenario's id.</param>
/// <param name="Version">Its version; the latest when null.</param>
/// <param name="Issue">The issue (may be left out when the scenario has one issue).</param>
/// <param name="Model">The iterative model; scholz2011 (as <c>parley explain</c>) when null.</param>
/// <param name="Seed">The seed; the file's, else Parley's default, when null.</param>
/// <param name="Rounds">Rounds of the model; its default when null.</param>
/// <param name="Parameters">Model parameters as <c>NAME=VALUE</c>.</param>
/// <param name="Whatif">What-if edits made first.</param>
public sealed record ExplainRequestDto(
    long Scenario,
    int? Version = null,
    string? Issue = null,
    string? Model = null,
    ulong? Seed = null,
    int? Rounds = null,
    IReadOnlyList<string>? Parameters = null,
    IReadOnlyList<string>? Whatif = null);
