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

            CliContext.ConsoleFor(context.Out, ansi: false).Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
