namespace Parley.Storage.Runs;

/// <summary>What a run was asked to do: everything needed to repeat it.</summary>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="ScenarioVersion">The version of the scenario that was run.</param>
/// <param name="Models">The models, by name, in report order.</param>
/// <param name="Draws">Input draws (0: point forecasts only).</param>
/// <param name="Seed">The seed of every random number.</param>
/// <param name="Rounds">The round count or limit asked for; null for each model's default.</param>
/// <param name="Parameters">Model parameters as <c>NAME=VALUE</c>, in the order applied.</param>
/// <param name="WhatIf">What-if edits applied to the scenario before the run, in the edit grammar (e.g. <c>china.sanctions.salience=0.2</c>).</param>
/// <param name="Drivers">True when the run computed who drives each forecast.</param>
public sealed record RunSpec(
    long ScenarioId,
    int ScenarioVersion,
    IReadOnlyList<string> Models,
    int Draws,
    ulong Seed,
    int? Rounds,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<string> WhatIf,
    bool Drivers);
