using System.Reflection;
using Parley.Core.Diagnostics;
using Parley.Core.Text;

namespace Parley.Formats.Bundled;

/// <summary>
/// The scenarios that ship inside Parley: every file of the repository's <c>scenarios/</c> folder is
/// embedded in this assembly. A file whose name has one extension (<c>korea-2018.yaml</c>) is a
/// scenario, run by its name (<c>korea-2018</c>); a file with a longer suffix
/// (<c>korea-2018.outcomes.yaml</c>) is a companion, reachable through <see cref="ReadFile"/>.
/// </summary>
public static class BundledScenarios
{
    private const string ResourcePrefix = "scenarios/";
    private static readonly Assembly s_assembly = typeof(BundledScenarios).Assembly;
    private static readonly string[] s_scenarioExtensions = [".yaml", ".yml", ".json"];

    private static readonly Lazy<IReadOnlyList<string>> s_fileNames = new(() =>
        [.. s_assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal)]);

    private static readonly Lazy<IReadOnlyList<BundledScenario>> s_all = new(() =>
        [.. FileNames.Where(IsScenarioFile).Select(Describe)]);

    /// <summary>Every bundled file name (scenarios and their companions), in ordinal order.</summary>
    public static IReadOnlyList<string> FileNames => s_fileNames.Value;

    /// <summary>Every bundled scenario with its title and size, by name.</summary>
    public static IReadOnlyList<BundledScenario> All => s_all.Value;

    /// <summary>The names the scenarios are run by.</summary>
    public static IEnumerable<string> Names => All.Select(s => s.Name);

    /// <summary>
    /// The bundled scenario called <paramref name="name"/> (case-insensitive, with or without its
    /// extension), or null. A name with a directory part never matches: that is a path.
    /// </summary>
    public static BundledScenario? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        return All.FirstOrDefault(s =>
            string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(s.FileName, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The bytes of the bundled file <paramref name="fileName"/> (e.g. <c>korea-2018.outcomes.yaml</c>), or null when there is none.</summary>
    public static byte[]? ReadFile(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        using var stream = s_assembly.GetManifestResourceStream(ResourcePrefix + fileName);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// Reads the bundled scenario <paramref name="name"/>; diagnostics are located in
    /// <c>scenarios/FILE</c>. An unknown name is an error with a "did you mean" and the list of names.
    /// </summary>
    public static ReadResult<ScenarioSource> Load(string name, ScenarioFormat format = ScenarioFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Find(name) is not { } scenario)
        {
            return ReadResult<ScenarioSource>.Failure(Diagnostic.Error(
                $"There is no bundled scenario '{name}'.{DidYouMean.Hint(WithoutScenarioExtension(name), Names)}",
                expected: "one of: " + string.Join(", ", Names)));
        }

        return ScenarioFiles.ParseSource(ReadFile(scenario.FileName)!, ResourcePrefix + scenario.FileName, format);
    }

    /// <summary><paramref name="name"/> without a trailing .yaml, .yml or .json.</summary>
    internal static string WithoutScenarioExtension(string name) =>
        s_scenarioExtensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) is { } extension
            ? name[..^extension.Length]
            : name;

    private static bool IsScenarioFile(string fileName) =>
        s_scenarioExtensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase)) &&
        !Path.GetFileNameWithoutExtension(fileName).Contains('.', StringComparison.Ordinal);

    private static BundledScenario Describe(string fileName)
    {
        var read = ScenarioFiles.ParseSource(ReadFile(fileName)!, ResourcePrefix + fileName);
        if (!read.Succeeded)
        {
            // The test suite reads every bundled scenario; an invalid one is a build that should not have shipped.
            throw new InvalidOperationException($"The bundled scenario {fileName} is invalid: {string.Join("; ", read.Errors)}");
        }

        var scenario = read.Value!.Scenario;
        return new BundledScenario(Path.GetFileNameWithoutExtension(fileName), fileName, scenario.Title, scenario.Actors.Count, scenario.Issues.Count);
    }
}
