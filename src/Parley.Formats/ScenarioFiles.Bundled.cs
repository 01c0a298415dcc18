using Parley.Core.Diagnostics;
using Parley.Core.Text;
using Parley.Formats.Bundled;

namespace Parley.Formats;

/// <summary>Reading a file or, when there is no such file, a bundled scenario of that name.</summary>
public static partial class ScenarioFiles
{
    /// <summary>
    /// Reads the file at <paramref name="pathOrName"/>; when no such file exists and it is the name
    /// of a bundled scenario (<see cref="BundledScenarios"/>, e.g. <c>korea-2018</c>), reads that,
    /// with a note saying so. When neither exists, the "file not found" error suggests the nearest
    /// file beside it or bundled name. Never throws for bad input.
    /// </summary>
    public static ReadResult<ScenarioSource> LoadFileOrBundled(string pathOrName, ScenarioFormat format = ScenarioFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(pathOrName);
        if (File.Exists(pathOrName) || Directory.Exists(pathOrName))
        {
            return Load(pathOrName, format);
        }

        if (BundledScenarios.Find(pathOrName) is { } bundled)
        {
            var read = BundledScenarios.Load(bundled.Name, format);
            var note = Diagnostic.Info($"No file '{pathOrName}' here: read the bundled scenario '{bundled.Name}' ({bundled.Title}).");
            return read with { Diagnostics = [note, .. read.Diagnostics] };
        }

        var hint = NearestFile(pathOrName) is { } file
            ? $" Did you mean '{file}'?"
            : DidYouMean.Suggest(BundledScenarios.WithoutScenarioExtension(Path.GetFileName(pathOrName)), BundledScenarios.Names) is { } name
                ? $" Did you mean the bundled scenario '{name}'?"
                : string.Empty;
        return ReadResult<ScenarioSource>.Failure(Diagnostic.Error(
            "File not found." + hint,
            new SourceLocation(pathOrName),
            expected: $"the path of a .yaml, .json, .csv or KTAB .xml scenario file, or the name of a bundled scenario ({string.Join(", ", BundledScenarios.Names)})"));
    }

    /// <summary>The path of the file beside <paramref name="path"/> whose name is nearest to it, when close enough to be a typo.</summary>
    private static string? NearestFile(string path)
    {
        try
        {
            var directory = Path.GetDirectoryName(path);
            var folder = string.IsNullOrEmpty(directory) ? "." : directory;
            if (!Directory.Exists(folder))
            {
                return null;
            }

            var names = Directory.EnumerateFiles(folder).Take(10_000).Select(Path.GetFileName).OfType<string>();
            return DidYouMean.Suggest(Path.GetFileName(path), names) is { } name
                ? string.IsNullOrEmpty(directory) ? name : Path.Combine(directory, name)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
