using System.CommandLine;
using Parley.Core.Diagnostics;
using Parley.Formats;

namespace Parley.Cli.Commands;

/// <summary>Reads a scenario file for a command, reporting every diagnostic on stderr.</summary>
internal static class ScenarioInput
{
    /// <summary>The <c>--input-format</c> option: forces how a file is read (a .csv is otherwise recognised by its content).</summary>
    public static Option<string> FormatOption()
    {
        var option = new Option<string>("--input-format")
        {
            Description = "How to read the file: auto (by extension and content), yaml, json, classic-csv, ktab-csv, ktab-xml or exchange-csv.",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong([.. ScenarioFormatNames.All]);
        return option;
    }

    /// <summary>
    /// The scenario and what else the file sets, or null (diagnostics already written) when the file
    /// is invalid. When no file <paramref name="path"/> exists, a bundled scenario of that name is
    /// read instead (<c>parley forecast korea-2018</c>); see <see cref="ScenarioFiles.LoadFileOrBundled"/>.
    /// The file's notes go to <paramref name="notes"/> for the command's output, and to stderr too unless
    /// <paramref name="notesShownOnTerminal"/> (the output with its notes goes to the terminal already).
    /// </summary>
    public static ScenarioSource? Load(string path, string formatName, CliContext context, List<string> notes, bool notesShownOnTerminal = false)
    {
        var result = ScenarioFiles.LoadFileOrBundled(path, ScenarioFormatNames.Parse(formatName)!.Value);
        context.Report(notesShownOnTerminal ? result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info) : result.Diagnostics);
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
