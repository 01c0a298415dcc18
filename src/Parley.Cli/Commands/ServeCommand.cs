using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Web;
using Parley.Web.Hosting;

namespace Parley.Cli.Commands;

/// <summary><c>parley serve</c>: the dashboard and the REST API, with the run history in SQLite; the first line of output is the URL.</summary>
internal static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = $"The port to listen on (0 for any free port).", DefaultValueFactory = _ => ServerOptions.DefaultPort };
        var host = new Option<string>("--host") { Description = "The address to listen on; only this machine can connect to the default. Any other address is reachable from the network, and Parley has no log-in.", DefaultValueFactory = _ => "127.0.0.1" };
        var db = HistoryDatabase.Option();
        var command = new Command("serve", "Serve the dashboard (scenario editor, runs, charts, what-ifs, history, reports) and the REST API on this machine.") { port, host, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var address = parse.GetValue(host)!;
            if (!HostAddress.IsValid(address))
            {
                return context.UsageError($"--host must be an IP address or 'localhost', not '{address}'.");
            }

            if (parse.GetValue(port) is var p && (p < 0 || p > 65535))
            {
                return context.UsageError($"--port must be between 0 and 65535, not {p}.");
            }

            var path = HistoryDatabase.PathOf(parse.GetValue(db));
            var store = HistoryDatabase.Open(path, context, mustExist: false, out var code);
            if (store is null)
            {
                return code;
            }

            var options = new ServerOptions { Host = address, Port = p, Database = path };
            await using var app = ParleyServer.Create(options, store);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                // Kestrel's bind failures (the port is taken, or not ours to take) are IOExceptions.
                var why = e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException ? "the port is in use" : e.InnerException?.Message ?? e.Message;
                return context.UsageError($"Cannot listen on {address}:{p}: {why}. Choose another port with --port (0 for any free one).");
            }

            var bound = BoundPort(app) ?? p;
            context.Out.WriteLine(options.Url(bound));
            context.Out.WriteLine($"Parley {Core.ParleyVersion.Current}: the dashboard at that address, the API under /api (described at /openapi/v1.json); run history in {path}. Ctrl+C stops.");
            context.Out.Flush();
            if (Warning(options) is { } warning)
            {
                context.Error.WriteLine(warning);
            }

            try
            {
                await app.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the normal way to stop.
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The warning for a server that listens beyond this machine; null for a loopback address.</summary>
    public static string? Warning(ServerOptions options) => options.IsLoopback
        ? null
        : $"warning: listening on {options.Host}, which other machines can reach. Parley has no log-in: anyone who can connect can read, change and run your scenarios. Use --host 127.0.0.1 to keep it to this machine.";

    private static int? BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault();
        return first is not null && Uri.TryCreate(first, UriKind.Absolute, out var uri) ? uri.Port : null;
    }
}
