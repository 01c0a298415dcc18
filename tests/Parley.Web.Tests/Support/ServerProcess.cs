using System.Diagnostics;

namespace Parley.Web.Tests.Support;

/// <summary>`parley serve` as a child process on a free loopback port; its first line of output is its URL.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _error = new();

    private ServerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        Client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Url { get; }

    public HttpClient Client { get; }

    public string FirstLine { get; private init; } = string.Empty;

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static ServerProcess Start(string database, params string[] extra)
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "parley.dll"), "serve", "--port", "0", "--db", database }.Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var first = process.StandardOutput.ReadLineAsync();
        if (!first.Wait(TimeSpan.FromSeconds(60)) || first.Result is null)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("parley serve printed no URL within a minute: " + process.StandardError.ReadToEnd());
        }

        var server = new ServerProcess(process, new Uri(first.Result)) { FirstLine = first.Result };
        process.ErrorDataReceived += (_, e) => { lock (server._error) { server._error.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        return server;
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>SIGKILL: the process ends at once, whatever it is doing.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit(30_000);
    }

    public bool HasExited => _process.HasExited;

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(30_000);
        }

        _process.Dispose();
    }
}
