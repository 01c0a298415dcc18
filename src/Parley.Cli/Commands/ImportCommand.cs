using System.CommandLine;
using Parley.Formats;

namespace Parley.Cli.Commands;

/// <summary><c>parley import FILE --out FILE.yaml</c>: converts a KTAB scenario (CSV or XML) or any readable scenario to Parley's YAML or JSON.</summary>
internal static class ImportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("scenario") { Description = "Scenario to convert: a KTAB .csv or .xml file, or any scenario Parley reads (a bundled one by name, too)." };
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file (.yaml/.yml or .json); standard output (YAML) when left out." };
        var inputFormat = ScenarioInput.FormatOption();
        var command = new Command("import", "Convert a KTAB scenario file (CSV or XML) into a Parley scenario (YAML or JSON).") { file, output, inputFormat };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var outPath = parse.GetValue(output);
            var json = outPath is not null && string.Equals(Path.GetExtension(outPath), ".json", StringComparison.OrdinalIgnoreCase);
            if (outPath is not null && !json && Path.GetExtension(outPath).ToLowerInvariant() is not (".yaml" or ".yml"))
            {
                return context.UsageError($"--out must end in .yaml, .yml or .json, not '{Path.GetExtension(outPath)}'.");
            }

            if (Output.OutputFile.Problem([(outPath, "--out")], [path]) is { } outProblem)
            {
                return context.UsageError(outProblem);
            }

            var source = ScenarioInput.Load(path, parse.GetValue(inputFormat)!, context, []);
            if (source is null)
            {
                return ExitCodes.InvalidInput;
            }

            if (source.ModelParameters.Count > 0 || source.Seed is not null)
            {
                var list = string.Join(" ", source.ModelParameters.Select(p => $"{p.Key}={p.Value}"));
                context.Error.WriteLine($"note: the file sets ktab-smp model parameters that a scenario file does not hold: {(list.Length > 0 ? list : "(none)")}{(source.Seed is { } s ? $"; seed {s}" : string.Empty)}.");
            }

            var text = json ? ScenarioWriter.ToJson(source.Scenario) : ScenarioWriter.ToYaml(source.Scenario);
            return Output.OutputFile.Write(outPath, text, context, [path]);
        });
        return command;
    }
}
