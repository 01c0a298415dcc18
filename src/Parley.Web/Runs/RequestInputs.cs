using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Scenarios;
using Parley.Formats;
using Parley.Storage;
using Parley.Storage.Scenarios;
using Parley.Web.Api;
using Parley.Web.Scenarios;

namespace Parley.Web.Runs;

/// <summary>
/// What every request that runs a model on a stored scenario shares, resolved as <c>parley
/// forecast</c> resolves it: the scenario version (the latest when none is named), the model
/// options (the file's parameters, then the request's, and its rounds), and the scenario with the
/// request's what-if edits made.
/// </summary>
/// <param name="Record">The stored version.</param>
/// <param name="Source">The version as read.</param>
/// <param name="Scenario">The scenario with the what-if edits made.</param>
/// <param name="Options">The model options.</param>
internal sealed record RequestInputs(ScenarioVersionRecord Record, ScenarioSource Source, Scenario Scenario, ModelOptions Options)
{
    /// <summary>The inputs, or the answer that says why there are none (404 for an unknown scenario or version, 422 with every problem).</summary>
    public static (RequestInputs? Inputs, List<Diagnostic> Problems, IResult? Answer) Resolve(
        ParleyStore store, ScenarioCache scenarios, long scenarioId, int? version, int? rounds, IReadOnlyList<string>? parameters, IReadOnlyList<string>? whatif, bool allowTimed = true)
    {
        var problems = new List<Diagnostic>();
        var record = version is { } v ? store.Scenarios.Version(scenarioId, v) : store.Scenarios.Latest(scenarioId);
        if (record is null)
        {
            return (null, problems, ApiResults.NotFound(version is null ? $"There is no scenario {scenarioId}." : $"Scenario {scenarioId} has no version {version}."));
        }

        var read = scenarios.Read(record);
        if (!read.Succeeded)
        {
            return (null, problems, ApiResults.Invalid("The stored scenario no longer reads; save a corrected version.", read.Diagnostics));
        }

        var source = read.Value!;
        var (options, fileProblems) = ModelParameters.Apply(ModelOptions.Default with { Rounds = rounds }, source.ModelParameters.Select(p => new NamedParameter(p.Key, p.Value)));
        problems.AddRange(fileProblems);
        var assignments = new List<NamedParameter>();
        foreach (var text in parameters ?? [])
        {
            if (ModelParameters.ParseAssignment(text) is { } assignment)
            {
                assignments.Add(assignment);
            }
            else
            {
                problems.Add(Diagnostic.Error($"A model parameter must be NAME=VALUE, not '{text}'.", expected: "e.g. tolerance=1e-5 (see GET /api/models)"));
            }
        }

        (options, var requestProblems) = ModelParameters.Apply(options, assignments);
        problems.AddRange(requestProblems);
        var edited = WhatIfEdits.Apply(source.Scenario, whatif ?? [], allowTimed);
        problems.AddRange(edited.Errors);
        return edited.Value is null
            ? (null, problems, null)
            : (new RequestInputs(record, source, edited.Value.Scenario, edited.Value.Shocks is null ? options : options with { Shocks = edited.Value.Shocks }), problems, null);
    }
}
