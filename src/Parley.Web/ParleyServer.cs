using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Parley.Storage;
using Parley.Web.Api;
using Parley.Web.Hosting;
using Parley.Web.Runs;

namespace Parley.Web;

/// <summary>
/// Builds Parley's web server: the REST API over the run layer and the run history, the
/// dashboard's files, the OpenAPI document at <c>/openapi/v1.json</c>, request size and time
/// limits, and the background run workers. <c>parley serve</c> and <see cref="Program"/> both build it here.
/// </summary>
public static class ParleyServer
{
    /// <summary>The configuration section the server's options are read from when none are given (e.g. <c>--Parley:Database=FILE</c>).</summary>
    public const string Section = "Parley";

    /// <summary>
    /// A server for <paramref name="options"/> on the already opened <paramref name="store"/>,
    /// listening on <see cref="ServerOptions.Host"/> and <see cref="ServerOptions.Port"/>.
    /// </summary>
    public static WebApplication Create(ServerOptions options, ParleyStore store, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(ParleyServer).Assembly.GetName().Name });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None); // a failed start is reported by the caller, in words
        builder.WebHost.ConfigureKestrel(k => k.Listen(ParseHost(options.Host), options.Port));
        Configure(builder, options, store);
        var app = builder.Build();
        Map(app);
        return app;
    }

    /// <summary>
    /// Adds Parley's services to <paramref name="builder"/>. Without <paramref name="options"/> they
    /// are read from the <see cref="Section"/> configuration section when first needed (so that a test
    /// host's settings apply); without <paramref name="store"/> the database is opened from them.
    /// </summary>
    public static void Configure(WebApplicationBuilder builder, ServerOptions? options = null, ParleyStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (options is not null)
        {
            services.AddSingleton(options);
        }
        else
        {
            services.AddSingleton(sp => FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        }

        if (store is not null)
        {
            services.AddSingleton(store);
        }
        else
        {
            services.AddSingleton(sp => OpenStore(sp.GetRequiredService<ServerOptions>().Database));
        }

        services.AddOptions<KestrelServerOptions>().Configure<ServerOptions>((kestrel, o) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = o.MaxRequestBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            kestrel.Limits.MaxConcurrentConnections = 1000;
        });
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<ServerOptions>((timeouts, o) =>
            timeouts.DefaultPolicy = new RequestTimeoutPolicy { Timeout = o.RequestTimeout + o.RunWait, TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable });
        services.ConfigureHttpJsonOptions(json => Json(json.SerializerOptions));
        services.AddOpenApi("v1", openapi => openapi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Parley";
            document.Info.Version = Core.ParleyVersion.Current;
            document.Info.Description = "Parley's REST API: versioned scenarios, runs of the bargaining models in the background with progress, results in the shape of 'parley forecast --format json', advice for an actor and why each actor moved (the JSON of 'parley advise' and 'parley explain'), and HTML reports.";
            return Task.CompletedTask;
        }));

        services.AddSingleton<ServerInstance>();
        services.AddSingleton<Scenarios.ScenarioCache>();
        services.AddSingleton(new Core.Run.DrawCache());
        services.AddSingleton<Analysis.AnalysisGate>();
        services.AddSingleton<Analysis.AdviceJobs>();
        services.AddSingleton(sp => new RunQueue(sp.GetRequiredService<ServerOptions>().MaxQueuedRuns));
        services.AddHostedService<ServerHeartbeat>();
        services.AddHostedService<RunWorkers>();
    }

    /// <summary>Maps the pipeline and every endpoint onto <paramref name="app"/>.</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ErrorResponses>();
        app.UseRequestTimeouts();
        var root = new EmbeddedWebRoot(typeof(ParleyServer).Assembly);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = root });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = root,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        ScenarioEndpoints.Map(app);
        RunEndpoints.Map(app);
        ReportEndpoints.Map(app);
        CatalogEndpoints.Map(app);
        AnalysisEndpoints.Map(app);
        // An unknown API path read by a GET gets a problem in words; other methods keep routing's own 404, 405 and 415.
        app.MapGet("/api/{**rest}", (HttpContext context) => ApiResults.NotFound($"No endpoint GET {context.Request.Path} (see /openapi/v1.json)."))
            .ExcludeFromDescription()
            .Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MaxValue);
    }

    /// <summary>The JSON settings of the API: snake_case names, enums as text, no nulls written.</summary>
    public static JsonSerializerOptions Json(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }

    /// <summary>Opens the database, or fails the server's start with the reason.</summary>
    private static ParleyStore OpenStore(string path)
    {
        var opened = ParleyStore.Open(path);
        return opened.Succeeded ? opened.Value! : throw new InvalidOperationException(string.Join(Environment.NewLine, opened.Diagnostics));
    }

    private static ServerOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new ServerOptions();
        return options with
        {
            Database = section["Database"] is { Length: > 0 } db ? db : options.Database,
            MaxConcurrentRuns = section.GetValue("MaxConcurrentRuns", options.MaxConcurrentRuns),
            MaxQueuedRuns = section.GetValue("MaxQueuedRuns", options.MaxQueuedRuns),
            MaxRequestBytes = section.GetValue("MaxRequestBytes", options.MaxRequestBytes),
            MaxDraws = section.GetValue("MaxDraws", options.MaxDraws),
            RunWait = section.GetValue("RunWaitSeconds", options.RunWait.TotalSeconds) is var w ? TimeSpan.FromSeconds(w) : options.RunWait,
        };
    }

    private static IPAddress ParseHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(host.Trim('[', ']'));
}
