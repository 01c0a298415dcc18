namespace Parley.Storage.Scenarios;

/// <summary>What a save of a scenario stores besides its number: the text as given and what it holds.</summary>
/// <param name="Title">The scenario's title.</param>
/// <param name="Format">The format the text is in: yaml, json, classic-csv, ktab-csv or ktab-xml.</param>
/// <param name="Content">The scenario text, exactly as saved.</param>
/// <param name="Actors">How many actors it has.</param>
/// <param name="Issues">How many issues it has.</param>
/// <param name="Comment">What changed, in the author's words; null when not given.</param>
public sealed record NewScenarioVersion(string Title, string Format, string Content, int Actors, int Issues, string? Comment = null);

/// <summary>One saved version of a scenario. Versions are numbered 1, 2, … per scenario and never change.</summary>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="Version">The version number.</param>
/// <param name="Title">The scenario's title in this version.</param>
/// <param name="Format">The format of <paramref name="Content"/>.</param>
/// <param name="Content">The scenario text, exactly as saved.</param>
/// <param name="Sha256">The SHA-256 of the UTF-8 content, in lower-case hex.</param>
/// <param name="Actors">How many actors it has.</param>
/// <param name="Issues">How many issues it has.</param>
/// <param name="Comment">What changed, if the author said.</param>
/// <param name="CreatedAt">When it was saved.</param>
public sealed record ScenarioVersionRecord(
    long ScenarioId,
    int Version,
    string Title,
    string Format,
    string Content,
    string Sha256,
    int Actors,
    int Issues,
    string? Comment,
    DateTimeOffset CreatedAt);

/// <summary>A scenario in the list: its latest version and how many there are.</summary>
/// <param name="Id">The scenario.</param>
/// <param name="Title">The title of the latest version.</param>
/// <param name="LatestVersion">The number of the latest version.</param>
/// <param name="Actors">Actors in the latest version.</param>
/// <param name="Issues">Issues in the latest version.</param>
/// <param name="CreatedAt">When the first version was saved.</param>
/// <param name="UpdatedAt">When the latest version was saved.</param>
public sealed record ScenarioSummary(long Id, string Title, int LatestVersion, int Actors, int Issues, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
