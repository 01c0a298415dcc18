using System.CommandLine;
using Parley.Storage;
using Parley.Web;

namespace Parley.Cli.Commands;

/// <summary>The <c>--db FILE</c> option of the commands that read or keep the run history, and opening the file.</summary>
internal static class HistoryDatabase
{
    /// <summary>A new <c>--db</c> option.</summary>
    public static Option<string?> Option() => new("--db")
    {
        Description = $"The run history's SQLite file (default: {DefaultDatabase.Path}).",
    };

    /// <summary>The file <paramref name="given"/> names, or the default one.</summary>
    public static string PathOf(string? given) => string.IsNullOrWhiteSpace(given) ? DefaultDatabase.Path : given;

    /// <summary>
    /// Opens the history at <paramref name="path"/>; null (diagnostics written, exit 3) when it cannot.
    /// With <paramref name="mustExist"/>, a missing file is an error rather than a new, empty history.
    /// </summary>
    public static ParleyStore? Open(string path, CliContext context, bool mustExist, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        if (mustExist && !File.Exists(path))
        {
            context.Error.WriteLine($"{path}: error: No run history here; 'parley serve' keeps one (--db chooses the file).");
            exitCode = ExitCodes.InvalidInput;
            return null;
        }

        var opened = ParleyStore.Open(path);
        if (!opened.Succeeded)
        {
            context.Report(opened.Diagnostics);
            exitCode = ExitCodes.InvalidInput;
            return null;
        }

        return opened.Value;
    }
}
