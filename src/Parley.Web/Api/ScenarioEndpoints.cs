using System.Text.Json;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Formats;
using Parley.Formats.Ktab;
using Parley.Storage;
using Parley.Storage.Diff;
using Parley.Storage.Scenarios;
using Parley.Web.Scenarios;

namespace Parley.Web.Api;

/// <summary>
/// <c>/api/scenarios</c>: save a scenario (YAML, JSON, CSV or KTAB XML, by Content-Type) as a new
/// scenario or a new version, list them, read a version, diff two, export one; and
/// <c>/api/validate</c>, the same validator as <c>parley validate</c>, for the editor.
/// </summary>
internal static class ScenarioEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var scenarios = app.MapGroup("/api/scenarios").WithTags("Scenarios");
        scenarios.MapPost("/", Create)
            .WithSummary("Save a new scenario (YAML, JSON, CSV or KTAB XML by Content-Type, or ?format=) as its version 1.")
            .Accepts<string>(ScenarioFormats.ContentTypes[0], ScenarioFormats.ContentTypes[1..])
            .Produces<SavedScenarioDto>(StatusCodes.Status201Created)
            .Produces<ProblemDto>(StatusCodes.Status422UnprocessableEntity)
            .Produces<ProblemDto>(StatusCodes.Status415UnsupportedMediaType);
        scenarios.MapGet("/", (ParleyStore store) => TypedResults.Ok(store.Scenarios.List().Select(ScenarioSummaryDto.Of).ToList()))
            .WithSummary("Every scenario, most recently saved first.");
        scenarios.MapGet("/{id:long}", (long id, ParleyStore store) => Show(store.Scenarios.Latest(id), store, $"There is no scenario {id}."))
            .WithSummary("The latest version of a scenario.")
            .Produces<ScenarioVersionDto>()
            .Produces<ProblemDto>(StatusCodes.Status404NotFound);
        scenarios.MapPut("/{id:long}", AddVersion)
            .WithSummary("Save a new version of a scenario; earlier versions are kept unchanged.")
            .Accepts<string>(ScenarioFormats.ContentTypes[0], ScenarioFormats.ContentTypes[1..])
            .Produces<SavedScenarioDto>()
            .Produces<ProblemDto>(StatusCodes.Status404NotFound)
            .Produces<ProblemDto>(StatusCodes.Status422UnprocessableEntity);
        scenarios.MapGet("/{id:long}/versions", (long id, ParleyStore store) =>
            store.Scenarios.Versions(id) is { Count: > 0 } versions
                ? Results.Ok(versions.Select(VersionInfoDto.Of).ToList())
                : ApiResults.NotFound($"There is no scenario {id}."))
            .WithSummary("Every version of a scenario, oldest first.")
            .Produces<List<VersionInfoDto>>()
            .Produces<ProblemDto>(StatusCodes.Status404NotFound);
        scenarios.MapGet("/{id:long}/versions/{version:int}", (long id, int version, ParleyStore store) =>
            Show(store.Scenarios.Version(id, version), store, $"Scenario {id} has no version {version}."))
            .WithSummary("One version of a scenario.")
            .Produces<ScenarioVersionDto>()
            .Produces<ProblemDto>(StatusCodes.Status404NotFound);
        scenarios.MapGet("/{id:long}/diff", Diff)
            .WithSummary("What changed between two versions (?from=&to=; by default the latest against the one before).")
            .Produces<ScenarioDiffDto>()
            .Produces<ProblemDto>(StatusCodes.Status404NotFound);
        scenarios.MapGet("/{id:long}/versions/{version:int}/export", Export)
            .WithSummary("A version as a file: ?format=yaml, json, ktab-csv, or original (the text as saved).")
            .Produces<string>(contentType: "application/yaml")
            .Produces<ProblemDto>(StatusCodes.Status404NotFound);

        app.MapPost("/api/validate", Validate)
            .WithTags("Scenarios")
            .WithSummary("Check a scenario without saving it: every diagnostic, located as 'parley validate' locates it, and the scenario as a JSON document when valid (an import).")
            .Accepts<string>(ScenarioFormats.ContentTypes[0], ScenarioFormats.ContentTypes[1..])
            .Produces<ValidationDto>();
    }

    private static async Task<IResult> Create(HttpRequest request, ParleyStore store, CancellationToken cancellationToken)
    {
        var (body, problem) = await ScenarioBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!body!.Result.Succeeded)
        {
            return Rejected(body.Result);
        }

        var saved = store.Scenarios.Create(NewVersion(body, request));
        return TypedResults.Created($"/api/scenarios/{saved.ScenarioId}", new SavedScenarioDto(saved.ScenarioId, saved.Version, saved.Title, DiagnosticDto.All(body.Result.Diagnostics)));
    }

    private static async Task<IResult> AddVersion(long id, HttpRequest request, ParleyStore store, CancellationToken cancellationToken)
    {
        if (store.Scenarios.Latest(id) is null)
        {
            return ApiResults.NotFound($"There is no scenario {id}.");
        }

        var (body, problem) = await ScenarioBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!body!.Result.Succeeded)
        {
            return Rejected(body.Result);
        }

        var saved = store.Scenarios.AddVersion(id, NewVersion(body, request))!;
        return TypedResults.Ok(new SavedScenarioDto(saved.ScenarioId, saved.Version, saved.Title, DiagnosticDto.All(body.Result.Diagnostics)));
    }

    private static async Task<IResult> Validate(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await ScenarioBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = body!.Result;
        var scenario = result.Succeeded ? result.Value!.Scenario : null;
        return TypedResults.Ok(new ValidationDto(
            result.Succeeded,
            result.Errors.Count(),
            result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning),
            result.Value is { } v ? ScenarioFormats.Name(ScenarioFormats.Stored(v.Format)) : null,
            scenario?.Title,
            scenario?.Actors.Count,
            scenario?.Issues.Count,
            DiagnosticDto.All(result.Diagnostics),
            scenario is null ? null : Document(scenario)));
    }

    private static IResult Diff(long id, int? from, int? to, ParleyStore store)
    {
        var latest = store.Scenarios.Latest(id);
        if (latest is null)
        {
            return ApiResults.NotFound($"There is no scenario {id}.");
        }

        var later = to ?? latest.Version;
        var earlier = from ?? Math.Max(1, later - 1);
        var a = store.Scenarios.Version(id, earlier);
        var b = store.Scenarios.Version(id, later);
        if (a is null || b is null)
        {
            return ApiResults.NotFound($"Scenario {id} has versions 1 to {latest.Version}, not {(a is null ? earlier : later)}.");
        }

        var before = Read(a);
        var after = Read(b);
        if (before is null || after is null)
        {
            return ApiResults.Invalid("A stored version no longer reads as a scenario.", []);
        }

        var diff = ScenarioDiff.Between(before, after);
        return TypedResults.Ok(new ScenarioDiffDto(id, earlier, later, diff.Actors, diff.Issues, [.. diff.Changes.Select(ChangeDto.Of)]));
    }

    private static IResult Export(long id, int version, string? format, ParleyStore store)
    {
        var record = store.Scenarios.Version(id, version);
        if (record is null)
        {
            return ApiResults.NotFound($"Scenario {id} has no version {version}.");
        }

        var baseName = $"scenario-{id}-v{version}";
        format = string.IsNullOrEmpty(format) ? "yaml" : format.ToLowerInvariant();
        if (format == "original")
        {
            var original = ScenarioFormats.Parse(record.Format) ?? Formats.ScenarioFormat.Yaml;
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(record.Content), ContentType(original), baseName + ScenarioFormats.Extension(original));
        }

        var scenario = Read(record);
        if (scenario is null)
        {
            return ApiResults.Invalid("The stored version no longer reads as a scenario.", []);
        }

        return format switch
        {
            "yaml" => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ScenarioWriter.ToYaml(scenario)), "application/yaml; charset=utf-8", baseName + ".yaml"),
            "json" => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ScenarioWriter.ToJson(scenario)), "application/json; charset=utf-8", baseName + ".json"),
            "ktab-csv" => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(KtabCsvWriter.Write(scenario).Text), "text/csv; charset=utf-8", baseName + ".csv"),
            _ => ApiResults.BadRequest($"Cannot export as '{format}'.", [Diagnostic.Error($"Unknown export format '{format}'.", expected: "yaml, json, ktab-csv or original")]),
        };
    }

    private static string ContentType(Formats.ScenarioFormat format) => format switch
    {
        Formats.ScenarioFormat.Json => "application/json; charset=utf-8",
        Formats.ScenarioFormat.ClassicCsv or Formats.ScenarioFormat.KtabCsv => "text/csv; charset=utf-8",
        Formats.ScenarioFormat.KtabXml => "application/xml; charset=utf-8",
        _ => "application/yaml; charset=utf-8",
    };

    private static IResult Show(ScenarioVersionRecord? record, ParleyStore store, string notFound)
    {
        if (record is null)
        {
            return ApiResults.NotFound(notFound);
        }

        var latest = store.Scenarios.Latest(record.ScenarioId)!.Version;
        var read = ScenarioBody.Parse(record.Content, record.Format, StoredName(record));
        return TypedResults.Ok(new ScenarioVersionDto(
            record.ScenarioId, record.Version, latest, record.Title, record.Format, record.Content, record.Sha256, record.Actors, record.Issues, record.Comment, record.CreatedAt,
            read.Succeeded ? Document(read.Value!.Scenario) : null,
            DiagnosticDto.All(read.Diagnostics)));
    }

    /// <summary>The scenario of a stored version, or null when it does not read (it did when saved).</summary>
    internal static Scenario? Read(ScenarioVersionRecord record) =>
        ScenarioBody.Parse(record.Content, record.Format, StoredName(record)) is { Succeeded: true } r ? r.Value!.Scenario : null;

    /// <summary>The file name a stored version's diagnostics refer to.</summary>
    internal static string StoredName(ScenarioVersionRecord record) =>
        $"scenario-{record.ScenarioId}-v{record.Version}{ScenarioFormats.Extension(ScenarioFormats.Parse(record.Format) ?? Formats.ScenarioFormat.Yaml)}";

    /// <summary>The scenario as a JSON document in the scenario format.</summary>
    internal static JsonElement Document(Scenario scenario)
    {
        using var document = JsonDocument.Parse(ScenarioWriter.ToJson(scenario));
        return document.RootElement.Clone();
    }

    private static NewScenarioVersion NewVersion(ScenarioBody body, HttpRequest request)
    {
        var source = body.Result.Value!;
        var comment = request.Query["comment"].ToString();
        return new NewScenarioVersion(source.Scenario.Title, ScenarioFormats.Name(ScenarioFormats.Stored(source.Format)), body.Content, source.Scenario.Actors.Count, source.Scenario.Issues.Count,
            comment.Length > 0 ? comment[..Math.Min(comment.Length, 500)] : null);
    }

    private static IResult Rejected(ReadResult<ScenarioSource> result)
    {
        var errors = result.Errors.Count();
        return ApiResults.Invalid($"The scenario is invalid: {errors} error{(errors == 1 ? string.Empty : "s")}; nothing was saved.", result.Diagnostics);
    }
}
