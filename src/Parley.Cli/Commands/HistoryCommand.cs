using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Parley.Storage.Runs;
using Parley.Web.Api;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley history</c>: the runs kept in the run history, newest first.</summary>
internal static class HistoryCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var db = HistoryDatabase.Option();
        var scenario = new Option<long?>("--scenario") { Description = "Only the runs of this scenario (its id)." };
        var limit = new Option<int>("--limit", "-n") { Description = "How many runs to list (newest first).", DefaultValueFactory = _ => 50 };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("history", "List the runs in the run history (the file 'parley serve' keeps): what was run, with which models, seed and draws, and how it ended.") { db, scenario, limit, format };
        command.SetAction(parse =>
        {
            if (parse.GetValue(limit) is var n && n < 1)
            {
                return context.UsageError($"--limit must be at least 1, not {n}.");
            }

            var store = HistoryDatabase.Open(HistoryDatabase.PathOf(parse.GetValue(db)), context, mustExist: true, out var code);
            if (store is null)
            {
                return code;
            }

            var titles = store.Scenarios.List().ToDictionary(s => s.Id, s => s.Title);
            var runs = store.Runs.List(n, parse.GetValue(scenario));
            if (parse.GetValue(format) == "json")
            {
                var dtos = runs.Select(r => RunDto.Of(r, titles.GetValueOrDefault(r.Spec.ScenarioId), null, null)).ToList();
                context.Out.WriteLine(JsonSerializer.Serialize(dtos, Web.ParleyServer.Json(new JsonSerializerOptions { WriteIndented = true })));
                return ExitCodes.Success;
            }

            if (runs.Count == 0)
            {
                context.Out.WriteLine("No runs yet.");
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in new[] { "Run", "When (UTC)", "Scenario", "Models", "Draws", "Seed", "What if", "Status", "Time" })
            {
                table.AddColumn(column);
            }

            foreach (var r in runs)
            {
                var title = titles.GetValueOrDefault(r.Spec.ScenarioId) ?? "?";
                table.AddRow(
                    r.Id.ToString(CultureInfo.InvariantCulture),
                    r.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    Markup.Escape($"{r.Spec.ScenarioId} v{r.Spec.ScenarioVersion} {Shorten(title, 30)}"),
                    Markup.Escape(string.Join(",", r.Spec.Models)),
                    r.Spec.Draws.ToString(CultureInfo.InvariantCulture),
                    r.Spec.Seed.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(" ", r.Spec.WhatIf)),
                    r.Status.Name(),
                    r.RunMilliseconds is { } ms ? $"{ms.ToString("0", CultureInfo.InvariantCulture)} ms" : string.Empty);
            }

            var console = CliContext.ConsoleFor(context.Out, ansi: false);
            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
