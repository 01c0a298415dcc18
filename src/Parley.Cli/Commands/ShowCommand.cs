using System.CommandLine;
using System.Globalization;
using Parley.Cli.Output;
using Parley.Reports;
using Parley.Storage.Runs;

namespace Parley.Cli.Commands;

/// <summary><c>parley show RUN</c>: one run of the history — what was asked, its timings, and its forecasts as <c>parley forecast</c> prints them.</summary>
internal static class ShowCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var run = new Argument<long>("run") { Description = "The run's number (see 'parley history')." };
        var db = HistoryDatabase.Option();
        var format = new Option<string>("--format", "-f") { Description = "table (the summary of 'parley forecast'), or json (the stored result, as 'parley forecast --format json' writes it).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var paths = new Option<bool>("--paths") { Description = "Also show every iterative model's positions round by round." };
        var command = new Command("show", "Print one run of the run history: what was run, when, and its forecasts.") { run, db, format, paths };
        command.SetAction(parse =>
        {
            var store = HistoryDatabase.Open(HistoryDatabase.PathOf(parse.GetValue(db)), context, mustExist: true, out var code);
            if (store is null)
            {
                return code;
            }

            var id = parse.GetValue(run);
            var record = store.Runs.Get(id);
            if (record is null)
            {
                context.Error.WriteLine($"error: There is no run {id} in {store.Path}; 'parley history' lists them.");
                return ExitCodes.InvalidInput;
            }

            var json = store.Runs.Result(id);
            if (parse.GetValue(format) == "json")
            {
                if (json is null)
                {
                    context.Error.WriteLine($"error: Run {id} has no result: it is {record.Status.Name()}.");
                    return ExitCodes.InvalidInput;
                }

                // Stored compact; printed as 'parley forecast --format json' prints it.
                context.Out.Write(ReportJson.Read(json) is { } stored ? Formats.Results.ForecastReportWriter.ToJson(stored) : json);
                return ExitCodes.Success;
            }

            var s = record.Spec;
            var title = store.Scenarios.Version(s.ScenarioId, s.ScenarioVersion)?.Title ?? "?";
            context.Out.WriteLine($"Run {id}: {record.Status.Name()} — scenario {s.ScenarioId} version {s.ScenarioVersion} ('{title}')");
            context.Out.WriteLine($"Asked {Time(record.CreatedAt)}; started {Time(record.StartedAt)}; ended {Time(record.FinishedAt)}; ran {(record.RunMilliseconds is { } ms ? ms.ToString("0", CultureInfo.InvariantCulture) + " ms" : "-")}; Parley {record.ParleyVersion}.");
            context.Out.WriteLine($"Models {string.Join(", ", s.Models)}; {s.Draws} draws; seed {s.Seed}{(s.Rounds is { } r ? $"; {r} rounds" : string.Empty)}{(s.Parameters.Count > 0 ? "; parameters " + string.Join(" ", s.Parameters) : string.Empty)}{(s.Drivers ? string.Empty : "; no drivers")}.");
            if (s.WhatIf.Count > 0)
            {
                context.Out.WriteLine($"What if: {string.Join(", ", s.WhatIf)}.");
            }

            if (record.Error is not null)
            {
                context.Out.WriteLine($"Error: {record.Error}");
            }

            if (json is not null && ReportJson.Read(json) is { } report)
            {
                context.Out.WriteLine();
                context.Out.Write(ForecastTables.Render(report, parse.GetValue(paths)));
            }

            return record.Status == RunStatus.Succeeded ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }

    private static string Time(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "-";
}
