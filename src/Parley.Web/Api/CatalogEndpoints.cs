using Parley.Core.Models;
using Parley.Formats.Bundled;
using Parley.Storage;
using Parley.Web.Scenarios;

namespace Parley.Web.Api;

/// <summary>What the server knows without a scenario: its version, the models and their parameters, and the bundled scenarios.</summary>
internal static class CatalogEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Catalog");
        group.MapGet("/version", (ParleyStore store) => TypedResults.Ok(new VersionDto(Core.ParleyVersion.Current, Core.ParleyVersion.Commit, store.SchemaVersion)))
            .WithSummary("The version of Parley and of the database schema.");
        group.MapGet("/models", () => TypedResults.Ok(new ModelsDto(
                [.. ModelCatalog.All.Select(m => new ModelDto(m.Name, m.Description, m.Source, m.Traits.Iterative, m.Traits.JointIssues, ModelCatalog.Defaults.Contains(m)))],
                [.. ModelParameters.Known.Select(p => new ParameterDto(p.Name, p.Models, p.Description))])))
            .WithSummary("Every model, which run by default, and the model parameters a run may set.");
        group.MapGet("/examples", () => TypedResults.Ok(BundledScenarios.All.Select(s => new ExampleDto(s.Name, s.Title, s.ActorCount, s.IssueCount)).ToList()))
            .WithSummary("The scenarios bundled with Parley.");
        group.MapGet("/examples/{name}", (string name) =>
            {
                var found = BundledScenarios.Find(name);
                var bytes = found is null ? null : BundledScenarios.ReadFile(found.FileName);
                if (found is null || bytes is null)
                {
                    return ApiResults.NotFound($"There is no bundled scenario '{name}'.{Core.Text.DidYouMean.Hint(name, BundledScenarios.Names)}");
                }

                var read = BundledScenarios.Load(found.Name);
                var format = read.Value is { } source ? ScenarioFormats.Name(ScenarioFormats.Stored(source.Format)) : "yaml";
                return TypedResults.Ok(new ExampleContentDto(found.Name, found.Title, format, System.Text.Encoding.UTF8.GetString(bytes)));
            })
            .WithSummary("The text of a bundled scenario (to save it as a scenario of your own).")
            .Produces<ExampleContentDto>()
            .Produces<ProblemDto>(StatusCodes.Status404NotFound);
    }
}

/// <summary>The server's version.</summary>
/// <param name="ParleyVersion">Parley's release version.</param>
/// <param name="Commit">The commit it was built from, when known.</param>
/// <param name="SchemaVersion">The database's schema version.</param>
public sealed record VersionDto(string ParleyVersion, string? Commit, int SchemaVersion);

/// <summary>The models and their parameters.</summary>
/// <param name="Models">Every model.</param>
/// <param name="Parameters">The parameters a run may set.</param>
public sealed record ModelsDto(IReadOnlyList<ModelDto> Models, IReadOnlyList<ParameterDto> Parameters);

/// <summary>A model.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Description">What it is.</param>
/// <param name="Source">Where it is published.</param>
/// <param name="Iterative">True when it moves positions round by round.</param>
/// <param name="JointIssues">True when it runs all issues together.</param>
/// <param name="Default">True when it runs when no model is named.</param>
public sealed record ModelDto(string Name, string Description, string Source, bool Iterative, bool JointIssues, bool Default);

/// <summary>A model parameter.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Models">The models it applies to.</param>
/// <param name="Description">What it does.</param>
public sealed record ParameterDto(string Name, string Models, string Description);

/// <summary>A bundled scenario.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Title">Its title.</param>
/// <param name="Actors">Actors.</param>
/// <param name="Issues">Issues.</param>
public sealed record ExampleDto(string Name, string Title, int Actors, int Issues);

/// <summary>The text of a bundled scenario.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Title">Its title.</param>
/// <param name="Format">The format of the text.</param>
/// <param name="Content">The text.</param>
public sealed record ExampleContentDto(string Name, string Title, string Format, string Content);
