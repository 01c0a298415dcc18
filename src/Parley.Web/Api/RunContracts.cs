using Parley.Core.Run;
using Parley.Storage.Runs;

namespace Parley.Web.Api;

/// <summary>
/// A run asked for: the scenario (and version; the latest when left out), and what <c>parley
/// forecast</c> takes — models, draws, seed, rounds, model parameters — plus what-if edits applied
/// to the scenario first, in the edit grammar of <c>parley whatif --set</c>
/// (e.g. <c>china.sanctions.salience=0.2</c>).
/// </summary>
/// <param name="Scenario">The scenario's id.</param>
/// <param name="Version">Its version; the latest when null.</param>
/// <param name="Models">Model names; the defaults (as <c>parley forecast</c> chooses them) when null or empty.</param>
/// <param name="Draws">Input draws; 1000 when null, 0 for point forecasts only.</param>
/// <param name="Seed">The seed; the file's, else Parley's default, when null.</param>
/// <param name="Rounds">Rounds (or the round limit) of the iterative models; each model's default when null.</param>
/// <param name="Parameters">Model parameters as <c>NAME=VALUE</c> (as <c>--param</c>).</param>
/// <param name="Whatif">What-if edits applied before the run.</param>
/// <param name="Drivers">False to skip who-drives-it (faster, for live what-ifs); true when null.</param>
public sealed record RunRequestDto(
    long Scenario,
    int? Version = null,
    IReadOnlyList<string>? Models = null,
    int? Draws = null,
    ulong? Seed = null,
    int? Rounds = null,
    IReadOnlyList<string>? Parameters = null,
    IReadOnlyList<string>? Whatif = null,
    bool? Drivers = null);

/// <summary>The answer to a run request: the run's id and where it stands.</summary>
/// <param name="Id">The run.</param>
/// <param name="Status">queued (or, with <c>?wait=true</c>, how it ended).</param>
public sealed record RunCreatedDto(long Id, string Status);

/// <summary>How far a run has got.</summary>
/// <param name="Stage">point_forecasts, draws or drivers.</param>
/// <param name="Done">Units done in the stage.</param>
/// <param name="Total">Units in the stage.</param>
/// <param name="Fraction">An estimate of the share of the whole run done, from 0 to 1.</param>
public sealed record ProgressDto(string Stage, int Done, int Total, double Fraction)
{
    /// <summary>The API form of <paramref name="p"/> for a run with <paramref name="draws"/> draws and drivers on or off.</summary>
    public static ProgressDto Of(RunProgress p, int draws, bool drivers)
    {
        ArgumentNullException.ThrowIfNull(p);
        // Rough weights of the stages in run time: the draws dominate when there are many.
        var weights = new[] { 1.0, draws > 0 ? 4.0 : 0.0, drivers ? 2.0 : 0.0 };
        var stage = (int)p.Stage;
        var before = weights.Take(stage).Sum();
        var share = p.Total > 0 ? (double)p.Done / p.Total : 1;
        var fraction = (before + (weights[stage] * share)) / weights.Sum();
        var name = p.Stage switch
        {
            RunStage.PointForecasts => "point_forecasts",
            RunStage.Draws => "draws",
            _ => "drivers",
        };
        return new ProgressDto(name, p.Done, p.Total, Math.Clamp(fraction, 0, 1));
    }
}

/// <summary>One event of a run's progress stream (server-sent events <c>progress</c> and <c>status</c>).</summary>
/// <param name="Id">The run.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Progress">How far it has got, while running.</param>
/// <param name="Error">Why it failed, when it did.</param>
public sealed record RunEventDto(long Id, string Status, ProgressDto? Progress, string? Error);

/// <summary>
/// A run: what was asked, by which Parley, its timings, and — once it succeeded — the result,
/// with the same shape as <c>parley forecast --format json</c>.
/// </summary>
/// <param name="Id">The run.</param>
/// <param name="Status">queued, running, succeeded, failed, cancelled or interrupted.</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="ScenarioTitle">Its title, when known.</param>
/// <param name="Version">The scenario version run.</param>
/// <param name="Models">The models.</param>
/// <param name="Draws">Input draws.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Rounds">Rounds asked for, if any.</param>
/// <param name="Parameters">Model parameters.</param>
/// <param name="Whatif">What-if edits applied.</param>
/// <param name="Drivers">Whether drivers were computed.</param>
/// <param name="ParleyVersion">The Parley that ran it.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="WaitMs">How long it waited in the queue, in milliseconds.</param>
/// <param name="RunMs">How long it ran, in milliseconds.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="ResultBytes">The size of the result JSON.</param>
/// <param name="Progress">How far it has got, while running on this server.</param>
/// <param name="Result">The result (<c>parley forecast --format json</c>), once it succeeded and when asked for.</param>
public sealed record RunDto(
    long Id,
    string Status,
    long Scenario,
    string? ScenarioTitle,
    int Version,
    IReadOnlyList<string> Models,
    int Draws,
    ulong Seed,
    int? Rounds,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<string> Whatif,
    bool Drivers,
    string ParleyVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? WaitMs,
    double? RunMs,
    string? Error,
    long? ResultBytes,
    ProgressDto? Progress,
    RawJson? Result)
{
    /// <summary>The API form of <paramref name="run"/>.</summary>
    public static RunDto Of(RunRecord run, string? title, ProgressDto? progress, string? resultJson)
    {
        ArgumentNullException.ThrowIfNull(run);
        var result = resultJson is null ? null : new RawJson(resultJson);
        var s = run.Spec;
        return new RunDto(run.Id, run.Status.Name(), s.ScenarioId, title, s.ScenarioVersion, s.Models, s.Draws, s.Seed, s.Rounds, s.Parameters, s.WhatIf, s.Drivers,
            run.ParleyVersion, run.CreatedAt, run.StartedAt, run.FinishedAt, run.Wait?.TotalMilliseconds, run.RunMilliseconds, run.Error, run.ResultBytes, progress, result);
    }
}
