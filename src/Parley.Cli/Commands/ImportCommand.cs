using System.CommandLine;
using Parley.Formats;
using Parley.Formats.Ktab;

namespace Parley.Cli.Commands;

/// <summary><c>parley import FILE --out FILE.yaml</c>: converts a KTAB scenario (CSV or XML) or any readable scenario to Parley's YAML or JSON.</summary>
internal static class ImportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("scenario") { Description = "Scenario to convert: a KTAB .csv or .xml file, or any scenario Parley reads." };
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file (.yaml/.yml or .json); standard output (YAML) when left out." };
        var from = new Option<string>("--from") { Description = "Input format: auto (by extension and content), ktab-csv, ktab-xml or parley.", DefaultValueFactory = _ => "auto" };
        from.AcceptOnlyFromAmong("auto", "ktab-csv", "ktab-xml", "parley");
        var command = new Command("import", "Convert a KTAB scenario file (CSV or XML) into a Parley scenario (YAML or JSON).") { file, output, from };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var outPath = parse.GetValue(output);
            var json = outPath is not null && string.Equals(Path.GetExtension(outPath), ".json", StringComparison.OrdinalIgnoreCase);
            if (outPath is not null && !json && Path.GetExtension(outPath).ToLowerInvariant() is not (".yaml" or ".yml"))
            {
                return context.UsageError($"--out must end in .yaml, .yml or .json, not '{Path.GetExtension(outPath)}'.");
            }

            var kind = parse.GetValue(from)!;
            if (kind == "auto")
            {
                kind = Detect(path);
            }

            Parley.Core.Scenarios.Scenario? scenario;
            IReadOnlyDictionary<string, string> parameters = new Dictionary<string, string>();
            ulong? seed = null;
            if (kind == "parley")
            {
                scenario = ScenarioInput.Read(path, context, []);
            }
            else
            {
                var result = kind == "ktab-xml" ? KtabXmlReader.ReadFile(path) : KtabCsvReader.ReadFile(path);
                context.Report(result.Diagnostics);
                if (!result.Succeeded)
                {
                    var errors = result.Errors.Count();
                    context.Error.WriteLine($"{path}: {errors} error{(errors == 1 ? string.Empty : "s")}; nothing was written.");
                    return ExitCodes.InvalidInput;
                }

                scenario = result.Value!.Scenario;
                parameters = result.Value.Parameters;
                seed = result.Value.Seed;
            }

            if (scenario is null)
            {
                return ExitCodes.InvalidInput;
            }

            if (parameters.Count > 0 || seed is not null)
            {
                var list = string.Join(" ", parameters.Select(p => $"{p.Key}={p.Value}"));
                context.Error.WriteLine($"note: the file sets ktab-smp model parameters that a scenario file does not hold: {(list.Length > 0 ? list : "(none)")}{(seed is { } s ? $"; seed {s}" : string.Empty)}.");
            }

            var text = json ? ScenarioWriter.ToJson(scenario) : ScenarioWriter.ToYaml(scenario);
            return Output.OutputFile.Write(outPath, text, context);
        });
        return command;
    }

    /// <summary>KTAB XML by extension; KTAB CSV when the content looks like one; anything else through the generic reader.</summary>
    private static string Detect(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".xml")
        {
            return "ktab-xml";
        }

        if (extension == ".csv" && File.Exists(path))
        {
            try
            {
                using var reader = new StreamReader(path);
                var head = new char[64 * 1024];
                var count = reader.ReadBlock(head, 0, head.Length);
                return KtabCsvReader.LooksLikeKtabCsv(new string(head, 0, count)) ? "ktab-csv" : "parley";
            }
            catch (IOException)
            {
                return "parley";
            }
        }

        return "parley";
    }
}
