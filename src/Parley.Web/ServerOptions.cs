using Parley.Core.Run;

namespace Parley.Web;

/// <summary>How a Parley server is set up: where it listens, which database it keeps, and its limits.</summary>
public sealed record ServerOptions
{
    /// <summary>The port <c>parley serve</c> listens on unless told otherwise.</summary>
    public const int DefaultPort = 5117;

    /// <summary>The address listened on: loopback unless the user says otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 for any free port.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The SQLite file of the run history.</summary>
    public string Database { get; init; } = DefaultDatabase.Path;

    /// <summary>The largest request body accepted, in bytes (a scenario of thousands of actors fits).</summary>
    public long MaxRequestBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>How long an ordinary request may take before it is cut off.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a request that waits for its run (<c>?wait=true</c>) waits before answering with the run still going.</summary>
    public TimeSpan RunWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs executed at the same time; the others wait in the queue.</summary>
    public int MaxConcurrentRuns { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Runs that may wait in the queue; beyond this a new run is refused (429) until some finish.</summary>
    public int MaxQueuedRuns { get; init; } = 1000;

    /// <summary>The most input draws one run from the web may ask for.</summary>
    public int MaxDraws { get; init; } = 100_000;

    /// <summary>Threads each run may use; null for every core. Results do not depend on it.</summary>
    public int? ThreadsPerRun { get; init; }

    /// <summary>True when <see cref="Host"/> is a loopback address (only this machine can connect).</summary>
    public bool IsLoopback => Hosting.HostAddress.IsLoopback(Host);

    /// <summary>The URL to open in a browser.</summary>
    public string Url(int port) => $"http://{Hosting.HostAddress.ForUrl(Host)}:{port}/";

    /// <summary>The most draws a run may ask for here.</summary>
    internal int DrawLimit => Math.Min(MaxDraws, ForecastRequest.MaxDraws);
}
