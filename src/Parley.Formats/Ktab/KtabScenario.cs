using Parley.Core.Scenarios;

namespace Parley.Formats.Ktab;

/// <summary>A scenario read from a KTAB file, with the SMP model parameters the file sets.</summary>
/// <param name="Scenario">The scenario: KTAB dimensions become issues on 0–100, saliences are divided by 100.</param>
/// <param name="Parameters">Model parameters for <c>ModelOptions.Parameters</c> of <c>ktab-smp</c> (empty for CSV, which always runs KTAB's defaults).</param>
/// <param name="Seed">The seed the file gives (<c>prngSeed</c> in XML), if any.</param>
public sealed record KtabScenario(Scenario Scenario, IReadOnlyDictionary<string, string> Parameters, ulong? Seed = null);
