using System.CommandLine;

namespace Parley.Cli.Commands;

/// <summary><c>parley validate FILE</c>: checks a scenario and reports every problem with its location.</summary>
internal static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file: .yaml, .json, .csv or KTAB .xml; or the name of a bundled scenario (see 'parley examples')." };
        var inputFormat = ScenarioInput.FormatOption();
        var command = new Command("validate", "Check a scenario file and list every problem with file, line, column, actor and issue.") { file, inputFormat };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var source = ScenarioInput.Load(path, parse.GetValue(inputFormat)!, context, []);
            if (source is null)
            {
                return ExitCodes.InvalidInput;
            }

            var scenario = source.Scenario;
            context.Out.WriteLine($"{path}: valid — '{scenario.Title}', {scenario.Actors.Count} actors, {scenario.Issues.Count} issues, {scenario.Stances.Count} stances.");
            return ExitCodes.Success;
        });
        return command;
    }
}
