using System.CommandLine;
using Parley.Core.Models;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley models</c>: lists every model with its description and source.</summary>
internal static class ModelsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("models", "List the models with their description and source.");
        command.SetAction(_ =>
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns("model", "default", "description", "source");
            foreach (var m in ModelCatalog.All)
            {
                table.AddRow(
                    Markup.Escape(m.Name),
                    ModelCatalog.Defaults.Contains(m) ? "yes" : "",
                    Markup.Escape(m.Description),
                    Markup.Escape(m.Source));
            }

            var console = CliContext.ConsoleFor(context.Out, ansi: false);
            console.Write(table);
            var parameters = new Table().Border(TableBorder.Simple).Title("Parameters (--param NAME=VALUE)").AddColumns("parameter", "model", "description");
            foreach (var (name, models, description) in ModelParameters.Known)
            {
                parameters.AddRow(Markup.Escape(name), Markup.Escape(models), Markup.Escape(description));
            }

            console.Write(parameters);
            return ExitCodes.Success;
        });
        return command;
    }
}
