using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Run;
using Parley.Core.Text;
using Parley.Formats;
using Parley.Formats.Calibration;
using Parley.Storage;
using Parley.Storage.Runs;
using Parley.Storage.Scenarios;
using Parley.Web.Api;
using Parley.Web.Scenarios;

namespace Parley.Web.Runs;

/// <summary>
/// Turns a run request into a <see cref="RunPlan"/>, making the same choices as <c>parley
/// forecast</c>: the default models (with ktab-smp for a KTAB file), the file's model parameters
/// and seed unless the request gives its own, the shipped calibration. Every problem is an answer:
/// 404 for an unknown scenario or version, 422 with diagnostics for anything else.
/// </summary>
internal static class RunPlanner
{
    /// <summary>
    /// The plan for <paramref name="request"/>, or the answer that says why there is none; its run
    /// reuses the forecasts kept in <paramref name="kept"/> (what-if reruns) and keeps its own there.
    /// </summary>
    public static (RunPlan? Plan, IResult? Problem) Plan(RunRequestDto request, ParleyStore store, ServerOptions options, ScenarioCache scenarios, DrawCache? kept = null)
    {
        var (inputs, problems, answer) = RequestInputs.Resolve(store, scenarios, request.Scenario, request.Version, request.Rounds, request.Parameters, request.Whatif);
        if (answer is not null)
        {
            return (null, answer);
        }

        var read = inputs is null ? null : scenarios.Read(inputs.Record);
        var models = inputs is null ? [] : Models(request.Models, inputs.Source, problems);
        var draws = request.Draws ?? ForecastRequest.DefaultDraws;
        if (draws > options.DrawLimit)
        {
            problems.Add(Diagnostic.Error($"Cannot make {draws} input draws here.", expected: $"a number of draws from 0 to {options.DrawLimit}"));
        }

        if (problems.Count > 0 || inputs is null)
        {
            return (null, ApiResults.Invalid("The run cannot start.", problems));
        }

        var (record, source, edited, modelOptions) = (inputs.Record, inputs.Source, inputs.Scenario, inputs.Options);
        var forecast = new ForecastRequest(edited)
        {
            Models = models,
            Options = modelOptions,
            Draws = draws,
            Seed = request.Seed ?? source.Seed ?? ModelOptions.DefaultSeed,
            Drivers = request.Drivers ?? true,
            Calibration = ShippedCalibration.Instance,
            MaxDegreeOfParallelism = options.ThreadsPerRun,
            Cache = kept,
        };
        var usage = ForecastRunner.Validate(forecast);
        if (usage.Count > 0)
        {
            return (null, ApiResults.Invalid("The run cannot start.", usage));
        }

        var spec = new RunSpec(record.ScenarioId, record.Version, [.. models.Select(m => m.Name)], forecast.Draws, forecast.Seed, request.Rounds,
            [.. request.Parameters ?? []], [.. request.Whatif ?? []], forecast.Drivers);
        var notes = read!.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Info).Select(d => d.Message).ToList();
        return (new RunPlan(spec, forecast, edited, notes), null);
    }

    /// <summary>The scenario version a run was made on, as it was run (with its what-if edits), or null when it no longer reads.</summary>
    public static Core.Scenarios.Scenario? ScenarioOf(RunSpec spec, ScenarioVersionRecord record)
    {
        var read = ScenarioBody.Parse(record.Content, record.Format, ScenarioEndpoints.StoredName(record));
        return read.Succeeded ? WhatIfEdits.Apply(read.Value!.Scenario, spec.WhatIf).Value?.Scenario : null;
    }

    private static IReadOnlyList<IForecastModel> Models(IReadOnlyList<string>? names, ScenarioSource source, List<Diagnostic> problems)
    {
        if (names is null || names.Count == 0)
        {
            return source.Format is ScenarioFormat.KtabCsv or ScenarioFormat.KtabXml
                ? [.. ModelCatalog.Defaults, ModelCatalog.Find("ktab-smp")!]
                : ModelCatalog.Defaults;
        }

        var models = new List<IForecastModel>();
        foreach (var name in names)
        {
            if (ModelCatalog.Find(name) is { } model)
            {
                if (!models.Contains(model))
                {
                    models.Add(model);
                }
            }
            else
            {
                problems.Add(Diagnostic.Error($"Unknown model '{name}'.{DidYouMean.Hint(name, ModelCatalog.Names)}", expected: "one of: " + string.Join(", ", ModelCatalog.Names)));
            }
        }

        return models;
    }
}
