using Parley.Core.Scenarios;

namespace Parley.Formats;

/// <summary>A scenario as read from a file, with what else the file sets.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Format">The format it was read as.</param>
/// <param name="ModelParameters">Model parameters the file sets (a KTAB XML file's SMP parameters); empty for other formats.</param>
/// <param name="Seed">The seed the file sets, if any.</param>
public sealed record ScenarioSource(Scenario Scenario, ScenarioFormat Format, IReadOnlyDictionary<string, string> ModelParameters, ulong? Seed);
