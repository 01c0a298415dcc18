using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Formats;

namespace Parley.Cli.Commands;

/// <summary>Reads a scenario file for a command, reporting every diagnostic on stderr.</summary>
internal static class ScenarioInput
{
    /// <summary>The scenario, or null (diagnostics already written) when the file is invalid.</summary>
    public static Scenario? Read(string path, CliContext context, List<string> notes)
    {
        var result = ScenarioFiles.Read(path);
        context.Report(result.Diagnostics);
        notes.AddRange(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Info).Select(d => d.Message));
        if (!result.Succeeded)
        {
            var errors = result.Errors.Count();
            context.Error.WriteLine($"{path}: {errors} error{(errors == 1 ? string.Empty : "s")}; nothing was run.");
            return null;
        }

        return result.Value;
    }
}
