namespace Parley.Formats.Bundled;

/// <summary>A scenario that ships inside Parley (a file of the repository's <c>scenarios/</c> folder).</summary>
/// <param name="Name">The name it is run by, e.g. <c>korea-2018</c>: the file name without its extension.</param>
/// <param name="FileName">The file name, e.g. <c>korea-2018.yaml</c>.</param>
/// <param name="Title">The scenario's title.</param>
/// <param name="ActorCount">Number of actors.</param>
/// <param name="IssueCount">Number of issues.</param>
public sealed record BundledScenario(string Name, string FileName, string Title, int ActorCount, int IssueCount);
