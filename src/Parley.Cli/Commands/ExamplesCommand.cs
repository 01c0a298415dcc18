using System.CommandLine;
using System.Text;
using Parley.Core.Text;
using Parley.Formats.Bundled;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley examples [NAME]</c>: lists the bundled scenarios, or prints one to start a scenario of your own from.</summary>
internal static class ExamplesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var name = new Argument<string?>("name")
        {
            Description = "A bundled scenario to print (YAML), e.g. to copy: parley examples korea-2018 > mine.yaml. Left out: list them.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("examples", "List the scenarios bundled with Parley (run one with 'parley forecast NAME'), or print one.") { name };
        command.SetAction(parse => parse.GetValue(name) is { } given ? Print(given, context) : List(context));
        return command;
    }

    private static int List(CliContext context)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("name", "title", "actors × issues");
        foreach (var s in BundledScenarios.All)
        {
            table.AddRow(Markup.Escape(s.Name), Markup.Escape(s.Title), $"{s.ActorCount} × {s.IssueCount}");
        }

        CliContext.ConsoleFor(context.Out, ansi: false).Write(table);
        context.Out.WriteLine("Run one with 'parley forecast NAME'; print it with 'parley examples NAME'.");
        return ExitCodes.Success;
    }

    private static int Print(string given, CliContext context)
    {
        if (BundledScenarios.Find(given) is not { } scenario)
        {
            return context.UsageError(
                $"there is no bundled scenario '{given}'.{DidYouMean.Hint(given, BundledScenarios.Names)} Bundled: {string.Join(", ", BundledScenarios.Names)}.");
        }

        context.Out.Write(Encoding.UTF8.GetString(BundledScenarios.ReadFile(scenario.FileName)!));
        return ExitCodes.Success;
    }
}
